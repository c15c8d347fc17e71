package io.jixiao.platform.axon;

import io.jixiao.platform.integrity.ChainAppender;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.jpa.EntityManagerProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jpa.JpaEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.springboot.autoconfig.AxonAutoConfiguration;
import org.axonframework.springboot.autoconfig.JpaEventStoreAutoConfiguration;
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
 */
@AutoConfiguration(before = {JpaEventStoreAutoConfiguration.class, AxonAutoConfiguration.class},
        afterName = "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration")
@ConditionalOnClass({JpaEventStorageEngine.class, jakarta.persistence.EntityManager.class})
@RegisterDefaultEntities(packages = "org.axonframework.eventsourcing.eventstore.jpa")
public class OrderedEventStoreAutoConfiguration {

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
