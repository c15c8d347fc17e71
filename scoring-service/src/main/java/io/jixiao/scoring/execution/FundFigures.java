package io.jixiao.scoring.execution;

import java.math.BigDecimal;

/** One row of the form's funds block, amounts in 元. */
record FundFigures(BigDecimal initial, BigDecimal fullYear, BigDecimal executed) {

    static final FundFigures NONE = new FundFigures(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);

    FundFigures plus(FundFigures other) {
        return new FundFigures(initial.add(other.initial), fullYear.add(other.fullYear), executed.add(other.executed));
    }

    /** The total row is the sum of the source rows in every column; its rate is taken from the sums. */
    BigDecimal rate() {
        return ExecutionRate.of(executed, fullYear);
    }
}
