package io.jixiao.exports;

import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * A form as the exporters read it: the JSON of {@code GET /projects/{id}/form} (or a form of forms-2023.json),
 * read leniently. A missing field, a JSON null and a missing section all read as null (lists as empty), a number
 * where a string is expected reads as its text, and nothing is converted: every figure stays the string it was.
 */
record FormView(String name, String year, String department, String implementingUnit, String amountUnit,
                Funds funds, String goalExpected, String goalActual, List<Indicator> indicators, String total,
                String grade, String projectId, String ruleSet, String status, List<String> flags, String asOf,
                String knownAt, List<Difference> publishedDifferences) {

    /** 万元 unless the form names another unit. */
    static final String DEFAULT_AMOUNT_UNIT = "万元";

    /** One row of the funds block: 年初预算数, 全年预算数, 全年执行数 and 执行率. */
    record FundRow(String initial, String fullYear, String executed, String rate) {
    }

    /** 项目资金: the total row (the only scored one) and the three sources, in the form's order. */
    record Funds(FundRow total, FundRow currentYearAppropriation, FundRow priorYearCarryover, FundRow otherFunds,
                 String weight, String score) {
    }

    /** One 三级指标 row. */
    record Indicator(String level1, String level2, String level3, String target, String actual, String weight,
                     String score, String deviation, String indicatorId, String computedScore,
                     String selfAssessedScore, String reviewedScore, List<String> flags) {
    }

    /** A figure of the published form that the live form does not reproduce. */
    record Difference(String field, String published, String computed) {
    }

    static FormView of(JsonNode form) {
        JsonNode funds = path(form, "funds");
        JsonNode goal = path(form, "goal");
        List<Indicator> indicators = new ArrayList<>();
        for (JsonNode row : elements(path(form, "indicators"))) {
            indicators.add(new Indicator(text(row, "level1"), text(row, "level2"), text(row, "level3"),
                    text(row, "target"), text(row, "actual"), text(row, "weight"), text(row, "score"),
                    text(row, "deviation"), text(row, "indicatorId"), text(row, "computedScore"),
                    text(row, "selfAssessedScore"), text(row, "reviewedScore"), texts(path(row, "flags"))));
        }
        List<Difference> differences = new ArrayList<>();
        for (JsonNode difference : elements(path(form, "publishedDifferences"))) {
            differences.add(new Difference(text(difference, "field"), text(difference, "published"),
                    text(difference, "computed")));
        }
        String unit = text(form, "amountUnit");
        return new FormView(text(form, "name"), text(form, "year"), text(form, "department"),
                text(form, "implementingUnit"), unit == null || unit.isBlank() ? DEFAULT_AMOUNT_UNIT : unit,
                new Funds(fundRow(path(funds, "total")), fundRow(path(funds, "currentYearAppropriation")),
                        fundRow(path(funds, "priorYearCarryover")), fundRow(path(funds, "otherFunds")),
                        text(funds, "weight"), text(funds, "score")),
                text(goal, "expected"), text(goal, "actual"), List.copyOf(indicators), text(form, "total"),
                text(form, "grade"), text(form, "projectId"), text(form, "ruleSet"), text(form, "status"),
                texts(path(form, "flags")), text(form, "asOf"), text(form, "knownAt"), List.copyOf(differences));
    }

    /** The four rows of the funds block with their printed labels, in the form's order. */
    List<Labelled> fundRows() {
        List<FundRow> rows = List.of(funds.total(), funds.currentYearAppropriation(), funds.priorYearCarryover(),
                funds.otherFunds());
        List<Labelled> labelled = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            FormLabels.FundRow label = FormLabels.FUND_ROWS.get(i);
            labelled.add(new Labelled(label.label(), label.field(), rows.get(i)));
        }
        return labelled;
    }

    /** A fund row with the label the form prints and the field it comes from. */
    record Labelled(String label, String field, FundRow row) {

        boolean isTotal() {
            return field.equals("total");
        }
    }

    private static FundRow fundRow(JsonNode row) {
        return new FundRow(text(row, "initial"), text(row, "fullYear"), text(row, "executed"), text(row, "rate"));
    }

    private static JsonNode path(JsonNode node, String field) {
        return node == null || !node.isObject() ? null : node.get(field);
    }

    private static List<JsonNode> elements(JsonNode array) {
        List<JsonNode> elements = new ArrayList<>();
        if (array != null && array.isArray()) {
            for (JsonNode element : array) {
                elements.add(element);
            }
        }
        return elements;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        for (JsonNode element : elements(array)) {
            String text = text(element);
            if (text != null) {
                texts.add(text);
            }
        }
        return List.copyOf(texts);
    }

    private static String text(JsonNode node, String field) {
        return text(path(node, field));
    }

    /** A value's text: strings as they are, numbers and booleans as written; null, missing and containers as null. */
    private static String text(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode() || value.isContainer()) {
            return null;
        }
        return value.isString() ? value.stringValue() : value.asString();
    }
}
