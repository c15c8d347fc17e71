package io.jixiao.scoring.form;

import io.jixiao.contracts.FundSource;
import io.jixiao.scoring.rules.RuleSet;
import io.jixiao.scoring.rules.RuleSets;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Traces every figure of a form to what makes it: each fund source's money events (the payments, reversals and
 * refunds behind 全年执行数; the allocations and adjustments behind the budgets), the rule and inputs behind each
 * computed score, and which score the form prints.
 */
@Component
class FormExplanation {

    private final Forms forms;
    private final RuleSets ruleSets;
    private final JdbcClient jdbc;

    FormExplanation(Forms forms, RuleSets ruleSets, JdbcClient jdbc) {
        this.forms = forms;
        this.ruleSets = ruleSets;
        this.jdbc = jdbc;
    }

    /** One money event's part in a fund source's figures, in 元 (signed). */
    record Contribution(String eventId, String eventType, String reference, String initial, String fullYear,
                        String executed, String businessDate, String recordedAt) {
    }

    record FundsExplained(Map<String, List<Contribution>> bySource, String rate, String fundsScoreRule, String score) {
    }

    record IndicatorExplained(String indicatorId, String level3, String rule, Map<String, String> inputs,
                              String computedScore, String selfAssessedScore, String printedScore, String printedFrom,
                              List<String> flags) {
    }

    record Explanation(String projectId, String ruleSet, String rounding, FundsExplained funds,
                       List<IndicatorExplained> indicators, String total, String totalRule, String grade, String gradeRule) {
    }

    @Transactional(readOnly = true)
    public Explanation explain(String projectId) {
        Form form = forms.form(projectId);
        RuleSet rules = ruleSets.require(form.ruleSet());
        Map<String, List<Contribution>> bySource = new LinkedHashMap<>();
        for (FundSource source : FundSource.values()) {
            bySource.put(source.name(), new ArrayList<>());
        }
        jdbc.sql("""
                        select event_id, event_type, reference, fund_source, initial, full_year, executed, business_date, recorded_at
                          from contribution where project_id = ? order by business_date, recorded_at
                        """)
                .param(projectId)
                .query((row, number) -> bySource.get(row.getString("fund_source")).add(new Contribution(
                        row.getString("event_id"), row.getString("event_type"), row.getString("reference"),
                        row.getBigDecimal("initial").toPlainString(), row.getBigDecimal("full_year").toPlainString(),
                        row.getBigDecimal("executed").toPlainString(), row.getDate("business_date").toString(),
                        row.getTimestamp("recorded_at").toInstant().toString())))
                .list();
        String round = rules.rounding() == java.math.RoundingMode.DOWN ? "cut" : "rounded " + rules.rounding();
        FundsExplained funds = new FundsExplained(bySource, form.funds().total().rate(),
                "得分 = " + rules.fundsWeight().toPlainString() + " × min(执行率, 100) ÷ 100, " + round + " to 2 decimals; "
                        + "执行率 = 全年执行数 ÷ 全年预算数 × 100 from the summed 元 amounts",
                form.funds().score());
        List<IndicatorExplained> indicators = new ArrayList<>();
        for (Form.IndicatorRow row : form.indicators()) {
            Map<String, String> inputs = new LinkedHashMap<>();
            inputs.put("target", row.target());
            inputs.put("actual", row.actual());
            inputs.put("weight", row.weight());
            String printedFrom = row.selfAssessedScore() != null ? "SELF_ASSESSED" : row.computedScore() != null ? "COMPUTED" : "NONE";
            indicators.add(new IndicatorExplained(row.indicatorId(), row.level3(), rule(row, rules, round), inputs,
                    row.computedScore(), row.selfAssessedScore(), row.score(), printedFrom, row.flags()));
        }
        return new Explanation(projectId, rules.id(), rules.rounding().name(), funds, indicators, form.total(),
                "总分 = the funds row's 得分 + Σ printed indicator scores", form.grade(),
                "评分等级 from the total: " + String.join(", ", rules.grades().stream()
                        .map(grade -> grade.grade() + " ≥ " + grade.minimum().toPlainString()).toList()));
    }

    private static String rule(Form.IndicatorRow row, RuleSet rules, String round) {
        if (row.flags().contains("MISSING_ACTUAL")) {
            return "no actual (未填报): never counted as achieved, 0";
        }
        if (row.actual().endsWith("指标") && !row.actual().matches(".*[0-9].*")) {
            return "qualitative: 达成 scores the full weight by default; 部分达成 [60%, 80%) and 未达成 [0, 60%) need an entered score";
        }
        if (row.target().startsWith("≤") || row.target().startsWith("<")) {
            return "reverse: full weight at or below the target, else " + (rules.reverseFormula() == RuleSet.ReverseFormula.RATIO
                    ? "weight × target ÷ actual" : "linear decay to 0 at twice the target") + ", " + round + " to 2 decimals";
        }
        return "positive: full weight at or above the target (or a zero target), else weight × actual ÷ target, "
                + round + " to 2 decimals";
    }
}
