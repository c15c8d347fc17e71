package io.jixiao.budget.projectyear.web;

import io.jixiao.contracts.InvalidValueException;
import io.jixiao.contracts.Money;

/** Formats shared by the request records. */
final class Patterns {

    /** A caller's reference: payment, adjustment or refund; it is the idempotency key. */
    static final String REFERENCE = "[A-Za-z0-9][A-Za-z0-9_.:/-]{0,79}";

    private Patterns() {
    }

    /** An amount in 元 that must be above zero. */
    static Money positiveAmount(String text) {
        Money amount = Money.parse(text);
        if (!amount.isPositive()) {
            throw new InvalidValueException("amount", "amount must be positive: " + text);
        }
        return amount;
    }
}
