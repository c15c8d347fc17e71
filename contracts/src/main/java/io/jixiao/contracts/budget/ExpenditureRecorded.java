package io.jixiao.contracts.budget;

import io.jixiao.contracts.FundSource;
import io.jixiao.contracts.Money;
import io.jixiao.contracts.PublishedEvent;
import io.jixiao.contracts.SchemaVersion;

import java.time.LocalDate;

/**
 * A payment posted by a finance system was recorded against a fund source.
 *
 * @param paymentReference the poster's own reference, unique per project-year
 * @param businessDate     the payment's value date, inside the fiscal year
 */
@SchemaVersion(1)
public record ExpenditureRecorded(String projectId, String paymentReference, FundSource fundSource, Money amount,
                                  LocalDate businessDate, String payee, String voucherNumber) implements PublishedEvent {
}
