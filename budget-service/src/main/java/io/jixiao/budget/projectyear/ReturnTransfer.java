package io.jixiao.budget.projectyear;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Give a project-year back the amount of its own TRANSFER_OUT {@code adjustmentId}, whose receiver refused. The
 * amount and source come from the recorded debit, not from the caller. A compensation must not fail, so it is
 * taken in any state of the year, closed included: the budget never left.
 */
public record ReturnTransfer(@TargetAggregateIdentifier String projectId, String adjustmentId, String returnAdjustmentId,
                             String reason) {
}
