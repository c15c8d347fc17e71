package io.jixiao.platform.integrity;

import io.jixiao.platform.integrity.Verification.Kind;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The chain over a real PostgreSQL: what it lets through, and each kind of tampering it reports. */
class ChainVerifierTest {

    @TempDir
    static Path keys;

    private static SigningKey key;

    private final EventStoreFixture store = new EventStoreFixture();

    @BeforeAll
    static void key() {
        key = SigningKey.loadOrCreate(keys.resolve("sm2-key.pem"));
    }

    private Verification verify() {
        return store.verifier(key).verify();
    }

    private Checkpoints checkpoints() {
        return new Checkpoints(store.dataSource, key, Clock.systemUTC());
    }

    @Test
    void anIntactChainVerifies() {
        store.append(3);
        store.append(2);
        checkpoints().take();
        store.append(1);

        Verification verification = verify();

        assertThat(verification.ok()).isTrue();
        assertThat(verification.rowsChecked()).isEqualTo(6);
        assertThat(verification.checkpointsChecked()).isEqualTo(1);
        assertThat(verification.problems()).isZero();
        assertThat(verification.firstProblem()).isNull();
    }

    @Test
    void anEmptyStoreVerifies() {
        assertThat(verify()).isEqualTo(new Verification(0, 0, true, 0, null));
    }

    @Test
    void aChangedPayloadIsReportedAtItsPositionAndOnlyThere() {
        List<StoredEvent> events = store.append(5);
        store.sql("update domain_event_entry set payload = convert_to('{\"amount\":\"9999.00\"}', 'UTF8') where global_index = 3");

        Verification verification = verify();

        assertThat(verification.ok()).isFalse();
        assertThat(verification.problems()).isEqualTo(1);
        assertThat(verification.firstProblem().kind()).isEqualTo(Kind.MODIFIED);
        assertThat(verification.firstProblem().globalIndex()).isEqualTo(3);
        assertThat(verification.firstProblem().eventIdentifier()).isEqualTo(events.get(2).eventIdentifier());
        assertThat(verification.firstProblem().aggregateIdentifier()).isEqualTo(events.get(2).aggregateIdentifier());
        assertThat(verification.firstProblem().description()).contains("position 3");
    }

    @Test
    void anyChangedColumnIsReported() {
        store.append(4);
        store.sql("update domain_event_entry set meta_data = null where global_index = 2");
        store.sql("update domain_event_entry set time_stamp = '2026-12-02T08:00:00Z' where global_index = 4");

        Verification verification = verify();

        assertThat(verification.problems()).isEqualTo(2);
        assertThat(verification.firstProblem().kind()).isEqualTo(Kind.MODIFIED);
        assertThat(verification.firstProblem().globalIndex()).isEqualTo(2);
    }

    @Test
    void aDeletedEventIsReported() {
        store.append(5);
        store.sql("delete from domain_event_entry where global_index = 3");

        Verification verification = verify();

        assertThat(verification.problems()).isEqualTo(1);
        assertThat(verification.firstProblem().kind()).isEqualTo(Kind.DELETED);
        assertThat(verification.firstProblem().globalIndex()).isEqualTo(3);
        assertThat(verification.rowsChecked()).isEqualTo(5);
    }

    @Test
    void anEventWrittenPastTheChainIsReportedAndTheChainGoesOnAroundIt() {
        store.append(3);
        StoredEvent slipped = store.insertUnchained();
        store.append(2);

        Verification verification = verify();

        assertThat(verification.problems()).isEqualTo(1);
        assertThat(verification.firstProblem().kind()).isEqualTo(Kind.INSERTED);
        assertThat(verification.firstProblem().globalIndex()).isEqualTo(4);
        assertThat(verification.firstProblem().eventIdentifier()).isEqualTo(slipped.eventIdentifier());
    }

    @Test
    void aRewrittenAndRechainedHistoryIsCaughtByASignedCheckpoint() {
        store.append(5);
        Checkpoint signed = checkpoints().take().orElseThrow();
        store.append(2);

        // the attacker changes event 2 and recomputes every chain hash from there on
        store.sql("update domain_event_entry set payload = convert_to('{\"amount\":\"0.01\"}', 'UTF8') where global_index = 2");
        rechainFrom(2);
        assertThat(withoutCheckpoints()).as("without checkpoints the rewrite would pass")
                .isEqualTo(new Verification(7, 0, true, 0, null));

        Verification verification = verify();

        assertThat(verification.problems()).isEqualTo(1);
        assertThat(verification.firstProblem().kind()).isEqualTo(Kind.CHECKPOINT_MISMATCH);
        assertThat(verification.firstProblem().globalIndex()).isEqualTo(5);
        assertThat(verification.firstProblem().checkpointId()).isEqualTo(signed.id());
    }

    @Test
    void aTruncatedStoreIsCaughtByACheckpointBeyondItsEnd() {
        store.append(5);
        checkpoints().take();
        store.sql("delete from domain_event_entry where global_index >= 4");
        store.sql("delete from event_hash_chain where global_index >= 4");

        Verification verification = verify();

        assertThat(verification.problems()).isEqualTo(1);
        assertThat(verification.firstProblem().kind()).isEqualTo(Kind.CHECKPOINT_MISMATCH);
        assertThat(verification.firstProblem().globalIndex()).isEqualTo(5);
    }

    @Test
    void anAlteredCheckpointSignatureIsReported() {
        store.append(3);
        checkpoints().take();
        store.sql("update event_chain_checkpoint set signature = set_byte(signature, 10, get_byte(signature, 10) # 1)");

        Verification verification = verify();

        assertThat(verification.problems()).isEqualTo(1);
        assertThat(verification.firstProblem().kind()).isEqualTo(Kind.BAD_SIGNATURE);
        assertThat(verification.firstProblem().globalIndex()).isEqualTo(3);
    }

    @Test
    void aCheckpointSignedWithAnotherKeyIsReported(@TempDir Path elsewhere) {
        store.append(3);
        SigningKey forged = SigningKey.loadOrCreate(elsewhere.resolve("attacker.pem"));
        new Checkpoints(store.dataSource, forged, Clock.systemUTC()).take();

        Verification verification = verify();

        assertThat(verification.firstProblem().kind()).isEqualTo(Kind.BAD_SIGNATURE);
        assertThat(verification.firstProblem().description()).contains("key other than this service's");
    }

    @Test
    void aCheckpointIsTakenOnlyWhenTheHeadMoved() {
        assertThat(checkpoints().take()).as("nothing to sign yet").isEmpty();
        store.append(2);
        Checkpoint first = checkpoints().take().orElseThrow();
        assertThat(first.globalIndex()).isEqualTo(2);
        assertThat(SigningKey.verifies(first.publicKey(), first.message(), first.signature())).isTrue();

        assertThat(checkpoints().take()).isEmpty();
        store.append(1);
        assertThat(checkpoints().take()).map(Checkpoint::globalIndex).contains(3L);
        assertThat(verify().checkpointsChecked()).isEqualTo(2);
    }

    @Test
    void anAppendBelowTheChainsHeadIsRefused() {
        store.append(3);
        StoredEvent late = EventStoreFixture.event(0);
        assertThatThrownBy(() -> store.inTransaction(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("insert into domain_event_entry ("
                    + StoredEvent.COLUMNS + ") values (0, ?, 'late', 0, null, 'T', null, 't', '\\x00'::bytea, null)")) {
                insert.setString(1, late.eventIdentifier());
                insert.executeUpdate();
            }
            new ChainAppender().append(connection, List.of(late));
        })).hasMessageContaining("not after the chain's head");
    }

    @Test
    void aStoreThatPredatesTheChainIsAdoptedOnce() throws Exception {
        store.insertUnchained();
        store.insertUnchained();
        store.insertUnchained();
        ChainAppender appender = new ChainAppender();

        assertThat(appender.adoptExisting(store.dataSource)).isEqualTo(3);
        assertThat(appender.adoptExisting(store.dataSource)).as("already chained").isZero();
        store.append(2);
        assertThat(verify().ok()).isTrue();
        assertThat(verify().rowsChecked()).isEqualTo(5);
    }

    @Test
    void anEmptiedChainIsNotAdoptedAgainOnceCheckpointsExist() throws Exception {
        store.append(3);
        checkpoints().take();
        store.sql("delete from event_hash_chain");

        assertThat(new ChainAppender().adoptExisting(store.dataSource)).isZero();
        assertThat(verify().firstProblem().kind()).isEqualTo(Kind.INSERTED);
    }

    private Verification withoutCheckpoints() {
        store.sql("create table saved_checkpoint as select * from event_chain_checkpoint");
        store.sql("delete from event_chain_checkpoint");
        Verification verification = verify();
        store.sql("insert into event_chain_checkpoint select * from saved_checkpoint");
        store.sql("drop table saved_checkpoint");
        return verification;
    }

    /** What an attacker with write access would do: recompute the chain hashes from that position on. */
    private void rechainFrom(long position) {
        store.inTransaction(connection -> {
            byte[] previous;
            try (PreparedStatement select = connection.prepareStatement(
                    "select hash from event_hash_chain where global_index < ? order by global_index desc limit 1")) {
                select.setLong(1, position);
                try (ResultSet row = select.executeQuery()) {
                    previous = row.next() ? row.getBytes(1) : EventChain.genesis();
                }
            }
            List<StoredEvent> rows = new ArrayList<>(ChainedRows.eventsAfter(connection, position - 1, 1000));
            for (StoredEvent row : rows) {
                previous = EventChain.hash(previous, row);
                try (PreparedStatement update = connection.prepareStatement(
                        "update event_hash_chain set hash = ? where global_index = ?")) {
                    update.setBytes(1, previous);
                    update.setLong(2, row.globalIndex());
                    update.executeUpdate();
                }
            }
        });
    }
}
