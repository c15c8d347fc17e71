package io.jixiao.budget.transfer;

import org.axonframework.serialization.Revision;

/** The sending project-year recorded its TRANSFER_OUT. */
@Revision("1")
public record TransferDebited(String transferId) {
}
