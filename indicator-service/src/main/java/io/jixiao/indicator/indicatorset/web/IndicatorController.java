package io.jixiao.indicator.indicatorset.web;

import io.jixiao.platform.text.Narrative;
import io.jixiao.platform.text.SingleLine;
import io.jixiao.contracts.access.Role;
import io.jixiao.platform.security.Allowed;
import io.jixiao.platform.security.Callers;
import io.jixiao.contracts.InvalidValueException;
import io.jixiao.contracts.ProjectYearId;
import io.jixiao.contracts.indicator.Actual;
import io.jixiao.contracts.indicator.ScoreKind;
import io.jixiao.contracts.indicator.Target;
import io.jixiao.indicator.indicatorset.BindToExecutionRate;
import io.jixiao.indicator.indicatorset.BudgetProjects;
import io.jixiao.indicator.indicatorset.EvaluationTerms;
import io.jixiao.indicator.indicatorset.ProjectYearTerms;
import io.jixiao.indicator.indicatorset.ChangeTarget;
import io.jixiao.indicator.indicatorset.DefineIndicator;
import io.jixiao.indicator.indicatorset.FinaliseEvaluation;
import io.jixiao.contracts.indicator.IndicatorHeadings;
import io.jixiao.indicator.indicatorset.IndicatorSetHistory;
import io.jixiao.indicator.indicatorset.RecordActual;
import io.jixiao.indicator.indicatorset.ReportGoalAchievement;
import io.jixiao.indicator.indicatorset.ScoreIndicator;
import io.jixiao.indicator.indicatorset.SetAnnualGoal;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;

/** The goal, indicators, actuals and scores of a project-year, and the finalisation of its self-evaluation. */
@RestController
@RequestMapping("/projects/{projectId}")
class IndicatorController {

    private static final java.util.regex.Pattern DECIMAL = java.util.regex.Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,2})?");
    private static final BigDecimal HUNDRED = new BigDecimal("100");

    private final CommandGateway commands;
    private final BudgetProjects projects;
    private final ProjectYearTerms terms;
    private final IndicatorSetHistory history;
    private final Clock clock;

    IndicatorController(CommandGateway commands, BudgetProjects projects, ProjectYearTerms terms, IndicatorSetHistory history,
                        Clock clock) {
        this.commands = commands;
        this.projects = projects;
        this.terms = terms;
        this.history = history;
        this.clock = clock;
    }

    record DefineIndicatorRequest(
            @NotNull @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9_.-]{0,39}") String indicatorId,
            @NotNull String level1,
            @NotNull String level2,
            @NotBlank @Size(max = 200) @SingleLine String level3,
            @NotNull @Narrative String target,
            @NotNull String weight) {
    }

    record ChangeTargetRequest(@NotNull @Narrative String target, @NotBlank @Size(max = 1000) @Narrative String reason, LocalDate businessDate) {
    }

    record RecordActualRequest(@NotNull @Narrative String actual, LocalDate businessDate) {
    }

    record ScoreRequest(@NotNull String score, @Size(max = 4000) @Narrative String deviation, Boolean imported) {
    }

    record GoalRequest(@NotBlank @Size(max = 20000) @Narrative String text) {
    }

    record FinaliseRequest(String fundsWeight) {
    }

    @PostMapping("/indicators")
    @Allowed(value = Role.INDICATOR_EDITOR, action = "define-indicator")
    ResponseEntity<Map<String, String>> define(@PathVariable String projectId, @Valid @RequestBody DefineIndicatorRequest request) {
        String id = registered(projectId);
        String level1 = IndicatorHeadings.level1(request.level1());
        String level2 = IndicatorHeadings.level2(level1, request.level2());
        BigDecimal weight = decimal("weight", request.weight());
        commands.sendAndWait(new DefineIndicator(id, request.indicatorId(), level1, level2, request.level3().strip(),
                Target.parse(request.target()), weight));
        return ResponseEntity.created(URI.create("/projects/" + id + "/indicators/" + request.indicatorId()))
                .body(Map.of("projectId", id, "indicatorId", request.indicatorId(), "weight", weight.toPlainString()));
    }

    @PutMapping("/indicators/{indicatorId}/target")
    @Allowed(value = Role.INDICATOR_EDITOR, action = "change-target")
    Map<String, String> changeTarget(@PathVariable String projectId, @PathVariable String indicatorId,
                                     @Valid @RequestBody ChangeTargetRequest request) {
        String id = registered(projectId);
        Target target = Target.parse(request.target());
        commands.sendAndWait(new ChangeTarget(id, indicatorId, target, request.reason().strip(), dateOr(request.businessDate())));
        return Map.of("projectId", id, "indicatorId", indicatorId, "target", target.display());
    }

    @PutMapping("/indicators/{indicatorId}/actual")
    @Allowed(value = Role.INDICATOR_EDITOR, action = "record-actual")
    Map<String, String> recordActual(@PathVariable String projectId, @PathVariable String indicatorId,
                                     @Valid @RequestBody RecordActualRequest request) {
        String id = registered(projectId);
        Actual actual = Actual.parse(request.actual(), history.currentTarget(id, indicatorId));
        commands.sendAndWait(new RecordActual(id, indicatorId, actual, dateOr(request.businessDate())));
        return Map.of("projectId", id, "indicatorId", indicatorId, "actual", actual.display());
    }

    @PostMapping("/indicators/{indicatorId}/execution-rate-binding")
    @Allowed(value = Role.INDICATOR_EDITOR, action = "bind-execution-rate")
    Map<String, String> bind(@PathVariable String projectId, @PathVariable String indicatorId) {
        String id = registered(projectId);
        commands.sendAndWait(new BindToExecutionRate(id, indicatorId, LocalDate.now(clock)));
        return Map.of("projectId", id, "indicatorId", indicatorId, "actual", "当年预算执行率");
    }

    @PutMapping("/indicators/{indicatorId}/scores/self-assessed")
    @Allowed(value = Role.INDICATOR_EDITOR, action = "self-assess-score")
    Map<String, String> selfAssess(@PathVariable String projectId, @PathVariable String indicatorId,
                                   @Valid @RequestBody ScoreRequest request) {
        return score(projectId, indicatorId, ScoreKind.SELF_ASSESSED, request, Boolean.TRUE.equals(request.imported()));
    }

    @PutMapping("/indicators/{indicatorId}/scores/reviewed")
    @Allowed(value = Role.REVIEWER, action = "review-score")
    Map<String, String> review(@PathVariable String projectId, @PathVariable String indicatorId,
                               @Valid @RequestBody ScoreRequest request) {
        if (request.imported() != null) {
            throw new InvalidValueException("imported", "reviewed scores are never imported");
        }
        return score(projectId, indicatorId, ScoreKind.REVIEWED, request, false);
    }

    private Map<String, String> score(String projectId, String indicatorId, ScoreKind kind, ScoreRequest request, boolean imported) {
        String id = registered(projectId);
        BigDecimal score = decimal("score", request.score());
        EvaluationTerms evaluation = terms.of(id);
        commands.sendAndWait(new ScoreIndicator(id, indicatorId, kind, score,
                request.deviation() == null ? "" : request.deviation().strip(), imported, LocalDate.now(clock), evaluation));
        return Map.of("projectId", id, "indicatorId", indicatorId, "kind", kind.name(), "score", score.toPlainString());
    }

    @PutMapping("/goal")
    @Allowed(value = Role.INDICATOR_EDITOR, action = "set-goal")
    Map<String, String> setGoal(@PathVariable String projectId, @Valid @RequestBody GoalRequest request) {
        String id = registered(projectId);
        commands.sendAndWait(new SetAnnualGoal(id, request.text()));
        return Map.of("projectId", id);
    }

    @PutMapping("/goal/achievement")
    @Allowed(value = Role.INDICATOR_EDITOR, action = "report-goal-achievement")
    Map<String, String> reportGoal(@PathVariable String projectId, @Valid @RequestBody GoalRequest request) {
        String id = registered(projectId);
        commands.sendAndWait(new ReportGoalAchievement(id, request.text()));
        return Map.of("projectId", id);
    }

    @PostMapping("/finalisation")
    @Allowed(value = Role.INDICATOR_EDITOR, action = "finalise-evaluation")
    Map<String, Object> finalise(@PathVariable String projectId, @RequestBody(required = false) FinaliseRequest request) {
        String id = registered(projectId);
        BigDecimal fundsWeight = terms.of(id).fundsWeight();
        if (request != null && request.fundsWeight() != null && decimal("fundsWeight", request.fundsWeight()).compareTo(fundsWeight) != 0) {
            throw new io.jixiao.platform.domain.DomainException.RuleViolation("funds-weight-not-rule-set", "the funds weight of "
                    + id + " is its rule set's " + fundsWeight.toPlainString() + ", not " + request.fundsWeight());
        }
        commands.sendAndWait(new FinaliseEvaluation(id, fundsWeight, LocalDate.now(clock)));
        return Map.of("projectId", id, "finalised", true, "warnings", history.view(id, fundsWeight).checks().warnings());
    }

    /** The checks weigh the indicators against the funds weight of the project-year's rule set. */
    @GetMapping("/indicators")
    @Allowed(value = {Role.VIEWER, Role.AUDITOR, Role.INDICATOR_EDITOR, Role.REVIEWER, Role.BUDGET_EDITOR, Role.POSTER},
            action = "read-indicators")
    IndicatorSetHistory.View indicators(@PathVariable String projectId) {
        String id = registered(projectId);
        return history.view(id, terms.of(id).fundsWeight());
    }

    /** The project-year's id, once budget-service has registered it and it is within the caller's reach. */
    private String registered(String projectId) {
        String id = new ProjectYearId(projectId).value();
        BudgetProjects.Registration registration = projects.registration(id);
        if (!Callers.require().reaches(registration.department(), registration.unit())) {
            throw BudgetProjects.unknown(id);
        }
        return id;
    }

    private LocalDate dateOr(LocalDate date) {
        return date != null ? date : LocalDate.now(clock);
    }

    /** A decimal from 0 to 100 with at most 2 decimals, as the form writes weights and scores. */
    private static BigDecimal decimal(String field, String text) {
        if (!DECIMAL.matcher(text).matches() || new BigDecimal(text).compareTo(HUNDRED) > 0) {
            throw new InvalidValueException(field, field + " must be a decimal from 0 to 100 with at most 2 decimals: " + text);
        }
        return new BigDecimal(text).setScale(2);
    }
}
