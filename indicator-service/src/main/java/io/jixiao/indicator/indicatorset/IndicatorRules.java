package io.jixiao.indicator.indicatorset;

import io.jixiao.platform.domain.DomainException;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** The rules of a project-year's indicators, each a distinct problem code. */
final class IndicatorRules {

    private IndicatorRules() {
    }

    static DomainException alreadyDefined(String projectId, String indicatorId) {
        return new DomainException.Conflict("indicator-already-defined",
                "indicator " + indicatorId + " of " + projectId + " is already defined");
    }

    static DomainException unknown(String projectId, String indicatorId) {
        return new DomainException.NotFound("unknown-indicator", "no indicator " + indicatorId + " in " + projectId);
    }

    static DomainException weightsExceed(String projectId, BigDecimal total) {
        return new DomainException.RuleViolation("weights-exceed-total", "indicator weights of " + projectId
                + " would add up to " + total.toPlainString() + ", beyond 100.00", Map.of("totalWeight", total.toPlainString()));
    }

    static DomainException finalised(String projectId) {
        return new DomainException.RuleViolation("evaluation-finalised", "the self-evaluation of " + projectId
                + " is finalised; only reviewed scores are still taken");
    }

    static DomainException unitMismatch(String indicatorId, String targetUnit, String actualUnit) {
        return new DomainException.RuleViolation("unit-mismatch", "the actual of " + indicatorId + " is in "
                + (actualUnit == null ? "no unit" : actualUnit) + ", its target in " + (targetUnit == null ? "no unit" : targetUnit),
                Map.of("targetUnit", String.valueOf(targetUnit), "actualUnit", String.valueOf(actualUnit)));
    }

    static DomainException shapeMismatch(String indicatorId, String expected) {
        return new DomainException.RuleViolation("actual-shape-mismatch", "the actual of " + indicatorId + " must be " + expected);
    }

    static DomainException followsExecutionRate(String indicatorId) {
        return new DomainException.RuleViolation("actual-follows-execution-rate", "the actual of " + indicatorId
                + " follows the project's budget execution rate and is not entered");
    }

    static DomainException bindingNeedsPercent(String indicatorId) {
        return new DomainException.RuleViolation("binding-needs-percent-target", "only an indicator with a target in % "
                + "can follow the budget execution rate; " + indicatorId + " has another target");
    }

    static DomainException actualMissing(String indicatorId) {
        return new DomainException.RuleViolation("actual-missing", "indicator " + indicatorId
                + " has no actual yet (未填报); record it before scoring");
    }

    static DomainException scoreOutOfRange(String indicatorId, BigDecimal score, BigDecimal weight) {
        return new DomainException.RuleViolation("score-out-of-range", "score " + score.toPlainString() + " of "
                + indicatorId + " is outside [0, " + weight.toPlainString() + "]", Map.of("weight", weight.toPlainString()));
    }

    static DomainException explanationRequired(String indicatorId, BigDecimal score, BigDecimal weight) {
        return new DomainException.RuleViolation("explanation-required", "score " + score.toPlainString() + " of "
                + indicatorId + " is below its weight " + weight.toPlainString()
                + ": 偏差原因分析及改进措施 (the deviation and what will be done) is required");
    }

    static DomainException outsideBand(String indicatorId, String achievement, BigDecimal low, BigDecimal high, boolean highInclusive) {
        return new DomainException.RuleViolation("score-outside-band", "a score for " + achievement + " of " + indicatorId
                + " must lie in [" + plain(low) + ", " + plain(high) + (highInclusive ? "]" : ")"),
                Map.of("low", plain(low), "high", plain(high)));
    }

    private static String plain(BigDecimal value) {
        return value.signum() == 0 ? "0" : value.stripTrailingZeros().toPlainString();
    }

    static DomainException checksFailed(String projectId, List<String> blocking) {
        return new DomainException.RuleViolation("evaluation-checks-failed", "the self-evaluation of " + projectId
                + " cannot be finalised: " + String.join("; ", blocking), Map.of("blocking", blocking));
    }
}
