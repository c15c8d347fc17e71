package io.jixiao.budget.transfer;

import org.axonframework.serialization.Revision;

/** The receiving project-year recorded its TRANSFER_IN: the budget moved. */
@Revision("1")
public record TransferCompleted(String transferId) {
}
