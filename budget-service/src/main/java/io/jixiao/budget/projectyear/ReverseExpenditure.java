package io.jixiao.budget.projectyear;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.LocalDate;

/** Reverse (冲销) a recorded payment whole; what is left of it stops counting as executed. */
public record ReverseExpenditure(@TargetAggregateIdentifier String projectId, String paymentReference,
                                 LocalDate businessDate, String reason) {
}
