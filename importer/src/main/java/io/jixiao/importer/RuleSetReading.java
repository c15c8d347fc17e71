package io.jixiao.importer;

import io.jixiao.contracts.RuleSetId;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static io.jixiao.importer.Figures.HUNDRED;
import static io.jixiao.importer.ImportPlanner.DEFAULT_RULE_SET;

/** A project's {@code ruleSet}: absent (the default), a rule set's id, or an object of parameters to add one. */
final class RuleSetReading {

    static final BigDecimal DEFAULT_FUNDS_WEIGHT = new BigDecimal("10.00");
    private static final Set<String> RULE_SET_KEYS = Set.of("id", "rounding", "fundsWeight", "rateRounding", "ratePrecision",
            "scoreRounding", "scorePrecision", "rateBase", "qualitativeBands");
    private static final Pattern RULE_SET_ID = RuleSetId.PATTERN;

    private final Project project;
    private final JsonNode node;
    private final List<String> errors;
    private final Figures figures;

    RuleSetReading(Project project) {
        this.project = project;
        this.node = project.node;
        this.errors = project.errors;
        this.figures = project.figures;
    }

    /** The project's rule set: its id, its funds weight when known here, and the parameters to PUT (null for none). */
    record RuleSet(String id, BigDecimal fundsWeight, Map<String, Object> parameters) {
    }

    RuleSet ruleSet(String code) {
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
        String id = project.optionalText(value.get("id"), "ruleSet.id", 40);
        if (id == null) {
            id = code == null ? DEFAULT_RULE_SET : "import-" + code.toLowerCase(Locale.ROOT);
        } else if (!RULE_SET_ID.matcher(id).matches()) {
            errors.add("ruleSet.id " + id + " must match " + RULE_SET_ID.pattern());
        }
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("id", id);
        String rounding = project.optionalText(value.get("rounding"), "ruleSet.rounding", 20);
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
            BigDecimal weight = figures.decimal(value.get("fundsWeight"), "ruleSet.fundsWeight");
            if (weight != null && weight.compareTo(HUNDRED) > 0) {
                errors.add("ruleSet.fundsWeight " + weight + " is above 100");
            } else if (weight != null) {
                fundsWeight = weight.setScale(2);
                parameters.put("fundsWeight", fundsWeight.toPlainString());
            }
        }
        for (String key : List.of("rateRounding", "scoreRounding", "rateBase")) {
            String text = project.optionalText(value.get(key), "ruleSet." + key, 20);
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
}
