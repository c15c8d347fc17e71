package io.jixiao.platform.integrity;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Signs the chain's head now and then. Someone able to write to the database can rewrite events and recompute
 * every chain hash after them, but cannot sign: the head at a checkpoint's position then no longer matches.
 */
public class Checkpoints {

    private static final Logger log = LoggerFactory.getLogger(Checkpoints.class);

    private final DataSource dataSource;
    private final SigningKey key;
    private final Clock clock;

    public Checkpoints(DataSource dataSource, SigningKey key, Clock clock) {
        this.dataSource = dataSource;
        this.key = key;
        this.clock = clock;
    }

    /** Signs and stores the head; nothing when the chain is empty or has not moved since the last checkpoint. */
    public Optional<Checkpoint> take() {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                Optional<Checkpoint> taken = take(connection);
                connection.commit();
                taken.ifPresent(checkpoint -> log.info(
                        "event chain checkpoint {}: position {}, head {}, signed at {}, SM2 signature {}",
                        checkpoint.id(), checkpoint.globalIndex(), HexFormat.of().formatHex(checkpoint.headHash()),
                        checkpoint.signedAt(), HexFormat.of().formatHex(checkpoint.signature())));
                return taken;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not take an event chain checkpoint", e);
        }
    }

    private Optional<Checkpoint> take(Connection connection) throws SQLException {
        // in turn with the appends and with the other instances' schedules: the head does not move while it is
        // signed, and a second instance finds the checkpoint already taken
        try (PreparedStatement lock = connection.prepareStatement("select pg_advisory_xact_lock(?)")) {
            lock.setLong(1, io.jixiao.platform.axon.CommitOrderedJpaEventStorageEngine.APPEND_LOCK);
            lock.execute();
        }
        Optional<ChainedRows.Link> head = ChainedRows.head(connection);
        if (head.isEmpty()) {
            return Optional.empty();
        }
        Optional<Checkpoint> last = latest(connection);
        if (last.isPresent() && last.get().globalIndex() == head.get().globalIndex()
                && Arrays.equals(last.get().headHash(), head.get().hash())) {
            return Optional.empty();
        }
        Instant signedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        byte[] signature = key.sign(Checkpoint.message(head.get().globalIndex(), head.get().hash(), signedAt));
        try (PreparedStatement insert = connection.prepareStatement("insert into event_chain_checkpoint "
                + "(global_index, head_hash, signed_at, public_key, signature) values (?, ?, ?, ?, ?) returning id")) {
            insert.setLong(1, head.get().globalIndex());
            insert.setBytes(2, head.get().hash());
            insert.setObject(3, OffsetDateTime.ofInstant(signedAt, ZoneOffset.UTC));
            insert.setBytes(4, key.publicKey());
            insert.setBytes(5, signature);
            try (ResultSet id = insert.executeQuery()) {
                id.next();
                return Optional.of(new Checkpoint(id.getLong(1), head.get().globalIndex(), head.get().hash(), signedAt,
                        key.publicKey(), signature));
            }
        }
    }

    /** Every checkpoint, in position order. */
    static List<Checkpoint> all(Connection connection) throws SQLException {
        return select(connection, "order by global_index, id");
    }

    private static Optional<Checkpoint> latest(Connection connection) throws SQLException {
        return select(connection, "order by id desc limit 1").stream().findFirst();
    }

    private static List<Checkpoint> select(Connection connection, String order) throws SQLException {
        List<Checkpoint> checkpoints = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("select id, global_index, head_hash, signed_at, "
                + "public_key, signature from event_chain_checkpoint " + order);
             ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                checkpoints.add(new Checkpoint(rows.getLong("id"), rows.getLong("global_index"), rows.getBytes("head_hash"),
                        rows.getObject("signed_at", OffsetDateTime.class).toInstant(), rows.getBytes("public_key"),
                        rows.getBytes("signature")));
            }
        }
        return checkpoints;
    }
}
