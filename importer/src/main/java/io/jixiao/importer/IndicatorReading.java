package io.jixiao.importer;

import io.jixiao.contracts.indicator.BudgetExecution;
import io.jixiao.contracts.indicator.IndicatorHeadings;
import io.jixiao.contracts.indicator.IndicatorValueException;
import io.jixiao.contracts.indicator.Target;
import io.jixiao.importer.RuleSetReading.RuleSet;

import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static io.jixiao.importer.Figures.HUNDRED;
import static io.jixiao.importer.ImportPlanner.NO_TARGET;
import static io.jixiao.importer.ImportPlanner.orderedMap;
import static io.jixiao.importer.RuleSetReading.DEFAULT_FUNDS_WEIGHT;

/**
 * A project's indicators: each row checked and read (its headings as indicator-service knows them, a blank target as
 * {@link ImportPlanner#NO_TARGET}, one restating budget execution bound to the live rate), their weights checked
 * against the rule set's, and the calls that define them.
 */
final class IndicatorReading {

    private static final Set<String> INDICATOR_KEYS = Set.of("level1", "level2", "level3", "target", "actual", "weight",
            "score", "deviation");
    /** A published form's heading characters in traditional script, and the simplified ones the headings use. */
    private static final Map<Character, Character> TRADITIONAL = traditional("產产標标數数質质時时會会滿满務务對对經经濟济態态續续響响");
    /** A heading's section points: 产出指标(50分), 效益指标（30 分）. */
    private static final Pattern SECTION_POINTS = Pattern.compile("[(（]\\s*[0-9]+(\\.[0-9]+)?\\s*分\\s*[)）]$");

    private final Project project;
    private final JsonNode node;
    private final List<String> errors;
    private final List<String> warnings;
    private final Map<String, String> published;
    private final Figures figures;

    IndicatorReading(Project project) {
        this.project = project;
        this.node = project.node;
        this.errors = project.errors;
        this.warnings = project.warnings;
        this.published = project.published;
        this.figures = project.figures;
    }

    /** A heading as indicator-service knows it: without its section points, in simplified characters. */
    static String heading(String printed) {
        if (printed == null) {
            return null;
        }
        StringBuilder simplified = new StringBuilder(printed.length());
        for (char c : SECTION_POINTS.matcher(printed.strip()).replaceFirst("").strip().toCharArray()) {
            simplified.append(TRADITIONAL.getOrDefault(c, c));
        }
        return simplified.toString();
    }

    private static Map<Character, Character> traditional(String pairs) {
        Map<Character, Character> map = new java.util.HashMap<>();
        for (int i = 0; i < pairs.length(); i += 2) {
            map.put(pairs.charAt(i), pairs.charAt(i + 1));
        }
        return map;
    }

    /** True when a 三级指标 restates budget execution and its target is a percentage: it follows the live rate. */
    static boolean followsExecutionRate(String level3, String target) {
        try {
            return BudgetExecution.canFollow(level3, Target.parse(target));
        } catch (IndicatorValueException unparsable) {
            return false; // reported where the target is checked
        }
    }

    /** One indicator as imported, and the calls that define it, give its actual and its printed score. */
    record Indicator(String id, String level1, String level2, String level3, String target, BigDecimal weight,
                     String actual, boolean bound, BigDecimal score, String deviation) {

        void plan(List<ApiCall> calls, String base, int year) {
            String path = base + "/indicators/" + id;
            calls.add(new ApiCall(ApiCall.Kind.INDICATOR, "POST", base + "/indicators", orderedMap(
                    "indicatorId", id, "level1", level1, "level2", level2, "level3", level3, "target", target,
                    "weight", weight.toPlainString()), id + " " + level3));
            if (bound) {
                calls.add(new ApiCall(ApiCall.Kind.EXECUTION_RATE_BINDING, "POST", path + "/execution-rate-binding",
                        null, id + " follows the execution rate"));
            } else if (actual != null) {
                calls.add(new ApiCall(ApiCall.Kind.ACTUAL, "PUT", path + "/actual",
                        orderedMap("actual", actual, "businessDate", year + "-12-31"), id + " 实际完成值 " + actual));
            }
            if (score != null && (bound || actual != null)) {
                Map<String, Object> body = orderedMap("score", score.toPlainString());
                if (deviation != null) {
                    body.put("deviation", deviation);
                }
                body.put("imported", true);
                calls.add(new ApiCall(ApiCall.Kind.SELF_ASSESSED_SCORE, "PUT", path + "/scores/self-assessed", body,
                        id + " 得分 " + score.toPlainString()));
            }
        }
    }

    List<Indicator> indicators(RuleSet ruleSet) {
        JsonNode list = node.get("indicators");
        List<Indicator> indicators = new ArrayList<>();
        if (list == null || list.isNull()) {
            warnings.add("no indicators");
            return indicators;
        }
        if (!list.isArray()) {
            errors.add("indicators must be an array");
            return indicators;
        }
        BigDecimal sum = BigDecimal.ZERO;
        int i = 0;
        int before = errors.size();
        for (JsonNode item : list) {
            i++;
            Indicator indicator = indicator(item, i);
            if (indicator != null) {
                indicators.add(indicator);
                sum = sum.add(indicator.weight());
            }
        }
        if (errors.size() == before) {
            BigDecimal expected = HUNDRED.subtract(ruleSet.fundsWeight() == null ? DEFAULT_FUNDS_WEIGHT : ruleSet.fundsWeight());
            if (sum.compareTo(HUNDRED) > 0) {
                errors.add("indicator weights add up to " + sum.toPlainString() + ", above 100");
            } else if (sum.compareTo(expected) != 0) {
                warnings.add("indicator weights add up to " + sum.toPlainString() + ", not " + expected.toPlainString()
                        + ": the form cannot be finalised as it is");
            }
        }
        return indicators;
    }

    private Indicator indicator(JsonNode item, int i) {
        String field = "indicators[" + i + "]";
        if (item == null || !item.isObject()) {
            errors.add(field + " must be an object");
            return null;
        }
        for (String key : item.propertyNames()) {
            if (!INDICATOR_KEYS.contains(key)) {
                warnings.add(field + ": unknown field \"" + key + "\" ignored");
            }
        }
        int before = errors.size();
        String printedLevel1 = project.optionalText(item.get("level1"), field + ".level1", 50);
        String printedLevel2 = project.optionalText(item.get("level2"), field + ".level2", 50);
        String level1 = heading(printedLevel1);
        String level2 = heading(printedLevel2);
        String level3 = project.optionalText(item.get("level3"), field + ".level3", 200);
        String target = blankAsNull(project.optionalText(item.get("target"), field + ".target", 1000));
        BigDecimal weight = figures.decimal(item.get("weight"), field + ".weight");
        BigDecimal score = figures.decimal(item.get("score"), field + ".score");
        String where = field + (level3 == null ? "" : " (" + level3 + ")");
        if (weight == null && target == null && score == null && errors.size() == before) {
            warnings.add(where + ": an empty row of the template (no target, weight or score) is left out");
            return null;
        }
        if (printedLevel1 != null && !printedLevel1.equals(level1) || printedLevel2 != null && !printedLevel2.equals(level2)) {
            warnings.add(where + ": heading " + printedLevel1 + " / " + printedLevel2 + " read as " + level1 + " / " + level2);
        }
        if (target == null && weight != null) {
            warnings.add(where + ": no 年度指标值 printed: imported as " + NO_TARGET);
            target = NO_TARGET;
        }
        if (level1 == null) {
            errors.add(where + ": level1 is missing");
        } else if (!IndicatorHeadings.level1s().contains(level1)) {
            errors.add(where + ": level1 " + level1 + " is not one of " + IndicatorHeadings.level1s());
        } else if (level2 == null) {
            errors.add(where + ": level2 is missing");
        } else {
            String full = level2.endsWith("指标") ? level2 : level2 + "指标";
            if (!IndicatorHeadings.level2sUnder(level1).contains(full)) {
                errors.add(where + ": level2 " + level2 + " does not belong under " + level1 + " " + IndicatorHeadings.level2sUnder(level1));
            }
        }
        if (level3 == null) {
            errors.add(where + ": level3 is missing");
        }
        if (target == null) {
            errors.add(where + ": target is missing");
        }
        if (item.get("weight") == null || item.get("weight").isNull()) {
            errors.add(where + ": weight is missing");
        } else if (weight != null && weight.compareTo(HUNDRED) > 0) {
            errors.add(where + ": weight " + weight.toPlainString() + " is above 100");
        }
        String actual = blankAsNull(project.optionalText(item.get("actual"), field + ".actual", 200));
        String deviation = project.optionalText(item.get("deviation"), field + ".deviation", 4000);
        if (errors.size() > before) {
            return null;
        }
        if (score != null && score.compareTo(weight) > 0) {
            errors.add(where + ": score " + score.toPlainString() + " is above its weight " + weight.toPlainString());
            return null;
        }
        String id = "i" + i;
        published.put("indicators." + id + ".weight", weight.toPlainString());
        if (score != null) {
            published.put("indicators." + id + ".score", score.toPlainString());
        }
        // one that follows the execution rate shows the live rate; a printed rate that differs is flagged on the funds row
        boolean bound = followsExecutionRate(level3, target);
        if (!bound && actual == null) {
            warnings.add(where + " has no actual: shown as 未填报" + (score == null ? "" : ", its score is not imported"));
        }
        if (score != null && score.compareTo(weight) < 0 && deviation == null && (bound || actual != null)) {
            warnings.add(where + ": score " + score.toPlainString() + " below its weight " + weight.toPlainString()
                    + " without 偏差原因分析: imported and flagged");
        }
        return new Indicator(id, level1, level2, level3, target, weight.setScale(2), actual, bound,
                score == null ? null : score.setScale(2), deviation);
    }

    private static String blankAsNull(String text) {
        return text == null || text.equals("/") || text.equals("—") ? null : text;
    }
}
