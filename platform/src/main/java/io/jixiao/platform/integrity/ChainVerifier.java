package io.jixiao.platform.integrity;

import io.jixiao.platform.integrity.Verification.Kind;
import io.jixiao.platform.integrity.Verification.Problem;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HexFormat;
import java.util.stream.Collectors;

/**
 * Recomputes the chain over the whole event store, in pages of positions, and checks every checkpoint on the way.
 * One read-only repeatable-read transaction: a snapshot in which each append's events and chain rows are both
 * there or both not, whatever is appended meanwhile.
 */
public class ChainVerifier {

    private static final String EVENT_COLUMNS = Arrays.stream(StoredEvent.COLUMNS.split(", "))
            .map("e."::concat).collect(Collectors.joining(", "));
    /**
     * The event rows and chain rows of the next positions after {@code ?}, side by side: at most a page from each
     * table, both cut at the same position so that a row and its chain row always fall in the same page.
     */
    private static final String PAGE = """
            with bound as (select least(
                coalesce((select global_index from domain_event_entry where global_index > ? order by global_index offset ? limit 1), 9223372036854775807),
                coalesce((select global_index from event_hash_chain where global_index > ? order by global_index offset ? limit 1), 9223372036854775807)
            ) as up_to)
            select coalesce(e.global_index, c.global_index) as position, %s, c.hash as chain_hash
            from (select * from domain_event_entry where global_index > ? and global_index <= (select up_to from bound)) e
            full join (select * from event_hash_chain where global_index > ? and global_index <= (select up_to from bound)) c
              on c.global_index = e.global_index
            order by position""".formatted(EVENT_COLUMNS);

    private final DataSource dataSource;
    private final byte[] trustedKey;
    private final int pageSize;

    /** @param trustedKey the public key checkpoints must be signed with: this service's */
    public ChainVerifier(DataSource dataSource, byte[] trustedKey, int pageSize) {
        this.dataSource = dataSource;
        this.trustedKey = trustedKey.clone();
        this.pageSize = pageSize;
    }

    public Verification verify() {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            connection.setReadOnly(true);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try {
                return walk(connection);
            } finally {
                connection.rollback();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not verify the event chain", e);
        }
    }

    private Verification walk(Connection connection) throws SQLException {
        Deque<Checkpoint> checkpoints = new ArrayDeque<>(Checkpoints.all(connection));
        Tally tally = new Tally();
        byte[] previous = EventChain.genesis();
        long after = Long.MIN_VALUE;
        try (PreparedStatement page = connection.prepareStatement(PAGE)) {
            boolean more = true;
            while (more) {
                more = false;
                for (int parameter : new int[] {1, 3, 5, 6}) {
                    page.setLong(parameter, after);
                }
                page.setInt(2, pageSize - 1);
                page.setInt(4, pageSize - 1);
                try (ResultSet rows = page.executeQuery()) {
                    while (rows.next()) {
                        more = true;
                        long position = rows.getLong("position");
                        byte[] chained = rows.getBytes("chain_hash");
                        StoredEvent event = rows.getString("event_identifier") == null ? null : StoredEvent.read(rows);
                        while (!checkpoints.isEmpty() && checkpoints.peek().globalIndex() < position) {
                            check(checkpoints.poll(), null, tally);
                        }
                        previous = checkRow(position, event, chained, previous, tally);
                        while (!checkpoints.isEmpty() && checkpoints.peek().globalIndex() == position) {
                            check(checkpoints.poll(), chained, tally);
                        }
                        after = position;
                    }
                }
            }
        }
        while (!checkpoints.isEmpty()) {
            check(checkpoints.poll(), null, tally);
        }
        return new Verification(tally.rows, tally.checkpoints, tally.problems == 0, tally.problems, tally.first);
    }

    /** Checks one position and returns the hash the next row chains on. */
    private static byte[] checkRow(long position, StoredEvent event, byte[] chained, byte[] previous, Tally tally) {
        tally.rows++;
        if (event == null) {
            tally.problem(new Problem(Kind.DELETED, position, null, null, null, "the event chained at position "
                    + position + " is no longer in the event store: it was deleted"));
            return chained;
        }
        if (chained == null) {
            tally.problem(new Problem(Kind.INSERTED, position, event.eventIdentifier(), event.aggregateIdentifier(), null,
                    "event " + event.eventIdentifier() + " of " + event.aggregateIdentifier() + " at position " + position
                            + " is in the event store but not in the chain: it was added outside the event store's "
                            + "appends (or while the chain was switched off)"));
            // the chain skips it: the next chained row was chained on the hash before it
            return previous;
        }
        if (!Arrays.equals(EventChain.hash(previous, event), chained)) {
            tally.problem(new Problem(Kind.MODIFIED, position, event.eventIdentifier(), event.aggregateIdentifier(), null,
                    "event " + event.eventIdentifier() + " of " + event.aggregateIdentifier() + " at position " + position
                            + " differs from what was chained when it was written: it (or its chain row) was changed"));
        }
        // walk on with the stored hash, so that one changed row is one problem, not one for every row after it
        return chained;
    }

    /** @param chained the chain's stored hash at the checkpoint's position; null when the chain has no row there */
    private void check(Checkpoint checkpoint, byte[] chained, Tally tally) {
        tally.checkpoints++;
        long position = checkpoint.globalIndex();
        if (!Arrays.equals(checkpoint.publicKey(), trustedKey)) {
            tally.problem(new Problem(Kind.BAD_SIGNATURE, position, null, null, checkpoint.id(), "checkpoint "
                    + checkpoint.id() + " at position " + position + " was signed with a key other than this service's"));
        } else if (!SigningKey.verifies(checkpoint.publicKey(), checkpoint.message(), checkpoint.signature())) {
            tally.problem(new Problem(Kind.BAD_SIGNATURE, position, null, null, checkpoint.id(), "the signature of checkpoint "
                    + checkpoint.id() + " at position " + position + " does not verify: the checkpoint was altered"));
        } else if (chained == null) {
            tally.problem(new Problem(Kind.CHECKPOINT_MISMATCH, position, null, null, checkpoint.id(), "checkpoint "
                    + checkpoint.id() + " signed the chain at position " + position + " on " + checkpoint.signedAt()
                    + ", but the chain has no row there any more: events up to it were removed"));
        } else if (!Arrays.equals(chained, checkpoint.headHash())) {
            tally.problem(new Problem(Kind.CHECKPOINT_MISMATCH, position, null, null, checkpoint.id(), "the chain's hash at "
                    + "position " + position + " is " + HexFormat.of().formatHex(chained) + ", not the "
                    + HexFormat.of().formatHex(checkpoint.headHash()) + " signed on " + checkpoint.signedAt()
                    + " (checkpoint " + checkpoint.id() + "): events up to it were rewritten and the chain recomputed"));
        }
    }

    private static final class Tally {
        long rows;
        long checkpoints;
        long problems;
        Problem first;

        void problem(Problem problem) {
            problems++;
            if (first == null) {
                first = problem;
            }
        }
    }
}
