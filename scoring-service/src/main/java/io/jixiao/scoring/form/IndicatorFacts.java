package io.jixiao.scoring.form;

import io.jixiao.contracts.PublishedEvent;
import io.jixiao.contracts.indicator.Actual;
import io.jixiao.contracts.indicator.AnnualGoalAchievementReported;
import io.jixiao.contracts.indicator.AnnualGoalSet;
import io.jixiao.contracts.indicator.IndicatorActualRecorded;
import io.jixiao.contracts.indicator.IndicatorBoundToExecutionRate;
import io.jixiao.contracts.indicator.IndicatorDefined;
import io.jixiao.contracts.indicator.IndicatorScored;
import io.jixiao.contracts.indicator.IndicatorTargetChanged;
import io.jixiao.contracts.indicator.ScoreKind;
import io.jixiao.contracts.indicator.Target;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Folds a project-year's indicator facts into its indicators (in definition order) and its goal texts. */
final class IndicatorFacts {

    private IndicatorFacts() {
    }

    /** What the facts say of one indicator. */
    record Indicator(String indicatorId, String level1, String level2, String level3, Target target, BigDecimal weight,
                     Actual actual, boolean bound, BigDecimal selfScore, String deviation, BigDecimal reviewedScore) {
    }

    /** The indicators and the goal's 预期目标 and 实际完成情况 (null where not set). */
    record Folded(List<Indicator> indicators, String expectedGoal, String achievedGoal) {
    }

    private static final class State {
        IndicatorDefined defined;
        Target target;
        Actual actual;
        boolean bound;
        BigDecimal selfScore;
        String deviation;
        BigDecimal reviewed;
    }

    static Folded fold(List<PublishedEvent> facts) {
        Map<String, State> states = new LinkedHashMap<>();
        String expected = null;
        String achieved = null;
        for (PublishedEvent event : facts) {
            if (event instanceof IndicatorDefined defined) {
                State state = new State();
                state.defined = defined;
                state.target = defined.target();
                states.put(defined.indicatorId(), state);
            } else if (event instanceof IndicatorTargetChanged changed && states.containsKey(changed.indicatorId())) {
                states.get(changed.indicatorId()).target = changed.target();
            } else if (event instanceof IndicatorActualRecorded recorded && states.containsKey(recorded.indicatorId())) {
                states.get(recorded.indicatorId()).actual = recorded.actual();
            } else if (event instanceof IndicatorBoundToExecutionRate bound && states.containsKey(bound.indicatorId())) {
                states.get(bound.indicatorId()).bound = true;
            } else if (event instanceof IndicatorScored scored && states.containsKey(scored.indicatorId())) {
                State state = states.get(scored.indicatorId());
                if (scored.kind() == ScoreKind.SELF_ASSESSED) {
                    state.selfScore = scored.score();
                    state.deviation = scored.deviation();
                } else {
                    state.reviewed = scored.score();
                }
            } else if (event instanceof AnnualGoalSet goal) {
                expected = goal.expected();
            } else if (event instanceof AnnualGoalAchievementReported goal) {
                achieved = goal.actual();
            }
        }
        List<Indicator> indicators = new ArrayList<>();
        states.forEach((id, state) -> indicators.add(new Indicator(id, state.defined.level1(), state.defined.level2(),
                state.defined.level3(), state.target, state.defined.weight().setScale(2), state.actual, state.bound,
                state.selfScore, state.deviation, state.reviewed)));
        return new Folded(indicators, expected, achieved);
    }
}
