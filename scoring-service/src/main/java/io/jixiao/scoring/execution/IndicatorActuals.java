package io.jixiao.scoring.execution;

import io.jixiao.scoring.rules.RuleSet;
import io.jixiao.scoring.rules.RuleSets;
import org.springframework.jdbc.core.simple.JdbcClient;
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

    private final JdbcClient jdbc;
    private final RuleSets ruleSets;

    IndicatorActuals(JdbcClient jdbc, RuleSets ruleSets) {
        this.jdbc = jdbc;
        this.ruleSets = ruleSets;
    }

    /** One indicator row; {@code actualSource} is ENTERED, EXECUTION_RATE or MISSING. */
    record Line(String indicatorId, String level1, String level2, String level3, String target, String weight,
                String actual, String actualSource, String selfAssessedScore, String reviewedScore) {
    }

    @Transactional(readOnly = true)
    public List<Line> of(String projectId) {
        RuleSet rules = ruleSets.ofProject(jdbc.sql("select rule_set from project_year where project_id = ?")
                .param(projectId).query(String.class).optional().orElse(null));
        BigDecimal rate = jdbc.sql("""
                        select coalesce(sum(initial), 0) as initial, coalesce(sum(executed), 0) as executed,
                               coalesce(sum(full_year), 0) as full_year
                          from fund_position where project_id = ?
                        """)
                .param(projectId)
                .query((row, number) -> new FundFigures(row.getBigDecimal("initial"), row.getBigDecimal("full_year"),
                        row.getBigDecimal("executed")).rate(rules))
                .single();
        return jdbc.sql("""
                        select indicator_id, level1, level2, level3, target, weight, actual, bound_to_execution_rate,
                               self_score, reviewed_score
                          from indicator where project_id = ? and level1 is not null order by indicator_id
                        """)
                .param(projectId)
                .query((row, number) -> {
                    boolean bound = row.getBoolean("bound_to_execution_rate");
                    String actual = row.getString("actual");
                    return new Line(row.getString("indicator_id"), row.getString("level1"), row.getString("level2"),
                            row.getString("level3"), row.getString("target"), text(row.getBigDecimal("weight")),
                            bound ? rate.toPlainString() + "(%)" : actual != null ? actual : NOT_REPORTED,
                            bound ? "EXECUTION_RATE" : actual != null ? "ENTERED" : "MISSING",
                            text(row.getBigDecimal("self_score")), text(row.getBigDecimal("reviewed_score")));
                })
                .list();
    }

    private static String text(BigDecimal value) {
        return value == null ? null : value.toPlainString();
    }
}
