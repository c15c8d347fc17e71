package io.jixiao.scoring.form;

import io.jixiao.scoring.rules.FormArithmetic;
import io.jixiao.contracts.FundSource;
import io.jixiao.contracts.indicator.Actual;
import io.jixiao.contracts.indicator.BudgetExecution;
import io.jixiao.contracts.indicator.Target;
import io.jixiao.platform.text.PlainText;
import io.jixiao.scoring.projection.ReadModel.Amounts;
import io.jixiao.scoring.published.PublishedFigures;
import io.jixiao.scoring.rules.RuleSet;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The form of one project-year, computed from one snapshot of its facts under its rule set: a pure function, no
 * I/O. The form now and the form as of a date are the same function over different snapshots, so there is one
 * path to every figure.
 */
final class FormComputation {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private FormComputation() {
    }

    static Form compute(ProjectYearFacts facts, RuleSet rules) {
        var project = facts.project();
        List<String> formFlags = new ArrayList<>();
        if (!rules.id().equals(project.ruleSet())) {
            formFlags.add("UNKNOWN_RULE_SET");
        }
        Map<FundSource, Amounts> sources = facts.money();
        Amounts total = Amounts.NONE;
        for (FundSource source : FundSource.values()) {
            total = total.plus(sources.getOrDefault(source, Amounts.NONE));
        }
        BigDecimal totalRate = FormArithmetic.rate(total.executed(), total.fullYear(), total.initial(), rules);
        BigDecimal fundsScore = FormArithmetic.fundsScore(totalRate, rules);
        Form.Derivation fundsDerivation = new Form.Derivation("得分 = " + rules.fundsWeight().toPlainString()
                + " × min(执行率, 100) ÷ 100, " + FormArithmetic.rounding(rules.scoreRounding(), rules.scorePrecision())
                + "; 执行率 = 全年执行数 ÷ " + (rules.rateBase() == RuleSet.RateBase.INITIAL ? "年初预算数" : "全年预算数")
                + " × 100 from the summed 元 amounts, " + FormArithmetic.rounding(rules.rateRounding(), rules.ratePrecision()),
                Map.of("全年执行数", total.executed().toPlainString(), "全年预算数", total.fullYear().toPlainString(),
                        "年初预算数", total.initial().toPlainString(), "执行率", totalRate.toPlainString()), text(fundsScore));
        if (totalRate.compareTo(HUNDRED) > 0) {
            formFlags.add("OVER_EXECUTION");
        }
        Form.Funds funds = new Form.Funds(row(total, rules),
                row(sources.getOrDefault(FundSource.CURRENT_YEAR_APPROPRIATION, Amounts.NONE), rules),
                row(sources.getOrDefault(FundSource.PRIOR_YEAR_CARRYOVER, Amounts.NONE), rules),
                row(sources.getOrDefault(FundSource.OTHER_FUNDS, Amounts.NONE), rules),
                text(rules.fundsWeight()), text(fundsScore));

        IndicatorFacts.Folded folded = IndicatorFacts.fold(facts.indicatorFacts());
        List<Form.IndicatorRow> rows = new ArrayList<>();
        for (IndicatorFacts.Indicator indicator : folded.indicators()) {
            rows.add(indicator(indicator, totalRate, rules));
        }
        BigDecimal sum = fundsScore;
        BigDecimal weights = rules.fundsWeight();
        for (Form.IndicatorRow row : rows) {
            sum = sum.add(new BigDecimal(row.score()));
            weights = weights.add(new BigDecimal(row.weight()));
        }
        if (!rows.isEmpty() && weights.compareTo(HUNDRED) != 0) {
            formFlags.add("WEIGHTS_NOT_100");
        }
        String grade = FormArithmetic.grade(sum, rules);
        List<PublishedFigures.Difference> differences = PublishedFigures.compare(facts.published(),
                figures(total, sources, rules, funds, rows, sum, grade));
        differences.forEach(difference -> formFlags.add("PUBLISHED_DIFFERS:" + difference.field()));
        Form.Goal goal = new Form.Goal(PlainText.of(folded.expectedGoal()), PlainText.of(folded.achievedGoal()));
        return new Form(project.name(), project.fiscalYear(), project.department(), project.implementingUnit(), "CNY",
                "万元", funds, goal, rows, text(sum), grade, project.projectId(), rules.id(),
                project.status(), List.copyOf(formFlags), facts.asOf() == null ? null : facts.asOf().toString(),
                facts.knownAt() == null ? null : facts.knownAt().toString(), differences, fundsDerivation);
    }

    /** The form's figures by the field names published figures use; amounts in 元. */
    private static Map<String, String> figures(Amounts total, Map<FundSource, Amounts> sources, RuleSet rules, Form.Funds funds,
                                               List<Form.IndicatorRow> rows, BigDecimal sum, String grade) {
        Map<String, String> figures = new HashMap<>();
        Map<String, Amounts> byKey = new LinkedHashMap<>();
        byKey.put("total", total);
        for (FundSource source : FundSource.values()) {
            byKey.put(source.formKey(), sources.getOrDefault(source, Amounts.NONE));
        }
        byKey.forEach((key, amounts) -> {
            figures.put("funds." + key + ".initial", amounts.initial().toPlainString());
            figures.put("funds." + key + ".fullYear", amounts.fullYear().toPlainString());
            figures.put("funds." + key + ".executed", amounts.executed().toPlainString());
            figures.put("funds." + key + ".rate", FormArithmetic.rate(amounts.executed(), amounts.fullYear(), amounts.initial(), rules).toPlainString());
        });
        figures.put("funds.weight", funds.weight());
        figures.put("funds.score", funds.score());
        for (Form.IndicatorRow row : rows) {
            figures.put("indicators." + row.indicatorId() + ".weight", row.weight());
            figures.put("indicators." + row.indicatorId() + ".score", row.score());
        }
        figures.put("total", text(sum));
        figures.put("grade", grade);
        return figures;
    }

    private static Form.FundRow row(Amounts amounts, RuleSet rules) {
        return new Form.FundRow(text(FormArithmetic.wanYuan(amounts.initial())), text(FormArithmetic.wanYuan(amounts.fullYear())),
                text(FormArithmetic.wanYuan(amounts.executed())), text(FormArithmetic.rate(amounts.executed(), amounts.fullYear(), amounts.initial(), rules)));
    }

    /** One 三级指标 row: its actual (or the live rate it follows), computed and printed scores, flags and derivation. */
    static Form.IndicatorRow indicator(IndicatorFacts.Indicator indicator, BigDecimal executionRate, RuleSet rules) {
        Target target = indicator.target();
        BigDecimal weight = indicator.weight();
        Actual actual = indicator.actual();
        boolean bound = indicator.bound();
        BigDecimal selfScore = indicator.selfScore();
        BigDecimal reviewedScore = indicator.reviewedScore();
        String deviation = indicator.deviation();
        List<String> flags = new ArrayList<>();
        String actualText;
        BigDecimal computed;
        String rule;
        String scoreRounding = FormArithmetic.rounding(rules.scoreRounding(), rules.scorePrecision());
        if (bound || actual != null && actual.quantitative() && target.quantitative()) {
            BigDecimal value = bound ? executionRate : actual.value();
            actualText = bound ? executionRate.toPlainString() + "(%)" : actual.display();
            computed = FormArithmetic.quantitativeScore(target, value, weight, rules);
            rule = quantitativeRule(target, rules) + ", " + scoreRounding;
            if (FormArithmetic.overAchieved(target, value, rules)) {
                flags.add("OVER_ACHIEVEMENT");
            }
        } else if (actual != null && actual.achievement() != null) {
            // a restatement of the target (及时 for 及时) prints as written; the reading is flagged below
            actualText = actual.interpretations().isEmpty() ? actual.achievement().label() + "指标" : actual.display();
            computed = FormArithmetic.qualitativeScore(actual.achievement(), weight, rules);
            RuleSet.Band band = rules.qualitativeBands().get(actual.achievement());
            rule = "qualitative, " + actual.achievement().label() + ": a score within " + percent(band.low()) + " to "
                    + percent(band.high()) + " of the weight" + (band.defaultShare() == null
                    ? ", entered (no default)" : ", by default " + percent(band.defaultShare()) + ", " + scoreRounding);
            if (selfScore != null && !FormArithmetic.inBand(actual.achievement(), selfScore, weight, rules)) {
                flags.add("BAND_VIOLATION");
            }
        } else if (actual != null) {
            actualText = actual.display();
            computed = BigDecimal.ZERO.setScale(2);
            rule = "the actual does not answer the target: 0";
            flags.add("ACTUAL_DOES_NOT_FIT_TARGET");
        } else {
            // never counted as achieved
            actualText = Forms.NOT_REPORTED;
            computed = BigDecimal.ZERO.setScale(2);
            rule = "no actual (未填报): never counted as achieved, 0";
            flags.add("MISSING_ACTUAL");
        }
        if (target.bareNumber()) {
            flags.add("BARE_NUMBER_TARGET");
        }
        // every interpretation the grammar made in reading the published text is shown, never silent
        target.interpretations().forEach(reading -> flags.add("TARGET_" + reading));
        if (actual != null && !bound) {
            actual.interpretations().forEach(reading -> flags.add("ACTUAL_" + reading));
        }
        if (BudgetExecution.restated(indicator.level3())) {
            flags.add("RESTATES_BUDGET_EXECUTION");
        }
        BigDecimal printed = selfScore != null ? selfScore : computed;
        if (printed == null) {
            flags.add("SCORE_MISSING");
            printed = BigDecimal.ZERO.setScale(2);
        }
        if (selfScore != null && computed != null && selfScore.compareTo(computed) != 0) {
            flags.add("FORMULA_MISMATCH");
        }
        String explanation = deviation == null ? "" : deviation;
        if ((printed.compareTo(weight) < 0 || flags.contains("OVER_ACHIEVEMENT")) && explanation.isBlank()) {
            flags.add("MISSING_EXPLANATION");
        }
        if (reviewedScore != null && reviewedScore.compareTo(printed) != 0) {
            flags.add("REVIEW_DIFFERS");
        }
        Map<String, String> inputs = new java.util.LinkedHashMap<>();
        inputs.put("target", target.display());
        inputs.put("actual", actualText);
        inputs.put("weight", text(weight));
        return new Form.IndicatorRow(indicator.level1(), indicator.level2(), indicator.level3(), target.display(), actualText,
                text(weight), text(printed), explanation, indicator.indicatorId(), computed == null ? null : text(computed), text(selfScore), text(reviewedScore),
                List.copyOf(flags), new Form.Derivation(rule, inputs, computed == null ? null : text(computed)));
    }

    private static String quantitativeRule(Target target, RuleSet rules) {
        if (target.reverse()) {
            return "reverse: full weight at or below the target, else " + (rules.reverseFormula() == RuleSet.ReverseFormula.RATIO
                    ? "weight × target ÷ actual" : "linear decay to 0 at twice the target");
        }
        if (target.operator() == io.jixiao.contracts.indicator.Operator.EQ) {
            return "equal: full weight at the target (a zero target: at most 0), else weight × the smaller ÷ the larger";
        }
        return "positive: full weight at or above the target (or a zero target), else weight × actual ÷ target";
    }

    private static String percent(BigDecimal share) {
        return share.multiply(HUNDRED).stripTrailingZeros().toPlainString() + "%";
    }

    static String text(BigDecimal value) {
        return value == null ? null : value.setScale(2, java.math.RoundingMode.UNNECESSARY).toPlainString();
    }
}
