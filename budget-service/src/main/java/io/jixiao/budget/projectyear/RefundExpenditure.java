package io.jixiao.budget.projectyear;

import io.jixiao.contracts.Money;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.LocalDate;

/** Book money of a payment that came back (退款); {@code refundReference} is the caller's idempotency key. */
public record RefundExpenditure(@TargetAggregateIdentifier String projectId, String refundReference,
                                String paymentReference, Money amount, LocalDate businessDate, String reason) {
}
