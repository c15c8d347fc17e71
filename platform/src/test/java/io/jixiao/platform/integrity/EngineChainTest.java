package io.jixiao.platform.integrity;

import io.jixiao.platform.axon.ByteaPostgreSQLDialect;
import io.jixiao.platform.axon.CommitOrderedJpaEventStorageEngine;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import org.axonframework.eventsourcing.eventstore.jpa.SQLErrorCodesResolver;
import org.axonframework.common.jpa.SimpleEntityManagerProvider;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.jpa.DomainEventEntry;
import org.axonframework.eventsourcing.eventstore.jpa.JpaEventStorageEngine;
import org.axonframework.serialization.jackson3.Jackson3Serializer;
import org.hibernate.boot.model.naming.CamelCaseToUnderscoresNamingStrategy;
import org.hibernate.jpa.HibernatePersistenceConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The engine's hook, with Axon's own entities through Hibernate (no Spring, no Axon configuration): the chain rows are
 * written in the appending transaction, from the rows as stored, and roll back with them.
 */
class EngineChainTest {

    private final EventStoreFixture store = new EventStoreFixture();
    private final EntityManagerFactory entityManagers = entityManagers();
    private final EntityManager entityManager = entityManagers.createEntityManager();
    private final CommitOrderedJpaEventStorageEngine engine = engine(entityManager);

    record Paid(String reference, String amount) {
    }

    @AfterEach
    void close() {
        entityManager.close();
        entityManagers.close();
    }

    @Test
    void appendsExtendTheChainInTheirTransaction(@TempDir Path keys) throws Exception {
        append(new GenericDomainEventMessage<>("ProjectYear", "p-1", 0, new Paid("P-1", "10.00")),
                new GenericDomainEventMessage<>("ProjectYear", "p-1", 1, new Paid("P-2", "20.00")));
        append(new GenericDomainEventMessage<>("ProjectYear", "p-2", 0, new Paid("P-3", "30.00")));

        entityManager.getTransaction().begin();
        engine.appendEvents(new GenericDomainEventMessage<>("ProjectYear", "p-2", 1, new Paid("P-4", "40.00")));
        entityManager.getTransaction().rollback();

        assertThat(count("domain_event_entry")).isEqualTo(3);
        assertThat(count("event_hash_chain")).isEqualTo(3);
        Verification verification = store.verifier(SigningKey.loadOrCreate(keys.resolve("k.pem"))).verify();
        assertThat(verification.ok()).isTrue();
        assertThat(verification.rowsChecked()).isEqualTo(3);
    }

    /**
     * Two processes (two entity manager factories, as two JVMs would have) appending at once to one store: each
     * append takes its indexes under the lock, so the indexes are gapless, in commit order (the chain would refuse
     * any below its head), and verify. (Axon's own appends take 50 indexes per process ahead of the lock.)
     */
    @Test
    void twoProcessesAppendAtOnceAndTheIndexesFollowTheCommits(@TempDir Path keys) throws Exception {
        EntityManagerFactory otherProcess = entityManagers();
        try {
            ExecutorService posters = Executors.newFixedThreadPool(2);
            List<Future<?>> done = new ArrayList<>();
            for (EntityManagerFactory process : List.of(entityManagers, otherProcess)) {
                String project = process == entityManagers ? "p-a" : "p-b";
                done.add(posters.submit(() -> {
                    EntityManager own = process.createEntityManager();
                    CommitOrderedJpaEventStorageEngine appender = engine(own);
                    for (int command = 0; command < 40; command++) {
                        own.getTransaction().begin();
                        appender.appendEvents(
                                new GenericDomainEventMessage<>("ProjectYear", project, 2L * command,
                                        new Paid(project + "-" + command, "1.00")),
                                new GenericDomainEventMessage<>("ProjectYear", project, 2L * command + 1,
                                        new Paid(project + "-" + command + "b", "2.00")));
                        own.getTransaction().commit();
                    }
                    own.close();
                    return null;
                }));
            }
            posters.shutdown();
            for (Future<?> posted : done) {
                posted.get(60, TimeUnit.SECONDS);
            }
        } finally {
            otherProcess.close();
        }

        assertThat(indexes()).isEqualTo(LongStream.rangeClosed(1, 160).boxed().toList());
        Verification verification = store.verifier(SigningKey.loadOrCreate(keys.resolve("k.pem"))).verify();
        assertThat(verification.ok()).isTrue();
        assertThat(verification.rowsChecked()).isEqualTo(160);
    }

    /** A second event at a taken (aggregate, sequence) is Axon's conflict, and leaves nothing behind. */
    @Test
    void aTakenSequenceIsAConflictAndWritesNothing(@TempDir Path keys) throws Exception {
        append(new GenericDomainEventMessage<>("ProjectYear", "p-1", 0, new Paid("P-1", "10.00")),
                new GenericDomainEventMessage<>("ProjectYear", "p-1", 1, new Paid("P-2", "20.00")));

        entityManager.getTransaction().begin();
        assertThatThrownBy(() -> engine.appendEvents(
                new GenericDomainEventMessage<>("ProjectYear", "p-1", 1, new Paid("P-3", "30.00")),
                new GenericDomainEventMessage<>("ProjectYear", "p-1", 2, new Paid("P-4", "40.00"))))
                .isInstanceOf(ConcurrencyException.class);
        entityManager.getTransaction().rollback();
        entityManager.getTransaction().begin();
        assertThatThrownBy(() -> engine.appendEvents(
                new GenericDomainEventMessage<>("ProjectYear", "p-1", 0, new Paid("P-5", "50.00"))))
                .isInstanceOf(AggregateStreamCreationException.class);
        entityManager.getTransaction().rollback();
        append(new GenericDomainEventMessage<>("ProjectYear", "p-1", 2, new Paid("P-6", "60.00")));

        assertThat(indexes()).containsExactly(1L, 2L, 3L);
        assertThat(store.verifier(SigningKey.loadOrCreate(keys.resolve("k.pem"))).verify().ok()).isTrue();
    }

    /** With the chain switched off the engine writes the events alone, at the same gapless indexes. */
    @Test
    void withoutTheChainTheEventsAloneAreWrittenAfterTheHighestIndex() throws Exception {
        CommitOrderedJpaEventStorageEngine unchained = engine(entityManager, null);
        for (int command = 0; command < 3; command++) {
            entityManager.getTransaction().begin();
            unchained.appendEvents(new GenericDomainEventMessage<>("ProjectYear", "p-1", 2L * command, new Paid("P-" + command, "1.00")),
                    new GenericDomainEventMessage<>("ProjectYear", "p-1", 2L * command + 1, new Paid("Q-" + command, "2.00")));
            entityManager.getTransaction().commit();
        }

        assertThat(indexes()).isEqualTo(LongStream.rangeClosed(1, 6).boxed().toList());
        assertThat(count("event_hash_chain")).isZero();
    }

    /**
     * Tracking reads (the relay's) by plain JDBC: every event after a token, in index order, batch after batch, with
     * the payload, identity and position it was stored with; and a token's gaps are read as Axon's own query reads them.
     */
    @Test
    void trackingReadsGiveTheEventsAfterATokenAndInItsGaps() {
        for (int command = 0; command < 3; command++) {
            append(new GenericDomainEventMessage<>("ProjectYear", "p-1", 2L * command, new Paid("P-" + command, "1.00")),
                    new GenericDomainEventMessage<>("ProjectYear", "p-1", 2L * command + 1, new Paid("Q-" + command, "2.00")));
        }
        CommitOrderedJpaEventStorageEngine smallBatches = engine(entityManager, new ChainAppender(), 4);

        List<? extends TrackedEventMessage<?>> all = smallBatches.readEvents(null, false).toList();
        assertThat(all).extracting(e -> e.trackingToken().position().orElseThrow())
                .containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(all).extracting(e -> ((Paid) e.getPayload()).reference())
                .containsExactly("P-0", "Q-0", "P-1", "Q-1", "P-2", "Q-2");
        assertThat(all).extracting(e -> ((org.axonframework.eventhandling.DomainEventMessage<?>) e).getSequenceNumber())
                .containsExactly(0L, 1L, 2L, 3L, 4L, 5L);

        List<? extends TrackedEventMessage<?>> fromGap = smallBatches
                .readEvents(GapAwareTrackingToken.newInstance(4, java.util.Set.of(2L)), false).toList();
        assertThat(fromGap).extracting(e -> ((Paid) e.getPayload()).reference()).containsExactly("Q-0", "P-2", "Q-2");
        assertThat(smallBatches.readEvents(GapAwareTrackingToken.newInstance(6, java.util.Set.of()), false).toList()).isEmpty();
    }

    private List<Long> indexes() throws Exception {
        List<Long> indexes = new ArrayList<>();
        try (Connection connection = store.dataSource.getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select global_index from domain_event_entry order by 1")) {
            while (rows.next()) {
                indexes.add(rows.getLong(1));
            }
        }
        return indexes;
    }

    private CommitOrderedJpaEventStorageEngine engine(EntityManager entityManager) {
        return engine(entityManager, new ChainAppender());
    }

    private CommitOrderedJpaEventStorageEngine engine(EntityManager entityManager, ChainAppender chain) {
        return engine(entityManager, chain, 100);
    }

    private CommitOrderedJpaEventStorageEngine engine(EntityManager entityManager, ChainAppender chain, int batchSize) {
        SQLErrorCodesResolver duplicates;
        try {
            duplicates = new SQLErrorCodesResolver(store.dataSource);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return new CommitOrderedJpaEventStorageEngine(JpaEventStorageEngine.builder()
                .entityManagerProvider(new SimpleEntityManagerProvider(entityManager))
                .transactionManager(NoTransactionManager.INSTANCE)
                .persistenceExceptionResolver(duplicates)
                .batchSize(batchSize)
                .eventSerializer(Jackson3Serializer.builder().build())
                .snapshotSerializer(Jackson3Serializer.builder().build()), chain);
    }

    private void append(GenericDomainEventMessage<?>... events) {
        entityManager.getTransaction().begin();
        engine.appendEvents(events);
        entityManager.getTransaction().commit();
    }

    private long count(String table) throws Exception {
        try (Connection connection = store.dataSource.getConnection();
             Statement statement = connection.createStatement();
             ResultSet count = statement.executeQuery("select count(*) from " + table)) {
            count.next();
            return count.getLong(1);
        }
    }

    private EntityManagerFactory entityManagers() {
        String url;
        try (Connection connection = store.dataSource.getConnection()) {
            url = connection.getMetaData().getURL();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return new HibernatePersistenceConfiguration("events")
                .managedClass(DomainEventEntry.class)
                .jdbcUrl(url)
                .jdbcCredentials("postgres", "")
                .property("hibernate.dialect", ByteaPostgreSQLDialect.class.getName())
                // Boot's naming, as in the services: DomainEventEntry is domain_event_entry
                .property("hibernate.physical_naming_strategy", CamelCaseToUnderscoresNamingStrategy.class.getName())
                .createEntityManagerFactory();
    }
}
