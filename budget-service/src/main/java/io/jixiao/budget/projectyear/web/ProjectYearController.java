package io.jixiao.budget.projectyear.web;

import io.jixiao.contracts.RuleSetId;
import io.jixiao.budget.projectyear.AdjustBudget;
import io.jixiao.budget.projectyear.AllocateInitialBudget;
import io.jixiao.budget.projectyear.CloseYear;
import io.jixiao.budget.projectyear.OpenYear;
import io.jixiao.budget.projectyear.Outcome;
import io.jixiao.budget.projectyear.RecordExpenditure;
import io.jixiao.budget.projectyear.RefundExpenditure;
import io.jixiao.budget.projectyear.Refunds;
import io.jixiao.budget.projectyear.RegisterProjectYear;
import io.jixiao.budget.projectyear.ReverseExpenditure;
import io.jixiao.budget.projectyear.RuleSetCatalog;
import io.jixiao.budget.projectyear.TransferBetweenSources;
import io.jixiao.contracts.Money;
import io.jixiao.contracts.ProjectYearId;
import io.jixiao.contracts.budget.AdjustmentKind;
import io.jixiao.platform.audit.AuditEntry;
import io.jixiao.platform.security.Allowed;
import jakarta.validation.Valid;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import static io.jixiao.budget.projectyear.web.Patterns.positiveAmount;
import static io.jixiao.contracts.access.Role.BUDGET_EDITOR;
import static io.jixiao.contracts.access.Role.POSTER;

/** Commands on project-years: registration, budgets, the year's opening and close, payments and their corrections. */
@RestController
@RequestMapping("/projects")
class ProjectYearController {

    static final String DEFAULT_RULE_SET = RuleSetId.DEFAULT;

    private final CommandGateway commands;
    private final Refunds refunds;
    private final RuleSetCatalog ruleSets;
    private final ProjectYearScope scope;

    ProjectYearController(CommandGateway commands, Refunds refunds, RuleSetCatalog ruleSets, ProjectYearScope scope) {
        this.commands = commands;
        this.refunds = refunds;
        this.ruleSets = ruleSets;
        this.scope = scope;
    }

    @PostMapping
    @Allowed(value = BUDGET_EDITOR, action = "register-project-year")
    ResponseEntity<Map<String, String>> register(@Valid @RequestBody RegisterProjectYearRequest request) {
        ProjectYearId id = ProjectYearId.of(request.code(), request.fiscalYear());
        AuditEntry.target(id.value());
        scope.requireRegistrable(request.department().strip(), request.implementingUnit().strip());
        String ruleSet = request.ruleSet() == null ? DEFAULT_RULE_SET : request.ruleSet();
        ruleSets.requireKnown(ruleSet);
        commands.sendAndWait(new RegisterProjectYear(id.value(), request.code(), request.name().strip(),
                request.department().strip(), request.implementingUnit().strip(), request.fiscalYear(), ruleSet));
        return ResponseEntity.created(URI.create("/projects/" + id)).body(Map.of("projectId", id.value()));
    }

    @PostMapping("/{projectId}/initial-budgets")
    @Allowed(value = BUDGET_EDITOR, action = "allocate-initial-budget")
    ResponseEntity<Map<String, String>> allocateInitialBudget(@PathVariable String projectId,
                                                              @Valid @RequestBody AllocateInitialBudgetRequest request) {
        ProjectYearId id = new ProjectYearId(projectId);
        scope.require(id.value());
        Money amount = positiveAmount(request.amount());
        commands.sendAndWait(new AllocateInitialBudget(id.value(), request.fundSource(), amount, request.documentNumber()));
        return ResponseEntity.status(HttpStatus.CREATED).body(Map.of(
                "projectId", id.value(), "fundSource", request.fundSource().name(), "amount", amount.toString()));
    }

    @PostMapping("/{projectId}/open")
    @Allowed(value = BUDGET_EDITOR, action = "open-year")
    Map<String, String> open(@PathVariable String projectId) {
        ProjectYearId id = new ProjectYearId(projectId);
        scope.require(id.value());
        commands.sendAndWait(new OpenYear(id.value()));
        return Map.of("projectId", id.value(), "status", "OPEN");
    }

    @PostMapping("/{projectId}/close")
    @Allowed(value = BUDGET_EDITOR, action = "close-year")
    Map<String, String> close(@PathVariable String projectId, @Valid @RequestBody CloseYearRequest request) {
        ProjectYearId id = new ProjectYearId(projectId);
        scope.require(id.value());
        commands.sendAndWait(new CloseYear(id.value(), request.businessDate()));
        return Map.of("projectId", id.value(), "status", "CLOSED");
    }

    @PostMapping("/{projectId}/adjustments")
    @Allowed(value = BUDGET_EDITOR, action = "adjust-budget")
    ResponseEntity<Map<String, String>> adjust(@PathVariable String projectId, @Valid @RequestBody AdjustBudgetRequest request) {
        ProjectYearId id = new ProjectYearId(projectId);
        AuditEntry.idempotencyKey(request.adjustmentId());
        scope.require(id.value());
        Money amount = positiveAmount(request.amount());
        Outcome outcome = commands.sendAndWait(new AdjustBudget(id.value(), request.adjustmentId(),
                AdjustmentKind.valueOf(request.kind()), request.fundSource(), amount, request.reason(),
                request.documentNumber(), request.businessDate(), null, null, Boolean.TRUE.equals(request.correction())));
        return answer(outcome, Map.of("projectId", id.value(), "adjustmentId", request.adjustmentId(), "amount", amount.toString()));
    }

    @PostMapping("/{projectId}/transfers")
    @Allowed(value = BUDGET_EDITOR, action = "transfer-between-sources")
    ResponseEntity<Map<String, String>> transfer(@PathVariable String projectId, @Valid @RequestBody TransferRequest request) {
        ProjectYearId id = new ProjectYearId(projectId);
        AuditEntry.idempotencyKey(request.adjustmentId());
        scope.require(id.value());
        Money amount = positiveAmount(request.amount());
        Outcome outcome = commands.sendAndWait(new TransferBetweenSources(id.value(), request.adjustmentId(),
                request.from(), request.to(), amount, request.reason(), request.documentNumber(), request.businessDate(),
                Boolean.TRUE.equals(request.correction())));
        return answer(outcome, Map.of("projectId", id.value(), "adjustmentId", request.adjustmentId(), "amount", amount.toString()));
    }

    @PostMapping("/{projectId}/expenditures")
    @Allowed(value = POSTER, action = "record-payment")
    ResponseEntity<Map<String, String>> recordExpenditure(@PathVariable String projectId,
                                                          @Valid @RequestBody RecordExpenditureRequest request) {
        ProjectYearId id = new ProjectYearId(projectId);
        AuditEntry.idempotencyKey(request.paymentReference());
        scope.require(id.value());
        Money amount = positiveAmount(request.amount());
        Outcome outcome = commands.sendAndWait(request.toCommand(id.value(), amount));
        return answer(outcome, Map.of("projectId", id.value(), "paymentReference", request.paymentReference(),
                "amount", amount.toString()));
    }

    @PostMapping("/{projectId}/expenditures/{paymentReference}/reversal")
    @Allowed(value = POSTER, action = "reverse-payment")
    ResponseEntity<Map<String, String>> reverse(@PathVariable String projectId, @PathVariable String paymentReference,
                                                @Valid @RequestBody ReversalRequest request) {
        ProjectYearId id = new ProjectYearId(projectId);
        AuditEntry.idempotencyKey(paymentReference);
        scope.require(id.value());
        Outcome outcome = commands.sendAndWait(new ReverseExpenditure(id.value(), paymentReference,
                request.businessDate(), request.reason()));
        return answer(outcome, Map.of("projectId", id.value(), "paymentReference", paymentReference));
    }

    @PostMapping("/{projectId}/expenditures/{paymentReference}/refunds")
    @Allowed(value = POSTER, action = "refund-payment")
    ResponseEntity<Map<String, String>> refund(@PathVariable String projectId, @PathVariable String paymentReference,
                                               @Valid @RequestBody RefundRequest request) {
        ProjectYearId id = new ProjectYearId(projectId);
        AuditEntry.idempotencyKey(request.refundReference());
        scope.require(id.value());
        Money amount = positiveAmount(request.amount());
        Refunds.Booked booked = refunds.refund(new RefundExpenditure(id.value(), request.refundReference(),
                paymentReference, amount, request.businessDate(), request.reason()));
        return answer(booked.outcome(), Map.of("projectId", id.value(), "paymentReference", paymentReference,
                "refundReference", request.refundReference(), "amount", amount.toString(), "bookedOn", booked.bookedOn()));
    }

    /**
     * 201 when the fact was recorded now; 200 with {@code DUPLICATE} when the same request was recorded before
     * and nothing changed, so that a retry after a timeout is always safe.
     */
    static ResponseEntity<Map<String, String>> answer(Outcome outcome, Map<String, String> body) {
        Map<String, String> answer = new LinkedHashMap<>(body);
        answer.put("outcome", outcome.name());
        return ResponseEntity.status(outcome == Outcome.RECORDED ? HttpStatus.CREATED : HttpStatus.OK).body(answer);
    }
}
