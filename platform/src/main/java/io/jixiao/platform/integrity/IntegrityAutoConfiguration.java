package io.jixiao.platform.integrity;

import io.jixiao.platform.axon.OrderedEventStoreAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.sql.init.dependency.DatabaseInitializationDependencyConfigurer;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;

import javax.sql.DataSource;
import java.time.Clock;

/**
 * The tamper-evident chain of an application whose event store is platform's CommitOrderedJpaEventStorageEngine:
 * its tables, the appender the engine calls, SM2-signed checkpoints and the auditor's API. Off with
 * {@code jixiao.integrity.enabled=false}; the engine then appends as before.
 *
 * <p>Order: the service's own migrations (Flyway, as a database initializer), then {@link IntegrityMigration}
 * ({@code @DependsOnDatabaseInitialization}), then the appender, which the engine takes when it is built.
 */
@AutoConfiguration(after = OrderedEventStoreAutoConfiguration.class)
// Hibernate: the engine reaches the appending transaction's connection through its Session
@ConditionalOnClass(name = {"org.axonframework.eventsourcing.eventstore.jpa.JpaEventStorageEngine", "org.hibernate.Session",
        "org.flywaydb.core.Flyway", "org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization"})
@ConditionalOnProperty(prefix = "jixiao.integrity", name = "enabled", havingValue = "true", matchIfMissing = true)
@ConditionalOnBean(type = {"io.jixiao.platform.axon.CommitOrderedJpaEventStorageEngine", "javax.sql.DataSource"})
@EnableConfigurationProperties(IntegrityProperties.class)
@Import(DatabaseInitializationDependencyConfigurer.class)
public class IntegrityAutoConfiguration {

    @Bean
    @DependsOnDatabaseInitialization
    IntegrityMigration integrityMigration(DataSource dataSource) {
        return new IntegrityMigration(dataSource);
    }

    /** Taking the migration bean makes the engine, which takes this, wait for the chain's tables. */
    @Bean
    ChainAppender eventChainAppender(IntegrityMigration migrated) {
        return new ChainAppender();
    }

    @Bean
    SigningKey eventChainSigningKey(IntegrityProperties integrity, Environment environment) {
        return SigningKey.loadOrCreate(integrity.keyFileOf(environment.getProperty("spring.application.name", "application")));
    }

    @Bean
    Checkpoints eventChainCheckpoints(DataSource dataSource, SigningKey key, IntegrityMigration migrated) {
        return new Checkpoints(dataSource, key, Clock.systemUTC());
    }

    @Bean
    ChainVerifier eventChainVerifier(DataSource dataSource, SigningKey key, IntegrityProperties integrity,
                                     IntegrityMigration migrated) {
        return new ChainVerifier(dataSource, key.publicKey(), integrity.verifyPageSize());
    }

    @Bean
    CheckpointSchedule eventChainCheckpointSchedule(Checkpoints checkpoints, IntegrityProperties integrity) {
        return new CheckpointSchedule(checkpoints, integrity.checkpointInterval());
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @ConditionalOnClass(name = "org.springframework.web.servlet.DispatcherServlet")
    static class AuditorApi {

        @Bean
        IntegrityController integrityController(ChainVerifier verifier, Checkpoints checkpoints) {
            return new IntegrityController(verifier, checkpoints);
        }
    }
}
