package io.jixiao.platform.integrity;

import io.jixiao.platform.axon.CommitOrderedJpaEventStorageEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Extends the chain by the events an append has just written. Runs on the appending transaction's connection while
 * {@link CommitOrderedJpaEventStorageEngine} holds its append lock, so appends extend the chain one at a time and
 * an event is never committed without its chain row.
 */
public class ChainAppender {

    private static final Logger log = LoggerFactory.getLogger(ChainAppender.class);
    private static final int PAGE = 1000;

    /** Inserts the chain rows of {@link Links}: their positions and hashes as two arrays. */
    public static final String INSERT_LINKS = ChainedRows.INSERT;

    /**
     * Where an append starts: the highest stored global index (0 when none) and the chain's newest row (its hash null
     * while nothing is chained).
     */
    public record Heads(long storeHead, long chainHeadIndex, byte[] chainHeadHash) {

        Optional<ChainedRows.Link> chainHead() {
            return chainHeadHash == null ? Optional.empty() : Optional.of(new ChainedRows.Link(chainHeadIndex, chainHeadHash));
        }
    }

    /** The chain rows of an append, ready for {@link #INSERT_LINKS}. */
    public record Links(Long[] positions, byte[][] hashes) {
    }

    /**
     * Both heads in one statement, for an append holding the lock: the store's highest index and the chain's newest
     * row. One round trip instead of two while every other append waits on the lock.
     */
    public Heads heads(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("""
                select (select coalesce(max(global_index), 0) from domain_event_entry), h.global_index, h.hash
                from (select 1) one
                left join (select global_index, hash from event_hash_chain order by global_index desc limit 1) h on true""");
             ResultSet row = select.executeQuery()) {
            row.next();
            return new Heads(row.getLong(1), row.getLong(2), row.getBytes(3));
        }
    }

    /**
     * The chain rows for events about to be written after {@code heads}, computed from the same values, column for
     * column, that the verifier reads back, in position order. Pure: the caller inserts them in its own statement.
     */
    public Links links(Heads heads, List<StoredEvent> rows) {
        return asArrays(link(heads.chainHead(), rows));
    }

    private static Links asArrays(List<ChainedRows.Link> links) {
        Long[] positions = new Long[links.size()];
        byte[][] hashes = new byte[links.size()][];
        for (int i = 0; i < links.size(); i++) {
            positions[i] = links.get(i).globalIndex();
            hashes[i] = links.get(i).hash();
        }
        return new Links(positions, hashes);
    }

    /**
     * Chains these just-written events, as the appending transaction wrote them (the same values, column for column,
     * that the verifier reads back), in position order.
     */
    public void append(Connection connection, List<StoredEvent> written) throws SQLException {
        if (!written.isEmpty()) {
            chain(connection, written);
        }
    }

    /**
     * Chains every stored event when neither a chain row nor a checkpoint exists yet: a store that predates the chain
     * (or the first start with it switched on). Its events are trusted as they are at that moment. With checkpoints
     * present an empty chain is a deleted one, and is left for the verifier to report.
     *
     * @return how many events were chained
     */
    public long adoptExisting(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                try (Statement lock = connection.createStatement()) {
                    lock.execute("select pg_advisory_xact_lock(" + CommitOrderedJpaEventStorageEngine.APPEND_LOCK + ")");
                }
                long adopted = 0;
                long after = Long.MIN_VALUE;
                if (ChainedRows.head(connection).isEmpty() && !ChainedRows.anyCheckpoint(connection)) {
                    List<StoredEvent> page;
                    while (!(page = ChainedRows.eventsAfter(connection, after, PAGE)).isEmpty()) {
                        chain(connection, page);
                        adopted += page.size();
                        after = page.get(page.size() - 1).globalIndex();
                    }
                }
                connection.commit();
                if (adopted > 0) {
                    log.warn("event chain: chained {} events stored before the chain existed, up to position {}; "
                            + "they are trusted as they are now", adopted, after);
                }
                return adopted;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    private static void chain(Connection connection, List<StoredEvent> rows) throws SQLException {
        ChainedRows.insert(connection, asArrays(link(ChainedRows.head(connection), rows)));
    }

    private static List<ChainedRows.Link> link(Optional<ChainedRows.Link> head, List<StoredEvent> rows) {
        // the chain runs in position order: a row at or below the head (written behind the engine's back, or without
        // its append lock) could never be verified, so the append fails instead
        if (head.isPresent() && rows.get(0).globalIndex() <= head.get().globalIndex()) {
            throw new IllegalStateException("event " + rows.get(0).eventIdentifier() + " at position "
                    + rows.get(0).globalIndex() + " is not after the chain's head at " + head.get().globalIndex()
                    + ": events must be appended through the event store's append lock");
        }
        byte[] previous = head.map(ChainedRows.Link::hash).orElseGet(EventChain::genesis);
        List<ChainedRows.Link> links = new ArrayList<>(rows.size());
        for (StoredEvent row : rows) {
            previous = EventChain.hash(previous, row);
            links.add(new ChainedRows.Link(row.globalIndex(), previous));
        }
        return links;
    }
}
