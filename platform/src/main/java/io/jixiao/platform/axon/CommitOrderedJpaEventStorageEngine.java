package io.jixiao.platform.axon;

import io.jixiao.platform.integrity.ChainAppender;
import io.jixiao.platform.integrity.StoredEvent;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventsourcing.eventstore.jpa.DomainEventEntry;
import org.axonframework.eventsourcing.eventstore.jpa.JpaEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.hibernate.Session;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;

/**
 * Axon's JPA event storage, with appends taken one transaction at a time and their global indexes handed out under
 * that turn, so that global indexes become visible in the order they were handed out, however many processes append
 * to one database.
 *
 * <p>The turn is a PostgreSQL transaction-scoped advisory lock, held from the append to the commit. Once it holds
 * the lock, an append reads the highest stored index (every earlier holder has committed or rolled back) and writes
 * its events at the indexes after it, with one {@code insert … select from unnest(…)}: one statement per command,
 * whether it carries one event or a thousand.
 *
 * <p>Why: Axon's own appends take indexes from a pooled sequence, 50 at a time per process, before any lock.
 * Concurrent transactions then commit out of index order: a tracking processor carries every not-yet-committed
 * index as a gap in its token, and Axon copies that gap set into the token of every event it reads (with thousands
 * of gaps, budget-service ran out of heap, bench/README.md); and a second process appending with its own block
 * writes below indexes already committed. Indexes read under the lock have no gaps at all, since a rolled-back
 * append leaves nothing behind.
 *
 * <p>With an event chain ({@code jixiao.integrity.enabled}, on by default), each append also extends the store's
 * tamper-evident hash chain in the same transaction, under the same lock (platform's {@code integrity} package).
 *
 * <p>Tracking processors (the Kafka relay) read the events after their token by plain JDBC as well: the rows of
 * Axon's own query, in its column order, without Hibernate translating and mapping the query on every poll.
 */
public class CommitOrderedJpaEventStorageEngine extends JpaEventStorageEngine {

    /** Any constant both services agree on; each service has its own database, so they never contend. */
    public static final long APPEND_LOCK = 0x6A69_7869_616FL;

    private static final String INSERT = "insert into domain_event_entry (global_index, event_identifier, "
            + "aggregate_identifier, sequence_number, type, payload_type, payload_revision, time_stamp, payload, "
            + "meta_data) select ? + position, event_identifier, aggregate_identifier, sequence_number, type, "
            + "payload_type, payload_revision, time_stamp, payload, meta_data from unnest(?::varchar[], "
            + "?::varchar[], ?::bigint[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::bytea[], "
            + "?::bytea[]) with ordinality as e(event_identifier, aggregate_identifier, sequence_number, type, "
            + "payload_type, payload_revision, time_stamp, payload, meta_data, position)";

    private static final String EVENTS_AFTER = "select global_index, type, aggregate_identifier, sequence_number, "
            + "event_identifier, time_stamp, payload_type, payload_revision, payload, meta_data from domain_event_entry "
            + "where global_index > ? order by global_index limit ?";
    /** With a token that still waits for indexes below its own (gaps), as Axon's query asks for them. */
    private static final String EVENTS_AFTER_OR_IN_GAPS = EVENTS_AFTER.replace("where global_index > ?",
            "where global_index > ? or global_index = any(?)");

    /** Null when the chain is switched off. */
    private final ChainAppender eventChain;

    public CommitOrderedJpaEventStorageEngine(Builder builder) {
        this(builder, null);
    }

    public CommitOrderedJpaEventStorageEngine(Builder builder, ChainAppender eventChain) {
        super(builder);
        this.eventChain = eventChain;
    }

    @Override
    protected void appendEvents(List<? extends EventMessage<?>> events, Serializer serializer) {
        if (events.isEmpty()) {
            return;
        }
        List<DomainEventEntry> entries = new ArrayList<>(events.size());
        for (EventMessage<?> event : events) {
            entries.add((DomainEventEntry) createEventEntity(event, serializer));
        }
        try {
            // plain JDBC on the transaction's connection, so the rows commit (or roll back) with whatever else the
            // command's transaction writes
            entityManager().unwrap(Session.class).doWork(connection -> append(connection, entries));
        } catch (RuntimeException e) {
            // a duplicate (aggregate, sequence) becomes Axon's ConcurrencyException, as with its own appends
            handlePersistenceException(e, events.get(0));
        }
    }

    /**
     * Three statements under the lock, one round trip each, whatever the number of events: the lock, the heads (the
     * highest stored index and, with the chain, its newest row), and one insert of the events and their chain rows.
     */
    private void append(Connection connection, List<DomainEventEntry> entries) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("select pg_advisory_xact_lock(?)")) {
            lock.setLong(1, APPEND_LOCK);
            lock.execute();
        }
        // a statement of its own after the lock's: its snapshot sees every earlier holder's commit
        ChainAppender.Heads heads = eventChain == null ? new ChainAppender.Heads(storeHead(connection), 0, null)
                : eventChain.heads(connection);
        long head = heads.storeHead();
        List<StoredEvent> rows = new ArrayList<>(entries.size());
        for (DomainEventEntry entry : entries) {
            rows.add(new StoredEvent(head + rows.size() + 1, entry.getEventIdentifier(), entry.getAggregateIdentifier(),
                    entry.getSequenceNumber(), entry.getType(), entry.getPayload().getType().getName(),
                    entry.getPayload().getType().getRevision(), DateTimeUtils.formatInstant(entry.getTimestamp()),
                    entry.getPayload().getData(), entry.getMetaData().getData()));
        }
        ChainAppender.Links links = eventChain == null ? null : eventChain.links(heads, rows);
        // with the chain, the events' insert is a data-modifying WITH of the chain's: PostgreSQL runs it exactly once
        try (PreparedStatement insert = connection.prepareStatement(links == null ? INSERT
                : "with events as (" + INSERT + ") " + ChainAppender.INSERT_LINKS)) {
            insert.setLong(1, head);
            insert.setArray(2, connection.createArrayOf("varchar", column(rows, StoredEvent::eventIdentifier)));
            insert.setArray(3, connection.createArrayOf("varchar", column(rows, StoredEvent::aggregateIdentifier)));
            insert.setArray(4, connection.createArrayOf("bigint", column(rows, StoredEvent::sequenceNumber)));
            insert.setArray(5, connection.createArrayOf("varchar", column(rows, StoredEvent::type)));
            insert.setArray(6, connection.createArrayOf("varchar", column(rows, StoredEvent::payloadType)));
            insert.setArray(7, connection.createArrayOf("varchar", column(rows, StoredEvent::payloadRevision)));
            insert.setArray(8, connection.createArrayOf("varchar", column(rows, StoredEvent::timeStamp)));
            insert.setArray(9, connection.createArrayOf("bytea", rows.stream().map(StoredEvent::payload)
                    .toArray(byte[][]::new)));
            insert.setArray(10, connection.createArrayOf("bytea", rows.stream().map(StoredEvent::metaData)
                    .toArray(byte[][]::new)));
            if (links != null) {
                insert.setArray(11, connection.createArrayOf("bigint", links.positions()));
                insert.setArray(12, connection.createArrayOf("bytea", links.hashes()));
            }
            insert.executeUpdate();
        }
    }

    /**
     * The rows after {@code token} (and in its gaps), up to a batch: global index, aggregate type, aggregate id,
     * sequence, event id, timestamp, payload type and revision, payload and metadata, as Axon's own query answers.
     * Axon's {@code fetchTrackedEvents} makes the tracked events and their tokens from them, as before.
     */
    @Override
    protected List<Object[]> fetchEvents(GapAwareTrackingToken token) {
        long after = token == null ? -1 : token.getIndex();
        SortedSet<Long> gaps = token == null ? java.util.Collections.emptySortedSet() : token.getGaps();
        return entityManager().unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement query = connection.prepareStatement(gaps.isEmpty() ? EVENTS_AFTER : EVENTS_AFTER_OR_IN_GAPS)) {
                int parameter = 1;
                query.setLong(parameter++, after);
                if (!gaps.isEmpty()) {
                    query.setArray(parameter++, connection.createArrayOf("bigint", gaps.toArray()));
                }
                query.setInt(parameter, batchSize());
                List<Object[]> rows = new ArrayList<>();
                try (ResultSet row = query.executeQuery()) {
                    while (row.next()) {
                        rows.add(new Object[]{row.getLong(1), row.getString(2), row.getString(3), row.getLong(4),
                                row.getString(5), row.getString(6), row.getString(7), row.getString(8), row.getBytes(9),
                                row.getBytes(10)});
                    }
                }
                return rows;
            }
        });
    }

    private static long storeHead(Connection connection) throws SQLException {
        try (PreparedStatement max = connection.prepareStatement(
                "select coalesce(max(global_index), 0) from domain_event_entry");
             ResultSet row = max.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }

    private static Object[] column(List<StoredEvent> rows, java.util.function.Function<StoredEvent, ?> value) {
        return rows.stream().map(value).toArray();
    }
}
