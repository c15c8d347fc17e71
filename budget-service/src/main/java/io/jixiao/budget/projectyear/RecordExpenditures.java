package io.jixiao.budget.projectyear;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/** Several payments of one project-year in one step, each decided on its own (a batch from a finance system). */
public record RecordExpenditures(@TargetAggregateIdentifier String projectId, List<RecordExpenditure> payments) {
}
