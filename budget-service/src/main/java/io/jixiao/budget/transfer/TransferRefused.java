package io.jixiao.budget.transfer;

import org.axonframework.serialization.Revision;

/**
 * A side refused the transfer. {@code debited} says whether the sender had already given the amount, which the
 * process then gives back before the transfer counts as refused.
 */
@Revision("1")
public record TransferRefused(String transferId, Refusal refusal, boolean debited) {
}
