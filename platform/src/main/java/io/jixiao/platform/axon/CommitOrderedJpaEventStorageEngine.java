package io.jixiao.platform.axon;

import io.jixiao.platform.integrity.ChainAppender;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.jpa.JpaEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.hibernate.Session;

import java.sql.PreparedStatement;
import java.util.List;

/**
 * Axon's JPA event storage, with appends taken one transaction at a time (a PostgreSQL transaction-scoped advisory
 * lock, held from the first insert to the commit), so global indexes become visible in the order they were
 * handed out.
 *
 * <p>Why: without it, concurrent transactions interleave blocks of the global index sequence (several batches of
 * 1,000 payments at once) and commit out of order. A tracking processor then carries every not-yet-committed index
 * as a gap in its token, and Axon copies that gap set into the token of every event it reads: with thousands of
 * gaps, the event store's cache of 10,000 events held millions of entries and budget-service ran out of heap
 * (bench/README.md). Appends are a small part of a command (insert and commit), so serialising them costs little.
 *
 * <p>With an event chain ({@code jixiao.integrity.enabled}, on by default), each append also extends the store's
 * tamper-evident hash chain in the same transaction, under the same lock (platform's {@code integrity} package).
 */
public class CommitOrderedJpaEventStorageEngine extends JpaEventStorageEngine {

    /** Any constant both services agree on; each service has its own database, so they never contend. */
    public static final long APPEND_LOCK = 0x6A69_7869_616FL;

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
            super.appendEvents(events, serializer);
            return;
        }
        Session session = entityManager().unwrap(Session.class);
        // plain JDBC on the transaction's connection: a Hibernate native query for the lock cost 5% of
        // budget-service's CPU samples per payment (query creation, an automatic flush, result mapping)
        session.doWork(connection -> {
            try (PreparedStatement lock = connection.prepareStatement("select pg_advisory_xact_lock(?)")) {
                lock.setLong(1, APPEND_LOCK);
                lock.execute();
            }
        });
        super.appendEvents(events, serializer);
        if (eventChain != null) {
            // the rows are flushed (Axon's explicit flush, on by default); read back as stored, on the transaction's
            // own connection, so the chain rows commit (or roll back) with the events
            List<String> identifiers = events.stream().map(EventMessage::getIdentifier).toList();
            session.doWork(connection -> eventChain.append(connection, identifiers));
        }
    }
}
