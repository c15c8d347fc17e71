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
        FundsExplained funds = new FundsExplained(bySource, form.funds().total().rate(), form.fundsDerivation().rule(),
                form.funds().score());
        List<IndicatorExplained> indicators = new ArrayList<>();
        for (Form.IndicatorRow row : form.indicators()) {
            String printedFrom = row.selfAssessedScore() != null ? "SELF_ASSESSED" : row.computedScore() != null ? "COMPUTED" : "NONE";
            indicators.add(new IndicatorExplained(row.indicatorId(), row.level3(), row.derivation().rule(),
                    row.derivation().inputs(), row.computedScore(), row.selfAssessedScore(), row.score(), printedFrom, row.flags()));
        }
        return new Explanation(projectId, rules.id(), rules.rounding().name(), funds, indicators, form.total(),
                "总分 = the funds row's 得分 + Σ printed indicator scores", form.grade(),
                "评分等级 from the total: " + String.join(", ", rules.grades().stream()
                        .map(grade -> grade.grade() + " ≥ " + grade.minimum().toPlainString()).toList()));
    }
}
