package io.jixiao.budget.projectyear;

import io.jixiao.contracts.FundSource;
import io.jixiao.contracts.Money;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.LocalDate;

/**
 * Book, in this (next) year, a refund of a payment whose own year is closed. {@code refundable} is what the
 * closed year left of that payment, the cap for all its refunds booked here.
 */
public record RecordPriorYearRefund(@TargetAggregateIdentifier String projectId, String refundReference,
                                    String originalProjectId, String paymentReference, FundSource fundSource,
                                    Money amount, Money refundable, LocalDate businessDate, String reason) {
}
