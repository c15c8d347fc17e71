package io.jixiao.budget.transfer;

import io.jixiao.contracts.FundSource;
import io.jixiao.contracts.Money;

import java.time.LocalDate;

/**
 * What a caller asked to move: {@code amount} of budget from one project-year's fund source to another's. The
 * {@code adjustmentId} is the caller's key within the sending project-year; the same key with the same request is
 * the same transfer.
 */
public record TransferRequest(String adjustmentId, Side from, Side to, Money amount, String reason,
                              String documentNumber, LocalDate businessDate, boolean correction) {

    /** One side of a transfer. */
    public record Side(String projectId, FundSource fundSource) {
    }

    /** The process's own id: the sending project-year and the caller's key, which is unique there. */
    public String transferId() {
        return "transfer:" + from.projectId() + ":" + adjustmentId;
    }

    /** The adjustment id of the amount given back to the sender when the receiver refuses. */
    public String returnAdjustmentId() {
        return adjustmentId + "-returned";
    }
}
