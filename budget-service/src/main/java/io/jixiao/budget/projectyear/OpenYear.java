package io.jixiao.budget.projectyear;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Open the project's year: initial budgets freeze; payments and adjustments may begin. */
public record OpenYear(@TargetAggregateIdentifier String projectId) {
}
