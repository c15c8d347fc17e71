package io.jixiao.scoring.form;

import io.jixiao.contracts.FundSource;
import io.jixiao.scoring.rules.RuleSet;
import io.jixiao.scoring.rules.RuleSets;
import io.jixiao.scoring.projection.ReadModel;
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
    private final ReadModel readModel;

    FormExplanation(Forms forms, RuleSets ruleSets, ReadModel readModel) {
        this.forms = forms;
        this.ruleSets = ruleSets;
        this.readModel = readModel;
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
        for (ReadModel.Contribution c : readModel.contributions(projectId)) {
            bySource.get(c.fundSource().name()).add(new Contribution(c.eventId(), c.eventType(), c.reference(),
                    c.initial().toPlainString(), c.fullYear().toPlainString(), c.executed().toPlainString(),
                    c.businessDate().toString(), c.recordedAt().toString()));
        }
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
