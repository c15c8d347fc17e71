package io.jixiao.budget.transfer;

import org.axonframework.serialization.Revision;

/** The sender got back the amount of a transfer the receiver refused. */
@Revision("1")
public record TransferReturned(String transferId) {
}
