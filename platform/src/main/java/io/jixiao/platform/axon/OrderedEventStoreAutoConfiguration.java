package io.jixiao.platform.axon;

import io.jixiao.platform.integrity.ChainAppender;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.jpa.EntityManagerProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jpa.JpaEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.springboot.autoconfig.AxonAutoConfiguration;
import org.axonframework.springboot.autoconfig.JpaAutoConfiguration;
import org.axonframework.springboot.autoconfig.JpaEventStoreAutoConfiguration;
import org.axonframework.springboot.TokenStoreProperties;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.springboot.util.RegisterDefaultEntities;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Axon's JPA event storage as its own {@link JpaEventStoreAutoConfiguration} builds it (same entities, same
 * builder), with the appends ordered by {@link CommitOrderedJpaEventStorageEngine}. Axon's configuration steps
 * aside when an engine exists. The event chain, when switched on, comes from platform's IntegrityAutoConfiguration.
 * Beside them, the processors' token store on the same database ({@link #tokenStore}).
 */
@AutoConfiguration(before = {JpaEventStoreAutoConfiguration.class, JpaAutoConfiguration.class, AxonAutoConfiguration.class},
        afterName = "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration")
@ConditionalOnClass({JpaEventStorageEngine.class, jakarta.persistence.EntityManager.class})
@RegisterDefaultEntities(packages = "org.axonframework.eventsourcing.eventstore.jpa")
public class OrderedEventStoreAutoConfiguration {

    /**
     * Events the event store keeps in memory for its streaming processors (Axon's default is 10,000). It must exceed
     * how far the relay can fall behind: the back-pressure bound ({@code jixiao.relay.max-backlog}, 5,000) plus the
     * writes already past it (8 posters of 1,000-payment batches). In the benchmark the relay fell out of Axon's
     * default window (a backlog of 22,524), read on from a private stream, and after it had caught up the store held
     * 130,000 events and budget-service ran out of heap: the leak AxonFramework issue 2954 reports for a consumer
     * rejoining the shared stream, as far as the class histograms tell. With the relay kept inside the window it did
     * not recur.
     */
    public static final int CACHED_EVENTS = 20_000;

    /** Axon's own event store (AxonAutoConfiguration's, which steps aside), with {@link #CACHED_EVENTS}. */
    @Bean(name = "eventBus")
    @Qualifier("eventStore")
    @ConditionalOnMissingBean(EventBus.class)
    EmbeddedEventStore eventStore(EventStorageEngine storageEngine, org.axonframework.config.Configuration configuration) {
        return EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                .spanFactory(configuration.getComponent(EventBusSpanFactory.class))
                .cachedEvents(CACHED_EVENTS)
                .build();
    }

    /**
     * The processors' tokens in Axon's own {@code token_entry} table, written by plain JDBC inside the processor's
     * Spring transaction. Axon's JPA token store runs an HQL {@code update} per batch that Hibernate translates
     * anew each time: under single payments that was one translation per event, 5% of budget-service's samples.
     */
    @Bean
    @ConditionalOnMissingBean(TokenStore.class)
    JdbcTokenStore tokenStore(javax.sql.DataSource dataSource, Serializer serializer, TokenStoreProperties tokens) {
        return JdbcTokenStore.builder()
                .connectionProvider(new SpringDataSourceConnectionProvider(dataSource))
                .serializer(serializer)
                .claimTimeout(tokens.getClaimTimeout())
                .schema(TokenSchema.builder()
                        .setTokenTable("token_entry")
                        .setProcessorNameColumn("processor_name")
                        .setSegmentColumn("segment")
                        .setTokenColumn("token")
                        .setTokenTypeColumn("token_type")
                        .setTimestampColumn("timestamp")
                        .setOwnerColumn("owner")
                        .build())
                .build();
    }

    @Bean
    @ConditionalOnMissingBean(EventStorageEngine.class)
    CommitOrderedJpaEventStorageEngine eventStorageEngine(Serializer defaultSerializer,
                                                          PersistenceExceptionResolver persistenceExceptionResolver,
                                                          @Qualifier("eventSerializer") Serializer eventSerializer,
                                                          org.axonframework.config.Configuration configuration,
                                                          EntityManagerProvider entityManagerProvider,
                                                          TransactionManager transactionManager,
                                                          ObjectProvider<ChainAppender> eventChain) {
        return new CommitOrderedJpaEventStorageEngine(JpaEventStorageEngine.builder()
                .snapshotSerializer(defaultSerializer)
                .upcasterChain(configuration.upcasterChain())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .eventSerializer(eventSerializer)
                .snapshotFilter(configuration.snapshotFilter())
                .entityManagerProvider(entityManagerProvider)
                .transactionManager(transactionManager), eventChain.getIfAvailable());
    }
}
