package io.jixiao.budget.projectyear;

/**
 * What became of an idempotent command (a payment, adjustment, reversal or refund): recorded now, or already
 * recorded under the same key with the same content, in which case nothing changed.
 */
public enum Outcome {
    RECORDED,
    DUPLICATE
}
