package io.jixiao.importer;

import io.jixiao.contracts.indicator.BudgetExecution;
import io.jixiao.contracts.indicator.IndicatorValueException;
import io.jixiao.contracts.indicator.Target;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Turns an import file (the structure of {@code forms-2023.json}) into one {@link ProjectPlan} per project: every
 * project is validated completely before any call is planned for it, so a bad one is reported with its reasons
 * and none of it is posted. A pure function: no I/O, no clock.
 *
 * <p>How a form is reproduced, per fund source (amounts in 元): the 年初预算数 as an initial budget when above 0;
 * the year opened; then, with {@code peak = max(initial, fullYear, executed)}, an INCREASE of {@code peak - initial}
 * when positive, one payment of {@code executed} when positive, and a DECREASE of {@code peak - fullYear} when
 * positive, marked as a correction only when it goes below what was paid. So 全年预算数 and 全年执行数 come out
 * exactly as published, and the live rates are recomputed from them.
 *
 * <p>Published forms of other jurisdictions are read as printed: amounts in 元 or 万元 with up to 4 decimals and
 * thousands separators, rates with a % sign, blank cells, templates without 年初预算数 (the full-year budget is then
 * the initial one) or without fund-source rows (the total is then 当年财政拨款), headings with their section points
 * ({@code 产出指标(50分)}) or in traditional characters. What the form printed is sent along as its published figures
 * ({@link ApiCall.Kind#PUBLISHED_FIGURES}); scoring-service computes the form under its rule set and flags each
 * figure that differs, so a form that does not add up is imported and flagged, never rejected and never reproduced
 * silently. Only a malformed file is rejected.
 */
public final class ImportPlanner {

    public static final String DEFAULT_RULE_SET = "shanghai-2023";
    static final String DOCUMENT_NUMBER = "导入";
    static final String REASON = "历史数据导入";
    static final String PAYEE = "历史数据导入";
    static final String VOUCHER = "IMPORT";
    /** A cell the form left blank where the system needs a text: a 年度指标值, a 主管部门 (the form shows this text). */
    static final String NO_TARGET = "未填写";

    /** The file's fund-source keys, in the form's row order, and the API's names for them. */
    static final Map<String, String> SOURCES = stringMap(
            "currentYearAppropriation", "CURRENT_YEAR_APPROPRIATION",
            "priorYearCarryover", "PRIOR_YEAR_CARRYOVER",
            "otherFunds", "OTHER_FUNDS");
    private static final Map<String, String> SOURCE_LABELS = Map.of(
            "CURRENT_YEAR_APPROPRIATION", "当年财政拨款", "PRIOR_YEAR_CARRYOVER", "上年结转资金", "OTHER_FUNDS", "其他资金");

    private static final Set<String> FUNDS_KEYS = Set.of("total", "currentYearAppropriation", "priorYearCarryover",
            "otherFunds", "weight", "score");
    private static final Set<String> ROW_KEYS = Set.of("initial", "fullYear", "executed", "rate");
    private static final List<String> COLUMNS = List.of("initial", "fullYear", "executed");
    private static final Set<String> PROJECT_KEYS = Set.of("name", "year", "department", "implementingUnit", "currency",
            "amountUnit", "funds", "goal", "indicators", "total", "grade", "ruleSet", "code");
    private static final Set<String> INDICATOR_KEYS = Set.of("level1", "level2", "level3", "target", "actual", "weight",
            "score", "deviation");
    private static final Set<String> RULE_SET_KEYS = Set.of("id", "rounding", "fundsWeight", "rateRounding", "ratePrecision",
            "scoreRounding", "scorePrecision", "rateBase", "qualitativeBands");
    /** A published form's heading characters in traditional script, and the simplified ones the headings use. */
    private static final Map<Character, Character> TRADITIONAL = traditional("產产標标數数質质時时會会滿满務务對对經经濟济態态續续響响");
    /** A heading's section points: 产出指标(50分), 效益指标（30 分）. */
    private static final Pattern SECTION_POINTS = Pattern.compile("[(（]\\s*[0-9]+(\\.[0-9]+)?\\s*分\\s*[)）]$");

    /** The indicator headings indicator-service accepts: which 二级指标 belong under which 一级指标. */
    private static final Map<String, List<String>> HEADINGS = Map.of(
            "产出指标", List.of("数量指标", "质量指标", "时效指标", "成本指标"),
            "效益指标", List.of("经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标"),
            "满意度指标", List.of("服务对象满意度指标"),
            "成本指标", List.of("经济成本指标", "社会成本指标", "生态环境成本指标"));
    /** 三级指标 that restate budget execution, on normalised text (the seed writes 预算执行率率). */

    /** A printed figure: digits, optionally grouped by thousands, and up to 4 decimals. */
    private static final Pattern PRINTED_DECIMAL = Pattern.compile("([0-9]{1,3}(,[0-9]{3})+|[0-9]{1,13})(\\.[0-9]{1,4})?");
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,39}");
    private static final Pattern RULE_SET_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");
    private static final BigDecimal TEN_THOUSAND = new BigDecimal("10000");
    private static final BigDecimal HUNDRED = new BigDecimal("100");
    private static final BigDecimal TRILLION = new BigDecimal("1000000000000");
    private static final BigDecimal DEFAULT_FUNDS_WEIGHT = new BigDecimal("10.00");

    private ImportPlanner() {
    }

    /** The whole file is unusable: not JSON, or no {@code projects} array. */
    public static final class ImportFileException extends RuntimeException {
        public ImportFileException(String message) {
            super(message);
        }
    }

    /** Parses and plans a file's text. */
    public static List<ProjectPlan> plan(String json) {
        JsonNode root;
        try {
            root = Json.read(json);
        } catch (JacksonException e) {
            throw new ImportFileException("not a valid JSON file: " + e.getOriginalMessage());
        }
        return plan(root);
    }

    /** Plans every project of a parsed file, in file order. */
    public static List<ProjectPlan> plan(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new ImportFileException("the file must hold a JSON object with a \"projects\" array");
        }
        JsonNode projects = root.get("projects");
        if (projects == null || !projects.isArray()) {
            throw new ImportFileException("the file has no \"projects\" array");
        }
        List<ProjectPlan> plans = new ArrayList<>();
        Map<String, Integer> seen = new LinkedHashMap<>();
        int index = 0;
        for (JsonNode project : projects) {
            index++;
            ProjectPlan plan = new Project(index, project, source(root)).plan();
            if (plan.projectId() != null) {
                Integer earlier = seen.putIfAbsent(plan.projectId(), index);
                if (earlier != null) {
                    List<String> errors = new ArrayList<>(plan.errors());
                    errors.add(0, "same project-year " + plan.projectId() + " as project #" + earlier
                            + " (same name and year); give one of them a \"code\"");
                    plan = new ProjectPlan(index, plan.name(), plan.projectId(), List.of(), Map.of(), errors, plan.warnings());
                }
            }
            plans.add(plan);
        }
        return plans;
    }

    /** Where the file's forms were published: its {@code source}, else its {@code title}; null when it says neither. */
    private static String source(JsonNode root) {
        for (String field : List.of("source", "title")) {
            JsonNode value = root.get(field);
            if (value != null && value.isString() && !value.stringValue().isBlank()) {
                String text = value.stringValue().strip();
                return text.length() > 1000 ? text.substring(0, 1000) : text;
            }
        }
        return null;
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

    /** {@code F} and the first 10 hex digits of SHA-256 of the name, upper case: stable across files and years. */
    public static String codeFor(String name) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            return "F" + HexFormat.of().formatHex(hash).substring(0, 10).toUpperCase(Locale.ROOT);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** NFKC, without white space: how 三级指标 are compared. */
    static String normalised(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFKC).replaceAll("\\s", "");
    }

    /** True when a 三级指标 restates budget execution and its target is a percentage: it follows the live rate. */
    static boolean followsExecutionRate(String level3, String target) {
        try {
            return BudgetExecution.canFollow(level3, Target.parse(target));
        } catch (IndicatorValueException unparsable) {
            return false; // reported where the target is checked
        }
    }

    // --- one project --------------------------------------------------------------------------------------------

    /** The validation and planning of one project; collects every error rather than stopping at the first. */
    private static final class Project {
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
            String code = code();
            if (code != null && year != null) {
                projectId = year + "-" + code;
            }
            RuleSet ruleSet = ruleSet(code);
            Funds funds = funds(ruleSet);
            Goal goal = goal();
            List<Indicator> indicators = indicators(ruleSet);

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
        private String optionalText(JsonNode value, String field, int max) {
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

        // --- rule set ---

        record RuleSet(String id, BigDecimal fundsWeight, Map<String, Object> parameters) {
        }

        private RuleSet ruleSet(String code) {
            JsonNode value = node.get("ruleSet");
            if (value == null || value.isNull()) {
                return new RuleSet(DEFAULT_RULE_SET, DEFAULT_FUNDS_WEIGHT, null);
            }
            if (value.isString()) {
                String id = value.stringValue().strip();
                if (!RULE_SET_ID.matcher(id).matches()) {
                    errors.add("ruleSet " + value + " must be a rule set id matching " + RULE_SET_ID.pattern());
                }
                // a named rule set's funds weight is known here only for the default one
                return new RuleSet(id, id.equals(DEFAULT_RULE_SET) ? DEFAULT_FUNDS_WEIGHT : null, null);
            }
            if (!value.isObject()) {
                errors.add("ruleSet must be a rule set id or an object of parameters");
                return new RuleSet(DEFAULT_RULE_SET, DEFAULT_FUNDS_WEIGHT, null);
            }
            for (String key : value.propertyNames()) {
                if (!RULE_SET_KEYS.contains(key)) {
                    errors.add("ruleSet parameter \"" + key + "\" is not supported (only " + RULE_SET_KEYS + ")");
                }
            }
            String id = optionalText(value.get("id"), "ruleSet.id", 40);
            if (id == null) {
                id = code == null ? DEFAULT_RULE_SET : "import-" + code.toLowerCase(Locale.ROOT);
            } else if (!RULE_SET_ID.matcher(id).matches()) {
                errors.add("ruleSet.id " + id + " must match " + RULE_SET_ID.pattern());
            }
            Map<String, Object> parameters = new LinkedHashMap<>();
            parameters.put("id", id);
            String rounding = optionalText(value.get("rounding"), "ruleSet.rounding", 20);
            if (rounding != null) {
                try {
                    RoundingMode.valueOf(rounding);
                    parameters.put("rounding", rounding);
                } catch (IllegalArgumentException e) {
                    errors.add("ruleSet.rounding " + rounding + " is not a java.math.RoundingMode (DOWN, HALF_UP, UP, …)");
                }
            }
            BigDecimal fundsWeight = DEFAULT_FUNDS_WEIGHT;
            if (value.has("fundsWeight") && !value.get("fundsWeight").isNull()) {
                BigDecimal weight = decimal(value.get("fundsWeight"), "ruleSet.fundsWeight");
                if (weight != null && weight.compareTo(HUNDRED) > 0) {
                    errors.add("ruleSet.fundsWeight " + weight + " is above 100");
                } else if (weight != null) {
                    fundsWeight = weight.setScale(2);
                    parameters.put("fundsWeight", fundsWeight.toPlainString());
                }
            }
            for (String key : List.of("rateRounding", "scoreRounding", "rateBase")) {
                String text = optionalText(value.get(key), "ruleSet." + key, 20);
                if (text != null) {
                    parameters.put(key, text); // checked by scoring-service, which answers 400 naming the field
                }
            }
            for (String key : List.of("ratePrecision", "scorePrecision")) {
                JsonNode precision = value.get(key);
                if (precision != null && !precision.isNull()) {
                    if (precision.isIntegralNumber()) {
                        parameters.put(key, precision.intValue());
                    } else {
                        errors.add("ruleSet." + key + " must be a whole number of decimals (0, 1 or 2)");
                    }
                }
            }
            JsonNode bands = value.get("qualitativeBands");
            if (bands != null && !bands.isNull()) {
                parameters.put("qualitativeBands", bands);
            }
            return new RuleSet(id, fundsWeight, parameters);
        }

        // --- figures ---

        /**
         * A figure as printed: a string holding a decimal, optionally grouped by thousands ({@code 215,457.6}), a rate
         * optionally followed by {@code %}; null when blank, {@code —} or {@code /}. Amounts may carry up to 4
         * decimals (万元 to the fen), weights, scores and rates at most 2.
         */
        private BigDecimal decimal(JsonNode value, String field) {
            if (value == null || value.isNull()) {
                return null;
            }
            if (!value.isString()) {
                errors.add(field + " " + value + " must be a string with a decimal, like \"1404.67\"");
                return null;
            }
            String text = value.stringValue().strip();
            if (field.endsWith(".rate") && text.endsWith("%")) {
                text = text.substring(0, text.length() - 1).strip();
            }
            if (text.isEmpty() || text.equals("—") || text.equals("-") || text.equals("/")) {
                return null;
            }
            if (!PRINTED_DECIMAL.matcher(text).matches()) {
                errors.add(field + " \"" + value.stringValue() + "\" is not a decimal (digits, optionally grouped by "
                        + "thousands, and at most 4 decimals)");
                return null;
            }
            if (text.contains(",")) {
                warnings.add(field + " \"" + value.stringValue() + "\" is read without its thousands separators");
                text = text.replace(",", "");
            }
            BigDecimal decimal = new BigDecimal(text);
            boolean amount = field.endsWith(".initial") || field.endsWith(".fullYear") || field.endsWith(".executed");
            if (!amount && decimal.scale() > 2) {
                errors.add(field + " \"" + value.stringValue() + "\" has more than 2 decimals");
                return null;
            }
            return decimal;
        }

        /** In 元 to the fen; null when the amount is finer than a fen (reported). */
        private BigDecimal yuan(BigDecimal amount) {
            BigDecimal yuan = "万元".equals(unit) ? amount.multiply(TEN_THOUSAND) : amount;
            try {
                return yuan.setScale(2, RoundingMode.UNNECESSARY);
            } catch (ArithmeticException finerThanAFen) {
                errors.add("the amount " + amount.toPlainString() + unit + " is finer than a fen");
                return BigDecimal.ZERO.setScale(2);
            }
        }

        // --- funds ---

        /** One fund source's three columns in the file's unit. */
        record Row(BigDecimal initial, BigDecimal fullYear, BigDecimal executed) {
            BigDecimal get(String column) {
                return switch (column) {
                    case "initial" -> initial;
                    case "fullYear" -> fullYear;
                    default -> executed;
                };
            }
        }

        final class Funds {
            final Map<String, Row> sources = new LinkedHashMap<>();

            void plan(List<ApiCall> calls, String base) {
                String date = year + "-12-31";
                sources.forEach((source, row) -> {
                    BigDecimal initial = yuan(row.initial());
                    if (initial.signum() > 0) {
                        calls.add(new ApiCall(ApiCall.Kind.INITIAL_BUDGET, "POST", base + "/initial-budgets", orderedMap(
                                "fundSource", source, "amount", initial.toPlainString(), "documentNumber", DOCUMENT_NUMBER),
                                label(source) + " 年初预算数 " + row.initial() + unit));
                    }
                });
                calls.add(new ApiCall(ApiCall.Kind.OPEN, "POST", base + "/open", null, "open " + year));
                sources.forEach((source, row) -> {
                    BigDecimal initial = yuan(row.initial());
                    BigDecimal fullYear = yuan(row.fullYear());
                    BigDecimal executed = yuan(row.executed());
                    BigDecimal peak = initial.max(fullYear).max(executed);
                    if (peak.compareTo(initial) > 0) {
                        calls.add(adjustment(base, "INC", "INCREASE", source, peak.subtract(initial), date, false,
                                label(source) + " 追加 to " + peak.toPlainString() + "元"));
                    }
                    if (executed.signum() > 0) {
                        calls.add(new ApiCall(ApiCall.Kind.PAYMENT, "POST", base + "/expenditures", orderedMap(
                                "paymentReference", "IMPORT-" + source, "fundSource", source,
                                "amount", executed.toPlainString(), "businessDate", date, "payee", PAYEE,
                                "voucherNumber", VOUCHER), label(source) + " 全年执行数 " + row.executed() + unit));
                    }
                    if (fullYear.compareTo(peak) < 0) {
                        calls.add(adjustment(base, "DEC", "DECREASE", source, peak.subtract(fullYear), date,
                                executed.compareTo(fullYear) > 0,
                                label(source) + " 调减 to 全年预算数 " + row.fullYear() + unit));
                    }
                });
            }

            private ApiCall adjustment(String base, String tag, String kind, String source, BigDecimal amount, String date,
                                       boolean correction, String label) {
                Map<String, Object> body = orderedMap("adjustmentId", "IMPORT-" + tag + "-" + source, "kind", kind,
                        "fundSource", source, "amount", amount.toPlainString(), "reason", REASON,
                        "documentNumber", DOCUMENT_NUMBER, "businessDate", date);
                if (correction) {
                    body.put("correction", true);
                }
                return new ApiCall(ApiCall.Kind.ADJUSTMENT, "POST", base + "/adjustments", body, label);
            }

            Map<String, ProjectPlan.Expected> expected() {
                Map<String, ProjectPlan.Expected> expected = new LinkedHashMap<>();
                sources.forEach((source, row) -> expected.put(source,
                        new ProjectPlan.Expected(yuan(row.initial()), yuan(row.fullYear()), yuan(row.executed()))));
                return expected;
            }
        }

        private static String label(String source) {
            return SOURCE_LABELS.get(source);
        }

        /** A fund row as printed: each column null when blank; the amounts in the file's unit. */
        record Printed(BigDecimal initial, BigDecimal fullYear, BigDecimal executed, BigDecimal rate) {
            static final Printed BLANK = new Printed(null, null, null, null);

            boolean hasAmounts() {
                return Stream.of(initial, fullYear, executed).anyMatch(a -> a != null && a.signum() != 0);
            }

            BigDecimal get(String column) {
                return switch (column) {
                    case "initial" -> initial;
                    case "fullYear" -> fullYear;
                    default -> executed;
                };
            }
        }

        private Funds funds(RuleSet ruleSet) {
            Funds funds = new Funds();
            JsonNode node = this.node.get("funds");
            if (node == null || !node.isObject()) {
                errors.add("funds is missing");
                return funds;
            }
            for (String key : node.propertyNames()) {
                if (!FUNDS_KEYS.contains(key)) {
                    errors.add("unknown fund source \"" + key + "\" (known: " + String.join(", ", SOURCES.keySet()) + ")");
                }
            }
            int before = errors.size();
            Map<String, Printed> printed = new LinkedHashMap<>();
            printed.put("total", row(node.get("total"), "funds.total"));
            for (String key : SOURCES.keySet()) {
                printed.put(key, row(node.get(key), "funds." + key));
            }
            BigDecimal weight = decimal(node.get("weight"), "funds.weight");
            BigDecimal score = decimal(node.get("score"), "funds.score");
            if (errors.size() > before) {
                return funds;
            }
            printed.forEach((key, row) -> {
                for (String column : COLUMNS) {
                    if (row.get(column) != null) {
                        published.put("funds." + key + "." + column, yuan(row.get(column)).toPlainString());
                    }
                }
                if (row.rate() != null) {
                    published.put("funds." + key + ".rate", row.rate().toPlainString());
                }
            });
            if (weight != null) {
                published.put("funds.weight", weight.toPlainString());
                if (ruleSet.fundsWeight() != null && weight.compareTo(ruleSet.fundsWeight()) != 0) {
                    warnings.add("funds.weight " + weight.toPlainString() + " differs from the rule set's "
                            + ruleSet.fundsWeight().toPlainString() + ": flagged on the live form");
                }
            }
            if (score != null) {
                published.put("funds.score", score.toPlainString());
            }

            Printed total = printed.get("total");
            boolean noSources = SOURCES.keySet().stream().noneMatch(key -> printed.get(key).hasAmounts());
            if (noSources && total.hasAmounts()) {
                warnings.add("the fund-source rows hold no amounts: the total row is imported as 当年财政拨款");
                printed.put("currentYearAppropriation", total);
            }
            boolean initialGuessed = false;
            for (Map.Entry<String, String> source : SOURCES.entrySet()) {
                Printed row = printed.get(source.getKey());
                BigDecimal fullYear = row.fullYear() != null ? row.fullYear() : row.initial() != null ? row.initial() : BigDecimal.ZERO;
                BigDecimal initial = row.initial();
                if (initial == null) {
                    initialGuessed |= row.fullYear() != null && row.fullYear().signum() != 0;
                    initial = fullYear;
                }
                funds.sources.put(source.getValue(), new Row(initial, fullYear, row.executed() == null ? BigDecimal.ZERO : row.executed()));
            }
            if (initialGuessed) {
                warnings.add("no 年初预算数 printed: the full-year budget is imported as the initial one");
            }
            if (total == Printed.BLANK && !node.has("total")) {
                warnings.add("funds.total is missing: nothing to check the sources against");
            }
            for (String column : COLUMNS) {
                BigDecimal sum = sum(funds, column);
                if (total.get(column) != null && sum.compareTo(total.get(column)) != 0) {
                    warnings.add("funds.total." + column + " " + total.get(column).toPlainString() + " is not the sum of the "
                            + "fund sources (" + sum.toPlainString() + "): the sources are imported, the difference is flagged");
                }
            }
            for (Row row : funds.sources.values()) {
                for (String column : COLUMNS) {
                    if (yuan(row.get(column)).compareTo(TRILLION) >= 0) {
                        errors.add("an amount of " + row.get(column).toPlainString() + unit + " is a trillion 元 or more");
                        return funds;
                    }
                }
            }
            return funds;
        }

        private static BigDecimal sum(Funds funds, String column) {
            return funds.sources.values().stream().map(r -> r.get(column)).reduce(BigDecimal.ZERO, BigDecimal::add);
        }

        /** One row as printed; {@link Printed#BLANK} when absent or null; malformed figures are reported. */
        private Printed row(JsonNode node, String field) {
            if (node == null || node.isNull()) {
                return Printed.BLANK;
            }
            if (!node.isObject()) {
                errors.add(field + " must be an object with initial, fullYear, executed and rate");
                return Printed.BLANK;
            }
            for (String key : node.propertyNames()) {
                if (!ROW_KEYS.contains(key)) {
                    errors.add(field + ": unknown column \"" + key + "\" (known: initial, fullYear, executed, rate)");
                }
            }
            return new Printed(decimal(node.get("initial"), field + ".initial"), decimal(node.get("fullYear"), field + ".fullYear"),
                    decimal(node.get("executed"), field + ".executed"), decimal(node.get("rate"), field + ".rate"));
        }

        /** 总分 and 评分等级 as printed. */
        private void publishedTotals() {
            BigDecimal total = decimal(node.get("total"), "total");
            if (total != null) {
                published.put("total", total.toPlainString());
            }
            String grade = optionalText(node.get("grade"), "grade", 10);
            if (grade != null) {
                published.put("grade", grade);
            }
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

        // --- indicators ---

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

        private List<Indicator> indicators(RuleSet ruleSet) {
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
            String printedLevel1 = optionalText(item.get("level1"), field + ".level1", 50);
            String printedLevel2 = optionalText(item.get("level2"), field + ".level2", 50);
            String level1 = heading(printedLevel1);
            String level2 = heading(printedLevel2);
            String level3 = optionalText(item.get("level3"), field + ".level3", 200);
            String target = blankAsNull(optionalText(item.get("target"), field + ".target", 1000));
            BigDecimal weight = decimal(item.get("weight"), field + ".weight");
            BigDecimal score = decimal(item.get("score"), field + ".score");
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
            } else if (!HEADINGS.containsKey(level1)) {
                errors.add(where + ": level1 " + level1 + " is not one of " + HEADINGS.keySet());
            } else if (level2 == null) {
                errors.add(where + ": level2 is missing");
            } else {
                String full = level2.endsWith("指标") ? level2 : level2 + "指标";
                if (!HEADINGS.get(level1).contains(full)) {
                    errors.add(where + ": level2 " + level2 + " does not belong under " + level1 + " " + HEADINGS.get(level1));
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
            String actual = blankAsNull(optionalText(item.get("actual"), field + ".actual", 200));
            String deviation = optionalText(item.get("deviation"), field + ".deviation", 4000);
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

    private static Map<String, Object> orderedMap(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    private static Map<String, String> stringMap(String k1, String v1, String k2, String v2, String k3, String v3) {
        Map<String, String> map = new LinkedHashMap<>();
        map.put(k1, v1);
        map.put(k2, v2);
        map.put(k3, v3);
        return map;
    }
}
