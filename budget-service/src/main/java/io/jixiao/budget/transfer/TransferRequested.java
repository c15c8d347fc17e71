package io.jixiao.budget.transfer;

import org.axonframework.serialization.Revision;

/** A cross-project 调剂 was asked for. The process's own fact: it stays in budget-service and is not published. */
@Revision("1")
public record TransferRequested(String transferId, TransferRequest request) {
}
