package io.jixiao.importer;

import io.jixiao.contracts.RuleSetId;
import io.jixiao.contracts.FundSource;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

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

    public static final String DEFAULT_RULE_SET = RuleSetId.DEFAULT;
    static final String DOCUMENT_NUMBER = "导入";
    static final String REASON = "历史数据导入";
    static final String PAYEE = "历史数据导入";
    static final String VOUCHER = "IMPORT";
    /** A cell the form left blank where the system needs a text: a 年度指标值, a 主管部门 (the form shows this text). */
    static final String NO_TARGET = "未填写";

    /** The file's fund-source keys, in the form's row order, and the API's names for them ({@link FundSource}). */
    static final Map<String, String> SOURCES = Arrays.stream(FundSource.values())
            .collect(Collectors.toMap(FundSource::formKey, FundSource::name, (a, b) -> a, LinkedHashMap::new));

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

    /** {@code F} and the first 10 hex digits of SHA-256 of the name, upper case: stable across files and years. */
    public static String codeFor(String name) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            return "F" + HexFormat.of().formatHex(hash).substring(0, 10).toUpperCase(Locale.ROOT);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A call's body: its fields in order. */
    static Map<String, Object> orderedMap(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
