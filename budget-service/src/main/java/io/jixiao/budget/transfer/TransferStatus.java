package io.jixiao.budget.transfer;

/**
 * Where a cross-project transfer stands. The money moves in two steps on two project-years; the process records
 * each step before taking the next, so that a crash anywhere leaves a state it can be continued from.
 *
 * <pre>
 * REQUESTED ──sender debited──► DEBITED ──receiver credited──► COMPLETED
 *     │                            │
 *     └─sender refused──► REFUSED ◄┴─receiver refused──► RETURNING ──sender given back──► REFUSED
 * </pre>
 */
public enum TransferStatus {
    /** Recorded, nothing moved yet. */
    REQUESTED,
    /** The sender's TRANSFER_OUT is recorded; the receiver's TRANSFER_IN is still to come. */
    DEBITED,
    /** Both halves are recorded. Terminal. */
    COMPLETED,
    /** The receiver refused after the sender was debited; the sender is owed its amount back. */
    RETURNING,
    /** Refused; nothing of it remains on either side. Terminal: a retry answers the same refusal. */
    REFUSED;

    public boolean terminal() {
        return this == COMPLETED || this == REFUSED;
    }
}
