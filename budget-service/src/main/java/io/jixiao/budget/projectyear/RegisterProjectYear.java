package io.jixiao.budget.projectyear;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Register a project for evaluation in one fiscal year. */
public record RegisterProjectYear(@TargetAggregateIdentifier String projectId, String code, String name,
                                  String department, String implementingUnit, int fiscalYear, String ruleSet) {
}
