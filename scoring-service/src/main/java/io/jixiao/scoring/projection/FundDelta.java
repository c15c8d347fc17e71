package io.jixiao.scoring.projection;

import java.math.BigDecimal;

import static java.math.BigDecimal.ZERO;

/** What one event adds to each column of a fund position; full_year and executed follow from the parts. */
record FundDelta(BigDecimal initial, BigDecimal adjusted, BigDecimal paid, BigDecimal reversed,
                         BigDecimal refunded) {

    static FundDelta initial(BigDecimal amount) {
        return new FundDelta(amount, ZERO, ZERO, ZERO, ZERO);
    }

    static FundDelta adjusted(BigDecimal signedAmount) {
        return new FundDelta(ZERO, signedAmount, ZERO, ZERO, ZERO);
    }

    static FundDelta paid(BigDecimal amount) {
        return new FundDelta(ZERO, ZERO, amount, ZERO, ZERO);
    }

    static FundDelta reversed(BigDecimal amount) {
        return new FundDelta(ZERO, ZERO, ZERO, amount, ZERO);
    }

    static FundDelta refunded(BigDecimal amount) {
        return new FundDelta(ZERO, ZERO, ZERO, ZERO, amount);
    }

    BigDecimal fullYear() {
        return initial.add(adjusted);
    }

    BigDecimal executed() {
        return paid.subtract(reversed).subtract(refunded);
    }

    FundDelta plus(FundDelta other) {
        return new FundDelta(initial.add(other.initial), adjusted.add(other.adjusted), paid.add(other.paid),
                reversed.add(other.reversed), refunded.add(other.refunded));
    }
}
