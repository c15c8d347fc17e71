package io.jixiao.scoring.monitoring;

import io.jixiao.scoring.rules.RuleSet;

import java.math.BigDecimal;

/**
 * Green, yellow or red: how far a project-year's execution rate lags its 序时进度. The gap is the rate minus the
 * benchmark, in percentage points. Under a rule set's {@link RuleSet.Progress}, a gap at or above {@code -yellowFrom}
 * is green, one at or above {@code -redFrom} yellow, and one below that red (lagging).
 */
public enum ExecutionStatus {
    GREEN, YELLOW, RED;

    /** The gap (rate − benchmark, points), exact. */
    public static BigDecimal gap(BigDecimal rate, BigDecimal benchmark) {
        return rate.subtract(benchmark);
    }

    public static ExecutionStatus of(BigDecimal rate, BigDecimal benchmark, RuleSet.Progress tolerances) {
        BigDecimal gap = gap(rate, benchmark);
        if (gap.compareTo(tolerances.yellowFrom().negate()) >= 0) {
            return GREEN;
        }
        return gap.compareTo(tolerances.redFrom().negate()) >= 0 ? YELLOW : RED;
    }
}
