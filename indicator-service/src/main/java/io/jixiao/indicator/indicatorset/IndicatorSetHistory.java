package io.jixiao.indicator.indicatorset;

import com.fasterxml.jackson.annotation.JsonFormat;
import io.jixiao.contracts.PublishedEvent;
import io.jixiao.contracts.indicator.Actual;
import io.jixiao.contracts.indicator.AnnualGoalAchievementReported;
import io.jixiao.contracts.indicator.AnnualGoalSet;
import io.jixiao.contracts.indicator.BudgetExecution;
import io.jixiao.contracts.indicator.EvaluationFinalised;
import io.jixiao.contracts.indicator.IndicatorActualRecorded;
import io.jixiao.contracts.indicator.IndicatorBoundToExecutionRate;
import io.jixiao.contracts.indicator.IndicatorDefined;
import io.jixiao.contracts.indicator.IndicatorScored;
import io.jixiao.contracts.indicator.IndicatorTargetChanged;
import io.jixiao.contracts.indicator.ScoreKind;
import io.jixiao.contracts.indicator.Target;
import io.jixiao.platform.text.PlainText;
import io.jixiao.platform.domain.DomainException;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads a project-year's goal and indicators straight from its stored events, with flags and the finalisation checks. */
@Component
public class IndicatorSetHistory {

    private final EventStore events;

    IndicatorSetHistory(EventStore events) {
        this.events = events;
    }

    public record TargetVersion(int version, Target target, String reason, LocalDate businessDate) {
    }

    public record Score(@JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal score, String deviation, boolean imported) {
    }

    public record IndicatorView(String indicatorId, String level1, String level2, String level3, Target target,
                                List<TargetVersion> targetHistory, Actual actual, String actualDisplay,
                                boolean boundToExecutionRate, @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal weight,
                                Score selfAssessed, Score reviewed,
                                List<String> flags) {
    }

    /** A goal text as written (imported HTML kept), and as plain text safe to show anywhere. */
    public record GoalText(String original, String text) {
        static GoalText of(String original) {
            return original == null ? null : new GoalText(original, PlainText.of(original));
        }
    }

    public record View(String projectId, GoalText expectedGoal, GoalText achievedGoal, boolean finalised,
                       List<IndicatorView> indicators, EvaluationChecks.Result checks) {
    }

    private static final class Draft {
        String level1;
        String level2;
        String level3;
        BigDecimal weight;
        final List<TargetVersion> targets = new ArrayList<>();
        Actual actual;
        boolean bound;
        Score selfAssessed;
        Score reviewed;
    }

    /**
     * The indicator's target as it stands, to read an actual against; 404 {@code unknown-indicator} when the
     * project-year has no such indicator.
     */
    public Target currentTarget(String projectId, String indicatorId) {
        Target target = null;
        DomainEventStream stream = events.readEvents(projectId, 0);
        while (stream.hasNext()) {
            Object event = stream.next().getPayload();
            if (event instanceof IndicatorDefined defined && defined.indicatorId().equals(indicatorId)) {
                target = defined.target();
            } else if (event instanceof IndicatorTargetChanged changed && changed.indicatorId().equals(indicatorId)) {
                target = changed.target();
            }
        }
        if (target == null) {
            throw IndicatorRules.unknown(projectId, indicatorId);
        }
        return target;
    }

    public View view(String projectId, BigDecimal fundsWeight) {
        DomainEventStream stream = events.readEvents(projectId, 0);
        if (!stream.hasNext()) {
            throw new DomainException.NotFound("unknown-project", "no goal or indicator of " + projectId + " is recorded");
        }
        Map<String, Draft> drafts = new LinkedHashMap<>();
        String expected = null;
        String achieved = null;
        boolean finalised = false;
        while (stream.hasNext()) {
            PublishedEvent event = (PublishedEvent) stream.next().getPayload();
            if (event instanceof IndicatorDefined defined) {
                Draft draft = new Draft();
                draft.level1 = defined.level1();
                draft.level2 = defined.level2();
                draft.level3 = defined.level3();
                draft.weight = defined.weight();
                draft.targets.add(new TargetVersion(1, defined.target(), null, null));
                drafts.put(defined.indicatorId(), draft);
            } else if (event instanceof IndicatorTargetChanged changed) {
                drafts.get(changed.indicatorId()).targets.add(
                        new TargetVersion(changed.version(), changed.target(), changed.reason(), changed.businessDate()));
            } else if (event instanceof IndicatorActualRecorded recorded) {
                drafts.get(recorded.indicatorId()).actual = recorded.actual();
            } else if (event instanceof IndicatorBoundToExecutionRate bound) {
                drafts.get(bound.indicatorId()).bound = true;
            } else if (event instanceof IndicatorScored scored) {
                Score score = new Score(scored.score(), scored.deviation(), scored.imported());
                if (scored.kind() == ScoreKind.SELF_ASSESSED) {
                    drafts.get(scored.indicatorId()).selfAssessed = score;
                } else {
                    drafts.get(scored.indicatorId()).reviewed = score;
                }
            } else if (event instanceof AnnualGoalSet goal) {
                expected = goal.expected();
            } else if (event instanceof AnnualGoalAchievementReported goal) {
                achieved = goal.actual();
            } else if (event instanceof EvaluationFinalised) {
                finalised = true;
            }
        }
        List<IndicatorView> indicators = new ArrayList<>();
        List<EvaluationChecks.Line> lines = new ArrayList<>();
        drafts.forEach((id, draft) -> {
            indicators.add(view(id, draft));
            lines.add(new EvaluationChecks.Line(id, draft.level1, draft.weight, draft.actual != null || draft.bound));
        });
        return new View(projectId, GoalText.of(expected), GoalText.of(achieved), finalised, indicators,
                EvaluationChecks.check(lines, fundsWeight));
    }

    private static IndicatorView view(String id, Draft draft) {
        Target target = draft.targets.get(draft.targets.size() - 1).target();
        List<String> flags = new ArrayList<>();
        String actualDisplay;
        if (draft.bound) {
            actualDisplay = "当年预算执行率";
        } else if (draft.actual != null) {
            actualDisplay = draft.actual.display();
        } else {
            actualDisplay = "未填报";
            flags.add("MISSING_ACTUAL");
        }
        if (target.bareNumber()) {
            flags.add("BARE_NUMBER_TARGET");
            if (draft.actual != null && !draft.actual.quantitative()) {
                flags.add("QUALITATIVE_ACTUAL_FOR_NUMBER");
            }
        }
        if (BudgetExecution.restated(draft.level3) && !draft.bound) {
            flags.add("RESTATES_BUDGET_EXECUTION");
        }
        for (Score score : new Score[] {draft.selfAssessed, draft.reviewed}) {
            if (score != null && score.score().compareTo(draft.weight) < 0 && score.deviation().isBlank()
                    && !flags.contains("MISSING_EXPLANATION")) {
                flags.add("MISSING_EXPLANATION");
            }
        }
        if (draft.selfAssessed != null && draft.reviewed != null
                && draft.selfAssessed.score().compareTo(draft.reviewed.score()) != 0) {
            flags.add("REVIEW_DIFFERS");
        }
        return new IndicatorView(id, draft.level1, draft.level2, draft.level3, target, List.copyOf(draft.targets),
                draft.actual, actualDisplay, draft.bound, draft.weight, draft.selfAssessed, draft.reviewed, List.copyOf(flags));
    }
}
