package io.jixiao.scoring.form;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.jixiao.scoring.published.PublishedFigures;

import java.util.List;
import java.util.Map;

/**
 * A project-year's 财政项目支出绩效自评表, in the structure of the published forms' exchange format
 * (forms-2023.json: every figure a string with 2 decimals, amounts in 万元), with the live extras after it:
 * id, rule set, status, each indicator's computed, self-assessed and reviewed scores, flags, and every figure of the
 * published form (when one was imported) that the live form does not reproduce ({@code publishedDifferences}, each
 * also a flag {@code PUBLISHED_DIFFERS:<field>}). A form as of a
 * business date ({@code asOf}) and as known at a time ({@code knownAt}) counts only the events dated up to that
 * day and recorded by that time, money and indicator facts alike.
 */
public record Form(String name, int year, String department, String implementingUnit, String currency,
                   String amountUnit, Funds funds, Goal goal, List<IndicatorRow> indicators, String total, String grade,
                   String projectId, String ruleSet, String status, List<String> flags, String asOf, String knownAt,
                   List<PublishedFigures.Difference> publishedDifferences, @JsonIgnore Derivation fundsDerivation) {

    /** How a figure was made: the rule applied (from the rule set's parameters), its inputs, and the result. */
    public record Derivation(String rule, Map<String, String> inputs, String result) {
    }

    /** One row of the funds block: 年初预算数, 全年预算数, 全年执行数 (万元) and 执行率 (%). */
    public record FundRow(String initial, String fullYear, String executed, String rate) {
    }

    /** 项目资金: the total row (the only scored one) and the three sources. */
    public record Funds(FundRow total, FundRow currentYearAppropriation, FundRow priorYearCarryover, FundRow otherFunds,
                        String weight, String score) {
    }

    /** 年度总体目标: 预期目标 and 实际完成情况, as plain text. */
    public record Goal(String expected, String actual) {
    }

    /**
     * One 三级指标 row. {@code score} is what the form prints: the self-assessed score where recorded, else the
     * computed one.
     */
    public record IndicatorRow(String level1, String level2, String level3, String target, String actual,
                               String weight, String score, String deviation, String indicatorId,
                               String computedScore, String selfAssessedScore, String reviewedScore, List<String> flags,
                               @JsonIgnore Derivation derivation) {
    }

    /** A line of the list of all project-years. */
    public record Summary(String projectId, String name, int year, String ruleSet, String status, String rate,
                          String total, String grade) {
    }
}
