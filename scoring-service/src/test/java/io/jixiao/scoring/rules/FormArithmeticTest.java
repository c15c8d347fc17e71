package io.jixiao.scoring.rules;

import io.jixiao.contracts.indicator.Achievement;
import io.jixiao.contracts.indicator.Target;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;

import static org.assertj.core.api.Assertions.assertThat;

/** The form's arithmetic against the published seed figures (docs/domain.md §2-3) and the rule-set variants. */
class FormArithmeticTest {

    static final RuleSet SHANGHAI = load("shanghai-2023");
    static final RuleSet PUTUO = load("putuo-2022");

    static RuleSet load(String id) {
        try (InputStream in = FormArithmeticTest.class.getResourceAsStream("/rule-sets/" + id + ".json")) {
            return JsonMapper.builder().build().readValue(in, RuleSet.class);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static BigDecimal d(String text) {
        return new BigDecimal(text);
    }

    @ParameterizedTest(name = "{0}: {1} / {2} = {3}, funds score {4}")
    @CsvSource({
            "信息化建设项目, 1350.52, 1404.67, 96.14, 9.61",
            "科普场馆运行保障经费, 3229.53, 7565.92, 42.68, 4.26",
            "能源保障, 1566.50, 1566.50, 100.00, 10.00",
            "信息化运维项目, 23.13, 24.24, 95.42, 9.54",
            "天文馆展示工程, 0.00, 1399.10, 0.00, 0.00",
            "展示运行, 15903.65, 19423.11, 81.88, 8.18",
            "科技馆展区更新改造, 330.86, 7212.85, 4.58, 0.45"})
    void reproducesEverySeedRateAndFundsScoreByTruncation(String project, String executed, String fullYear, String rate, String score) {
        BigDecimal computed = FormArithmetic.rate(d(executed).multiply(d("10000")), d(fullYear).multiply(d("10000")), d(fullYear).multiply(d("10000")), SHANGHAI);
        assertThat(computed).as(project).isEqualByComparingTo(rate);
        assertThat(computed.scale()).isEqualTo(2);
        assertThat(FormArithmetic.fundsScore(computed, SHANGHAI)).as(project).isEqualByComparingTo(score);
    }

    @Test
    void roundsHalfUpUnderARuleSetThatSaysSo() {
        // 42.685...% truncates to 42.68 in Shanghai and rounds to 42.69 in Putuo
        assertThat(FormArithmetic.rate(d("32295300.00"), d("75659200.00"), d("75659200.00"), SHANGHAI)).isEqualByComparingTo("42.68");
        assertThat(FormArithmetic.rate(d("32295300.00"), d("75659200.00"), d("75659200.00"), PUTUO)).isEqualByComparingTo("42.69");
        assertThat(FormArithmetic.fundsScore(d("42.68"), PUTUO)).isEqualByComparingTo("4.27");
    }

    @Test
    void noFloatingPointDrift() {
        assertThat(FormArithmetic.rate(d("57"), d("100"), d("100"), SHANGHAI)).isEqualByComparingTo("57.00");
        assertThat(FormArithmetic.rate(d("0"), d("0"), d("0"), SHANGHAI)).isEqualByComparingTo("0.00");
    }

    @Test
    void capsTheFundsScoreAtItsWeightAboveBudget() {
        assertThat(FormArithmetic.rate(d("104170"), d("100000"), d("100000"), SHANGHAI)).isEqualByComparingTo("104.17");
        assertThat(FormArithmetic.fundsScore(d("104.17"), SHANGHAI)).isEqualByComparingTo("10.00");
        RuleSet twenty = RuleSets.derive(SHANGHAI, "funds-20", RuleSets.Parameters.of(null, null, "20.00"));
        assertThat(FormArithmetic.fundsScore(d("96.14"), twenty)).isEqualByComparingTo("19.22");
    }

    @ParameterizedTest(name = "{0} {1} against {2}: {3}")
    @CsvSource({
            // the five rows of domain.md §3 whose published score differs from the formula
            "当年预算完成率, ≥90(%), 42.68, 5.00, 2.37",
            "项目完成率, ≥100(%), 0.00, 5.00, 0.00",
            "预算执行率率, ≥95(%), 81.88, 10.00, 8.61",
            "当年预算完成率, ≥90(%), 4.58, 5.00, 0.25",
            // met, exceeded, zero target, bare number
            "系统访问量, ≥15600000.00(人次/年), 0.00, 5.00, 0.00",
            "满意度, ≥90(%), 95.00, 0.00, 0.00",
            "满意度, ≥80(%), 90.00, 20.00, 20.00",
            "合格率, ≥95.00(%), 95.00, 20.00, 20.00",
            "零目标, ≥0(%), 0.00, 5.00, 5.00",
            "裸数字, 100, 50, 10.00, 5.00"})
    void computesQuantitativeScoresByTheOfficialRule(String indicator, String target, String actual, String weight, String score) {
        assertThat(FormArithmetic.quantitativeScore(Target.parse(target), d(actual), d(weight), SHANGHAI)).as(indicator)
                .isEqualByComparingTo(score);
    }

    @Test
    void scoresReverseIndicatorsByTheRuleSetsFormula() {
        Target fiveDays = Target.parse("≤5(天)");
        assertThat(FormArithmetic.quantitativeScore(fiveDays, d("4"), d("10"), SHANGHAI)).isEqualByComparingTo("10.00");
        // RATIO: 5 / 8 × 10 = 6.25; LINEAR_DECAY: (10 - 8) / 5 × 10 = 4.00, and 0 at twice the target
        assertThat(FormArithmetic.quantitativeScore(fiveDays, d("8"), d("10"), SHANGHAI)).isEqualByComparingTo("6.25");
        assertThat(FormArithmetic.quantitativeScore(fiveDays, d("8"), d("10"), PUTUO)).isEqualByComparingTo("4.00");
        assertThat(FormArithmetic.quantitativeScore(fiveDays, d("11"), d("10"), PUTUO)).isEqualByComparingTo("0.00");
        Target none = Target.parse("=0(起)");
        assertThat(FormArithmetic.quantitativeScore(none, d("0"), d("5"), SHANGHAI)).isEqualByComparingTo("5.00");
        assertThat(FormArithmetic.quantitativeScore(none, d("1"), d("5"), SHANGHAI)).isEqualByComparingTo("0.00");
    }

    @Test
    void qualitativeAchievementsScoreByTheirBand() {
        assertThat(FormArithmetic.qualitativeScore(Achievement.ACHIEVED, d("75.00"), SHANGHAI)).isEqualByComparingTo("75.00");
        assertThat(FormArithmetic.qualitativeScore(Achievement.PARTIALLY_ACHIEVED, d("75.00"), SHANGHAI)).isNull();
        assertThat(FormArithmetic.inBand(Achievement.ACHIEVED, d("70.00"), d("75.00"), SHANGHAI)).isTrue();
        assertThat(FormArithmetic.inBand(Achievement.ACHIEVED, d("59.99"), d("75.00"), SHANGHAI)).isFalse();
        assertThat(FormArithmetic.inBand(Achievement.PARTIALLY_ACHIEVED, d("60.00"), d("75.00"), SHANGHAI)).isFalse();
        assertThat(FormArithmetic.inBand(Achievement.NOT_ACHIEVED, d("44.99"), d("75.00"), SHANGHAI)).isTrue();
    }

    @Test
    void flagsOverAchievementFromTheRuleSetsFactor() {
        assertThat(FormArithmetic.overAchieved(Target.parse("≥90(%)"), d("108.00"), SHANGHAI)).isTrue();
        assertThat(FormArithmetic.overAchieved(Target.parse("≥90(%)"), d("107.99"), SHANGHAI)).isFalse();
        assertThat(FormArithmetic.overAchieved(Target.parse("≤5(天)"), d("100"), SHANGHAI)).isFalse();
    }

    @ParameterizedTest
    @CsvSource({"100.00, 优", "90.00, 优", "89.99, 良", "80.00, 良", "79.99, 中", "60.00, 中", "59.99, 差", "0.00, 差"})
    void gradesFromTheirMinimumUp(String total, String grade) {
        assertThat(FormArithmetic.grade(d(total), SHANGHAI)).isEqualTo(grade);
    }

    @Test
    void showsYuanInWanYuan() {
        assertThat(FormArithmetic.wanYuan(d("194231100.00"))).isEqualByComparingTo("19423.11");
        assertThat(FormArithmetic.wanYuan(d("12345.67")).setScale(2, RoundingMode.UNNECESSARY)).isEqualByComparingTo("1.23");
    }

    // ---- every parameter of a rule set changes the form ------------------------------------------------------

    private static RuleSet with(String rounding, String rateRounding, Integer ratePrecision, String scoreRounding,
                                Integer scorePrecision, String rateBase, String fundsWeight) {
        return RuleSets.derive(SHANGHAI, "variant", new RuleSets.Parameters(null, rounding, rateRounding, ratePrecision,
                scoreRounding, scorePrecision, rateBase, fundsWeight, null, null));
    }

    /** 普陀 2022: 215,457.60 of 250,000.00 is 86.18304 %; the published form prints 86.19 and a funds score of 8.62. */
    @Test
    void rateRoundingAloneMovesTheRate() {
        BigDecimal executed = d("215457.60");
        BigDecimal budget = d("250000.00");
        assertThat(FormArithmetic.rate(executed, budget, budget, SHANGHAI)).isEqualByComparingTo("86.18");
        RuleSet up = with(null, "UP", null, null, null, null, null);
        assertThat(FormArithmetic.rate(executed, budget, budget, up)).isEqualByComparingTo("86.19");
        assertThat(up.scoreRounding()).as("the scores keep the default rounding").isEqualTo(RoundingMode.DOWN);
    }

    @Test
    void scoreRoundingAloneMovesTheScores() {
        RuleSet halfUp = with(null, null, null, "HALF_UP", null, null, null);
        assertThat(halfUp.rateRounding()).isEqualTo(RoundingMode.DOWN);
        assertThat(FormArithmetic.fundsScore(d("86.18"), SHANGHAI)).isEqualByComparingTo("8.61");
        assertThat(FormArithmetic.fundsScore(d("86.18"), halfUp)).isEqualByComparingTo("8.62");
        assertThat(FormArithmetic.quantitativeScore(Target.parse("≥90(%)"), d("42.68"), d("5"), halfUp)).isEqualByComparingTo("2.37");
        assertThat(FormArithmetic.quantitativeScore(Target.parse("≥90(%)"), d("42.75"), d("5"), SHANGHAI)).isEqualByComparingTo("2.37");
        assertThat(FormArithmetic.quantitativeScore(Target.parse("≥90(%)"), d("42.75"), d("5"), halfUp)).isEqualByComparingTo("2.38");
    }

    @Test
    void roundingIsTheDefaultOfBothFigures() {
        RuleSet halfUp = with("HALF_UP", null, null, null, null, null, null);
        assertThat(halfUp.rateRounding()).isEqualTo(RoundingMode.HALF_UP);
        assertThat(halfUp.scoreRounding()).isEqualTo(RoundingMode.HALF_UP);
        RuleSet mixed = with("HALF_UP", "UP", null, null, null, null, null);
        assertThat(mixed.rateRounding()).isEqualTo(RoundingMode.UP);
        assertThat(mixed.scoreRounding()).isEqualTo(RoundingMode.HALF_UP);
    }

    @Test
    void wholePercentRatesAndWholePoints() {
        RuleSet whole = with("HALF_UP", null, 0, null, 0, null, null);
        BigDecimal rate = FormArithmetic.rate(d("32295300.00"), d("75659200.00"), d("75659200.00"), whole);
        assertThat(rate).hasToString("43.00");
        assertThat(FormArithmetic.fundsScore(rate, whole)).hasToString("4.00");
        assertThat(FormArithmetic.quantitativeScore(Target.parse("≥90(%)"), d("42.68"), d("5"), whole)).hasToString("2.00");
        RuleSet oneDecimal = with(null, null, 1, null, 1, null, null);
        assertThat(FormArithmetic.rate(d("32295300.00"), d("75659200.00"), d("75659200.00"), oneDecimal)).hasToString("42.60");
        assertThat(FormArithmetic.quantitativeScore(Target.parse("≥90(%)"), d("42.68"), d("5"), oneDecimal)).hasToString("2.30");
    }

    /** 展示运行: 15,903.65 万元 of a full-year 19,423.11 is 81.88; of the initial budget 20,128.38 it is 79.01. */
    @Test
    void theRateBaseChoosesTheDenominator() {
        BigDecimal executed = d("159036500.00");
        BigDecimal fullYear = d("194231100.00");
        BigDecimal initial = d("201283800.00");
        assertThat(FormArithmetic.rate(executed, fullYear, initial, SHANGHAI)).isEqualByComparingTo("81.88");
        assertThat(FormArithmetic.rate(executed, fullYear, initial, with(null, null, null, null, null, "INITIAL", null)))
                .isEqualByComparingTo("79.01");
    }

    @Test
    void aFundsWeightOfTwentyLeavesEightyToTheIndicators() {
        RuleSet twenty = with(null, null, null, null, null, null, "20.00");
        assertThat(twenty.indicatorWeight()).isEqualByComparingTo("80.00");
        assertThat(FormArithmetic.fundsScore(d("86.18"), twenty)).isEqualByComparingTo("17.23");
    }

    @Test
    void qualitativeBandsComeFromTheRuleSet() {
        RuleSet fifty = RuleSets.derive(SHANGHAI, "bands-50", new RuleSets.Parameters(null, null, null, null, null, null,
                null, null, java.util.Map.of(
                        Achievement.ACHIEVED, new RuleSet.Band(d("0.80"), d("1.00"), d("1.00")),
                        Achievement.PARTIALLY_ACHIEVED, new RuleSet.Band(d("0.50"), d("0.80"), null),
                        Achievement.NOT_ACHIEVED, new RuleSet.Band(d("0.00"), d("0.50"), null)), null));
        assertThat(FormArithmetic.inBand(Achievement.PARTIALLY_ACHIEVED, d("5.50"), d("10"), SHANGHAI)).isFalse();
        assertThat(FormArithmetic.inBand(Achievement.PARTIALLY_ACHIEVED, d("5.50"), d("10"), fifty)).isTrue();
        assertThat(FormArithmetic.inBand(Achievement.NOT_ACHIEVED, d("5.50"), d("10"), fifty)).isFalse();
    }

    @Test
    void rejectsParametersOutsideTheirRange() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> with(null, null, 3, null, null, null, null))
                .hasMessageContaining("ratePrecision");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> with(null, null, null, "UNNECESSARY", null, null, null))
                .hasMessageContaining("scoreRounding");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> with(null, null, null, null, null, "BUDGET", null))
                .hasMessageContaining("rateBase");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RuleSets.derive(SHANGHAI, "x", new RuleSets.Parameters(
                        null, null, null, null, null, null, null, null, java.util.Map.of(Achievement.ACHIEVED,
                        new RuleSet.Band(d("0.90"), d("0.80"), null)), null)))
                .hasMessageContaining("qualitativeBands");
    }

    @Test
    void progressComesFromTheRuleSetAndIsChecked() {
        RuleSet july = RuleSets.derive(SHANGHAI, "july-40", progress(new RuleSets.ProgressParameters(
                java.util.List.of(java.util.Map.of("date", "07-31", "percent", "40")), "3", "10", java.util.List.of("06-30"))));
        assertThat(july.progress().timeElapsed().at(java.time.LocalDate.of(2023, 7, 31), 2023)).isEqualByComparingTo("40.00");
        assertThat(july.progress().yellowFrom()).isEqualByComparingTo("3");
        assertThat(july.progress().goalCheckpoints()).containsExactly(java.time.MonthDay.of(6, 30));
        assertThat(SHANGHAI.progress()).isEqualTo(RuleSet.Progress.DEFAULT);
        for (var bad : java.util.List.of(
                new RuleSets.ProgressParameters(java.util.List.of(java.util.Map.of("date", "7-31", "percent", "40")), null, null, null),
                new RuleSets.ProgressParameters(java.util.List.of(java.util.Map.of("date", "02-30", "percent", "40")), null, null, null),
                new RuleSets.ProgressParameters(java.util.List.of(java.util.Map.of("date", "07-31", "percent", "140")), null, null, null),
                new RuleSets.ProgressParameters(java.util.List.of(java.util.Map.of("date", "07-31")), null, null, null),
                new RuleSets.ProgressParameters(java.util.List.of(java.util.Map.of("date", "03-31", "percent", "50"),
                        java.util.Map.of("date", "06-30", "percent", "40")), null, null, null),
                new RuleSets.ProgressParameters(null, "20", "10", null),
                new RuleSets.ProgressParameters(null, "-1", null, null),
                new RuleSets.ProgressParameters(null, null, null, java.util.List.of("13-01")))) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> RuleSets.derive(SHANGHAI, "x", progress(bad)))
                    .isInstanceOf(io.jixiao.contracts.InvalidValueException.class).hasMessageContaining("progress");
        }
    }

    private static RuleSets.Parameters progress(RuleSets.ProgressParameters progress) {
        return new RuleSets.Parameters(null, null, null, null, null, null, null, null, null, progress);
    }
}
