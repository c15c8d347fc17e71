package io.jixiao.budget.projectyear;

import io.jixiao.contracts.FundSource;
import io.jixiao.contracts.Money;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Allocate the initial budget (年初预算数) of one fund source. */
public record AllocateInitialBudget(@TargetAggregateIdentifier String projectId, FundSource fundSource, Money amount,
                                    String documentNumber) {
}
