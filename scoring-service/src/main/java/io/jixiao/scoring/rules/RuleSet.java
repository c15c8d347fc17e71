package io.jixiao.scoring.rules;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.jixiao.contracts.indicator.Achievement;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How a jurisdiction evaluates a form: data, not code, and the only source of the form's rule parameters.
 * Published forms differ in each of these, so each is named:
 *
 * @param rounding              the default rounding of every computed figure (DOWN truncates, as 上海 2023 prints)
 * @param rateRounding          the rounding of 执行率 (defaults to {@code rounding})
 * @param ratePrecision         decimals of 执行率: 2, or 0 for forms printing whole percent (default 2)
 * @param scoreRounding         the rounding of computed scores (defaults to {@code rounding})
 * @param scorePrecision        decimals of computed scores: 2, 1, or 0 for whole points (default 2)
 * @param rateBase              the denominator of 执行率: FULL_YEAR (全年预算数) or INITIAL (年初预算数, older templates)
 * @param fundsWeight           the funds row's 分值 (10 or 20; the indicators then weigh the rest of 100)
 * @param grades                each grade applies from its minimum up (inclusive)
 * @param qualitativeBands      the share of the weight each qualitative achievement may score
 * @param reverseFormula        for ≤/< targets missed: RATIO (target ÷ actual × weight) or LINEAR_DECAY (to 0 at twice the target)
 * @param overAchievementFactor actual ≥ factor × target is flagged and needs an explanation
 */
public record RuleSet(String id, String description, RoundingMode rounding, RoundingMode rateRounding,
                      Integer ratePrecision, RoundingMode scoreRounding, Integer scorePrecision, RateBase rateBase,
                      @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal fundsWeight, List<Grade> grades,
                      Map<Achievement, Band> qualitativeBands, ReverseFormula reverseFormula,
                      @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal overAchievementFactor) {

    public enum ReverseFormula { RATIO, LINEAR_DECAY }

    /** What 执行率 divides by. */
    public enum RateBase { FULL_YEAR, INITIAL }

    /** A grade and the lowest total that earns it. */
    public record Grade(String grade, @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal minimum) {
    }

    /**
     * A qualitative band as shares of the weight: [low, high], high exclusive except for a band reaching 1.00.
     * {@code defaultShare}, when set, is the computed score's share (only 达成 has one: full weight).
     */
    public record Band(@JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal low,
                       @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal high,
                       @JsonFormat(shape = JsonFormat.Shape.STRING) @JsonProperty("default") BigDecimal defaultShare) {
    }

    public RuleSet {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(rounding, "rounding");
        rateRounding = rateRounding != null ? rateRounding : rounding;
        scoreRounding = scoreRounding != null ? scoreRounding : rounding;
        ratePrecision = ratePrecision != null ? ratePrecision : 2;
        scorePrecision = scorePrecision != null ? scorePrecision : 2;
        rateBase = rateBase != null ? rateBase : RateBase.FULL_YEAR;
        Objects.requireNonNull(fundsWeight, "fundsWeight");
        grades = List.copyOf(grades);
        qualitativeBands = Map.copyOf(qualitativeBands);
        Objects.requireNonNull(reverseFormula, "reverseFormula");
        Objects.requireNonNull(overAchievementFactor, "overAchievementFactor");
    }

    /** The weight the indicators share: 100 less the funds row's. */
    public BigDecimal indicatorWeight() {
        return BigDecimal.valueOf(100).setScale(2).subtract(fundsWeight);
    }
}
