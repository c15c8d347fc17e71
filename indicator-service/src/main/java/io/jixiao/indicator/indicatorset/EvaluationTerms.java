package io.jixiao.indicator.indicatorset;

import io.jixiao.contracts.indicator.Achievement;

import java.math.BigDecimal;
import java.util.Map;

/**
 * What the project-year's rule set says of its self-evaluation: the funds row's weight (the indicators weigh
 * the rest of 100) and the share of an indicator's weight each qualitative achievement may score. Taken from
 * scoring-service, which owns the rule sets; nothing here restates them.
 */
public record EvaluationTerms(String ruleSet, BigDecimal fundsWeight, Map<Achievement, Band> qualitativeBands) {

    public EvaluationTerms {
        qualitativeBands = Map.copyOf(qualitativeBands);
    }

    /** A band as shares of the weight: [low, high), or [low, high] for a band reaching the whole weight. */
    public record Band(BigDecimal low, BigDecimal high) {

        boolean contains(BigDecimal score, BigDecimal weight) {
            boolean top = high.compareTo(BigDecimal.ONE) >= 0;
            BigDecimal upper = weight.multiply(high);
            return score.compareTo(weight.multiply(low)) >= 0 && (top ? score.compareTo(upper) <= 0 : score.compareTo(upper) < 0);
        }
    }
}
