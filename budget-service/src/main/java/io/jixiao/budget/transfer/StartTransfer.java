package io.jixiao.budget.transfer;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Begin a transfer, or find the one already begun under the same id (then the request must be the same). */
public record StartTransfer(@TargetAggregateIdentifier String transferId, TransferRequest request) {
}
