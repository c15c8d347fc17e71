package io.jixiao.platform.integrity;

import io.jixiao.platform.axon.ByteaPostgreSQLDialect;
import io.jixiao.platform.axon.CommitOrderedJpaEventStorageEngine;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import org.axonframework.common.jpa.SimpleEntityManagerProvider;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.GenericDomainEventMessage;
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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine's hook, with Axon's own entities through Hibernate (no Spring, no Axon configuration): the chain rows are
 * written in the appending transaction, from the rows as stored, and roll back with them.
 */
class EngineChainTest {

    private final EventStoreFixture store = new EventStoreFixture();
    private final EntityManagerFactory entityManagers = entityManagers();
    private final EntityManager entityManager = entityManagers.createEntityManager();
    private final CommitOrderedJpaEventStorageEngine engine = new CommitOrderedJpaEventStorageEngine(
            JpaEventStorageEngine.builder()
                    .entityManagerProvider(new SimpleEntityManagerProvider(entityManager))
                    .transactionManager(NoTransactionManager.INSTANCE)
                    .eventSerializer(Jackson3Serializer.builder().build())
                    .snapshotSerializer(Jackson3Serializer.builder().build()),
            new ChainAppender());

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
