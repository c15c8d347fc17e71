package io.jixiao.contracts.budget;

import io.jixiao.contracts.FundSource;
import io.jixiao.contracts.Money;
import io.jixiao.contracts.PublishedEvent;
import io.jixiao.contracts.SchemaVersion;

import java.time.LocalDate;

/** The initial budget (年初预算数) of one fund source was allocated. */
@SchemaVersion(1)
public record InitialBudgetAllocated(String projectId, FundSource fundSource, Money amount, String documentNumber,
                                     LocalDate businessDate) implements PublishedEvent {
}
