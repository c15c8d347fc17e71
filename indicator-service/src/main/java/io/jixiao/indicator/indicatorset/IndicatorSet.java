package io.jixiao.indicator.indicatorset;

import io.jixiao.contracts.indicator.Achievement;
import io.jixiao.contracts.indicator.Actual;
import io.jixiao.contracts.indicator.AnnualGoalAchievementReported;
import io.jixiao.contracts.indicator.AnnualGoalSet;
import io.jixiao.contracts.indicator.EvaluationFinalised;
import io.jixiao.contracts.indicator.IndicatorActualRecorded;
import io.jixiao.contracts.indicator.IndicatorBoundToExecutionRate;
import io.jixiao.contracts.indicator.IndicatorDefined;
import io.jixiao.contracts.indicator.IndicatorScored;
import io.jixiao.contracts.indicator.IndicatorTargetChanged;
import io.jixiao.contracts.indicator.ScoreKind;
import io.jixiao.contracts.indicator.Target;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * The goal and indicators of one project-year. Every command takes a registered project-year in any order (the web
 * layer checks the registration with budget-service): the set is created by whatever comes first, and a command
 * naming an indicator that is not defined says so.
 */
@Aggregate
public class IndicatorSet {

    /** What the set knows of one indicator. */
    private record Indicator(String level1, BigDecimal weight, Target target, int targetVersion, Actual actual, boolean bound) {

        boolean hasActual() {
            return actual != null || bound;
        }

        Indicator withTarget(Target newTarget, int version) {
            return new Indicator(level1, weight, newTarget, version, actual, bound);
        }

        Indicator withActual(Actual newActual) {
            return new Indicator(level1, weight, target, targetVersion, newActual, bound);
        }

        Indicator boundToExecutionRate() {
            return new Indicator(level1, weight, target, targetVersion, actual, true);
        }
    }

    @AggregateIdentifier
    private String projectId;
    private final Map<String, Indicator> indicators = new LinkedHashMap<>();
    private String expectedGoal;
    private String achievedGoal;
    private boolean finalised;

    protected IndicatorSet() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(DefineIndicator command) {
        requireNotFinalised(command.projectId());
        if (indicators.containsKey(command.indicatorId())) {
            throw IndicatorRules.alreadyDefined(command.projectId(), command.indicatorId());
        }
        BigDecimal total = indicators.values().stream().map(Indicator::weight).reduce(command.weight(), BigDecimal::add);
        if (total.compareTo(EvaluationChecks.HUNDRED) > 0) {
            throw IndicatorRules.weightsExceed(command.projectId(), total);
        }
        apply(new IndicatorDefined(command.projectId(), command.indicatorId(), command.level1(), command.level2(),
                command.level3(), command.target(), command.weight()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(SetAnnualGoal command) {
        requireNotFinalised(command.projectId());
        if (!command.expected().equals(expectedGoal)) {
            apply(new AnnualGoalSet(command.projectId(), command.expected()));
        }
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(ReportGoalAchievement command) {
        requireNotFinalised(command.projectId());
        if (!command.actual().equals(achievedGoal)) {
            apply(new AnnualGoalAchievementReported(command.projectId(), command.actual()));
        }
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(ChangeTarget command) {
        Indicator indicator = indicator(command.projectId(), command.indicatorId());
        requireNotFinalised(projectId);
        if (indicator.target().equals(command.target())) {
            return;
        }
        if (indicator.actual() != null) {
            requireCompatible(command.indicatorId(), command.target(), indicator.actual());
        }
        if (indicator.bound() && !percent(command.target())) {
            throw IndicatorRules.bindingNeedsPercent(command.indicatorId());
        }
        apply(new IndicatorTargetChanged(projectId, command.indicatorId(), indicator.targetVersion() + 1, command.target(),
                command.reason(), command.businessDate()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(RecordActual command) {
        Indicator indicator = indicator(command.projectId(), command.indicatorId());
        requireNotFinalised(projectId);
        if (indicator.bound()) {
            throw IndicatorRules.followsExecutionRate(command.indicatorId());
        }
        // read against the target as it stands here, whatever the caller read it against
        Actual actual = Actual.parse(command.actual().original(), indicator.target());
        requireCompatible(command.indicatorId(), indicator.target(), actual);
        if (actual.equals(indicator.actual())) {
            return; // the same value again changes nothing
        }
        apply(new IndicatorActualRecorded(projectId, command.indicatorId(), actual, command.businessDate()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(BindToExecutionRate command) {
        Indicator indicator = indicator(command.projectId(), command.indicatorId());
        requireNotFinalised(projectId);
        if (!percent(indicator.target())) {
            throw IndicatorRules.bindingNeedsPercent(command.indicatorId());
        }
        if (!indicator.bound()) {
            apply(new IndicatorBoundToExecutionRate(projectId, command.indicatorId(), command.businessDate()));
        }
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(ScoreIndicator command) {
        Indicator indicator = indicator(command.projectId(), command.indicatorId());
        if (command.kind() == ScoreKind.SELF_ASSESSED) {
            requireNotFinalised(projectId);
        }
        BigDecimal score = command.score();
        if (score.signum() < 0 || score.compareTo(indicator.weight()) > 0) {
            throw IndicatorRules.scoreOutOfRange(command.indicatorId(), score, indicator.weight());
        }
        if (!indicator.hasActual()) {
            throw IndicatorRules.actualMissing(command.indicatorId());
        }
        boolean explained = command.deviation() != null && !command.deviation().isBlank();
        if (score.compareTo(indicator.weight()) < 0 && !explained && !command.imported()) {
            throw IndicatorRules.explanationRequired(command.indicatorId(), score, indicator.weight());
        }
        if (indicator.actual() != null && indicator.actual().achievement() != null) {
            requireInBand(command.indicatorId(), indicator.actual().achievement(), indicator.weight(), score, command.terms());
        }
        apply(new IndicatorScored(projectId, command.indicatorId(), command.kind(), score.setScale(2),
                command.deviation() == null ? "" : command.deviation(), command.imported(), command.businessDate()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(FinaliseEvaluation command) {
        if (finalised) {
            return;
        }
        EvaluationChecks.Result checks = EvaluationChecks.check(lines(), command.fundsWeight());
        if (!checks.passes()) {
            throw IndicatorRules.checksFailed(projectId, checks.blocking());
        }
        apply(new EvaluationFinalised(command.projectId(), command.fundsWeight(), checks.warnings(), command.businessDate()));
    }

    private List<EvaluationChecks.Line> lines() {
        return indicators.entrySet().stream()
                .map(e -> new EvaluationChecks.Line(e.getKey(), e.getValue().level1(), e.getValue().weight(), e.getValue().hasActual()))
                .toList();
    }

    private Indicator indicator(String project, String indicatorId) {
        Indicator indicator = indicators.get(indicatorId);
        if (indicator == null) {
            throw IndicatorRules.unknown(project, indicatorId);
        }
        return indicator;
    }

    private void requireNotFinalised(String project) {
        if (finalised) {
            throw IndicatorRules.finalised(project);
        }
    }

    private static boolean percent(Target target) {
        return target.quantitative() && "%".equals(target.unit());
    }

    /**
     * A number with a unit answers a target with that unit; an achievement answers a qualitative target. A bare
     * number target takes either (a qualitative answer to it is flagged, not refused).
     */
    private static void requireCompatible(String indicatorId, Target target, Actual actual) {
        if (!target.quantitative()) {
            if (actual.quantitative()) {
                throw IndicatorRules.shapeMismatch(indicatorId, "达成, 部分达成 or 未达成 for a qualitative target");
            }
            return;
        }
        if (target.bareNumber() && !actual.quantitative()) {
            return;
        }
        if (!actual.quantitative()) {
            throw IndicatorRules.shapeMismatch(indicatorId, "a number in " + (target.unit() == null ? "no unit" : target.unit()));
        }
        if (!Objects.equals(target.unit(), actual.unit())) {
            throw IndicatorRules.unitMismatch(indicatorId, target.unit(), actual.unit());
        }
    }

    /** A qualitative actual bounds the score to its band of the project-year's rule set. */
    private static void requireInBand(String indicatorId, Achievement achievement, BigDecimal weight, BigDecimal score,
                                      EvaluationTerms terms) {
        EvaluationTerms.Band band = terms.qualitativeBands().get(achievement);
        if (!band.contains(score, weight)) {
            throw IndicatorRules.outsideBand(indicatorId, achievement.label(), weight.multiply(band.low()).setScale(2),
                    weight.multiply(band.high()).setScale(2), band.high().compareTo(BigDecimal.ONE) >= 0);
        }
    }

    @EventSourcingHandler
    void on(IndicatorDefined event) {
        projectId = event.projectId();
        indicators.put(event.indicatorId(), new Indicator(event.level1(), event.weight(), event.target(), 1, null, false));
    }

    @EventSourcingHandler
    void on(IndicatorTargetChanged event) {
        indicators.computeIfPresent(event.indicatorId(), (id, indicator) -> indicator.withTarget(event.target(), event.version()));
    }

    @EventSourcingHandler
    void on(IndicatorActualRecorded event) {
        indicators.computeIfPresent(event.indicatorId(), (id, indicator) -> indicator.withActual(event.actual()));
    }

    @EventSourcingHandler
    void on(IndicatorBoundToExecutionRate event) {
        indicators.computeIfPresent(event.indicatorId(), (id, indicator) -> indicator.boundToExecutionRate());
    }

    @EventSourcingHandler
    void on(AnnualGoalSet event) {
        projectId = event.projectId();
        expectedGoal = event.expected();
    }

    @EventSourcingHandler
    void on(AnnualGoalAchievementReported event) {
        projectId = event.projectId();
        achievedGoal = event.actual();
    }

    @EventSourcingHandler
    void on(EvaluationFinalised event) {
        projectId = event.projectId();
        finalised = true;
    }
}
