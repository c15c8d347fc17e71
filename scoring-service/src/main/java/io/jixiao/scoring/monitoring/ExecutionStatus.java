package io.jixiao.scoring.monitoring;

import java.math.BigDecimal;

/**
 * Green, yellow or red: how far a project-year's execution rate lags its 序时进度. The gap is the rate minus the
 * benchmark, in percentage points: a gap at or above {@code -yellowFrom} is green, one at or above {@code -redFrom}
 * yellow, and one below that red (lagging).
 */
public enum ExecutionStatus {
    GREEN, YELLOW, RED;

    /** @param yellowFrom a project-year lagging more points than this is yellow; @param redFrom more than this, red */
    public record Tolerances(BigDecimal yellowFrom, BigDecimal redFrom) {
        /** 5 points below the benchmark turn yellow, 15 points red. */
        public static final Tolerances DEFAULT = new Tolerances(new BigDecimal("5"), new BigDecimal("15"));

        public Tolerances {
            if (yellowFrom.signum() < 0 || redFrom.compareTo(yellowFrom) < 0) {
                throw new IllegalArgumentException("tolerances need 0 <= yellow-from <= red-from, not "
                        + yellowFrom.toPlainString() + " and " + redFrom.toPlainString());
            }
        }
    }

    /** The gap (rate − benchmark, points), exact. */
    public static BigDecimal gap(BigDecimal rate, BigDecimal benchmark) {
        return rate.subtract(benchmark);
    }

    public static ExecutionStatus of(BigDecimal rate, BigDecimal benchmark, Tolerances tolerances) {
        BigDecimal gap = gap(rate, benchmark);
        if (gap.compareTo(tolerances.yellowFrom().negate()) >= 0) {
            return GREEN;
        }
        return gap.compareTo(tolerances.redFrom().negate()) >= 0 ? YELLOW : RED;
    }
}
