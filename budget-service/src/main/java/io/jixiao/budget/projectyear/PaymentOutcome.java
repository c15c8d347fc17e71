package io.jixiao.budget.projectyear;

/** What became of a posted payment: recorded now, or already recorded under the same reference and body. */
public enum PaymentOutcome {
    RECORDED,
    DUPLICATE
}
