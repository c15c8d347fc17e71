package io.jixiao.scoring.form;

import io.jixiao.contracts.EventJson;
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
import io.jixiao.platform.text.PlainText;
import io.jixiao.scoring.rules.RuleSet;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Folds a project's indicator facts (up to a date) into the form's indicator rows and goal, in definition order. */
final class IndicatorFacts {

    private IndicatorFacts() {
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

    static List<Form.IndicatorRow> rows(List<String> envelopes, BigDecimal executionRate, RuleSet rules) {
        Map<String, State> states = new LinkedHashMap<>();
        for (String envelope : envelopes) {
            PublishedEvent event = EventJson.payload(EventJson.read(envelope));
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
            }
        }
        List<Form.IndicatorRow> rows = new ArrayList<>();
        states.forEach((id, state) -> rows.add(Forms.indicator(id, state.defined.level1(), state.defined.level2(),
                state.defined.level3(), state.target, state.defined.weight().setScale(2), state.actual, state.bound,
                state.selfScore, state.deviation, state.reviewed, executionRate, rules)));
        return rows;
    }

    static Form.Goal goal(List<String> envelopes) {
        String expected = null;
        String achieved = null;
        for (String envelope : envelopes) {
            PublishedEvent event = EventJson.payload(EventJson.read(envelope));
            if (event instanceof AnnualGoalSet goal) {
                expected = goal.expected();
            } else if (event instanceof AnnualGoalAchievementReported goal) {
                achieved = goal.actual();
            }
        }
        return new Form.Goal(PlainText.of(expected), PlainText.of(achieved));
    }
}
