package io.jixiao.budget.transfer;

/** A transfer as its process knows it: the request, how far it got, and the refusal once refused. */
public record TransferState(TransferRequest request, TransferStatus status, Refusal refusal) {
}
