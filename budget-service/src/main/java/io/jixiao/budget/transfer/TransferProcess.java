package io.jixiao.budget.transfer;

import io.jixiao.budget.projectyear.AdjustBudget;
import io.jixiao.budget.projectyear.Outcome;
import io.jixiao.budget.projectyear.ProjectYearHistory;
import io.jixiao.budget.projectyear.ReturnTransfer;
import io.jixiao.budget.projectyear.TransferBetweenSources;
import io.jixiao.contracts.budget.AdjustmentKind;
import io.jixiao.platform.domain.DomainException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.stereotype.Service;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Carries out 调剂. Between two fund sources of one project-year it is one command on one aggregate, atomic by
 * itself. Between two project-years it is a process over three aggregates: the {@link Transfer} records each
 * step before the next is taken (sender debited, receiver credited, or refused and the sender given back), and
 * every step is idempotent on the project-year it touches, so a transfer interrupted anywhere is carried on, by
 * a retry or by {@link TransferRecovery}, to exactly one end. Budget is conserved: it moves, and is never
 * created or lost.
 *
 * <p>A retry of a refused transfer gets the original refusal again, whatever changed since (the first answer is
 * the answer, as for every idempotency key here); to try again, send a new adjustment id.
 *
 * <p>Runs of one transfer are serialised, so two concurrent retries cannot both decide (one refused for want of
 * budget, the other debiting it after a payment was reversed): in this process by striped locks, and across the
 * instances of budget-service by a PostgreSQL session advisory lock on the transfer, held for the run.
 */
@Service
public class TransferProcess {

    private static final int STRIPES = 256;

    /** The advisory lock's first key: transfers, apart from any other lock on the database. */
    public static final int TRANSFER_LOCKS = 0x7472_6673;
    /**
     * Runs holding their database lock at once, per instance: each holds one pooled connection for the run and needs
     * another for each of its commands, so they must never take the whole pool.
     */
    private static final int CONCURRENT_RUNS = 3;

    private final CommandGateway commands;
    private final ProjectYearHistory history;
    private final DataSource dataSource;
    private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];
    private final Semaphore runs = new Semaphore(CONCURRENT_RUNS, true);

    TransferProcess(CommandGateway commands, ProjectYearHistory history, DataSource dataSource) {
        this.commands = commands;
        this.history = history;
        this.dataSource = dataSource;
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new ReentrantLock();
        }
    }

    public Outcome transfer(TransferRequest request) {
        TransferRequest.Side from = request.from();
        TransferRequest.Side to = request.to();
        if (from.projectId().equals(to.projectId())) {
            return commands.sendAndWait(new TransferBetweenSources(from.projectId(), request.adjustmentId(),
                    from.fundSource(), to.fundSource(), request.amount(), request.reason(), request.documentNumber(),
                    request.businessDate(), request.correction()));
        }
        int senderYear = history.position(from.projectId(), null).fiscalYear();
        int receiverYear = history.position(to.projectId(), null).fiscalYear();
        if (senderYear != receiverYear) {
            throw new DomainException.RuleViolation("transfer-across-years", "a transfer stays within one fiscal year: "
                    + from.projectId() + " is " + senderYear + ", " + to.projectId() + " is " + receiverYear);
        }
        return underLock(request.transferId(), () -> {
            TransferState state = commands.sendAndWait(new StartTransfer(request.transferId(), request));
            if (state.status() == TransferStatus.COMPLETED) {
                return Outcome.DUPLICATE;
            }
            carryOn(state);
            return Outcome.RECORDED;
        });
    }

    /** Carries a begun transfer to its end; used by {@link TransferRecovery} after a crash. */
    TransferStatus resume(String transferId) {
        return underLock(transferId, () -> {
            TransferState state = commands.sendAndWait(new ContinueTransfer(transferId));
            try {
                carryOn(state);
                return TransferStatus.COMPLETED;
            } catch (Refusal.Replayed refused) {
                return TransferStatus.REFUSED;
            }
        });
    }

    /**
     * From wherever the transfer stands to COMPLETED, or to REFUSED with the refusal thrown. A refusal by a
     * project-year (a domain exception) is an answer and is recorded; anything else (the store unavailable, a
     * concurrent change) propagates and leaves the transfer where it stood, to be carried on later.
     */
    private void carryOn(TransferState state) {
        TransferRequest request = state.request();
        String id = request.transferId();
        if (state.status() == TransferStatus.REQUESTED) {
            state = attempt(id, half(request, AdjustmentKind.TRANSFER_OUT), RecordTransferStep.Step.DEBITED);
        }
        if (state.status() == TransferStatus.DEBITED) {
            state = attempt(id, half(request, AdjustmentKind.TRANSFER_IN), RecordTransferStep.Step.CREDITED);
        }
        if (state.status() == TransferStatus.RETURNING) {
            commands.sendAndWait(new ReturnTransfer(request.from().projectId(), request.adjustmentId(),
                    request.returnAdjustmentId(), "调剂未完成，退回: " + request.reason()));
            state = step(id, RecordTransferStep.Step.RETURNED, null);
        }
        if (state.status() == TransferStatus.REFUSED) {
            throw state.refusal().toException();
        }
    }

    /** One half on its project-year, then the step recorded: {@code done}, or REFUSED with the project-year's answer. */
    private TransferState attempt(String transferId, AdjustBudget half, RecordTransferStep.Step done) {
        try {
            commands.sendAndWait(half);
        } catch (DomainException refused) {
            return step(transferId, RecordTransferStep.Step.REFUSED, Refusal.of(refused));
        }
        return step(transferId, done, null);
    }

    private TransferState step(String transferId, RecordTransferStep.Step step, Refusal refusal) {
        return commands.sendAndWait(new RecordTransferStep(transferId, step, refusal));
    }

    /** The sender's TRANSFER_OUT or the receiver's TRANSFER_IN, each naming the other side. */
    static AdjustBudget half(TransferRequest request, AdjustmentKind kind) {
        boolean out = kind == AdjustmentKind.TRANSFER_OUT;
        TransferRequest.Side self = out ? request.from() : request.to();
        TransferRequest.Side other = out ? request.to() : request.from();
        return new AdjustBudget(self.projectId(), request.adjustmentId(), kind, self.fundSource(), request.amount(),
                request.reason(), request.documentNumber(), request.businessDate(), other.projectId(),
                other.fundSource(), out && request.correction());
    }

    private <T> T underLock(String transferId, java.util.function.Supplier<T> work) {
        ReentrantLock lock = stripes[Math.floorMod(transferId.hashCode(), STRIPES)];
        lock.lock();
        try {
            runs.acquireUninterruptibly();
            try (Connection held = dataSource.getConnection()) {
                advisory(held, "select pg_advisory_lock(?, ?)", transferId);
                try {
                    return work.get();
                } finally {
                    // a session lock outlives the connection's return to the pool: always given back (a broken
                    // connection's session ended, and its locks with it)
                    advisory(held, "select pg_advisory_unlock(?, ?)", transferId);
                }
            } catch (SQLException e) {
                throw new DataAccessResourceFailureException("the transfer's lock is out of reach: " + e.getMessage(), e);
            } finally {
                runs.release();
            }
        } finally {
            lock.unlock();
        }
    }

    private static void advisory(Connection connection, String sql, String transferId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setInt(1, TRANSFER_LOCKS);
            statement.setInt(2, transferId.hashCode());
            statement.execute();
        }
    }
}
