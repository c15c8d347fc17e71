package io.jixiao.budget.projectyear;

import io.jixiao.platform.domain.DomainException;

/** The answer to one payment of a batch: an outcome, or the rule it broke. */
public record PaymentDecision(Outcome outcome, DomainException rejection) {

    static PaymentDecision of(Outcome outcome) {
        return new PaymentDecision(outcome, null);
    }

    static PaymentDecision rejected(DomainException rejection) {
        return new PaymentDecision(null, rejection);
    }
}
