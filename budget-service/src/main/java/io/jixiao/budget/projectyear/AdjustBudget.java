package io.jixiao.budget.projectyear;

import io.jixiao.contracts.FundSource;
import io.jixiao.contracts.Money;
import io.jixiao.contracts.budget.AdjustmentKind;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.LocalDate;

/**
 * Adjust the full-year budget of one fund source. {@code adjustmentId} is the caller's idempotency key. Transfer
 * kinds name the other side in {@code counterpartProjectId} and {@code counterpartFundSource}. {@code correction}
 * lets a decrease go below what was already paid.
 */
public record AdjustBudget(@TargetAggregateIdentifier String projectId, String adjustmentId, AdjustmentKind kind,
                           FundSource fundSource, Money amount, String reason, String documentNumber,
                           LocalDate businessDate, String counterpartProjectId, FundSource counterpartFundSource,
                           boolean correction) {
}
