package io.jixiao.scoring.execution;

import io.jixiao.scoring.rules.RuleSet;
import io.jixiao.scoring.rules.RuleSets;
import io.jixiao.scoring.projection.ReadModel;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.util.List;

/**
 * The indicators of a project-year with their actuals as the form shows them. An indicator bound to the budget
 * execution rate (当年预算完成率) shows the project's live total rate, so it moves with every payment, adjustment,
 * reversal and refund; the others show their recorded actual, or 未填报.
 */
@Component
class IndicatorActuals {

    static final String NOT_REPORTED = "未填报";

    private final ReadModel readModel;
    private final RuleSets ruleSets;

    IndicatorActuals(ReadModel readModel, RuleSets ruleSets) {
        this.readModel = readModel;
        this.ruleSets = ruleSets;
    }

    /** One indicator row; {@code actualSource} is ENTERED, EXECUTION_RATE or MISSING. */
    record Line(String indicatorId, String level1, String level2, String level3, String target, String weight,
                String actual, String actualSource, String selfAssessedScore, String reviewedScore) {
    }

    @Transactional(readOnly = true)
    public List<Line> of(String projectId) {
        RuleSet rules = ruleSets.ofProject(readModel.projectYear(projectId).map(ReadModel.ProjectYear::ruleSet).orElse(null));
        FundFigures total = FundFigures.NONE;
        for (ReadModel.Amounts amounts : readModel.positions(projectId).values()) {
            total = total.plus(FundFigures.of(amounts));
        }
        BigDecimal rate = total.rate(rules);
        return readModel.indicators(projectId).stream().map(row -> {
            boolean bound = row.boundToExecutionRate();
            String actual = row.actual();
            return new Line(row.indicatorId(), row.level1(), row.level2(), row.level3(), row.target(), text(row.weight()),
                    bound ? rate.toPlainString() + "(%)" : actual != null ? actual : NOT_REPORTED,
                    bound ? "EXECUTION_RATE" : actual != null ? "ENTERED" : "MISSING",
                    text(row.selfScore()), text(row.reviewedScore()));
        }).toList();
    }

    private static String text(BigDecimal value) {
        return value == null ? null : value.toPlainString();
    }
}
