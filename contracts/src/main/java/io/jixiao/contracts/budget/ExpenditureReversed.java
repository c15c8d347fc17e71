package io.jixiao.contracts.budget;

import io.jixiao.contracts.FundSource;
import io.jixiao.contracts.Money;
import io.jixiao.contracts.PublishedEvent;
import io.jixiao.contracts.SchemaVersion;

import java.time.LocalDate;

/** A recorded payment was reversed (冲销) whole: what is left of it no longer counts as executed. */
@SchemaVersion(1)
public record ExpenditureReversed(String projectId, String paymentReference, FundSource fundSource, Money amount,
                                  LocalDate businessDate, String reason) implements PublishedEvent {
}
