package io.jixiao.importer;

import io.jixiao.contracts.ProjectYearId;
import io.jixiao.importer.FundsReading.Funds;
import io.jixiao.importer.IndicatorReading.Indicator;
import io.jixiao.importer.RuleSetReading.RuleSet;

import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static io.jixiao.importer.ImportPlanner.NO_TARGET;
import static io.jixiao.importer.ImportPlanner.codeFor;
import static io.jixiao.importer.ImportPlanner.orderedMap;

/**
 * The validation and planning of one project; collects every error rather than stopping at the first. Reads the
 * header and the goal itself; the rule set, the funds and the indicators are read by {@link RuleSetReading},
 * {@link FundsReading} and {@link IndicatorReading} into the errors, warnings and published figures held here.
 */
final class Project {

    private static final Set<String> PROJECT_KEYS = Set.of("name", "year", "department", "implementingUnit", "currency",
            "amountUnit", "funds", "goal", "indicators", "total", "grade", "ruleSet", "code");
    private static final Pattern CODE = Pattern.compile(ProjectYearId.CODE_PATTERN);

    final int index;
    final JsonNode node;
    final String source;
    final List<String> errors = new ArrayList<>();
    final List<String> warnings = new ArrayList<>();
    /** What the form printed, by the live form's field names; amounts in 元. */
    final Map<String, String> published = new java.util.TreeMap<>();
    String name;
    Integer year;
    String projectId;
    String unit;
    /** The figures read in the file's unit: set once the unit is read, before any figure. */
    Figures figures;

    Project(int index, JsonNode node, String source) {
        this.index = index;
        this.node = node;
        this.source = source;
    }

    ProjectPlan plan() {
        if (node == null || !node.isObject()) {
            return new ProjectPlan(index, null, null, List.of(), Map.of(), List.of("a project must be a JSON object"), List.of());
        }
        for (String key : node.propertyNames()) {
            if (!PROJECT_KEYS.contains(key)) {
                warnings.add("unknown field \"" + key + "\" ignored");
            }
        }
        name = requiredText("name", 200);
        year = year();
        String department = printedOrNotFilledIn("department", "主管部门");
        String implementingUnit = printedOrNotFilledIn("implementingUnit", "实施单位");
        String currency = optionalText(node.get("currency"), "currency", 10);
        if (currency != null && !currency.equals("CNY")) {
            errors.add("currency must be CNY, not " + currency);
        }
        unit = amountUnit();
        figures = new Figures(errors, warnings, unit);
        String code = code();
        if (code != null && year != null) {
            projectId = ProjectYearId.of(code, year).value(); // year and code are checked, so it is a valid id
        }
        RuleSet ruleSet = new RuleSetReading(this).ruleSet(code);
        Funds funds = new FundsReading(this).funds(ruleSet);
        Goal goal = goal();
        List<Indicator> indicators = new IndicatorReading(this).indicators(ruleSet);

        if (!errors.isEmpty()) {
            return new ProjectPlan(index, name, projectId, List.of(), Map.of(), errors, warnings);
        }
        List<ApiCall> calls = new ArrayList<>();
        String base = "/api/budget/projects/" + projectId;
        if (ruleSet.parameters() != null) {
            calls.add(new ApiCall(ApiCall.Kind.RULE_SET, "PUT", "/api/scoring/rule-sets/" + ruleSet.id(),
                    ruleSet.parameters(), "rule set " + ruleSet.id()));
        }
        calls.add(new ApiCall(ApiCall.Kind.REGISTER, "POST", "/api/budget/projects", orderedMap(
                "code", code, "name", name, "department", department, "implementingUnit", implementingUnit,
                "fiscalYear", year, "ruleSet", ruleSet.id()), "register " + projectId));
        funds.plan(calls, base);
        String indicatorBase = "/api/indicators/projects/" + projectId;
        if (goal.expected() != null) {
            calls.add(new ApiCall(ApiCall.Kind.GOAL, "PUT", indicatorBase + "/goal", orderedMap("text", goal.expected()),
                    "年度总体目标 预期目标"));
        }
        if (goal.actual() != null) {
            calls.add(new ApiCall(ApiCall.Kind.GOAL_ACHIEVEMENT, "PUT", indicatorBase + "/goal/achievement",
                    orderedMap("text", goal.actual()), "年度总体目标 实际完成情况"));
        }
        for (Indicator indicator : indicators) {
            indicator.plan(calls, indicatorBase, year);
        }
        publishedTotals();
        if (!published.isEmpty()) {
            Map<String, Object> body = orderedMap("source", source, "figures", published);
            calls.add(new ApiCall(ApiCall.Kind.PUBLISHED_FIGURES, "PUT", "/api/scoring/projects/" + projectId + "/published",
                    body, published.size() + " published figures, to be compared with the live form"));
        }
        return new ProjectPlan(index, name, projectId, calls, funds.expected(), errors, warnings);
    }

    // --- header ---

    private String requiredText(String field, int max) {
        JsonNode value = node.get(field);
        String text = optionalText(value, field, max);
        if (text == null) {
            errors.add(field + " is missing");
        }
        return text;
    }

    /** A header cell a published form may leave blank (天长 prints no 主管部门): imported as 未填写, with a warning. */
    private String printedOrNotFilledIn(String field, String heading) {
        String text = optionalText(node.get(field), field, 200);
        if (text == null && (node.get(field) == null || node.get(field).isNull() || node.get(field).isString())) {
            warnings.add(heading + " (" + field + ") is blank: imported as " + NO_TARGET);
            return NO_TARGET;
        }
        return text;
    }

    /** A non-blank string (stripped), null when absent, null or blank; an error when not a string or too long. */
    String optionalText(JsonNode value, String field, int max) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            errors.add(field + " must be a string");
            return null;
        }
        String text = value.stringValue().strip();
        if (text.isEmpty()) {
            return null;
        }
        if (text.length() > max) {
            errors.add(field + " is longer than " + max + " characters");
            return null;
        }
        return text;
    }

    private Integer year() {
        JsonNode value = node.get("year");
        if (value == null || value.isNull()) {
            errors.add("year is missing");
            return null;
        }
        if (!value.isIntegralNumber() && !(value.isString() && value.stringValue().matches("[0-9]{4}"))) {
            errors.add("year must be a number like 2023, not " + value);
            return null;
        }
        int y = value.isIntegralNumber() ? value.intValue() : Integer.parseInt(value.stringValue());
        if (y < 1990 || y > 2199) {
            errors.add("year " + y + " is outside 1990-2199");
            return null;
        }
        return y;
    }

    private String amountUnit() {
        JsonNode value = node.get("amountUnit");
        if (value == null || value.isNull()) {
            errors.add("amountUnit is missing (万元 or 元)");
            return null;
        }
        String text = value.isString() ? value.stringValue().strip() : value.toString();
        if (!text.equals("万元") && !text.equals("元")) {
            errors.add("unknown amountUnit " + text + " (万元 or 元)");
            return null;
        }
        return text;
    }

    private String code() {
        String explicit = optionalText(node.get("code"), "code", 40);
        if (explicit != null) {
            if (!CODE.matcher(explicit).matches()) {
                errors.add("code " + explicit + " must match " + CODE.pattern());
                return null;
            }
            return explicit;
        }
        return name == null ? null : codeFor(name);
    }

    // --- goal ---

    record Goal(String expected, String actual) {
    }

    private Goal goal() {
        JsonNode goal = node.get("goal");
        if (goal == null || goal.isNull()) {
            return new Goal(null, null);
        }
        if (!goal.isObject()) {
            errors.add("goal must be an object with expected and actual");
            return new Goal(null, null);
        }
        return new Goal(goalText(goal.get("expected"), "goal.expected"), goalText(goal.get("actual"), "goal.actual"));
    }

    /** Kept as written (not stripped): imported HTML stays the original. */
    private String goalText(JsonNode value, String field) {
        String text = optionalText(value, field, 20000);
        return text == null ? null : value.stringValue();
    }

    /** 总分 and 评分等级 as printed. */
    private void publishedTotals() {
        BigDecimal total = figures.decimal(node.get("total"), "total");
        if (total != null) {
            published.put("total", total.toPlainString());
        }
        String grade = optionalText(node.get("grade"), "grade", 10);
        if (grade != null) {
            published.put("grade", grade);
        }
    }
}
