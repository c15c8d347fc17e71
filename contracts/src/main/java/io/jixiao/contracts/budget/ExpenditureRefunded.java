package io.jixiao.contracts.budget;

import io.jixiao.contracts.FundSource;
import io.jixiao.contracts.Money;
import io.jixiao.contracts.PublishedEvent;
import io.jixiao.contracts.SchemaVersion;

import java.time.LocalDate;

/**
 * Money of a payment came back (退款) and reduces this project-year's execution. When the payment's own year
 * was already closed, the refund belongs to the next year: {@code projectId} is then the next year's project-year
 * and {@code originalProjectId} the closed one.
 */
@SchemaVersion(1)
public record ExpenditureRefunded(String projectId, String refundReference, String originalProjectId,
                                  String paymentReference, FundSource fundSource, Money amount, LocalDate businessDate,
                                  String reason) implements PublishedEvent {
}
