package io.jixiao.budget.projectyear;

import io.jixiao.contracts.FundSource;
import io.jixiao.contracts.Money;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.LocalDate;

/** Record a payment posted by a finance system; {@code paymentReference} is the poster's idempotency key. */
public record RecordExpenditure(@TargetAggregateIdentifier String projectId, String paymentReference,
                                FundSource fundSource, Money amount, LocalDate businessDate, String payee,
                                String voucherNumber) {
}
