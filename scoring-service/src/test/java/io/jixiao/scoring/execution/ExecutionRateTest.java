package io.jixiao.scoring.execution;


import io.jixiao.scoring.rules.FormArithmetic;
import io.jixiao.scoring.rules.RuleSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

/** 执行率 under shanghai-2023: figures from the seven 2023 forms of forms-2023.json (万元 × 10000 = 元). */
class ExecutionRateTest {

    private static final BigDecimal TEN_THOUSAND = new BigDecimal("10000");
    private static final RuleSet SHANGHAI = load("shanghai-2023");

    static RuleSet load(String id) {
        try (var in = ExecutionRateTest.class.getResourceAsStream("/rule-sets/" + id + ".json")) {
            return tools.jackson.databind.json.JsonMapper.builder().build().readValue(in, RuleSet.class);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The rate as every endpoint computes it, under shanghai-2023 (the base is the full-year budget). */
    private static BigDecimal rate(BigDecimal executed, BigDecimal fullYear) {
        return FormArithmetic.rate(executed, fullYear, fullYear, SHANGHAI);
    }

    @ParameterizedTest(name = "{0} / {1} 万元 → {2}")
    @CsvSource({
            // 信息化建设项目
            "1350.52, 1404.67, 96.14",
            // 科普场馆运行保障经费: 42.685 is cut, not rounded up
            "3229.53, 7565.92, 42.68",
            "2899.03, 3000.00, 96.63",
            "330.50, 4565.92, 7.23",
            // 能源保障
            "1566.50, 1566.50, 100.00",
            // 信息化运维项目
            "23.13, 24.24, 95.42",
            // 天文馆展示工程: a budget and nothing spent is 0.00, not an error
            "0.00, 1399.10, 0.00",
            // 展示运行: on the adjusted budget (81.88), not the initial one (79.01)
            "15903.65, 19423.11, 81.88",
            "7128.98, 7451.78, 95.66",
            "8774.67, 11971.33, 73.29",
            // 科技馆展区更新改造
            "330.86, 7212.85, 4.58",
            "158.12, 4729.45, 3.34",
            "172.74, 2483.40, 6.95",
    })
    void truncatesSeedFormsToTwoDecimals(String executed, String fullYear, String rate) {
        BigDecimal executedYuan = new BigDecimal(executed).multiply(TEN_THOUSAND).setScale(2);
        BigDecimal fullYearYuan = new BigDecimal(fullYear).multiply(TEN_THOUSAND).setScale(2);

        assertThat(rate(executedYuan, fullYearYuan)).isEqualTo(new BigDecimal(rate));
        assertThat(rate(new BigDecimal(executed), new BigDecimal(fullYear))).isEqualTo(new BigDecimal(rate));
    }

    @Test
    void cutsWhereHalfUpWouldRoundUp() {
        // 42.685... and 95.668... both show their second decimal unchanged
        assertThat(rate(new BigDecimal("32295300.00"), new BigDecimal("75659200.00"))).hasToString("42.68");
        assertThat(rate(new BigDecimal("2.999"), new BigDecimal("3"))).hasToString("99.96");
    }

    @Test
    void hasNoFloatingPointDrift() {
        // in doubles 57 / 100 * 100 truncates to 56.99
        assertThat(rate(new BigDecimal("57.00"), new BigDecimal("100.00"))).hasToString("57.00");
        assertThat(rate(new BigDecimal("0.57"), new BigDecimal("1.00"))).hasToString("57.00");
    }

    @Test
    void zeroBudgetAndZeroExecutionIsZeroNotAnError() {
        assertThat(rate(new BigDecimal("0.00"), new BigDecimal("0.00"))).hasToString("0.00");
        assertThat(rate(BigDecimal.ZERO, BigDecimal.ZERO)).hasToString("0.00");
    }

    @Test
    void executionAboveBudgetShowsTheTrueRate() {
        assertThat(rate(new BigDecimal("1041700.00"), new BigDecimal("1000000.00"))).hasToString("104.17");
        assertThat(rate(new BigDecimal("125.00"), new BigDecimal("120.00"))).hasToString("104.16");
    }

    @Test
    void totalRateComesFromSummedAmountsNotFromAveragedSourceRates() {
        // 科普场馆运行保障经费: sources at 96.63 and 7.23 average 51.93; the form prints 42.68
        FundFigures appropriation = new FundFigures(new BigDecimal("30000000.00"), new BigDecimal("30000000.00"),
                new BigDecimal("28990300.00"));
        FundFigures carryover = FundFigures.NONE;
        FundFigures other = new FundFigures(new BigDecimal("45659200.00"), new BigDecimal("45659200.00"),
                new BigDecimal("3305000.00"));

        FundFigures total = appropriation.plus(carryover).plus(other);

        assertThat(total.fullYear()).isEqualByComparingTo("75659200.00");
        assertThat(total.executed()).isEqualByComparingTo("32295300.00");
        assertThat(total.rate(SHANGHAI)).hasToString("42.68");
        assertThat(appropriation.rate(SHANGHAI)).hasToString("96.63");
        assertThat(other.rate(SHANGHAI)).hasToString("7.23");
        assertThat(carryover.rate(SHANGHAI)).hasToString("0.00");
    }
}
