package io.jixiao.budget.transfer;

import io.jixiao.platform.domain.DomainException;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * The state of one cross-project 调剂, as its own event-sourced process. It decides nothing about budgets (the
 * two project-years do); it only records how far the transfer got, and refuses steps out of order, so that a
 * transfer is carried to exactly one end: both halves recorded, or neither standing.
 */
@Aggregate
public class Transfer {

    @AggregateIdentifier
    private String transferId;
    private TransferRequest request;
    private TransferStatus status;
    private Refusal refusal;

    protected Transfer() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public TransferState handle(StartTransfer command) {
        if (request == null) {
            apply(new TransferRequested(command.transferId(), command.request()));
        } else if (!request.equals(command.request())) {
            throw new DomainException.Conflict("adjustment-reference-conflict", "adjustment " + request.adjustmentId()
                    + " of " + request.from().projectId() + " was already used for a different transfer");
        }
        return state();
    }

    @CommandHandler
    public TransferState handle(RecordTransferStep command) {
        boolean follows = switch (command.step()) {
            case DEBITED -> status == TransferStatus.REQUESTED;
            case CREDITED -> status == TransferStatus.DEBITED;
            case REFUSED -> status == TransferStatus.REQUESTED || status == TransferStatus.DEBITED;
            case RETURNED -> status == TransferStatus.RETURNING;
        };
        if (!follows) {
            throw new IllegalStateException("transfer " + transferId + " is " + status + "; " + command.step() + " does not follow");
        }
        switch (command.step()) {
            case DEBITED -> apply(new TransferDebited(transferId));
            case CREDITED -> apply(new TransferCompleted(transferId));
            case REFUSED -> apply(new TransferRefused(transferId, command.refusal(), status == TransferStatus.DEBITED));
            case RETURNED -> apply(new TransferReturned(transferId));
        }
        return state();
    }

    @CommandHandler
    public TransferState handle(ContinueTransfer command) {
        return state();
    }

    private TransferState state() {
        return new TransferState(request, status, refusal);
    }

    @EventSourcingHandler
    void on(TransferRequested event) {
        transferId = event.transferId();
        request = event.request();
        status = TransferStatus.REQUESTED;
    }

    @EventSourcingHandler
    void on(TransferDebited event) {
        status = TransferStatus.DEBITED;
    }

    @EventSourcingHandler
    void on(TransferCompleted event) {
        status = TransferStatus.COMPLETED;
    }

    @EventSourcingHandler
    void on(TransferRefused event) {
        refusal = event.refusal();
        status = event.debited() ? TransferStatus.RETURNING : TransferStatus.REFUSED;
    }

    @EventSourcingHandler
    void on(TransferReturned event) {
        status = TransferStatus.REFUSED;
    }
}
