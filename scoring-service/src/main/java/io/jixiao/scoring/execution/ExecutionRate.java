package io.jixiao.scoring.execution;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * 执行率 = 全年执行数 ÷ 全年预算数 × 100, cut (not rounded) to 2 decimals, in exact decimals. The seed forms
 * contradict half-up in 11 of 24 figures (42.685 shows as 42.68), and doubles drift (57/100×100 → 56.99).
 */
final class ExecutionRate {

    static final int SCALE = 2;
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final BigDecimal ZERO = BigDecimal.ZERO.setScale(SCALE);

    private ExecutionRate() {
    }

    /**
     * The rate in percent with 2 decimals. A zero full-year budget gives 0.00 rather than an error, as the forms
     * print it; execution beyond the budget gives the true rate (above 100).
     */
    static BigDecimal of(BigDecimal executed, BigDecimal fullYear) {
        if (fullYear.signum() == 0) {
            return ZERO;
        }
        // multiply first so that the only inexact step is the final division, truncated once
        return executed.multiply(HUNDRED).divide(fullYear, SCALE, RoundingMode.DOWN);
    }
}
