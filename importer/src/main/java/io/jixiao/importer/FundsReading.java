package io.jixiao.importer;

import io.jixiao.contracts.FundSource;
import io.jixiao.contracts.Money;
import io.jixiao.importer.RuleSetReading.RuleSet;

import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static io.jixiao.importer.ImportPlanner.DOCUMENT_NUMBER;
import static io.jixiao.importer.ImportPlanner.PAYEE;
import static io.jixiao.importer.ImportPlanner.REASON;
import static io.jixiao.importer.ImportPlanner.SOURCES;
import static io.jixiao.importer.ImportPlanner.VOUCHER;
import static io.jixiao.importer.ImportPlanner.orderedMap;

/**
 * A project's funds block: the total and fund-source rows as printed (their figures go to the published ones), read
 * into what is imported per fund source, and the budget calls that reproduce it (see {@link ImportPlanner}).
 */
final class FundsReading {

    /** The funds block's keys: the total row, the fund-source rows ({@link FundSource#formKey()}), weight and score. */
    private static final Set<String> FUNDS_KEYS = Stream.concat(Stream.of("total", "weight", "score"),
            SOURCES.keySet().stream()).collect(Collectors.toUnmodifiableSet());
    private static final Set<String> ROW_KEYS = Set.of("initial", "fullYear", "executed", "rate");
    private static final List<String> COLUMNS = List.of("initial", "fullYear", "executed");

    private final JsonNode node;
    private final List<String> errors;
    private final List<String> warnings;
    private final Map<String, String> published;
    private final Figures figures;
    private final Integer year;
    private final String unit;

    FundsReading(Project project) {
        this.node = project.node;
        this.errors = project.errors;
        this.warnings = project.warnings;
        this.published = project.published;
        this.figures = project.figures;
        this.year = project.year;
        this.unit = project.unit;
    }

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

    /** What is imported per fund source (by its API name), and the budget calls that reproduce it. */
    final class Funds {
        final Map<String, Row> sources = new LinkedHashMap<>();

        void plan(List<ApiCall> calls, String base) {
            String date = year + "-12-31";
            sources.forEach((source, row) -> {
                BigDecimal initial = figures.yuan(row.initial());
                if (initial.signum() > 0) {
                    calls.add(new ApiCall(ApiCall.Kind.INITIAL_BUDGET, "POST", base + "/initial-budgets", orderedMap(
                            "fundSource", source, "amount", initial.toPlainString(), "documentNumber", DOCUMENT_NUMBER),
                            label(source) + " 年初预算数 " + row.initial() + unit));
                }
            });
            calls.add(new ApiCall(ApiCall.Kind.OPEN, "POST", base + "/open", null, "open " + year));
            sources.forEach((source, row) -> {
                BigDecimal initial = figures.yuan(row.initial());
                BigDecimal fullYear = figures.yuan(row.fullYear());
                BigDecimal executed = figures.yuan(row.executed());
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
                    new ProjectPlan.Expected(figures.yuan(row.initial()), figures.yuan(row.fullYear()),
                            figures.yuan(row.executed()))));
            return expected;
        }
    }

    /** A fund source's row heading on the form, from its API name. */
    private static String label(String source) {
        return FundSource.valueOf(source).label();
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

    Funds funds(RuleSet ruleSet) {
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
        BigDecimal weight = figures.decimal(node.get("weight"), "funds.weight");
        BigDecimal score = figures.decimal(node.get("score"), "funds.score");
        if (errors.size() > before) {
            return funds;
        }
        printed.forEach((key, row) -> {
            for (String column : COLUMNS) {
                if (row.get(column) != null) {
                    published.put("funds." + key + "." + column, figures.yuan(row.get(column)).toPlainString());
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
                if (figures.yuan(row.get(column)).compareTo(Money.MAX) > 0) {
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
        return new Printed(figures.decimal(node.get("initial"), field + ".initial"),
                figures.decimal(node.get("fullYear"), field + ".fullYear"),
                figures.decimal(node.get("executed"), field + ".executed"), figures.decimal(node.get("rate"), field + ".rate"));
    }
}
