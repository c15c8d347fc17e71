package io.jixiao.platform.integrity;

import io.jixiao.platform.axon.CommitOrderedJpaEventStorageEngine;
import io.jixiao.testing.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

/**
 * The chain's wiring with Boot's own Flyway on a fresh database: the service's migrations run first (else Flyway
 * would find a non-empty schema without its history and refuse), the chain's second, both before the engine.
 */
class IntegrityAutoConfigurationTest {

    private static final AtomicInteger DATABASES = new AtomicInteger();

    @TempDir
    Path keys;

    /** Stands in for the engine: built first, as the real one is, and takes the appender the same way. */
    @Configuration(proxyBeanMethods = false)
    static class EventStore {

        static final AtomicReference<ChainAppender> handedIn = new AtomicReference<>();

        @Bean
        CommitOrderedJpaEventStorageEngine eventStorageEngine(ObjectProvider<ChainAppender> eventChain) {
            handedIn.set(eventChain.getIfAvailable());
            return mock(CommitOrderedJpaEventStorageEngine.class);
        }

        @Bean
        DataSource dataSource() {
            String database = "integrity_wiring_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
            TestPostgres.jdbcUrl(database);
            return TestPostgres.instance().getDatabase("postgres", database);
        }
    }

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withUserConfiguration(EventStore.class)
                .withConfiguration(AutoConfigurations.of(FlywayAutoConfiguration.class, IntegrityAutoConfiguration.class))
                .withPropertyValues("spring.flyway.locations=classpath:db/axon", "spring.application.name=budget-service",
                        "jixiao.integrity.key-file=" + keys.resolve("sm2-key.pem"));
    }

    @Test
    void onAFreshDatabaseTheServicesMigrationsRunFirstThenTheChainsThenTheEngineIsBuilt() {
        runner().run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(ChainVerifier.class).hasSingleBean(Checkpoints.class)
                    .doesNotHaveBean(IntegrityController.class);
            assertThat(EventStore.handedIn.get()).isSameAs(context.getBean(ChainAppender.class));
            DataSource dataSource = context.getBean(DataSource.class);
            assertThat(versions(dataSource, "flyway_schema_history")).isEqualTo("1");
            assertThat(versions(dataSource, IntegrityMigration.HISTORY_TABLE)).isEqualTo("0,1");
            assertThat(context.getBean(ChainVerifier.class).verify().ok()).isTrue();
            assertThat(Files.exists(keys.resolve("sm2-key.pem"))).isTrue();
        });
    }

    @Test
    void checkpointsAreTakenOnScheduleOnceTheChainMoves() {
        runner().withPropertyValues("jixiao.integrity.checkpoint-interval=100ms").run(context -> {
            EventStoreFixture store = new EventStoreFixture(context.getBean(DataSource.class));
            store.append(2);
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                    .until(() -> context.getBean(ChainVerifier.class).verify().checkpointsChecked() > 0);
            Verification verification = context.getBean(ChainVerifier.class).verify();
            assertThat(verification.checkpointsChecked()).isEqualTo(1);
            assertThat(verification.ok()).isTrue();
        });
    }

    @Test
    void switchedOffTheEngineGetsNoChain() {
        runner().withPropertyValues("jixiao.integrity.enabled=false").run(context -> {
            assertThat(context).hasNotFailed().doesNotHaveBean(ChainAppender.class).doesNotHaveBean(ChainVerifier.class);
            assertThat(EventStore.handedIn.get()).isNull();
        });
    }

    @Test
    void withoutThePlatformEngineThereIsNoChain() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(IntegrityAutoConfiguration.class))
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(ChainAppender.class));
    }

    @Test
    void aServletApplicationGetsTheAuditorsApi() {
        new WebApplicationContextRunner()
                .withUserConfiguration(EventStore.class)
                .withConfiguration(AutoConfigurations.of(FlywayAutoConfiguration.class, IntegrityAutoConfiguration.class))
                .withPropertyValues("spring.flyway.locations=classpath:db/axon",
                        "jixiao.integrity.key-file=" + keys.resolve("sm2-key.pem"))
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(IntegrityController.class));
    }

    /** The applied versions in that history table, in order. */
    private static String versions(DataSource dataSource, String history) throws Exception {
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select string_agg(version, ',' order by installed_rank) from "
                     + history + " where success")) {
            rows.next();
            return rows.getString(1);
        }
    }
}
