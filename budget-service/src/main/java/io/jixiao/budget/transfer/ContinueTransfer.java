package io.jixiao.budget.transfer;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Look up a begun transfer, to carry it on after a crash. */
public record ContinueTransfer(@TargetAggregateIdentifier String transferId) {
}
