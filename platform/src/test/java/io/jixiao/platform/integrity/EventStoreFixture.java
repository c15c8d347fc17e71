package io.jixiao.platform.integrity;

import io.jixiao.testing.TestPostgres;
import org.flywaydb.core.Flyway;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fresh database with Axon's tables (db/axon) and the chain's (db/integrity, by {@link IntegrityMigration}), and
 * events written with JDBC the way the engine writes them: inserted, then chained, in one transaction.
 */
final class EventStoreFixture {

    private static final AtomicInteger DATABASES = new AtomicInteger();

    final DataSource dataSource;
    private long nextPosition = 1;

    EventStoreFixture() {
        String database = "integrity_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        TestPostgres.jdbcUrl(database);
        dataSource = TestPostgres.instance().getDatabase("postgres", database);
        Flyway.configure().dataSource(dataSource).locations("classpath:db/axon").load().migrate();
        IntegrityMigration.migrate(dataSource);
    }

    /** Over a database already migrated (by an application context). */
    EventStoreFixture(DataSource migrated) {
        dataSource = migrated;
    }

    /** Appends {@code count} events of one aggregate in one transaction, chained; returns them as inserted. */
    List<StoredEvent> append(int count) {
        List<StoredEvent> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(event(nextPosition++));
        }
        inTransaction(connection -> {
            for (StoredEvent event : events) {
                insert(connection, event);
            }
            new ChainAppender().append(connection, events);
        });
        return events;
    }

    /** An event written behind the event store's back: no chain row. */
    StoredEvent insertUnchained() {
        StoredEvent event = event(nextPosition++);
        inTransaction(connection -> insert(connection, event));
        return event;
    }

    void sql(String statement) {
        inTransaction(connection -> {
            try (Statement sql = connection.createStatement()) {
                sql.execute(statement);
            }
        });
    }

    ChainVerifier verifier(SigningKey key) {
        // two positions a page, so that every test also crosses page boundaries
        return new ChainVerifier(dataSource, key.publicKey(), 2);
    }

    interface Work {
        void run(Connection connection) throws SQLException;
    }

    void inTransaction(Work work) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            work.run(connection);
            connection.commit();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static StoredEvent event(long position) {
        return new StoredEvent(position, UUID.randomUUID().toString(), "project-2026-" + (position % 3),
                position, "ProjectYear", "io.jixiao.budget.PaymentPosted", null, "2026-12-01T08:00:00." + position + "Z",
                ("{\"amount\":\"" + position + ".00\"}").getBytes(StandardCharsets.UTF_8),
                "{\"traceId\":\"t\"}".getBytes(StandardCharsets.UTF_8));
    }

    private static void insert(Connection connection, StoredEvent event) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("insert into domain_event_entry (" + StoredEvent.COLUMNS
                + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setLong(1, event.globalIndex());
            insert.setString(2, event.eventIdentifier());
            insert.setString(3, event.aggregateIdentifier());
            insert.setLong(4, event.sequenceNumber());
            insert.setString(5, event.type());
            insert.setString(6, event.payloadType());
            insert.setString(7, event.payloadRevision());
            insert.setString(8, event.timeStamp());
            insert.setBytes(9, event.payload());
            insert.setBytes(10, event.metaData());
            insert.executeUpdate();
        }
    }
}
