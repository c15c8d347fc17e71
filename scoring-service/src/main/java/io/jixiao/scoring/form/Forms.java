package io.jixiao.scoring.form;

import io.jixiao.contracts.FundSource;
import io.jixiao.contracts.indicator.Actual;
import io.jixiao.contracts.indicator.BudgetExecution;
import io.jixiao.contracts.indicator.Target;
import io.jixiao.platform.text.PlainText;
import io.jixiao.platform.domain.DomainException;
import io.jixiao.scoring.published.PublishedFigures;
import io.jixiao.scoring.rules.RuleSet;
import io.jixiao.scoring.rules.RuleSets;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Computes the live form of a project-year from the read model, under the rule set it was registered with. */
@Component
public class Forms {

    static final String NOT_REPORTED = "未填报";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final JdbcClient jdbc;
    private final RuleSets ruleSets;
    private final PublishedFigures published;

    Forms(JdbcClient jdbc, RuleSets ruleSets, PublishedFigures published) {
        this.jdbc = jdbc;
        this.ruleSets = ruleSets;
        this.published = published;
    }

    private record Project(String projectId, String name, int fiscalYear, String department, String implementingUnit,
                           String ruleSet, String status) {
    }

    private record Amounts(BigDecimal initial, BigDecimal fullYear, BigDecimal executed) {
        static final Amounts NONE = new Amounts(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);

        Amounts plus(Amounts other) {
            return new Amounts(initial.add(other.initial), fullYear.add(other.fullYear), executed.add(other.executed));
        }
    }

    /** Read in one transaction, so every figure describes the same moment. */
    @Transactional(readOnly = true)
    public Form form(String projectId) {
        return form(projectId, null, null);
    }

    /** The form as it stood on a business date, as known at a time; either may be null for "no limit". */
    @Transactional(readOnly = true)
    public Form form(String projectId, java.time.LocalDate asOf, java.time.OffsetDateTime knownAt) {
        Project project = jdbc.sql("""
                        select project_id, name, fiscal_year, department, implementing_unit, rule_set, status
                          from project_year where project_id = ?
                        """)
                .param(projectId).query(Project.class).optional()
                .orElseThrow(() -> new DomainException.NotFound("unknown-project", "no project-year " + projectId));
        return compute(project, asOf, knownAt);
    }

    @Transactional(readOnly = true)
    public List<Form> all() {
        return jdbc.sql("""
                        select project_id, name, fiscal_year, department, implementing_unit, rule_set, status
                          from project_year order by project_id
                        """)
                .query(Project.class).list().stream().map(project -> compute(project, null, null)).toList();
    }

    private Form compute(Project project, java.time.LocalDate asOf, java.time.OffsetDateTime knownAt) {
        RuleSet rules = ruleSets.ofProject(project.ruleSet());
        List<String> formFlags = new ArrayList<>();
        if (!rules.id().equals(project.ruleSet())) {
            formFlags.add("UNKNOWN_RULE_SET");
        }

        Map<FundSource, Amounts> sources = new EnumMap<>(FundSource.class);
        boolean dated = asOf != null || knownAt != null;
        // now: the running totals; dated: the sum of the money events dated and recorded up to the limits
        String sql = dated ? """
                select fund_source, sum(initial) as initial, sum(full_year) as full_year, sum(executed) as executed
                  from contribution
                 where project_id = ? and business_date <= coalesce(?, business_date)
                   and recorded_at <= coalesce(?, recorded_at)
                 group by fund_source
                """ : "select fund_source, initial, full_year, executed from fund_position where project_id = ?";
        var query = jdbc.sql(sql).param(project.projectId());
        if (dated) {
            query = query.param(asOf).param(knownAt);
        }
        query.query((row, number) -> sources.put(FundSource.valueOf(row.getString("fund_source")),
                        new Amounts(row.getBigDecimal("initial"), row.getBigDecimal("full_year"), row.getBigDecimal("executed"))))
                .list();
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
                java.util.Map.of("全年执行数", total.executed().toPlainString(), "全年预算数", total.fullYear().toPlainString(),
                        "年初预算数", total.initial().toPlainString(), "执行率", totalRate.toPlainString()), text(fundsScore));
        if (totalRate.compareTo(HUNDRED) > 0) {
            formFlags.add("OVER_EXECUTION");
        }
        Form.Funds funds = new Form.Funds(row(total, rules),
                row(sources.getOrDefault(FundSource.CURRENT_YEAR_APPROPRIATION, Amounts.NONE), rules),
                row(sources.getOrDefault(FundSource.PRIOR_YEAR_CARRYOVER, Amounts.NONE), rules),
                row(sources.getOrDefault(FundSource.OTHER_FUNDS, Amounts.NONE), rules),
                text(rules.fundsWeight()), text(fundsScore));

        List<Form.IndicatorRow> rows = dated ? IndicatorFacts.rows(facts(project.projectId(), asOf, knownAt), totalRate, rules)
                : indicators(project.projectId(), totalRate, rules);
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
        // a published form is year-end: compared with the form now, never with a dated one
        List<PublishedFigures.Difference> differences = dated ? List.of()
                : PublishedFigures.compare(published.of(project.projectId()), figures(total, sources, rules, funds, rows, sum, grade));
        differences.forEach(difference -> formFlags.add("PUBLISHED_DIFFERS:" + difference.field()));
        Form.Goal goal = dated ? IndicatorFacts.goal(facts(project.projectId(), asOf, knownAt))
                : jdbc.sql("select expected, achieved from goal where project_id = ?").param(project.projectId())
                .query((row, number) -> new Form.Goal(PlainText.of(row.getString("expected")), PlainText.of(row.getString("achieved"))))
                .optional().orElse(new Form.Goal(null, null));
        return new Form(project.name(), project.fiscalYear(), project.department(), project.implementingUnit(), "CNY",
                "万元", funds, goal, rows, text(sum), grade, project.projectId(), rules.id(),
                project.status(), List.copyOf(formFlags), asOf == null ? null : asOf.toString(),
                knownAt == null ? null : knownAt.toString(), differences, fundsDerivation);
    }

    /** The form's figures by the field names published figures use; amounts in 元. */
    private static Map<String, String> figures(Amounts total, Map<FundSource, Amounts> sources, RuleSet rules, Form.Funds funds,
                                               List<Form.IndicatorRow> rows, BigDecimal sum, String grade) {
        Map<String, String> figures = new java.util.HashMap<>();
        Map<String, Amounts> byKey = new java.util.LinkedHashMap<>();
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

    /** The indicator stream's facts of a project dated up to {@code asOf} and recorded by {@code knownAt}, in order. */
    private List<String> facts(String projectId, java.time.LocalDate asOf, java.time.OffsetDateTime knownAt) {
        return jdbc.sql("""
                        select envelope from indicator_fact
                         where project_id = ? and business_date <= coalesce(?, business_date)
                           and recorded_at <= coalesce(?, recorded_at)
                         order by sequence
                        """)
                .params(projectId, asOf, knownAt).query(String.class).list();
    }

    private static Form.FundRow row(Amounts amounts, RuleSet rules) {
        return new Form.FundRow(text(FormArithmetic.wanYuan(amounts.initial())), text(FormArithmetic.wanYuan(amounts.fullYear())),
                text(FormArithmetic.wanYuan(amounts.executed())), text(FormArithmetic.rate(amounts.executed(), amounts.fullYear(), amounts.initial(), rules)));
    }

    private List<Form.IndicatorRow> indicators(String projectId, BigDecimal executionRate, RuleSet rules) {
        return jdbc.sql("""
                        select indicator_id, level1, level2, level3, target, target_parsed, weight, actual, actual_parsed,
                               bound_to_execution_rate, self_score, self_deviation, reviewed_score
                          from indicator where project_id = ? and level1 is not null
                         order by position nulls last, indicator_id
                        """)
                .param(projectId)
                .query((row, number) -> indicator(row.getString("indicator_id"), row.getString("level1"), row.getString("level2"),
                        row.getString("level3"), JSON.readValue(row.getString("target_parsed"), Target.class),
                        row.getBigDecimal("weight"), row.getString("actual_parsed") == null ? null
                                : JSON.readValue(row.getString("actual_parsed"), Actual.class),
                        row.getBoolean("bound_to_execution_rate"), row.getBigDecimal("self_score"),
                        row.getString("self_deviation"), row.getBigDecimal("reviewed_score"), executionRate, rules))
                .list();
    }

    static Form.IndicatorRow indicator(String id, String level1, String level2, String level3, Target target,
                                       BigDecimal weight, Actual actual, boolean bound, BigDecimal selfScore,
                                       String deviation, BigDecimal reviewedScore, BigDecimal executionRate, RuleSet rules) {
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
            actualText = NOT_REPORTED;
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
        if (BudgetExecution.restated(level3)) {
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
        return new Form.IndicatorRow(level1, level2, level3, target.display(), actualText, text(weight), text(printed),
                explanation, id, computed == null ? null : text(computed), text(selfScore), text(reviewedScore),
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

    private static String text(BigDecimal value) {
        return value == null ? null : value.setScale(2, java.math.RoundingMode.UNNECESSARY).toPlainString();
    }
}
