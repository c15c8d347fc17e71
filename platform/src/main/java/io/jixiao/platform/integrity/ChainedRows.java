package io.jixiao.platform.integrity;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The chain's SQL over one JDBC connection: the appending transaction's own (through Hibernate's session) or a
 * plain one, so the same code runs in the engine and in tests.
 */
final class ChainedRows {

    static final String INSERT = "insert into event_hash_chain (global_index, hash) select * from unnest(?::bigint[], ?::bytea[])";

    /** A chain row: the hash up to and including the event at that position. */
    record Link(long globalIndex, byte[] hash) {
    }

    private ChainedRows() {
    }


    /** At most {@code limit} events after position {@code after}, in position order. */
    static List<StoredEvent> eventsAfter(Connection connection, long after, int limit) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("select " + StoredEvent.COLUMNS
                + " from domain_event_entry where global_index > ? order by global_index limit ?")) {
            select.setLong(1, after);
            select.setInt(2, limit);
            return events(select);
        }
    }

    /** The newest chain row; empty while nothing is chained. */
    static Optional<Link> head(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "select global_index, hash from event_hash_chain order by global_index desc limit 1");
             ResultSet row = select.executeQuery()) {
            return row.next() ? Optional.of(new Link(row.getLong(1), row.getBytes(2))) : Optional.empty();
        }
    }

    /** One statement for the whole batch (two arrays unnested), whatever the driver's batching settings. */
    static void insert(Connection connection, ChainAppender.Links links) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setArray(1, connection.createArrayOf("bigint", links.positions()));
            insert.setArray(2, connection.createArrayOf("bytea", links.hashes()));
            insert.executeUpdate();
        }
    }

    static boolean anyCheckpoint(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("select 1 from event_chain_checkpoint limit 1");
             ResultSet row = select.executeQuery()) {
            return row.next();
        }
    }

    private static List<StoredEvent> events(PreparedStatement select) throws SQLException {
        List<StoredEvent> events = new ArrayList<>();
        try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                events.add(StoredEvent.read(rows));
            }
        }
        return events;
    }
}
