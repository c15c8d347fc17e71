package io.jixiao.budget.projectyear;

import io.jixiao.contracts.FundSource;
import io.jixiao.contracts.Money;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.LocalDate;

/** 调剂 within one project: move budget from one fund source to another, in one step. */
public record TransferBetweenSources(@TargetAggregateIdentifier String projectId, String adjustmentId, FundSource from,
                                     FundSource to, Money amount, String reason, String documentNumber,
                                     LocalDate businessDate, boolean correction) {
}
