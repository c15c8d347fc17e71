package io.jixiao.testing;

import tools.jackson.databind.JsonNode;

import java.util.List;

/**
 * The golden comparison: a form as published (the {@code forms-2023.json} exchange format) against the live one,
 * figure by figure, as text (an absent figure reads as empty).
 */
public final class PublishedForms {

    public static final List<String> FUND_ROWS = List.of("total", "currentYearAppropriation", "priorYearCarryover", "otherFunds");
    public static final List<String> FUND_COLUMNS = List.of("initial", "fullYear", "executed", "rate");

    private PublishedForms() {
    }

    /**
     * Compares the fund rows (each of {@link #FUND_COLUMNS}), the funds block's {@code fundFigures}, the
     * {@code indicatorColumns} of every indicator row, the total and the grade. Adds a line to {@code mismatched}
     * per differing figure and returns the number of figures compared.
     */
    public static int compare(JsonNode published, JsonNode live, List<String> fundFigures, List<String> indicatorColumns,
                              List<String> mismatched) {
        int count = 0;
        String name = published.path("name").asString();
        for (String row : FUND_ROWS) {
            for (String column : FUND_COLUMNS) {
                count += same(name + " funds." + row + "." + column, published.path("funds").path(row).path(column),
                        live.path("funds").path(row).path(column), mismatched);
            }
        }
        for (String figure : fundFigures) {
            count += same(name + " funds." + figure, published.path("funds").path(figure), live.path("funds").path(figure),
                    mismatched);
        }
        for (int i = 0; i < published.path("indicators").size(); i++) {
            JsonNode expected = published.path("indicators").get(i);
            JsonNode actual = live.path("indicators").get(i);
            for (String column : indicatorColumns) {
                count += same(name + " indicator " + (i + 1) + "." + column, expected.path(column), actual.path(column), mismatched);
            }
        }
        count += same(name + " total", published.path("total"), live.path("total"), mismatched);
        count += same(name + " grade", published.path("grade"), live.path("grade"), mismatched);
        return count;
    }

    private static int same(String what, JsonNode expected, JsonNode actual, List<String> mismatched) {
        String want = expected.isNull() || expected.isMissingNode() ? "" : expected.asString();
        String got = actual.isNull() || actual.isMissingNode() ? "" : actual.asString();
        if (!want.equals(got)) {
            mismatched.add(what + ": published " + want + ", live " + got);
        }
        return 1;
    }
}
