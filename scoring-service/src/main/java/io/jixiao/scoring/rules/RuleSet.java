package io.jixiao.scoring.rules;

import com.fasterxml.jackson.annotation.JsonFormat;
import io.jixiao.contracts.indicator.Achievement;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How a jurisdiction evaluates a form: data, not code. Rates and scores are cut or rounded to 2 decimals with
 * {@code rounding}; the funds row weighs {@code fundsWeight}; grades apply from their minimum up (inclusive).
 *
 * @param reverseFormula        for ≤/< targets missed: RATIO (target ÷ actual × weight) or LINEAR_DECAY (to 0 at twice the target)
 * @param overAchievementFactor actual ≥ factor × target is flagged and needs an explanation
 */
public record RuleSet(String id, String description, RoundingMode rounding,
                      @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal fundsWeight, List<Grade> grades,
                      Map<Achievement, Band> qualitativeBands, ReverseFormula reverseFormula,
                      @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal overAchievementFactor) {

    public enum ReverseFormula { RATIO, LINEAR_DECAY }

    /** A grade and the lowest total that earns it. */
    public record Grade(String grade, @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal minimum) {
    }

    /**
     * A qualitative band as shares of the weight: [low, high], high exclusive except for a band reaching 1.00.
     * {@code defaultShare}, when set, is the computed score's share (only 达成 has one: full weight).
     */
    public record Band(@JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal low,
                       @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal high,
                       @JsonFormat(shape = JsonFormat.Shape.STRING) @com.fasterxml.jackson.annotation.JsonProperty("default") BigDecimal defaultShare) {
    }

    public RuleSet {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(rounding, "rounding");
        Objects.requireNonNull(fundsWeight, "fundsWeight");
        grades = List.copyOf(grades);
        qualitativeBands = Map.copyOf(qualitativeBands);
        Objects.requireNonNull(reverseFormula, "reverseFormula");
        Objects.requireNonNull(overAchievementFactor, "overAchievementFactor");
    }

    /** A copy under another id with some parameters replaced (null keeps this one's). */
    public RuleSet derive(String newId, String newDescription, RoundingMode newRounding, BigDecimal newFundsWeight) {
        return new RuleSet(newId, newDescription != null ? newDescription : "derived from " + id,
                newRounding != null ? newRounding : rounding, newFundsWeight != null ? newFundsWeight : fundsWeight,
                grades, qualitativeBands, reverseFormula, overAchievementFactor);
    }
}
