package io.jixiao.platform.axon;

import io.jixiao.platform.relay.KafkaEventRelay;
import io.jixiao.platform.relay.RelayBacklog;
import io.jixiao.platform.relay.RelayMetrics;
import io.jixiao.platform.relay.RelayProperties;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.AbstractEventProcessor;
import org.axonframework.messaging.Message;
import org.axonframework.micrometer.EventProcessorLatencyMonitor;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.monitoring.NoOpMessageMonitor;
import org.springframework.beans.factory.ObjectProvider;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.serialization.RevisionResolver;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.jackson3.Jackson3SerializerCustomizer;
import org.axonframework.springboot.autoconfig.AxonAutoConfiguration;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import java.util.Set;
import org.springframework.context.annotation.Import;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.jsontype.BasicPolymorphicTypeValidator;

/** Axon settings every event-sourced service needs; see docs/stack.md for why each exists. */
@AutoConfiguration(before = AxonAutoConfiguration.class)
@ConditionalOnClass(Jackson3SerializerCustomizer.class)
@Import(AxonProblemAdvice.class)
@EnableConfigurationProperties(RelayProperties.class)
public class AxonSupportAutoConfiguration {

    /** Axon's gateway, with a command whose append met another process's change sent again ({@link ConflictRetry}). */
    @Bean
    @ConditionalOnMissingBean(CommandGateway.class)
    CommandGateway commandGateway(CommandBus commandBus) {
        return DefaultCommandGateway.builder().commandBus(commandBus).retryScheduler(new ConflictRetry()).build();
    }

    @Bean
    RevisionResolver revisionResolver() {
        return new SchemaVersionRevisionResolver();
    }

    /** Lets Axon's Jackson 3 serializer read its own polymorphic tokens (a ReplayToken wraps another token). */
    @Bean
    Jackson3SerializerCustomizer axonTypeValidator() {
        return builder -> builder.polymorphicTypeValidator(BasicPolymorphicTypeValidator.builder()
                .allowIfSubType("org.axonframework.")
                .allowIfSubType("io.jixiao.")
                .allowIfSubType("java.")
                .build());
    }

    /**
     * Axon's default for event handlers is to log and skip, which silently loses events: every handler error
     * propagates instead, so the processor retries and its token does not move past the event.
     */
    @Bean
    ConfigurerModule propagateEventHandlerErrors() {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerDefaultListenerInvocationErrorHandler(c -> PropagatingErrorHandler.instance())
                .registerDefaultErrorHandler(c -> PropagatingErrorHandler.instance()));
    }

    /**
     * Axon's full metrics (on by default) count, time and sample the capacity of every message at every component;
     * under load that was a tenth of a payment's CPU. What an operator watches is how far each event processor
     * lags behind the store, the Kafka relay above all, so the services switch the full set off
     * ({@code axon.metrics.auto-configuration.enabled: false}) and keep this gauge per processor: the age in
     * milliseconds of the event it handled last, {@code kafka_relay_latency} in Prometheus for the relay.
     */
    @Bean
    @ConditionalOnClass(name = "org.axonframework.micrometer.EventProcessorLatencyMonitor")
    @ConditionalOnProperty(name = "axon.metrics.auto-configuration.enabled", havingValue = "false")
    ConfigurerModule eventProcessorLatency(ObjectProvider<MeterRegistry> meters) {
        return configurer -> configurer.configureMessageMonitor(AbstractEventProcessor.class, (configuration, type, name) -> {
            MeterRegistry registry = meters.getIfAvailable();
            return registry == null ? NoOpMessageMonitor.instance() : latencyMonitor(name, registry);
        });
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static MessageMonitor<Message<?>> latencyMonitor(String processor, MeterRegistry registry) {
        // Axon's monitor is typed for event messages, which is all an event processor hands it
        return (MessageMonitor) EventProcessorLatencyMonitor.buildMonitor(processor, registry);
    }

    /** The relay's topic, created at start-up when missing; keyed by project, so partitions spread projects. */
    @Bean
    @ConditionalOnProperty("jixiao.relay.topic")
    NewTopic relayTopic(RelayProperties relay) {
        return TopicBuilder.name(relay.topic()).partitions(relay.partitions()).replicas(1).build();
    }

    /**
     * The relay's backlog: the newest stored event's position minus the relay's token (the slowest segment). No
     * status yet (the processor has not claimed its segment) counts as no backlog.
     */
    /**
     * The relay's position: the processor's own, where this instance holds the relay's claim (it moves with every
     * batch); the one persisted in {@code token_entry} elsewhere, so that every instance of the service holds its
     * writes back while the relay is behind, not only the one that relays (measured: with two budget-services, the
     * other instance accepted batches on and the relaying one ran out of heap).
     */
    @Bean
    @ConditionalOnProperty("jixiao.relay.topic")
    RelayBacklog relayBacklog(EventStore eventStore, EventProcessingConfiguration processing, RelayProperties relay,
                              javax.sql.DataSource dataSource, Serializer serializer) {
        StoredTokenPosition stored = new StoredTokenPosition(dataSource, serializer, KafkaEventRelay.PROCESSING_GROUP);
        return new RelayBacklog(() -> headPosition(eventStore),
                () -> relayedPosition(processing.eventProcessor(KafkaEventRelay.PROCESSING_GROUP,
                        StreamingEventProcessor.class), stored),
                relay.maxBacklog(), relay.backlogWait());
    }

    /** The relay's position: its processor's where it holds segments here, the stored one otherwise. */
    static long relayedPosition(java.util.Optional<StreamingEventProcessor> relay, java.util.function.LongSupplier stored) {
        return relay.map(processor -> processor.processingStatus().values().stream()
                        .mapToLong(status -> status.getCurrentPosition().orElse(0))
                        .min().orElseGet(stored))
                .orElseGet(stored::getAsLong);
    }

    private static long headPosition(EventStore eventStore) {
        // null while the store is empty
        TrackingToken head = eventStore.createHeadToken();
        return head == null ? 0 : head.position().orElse(0);
    }

    /** The relay's backlog and its bound as gauges, measured against the relay's persisted token (RelayMetrics). */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = {"io.micrometer.core.instrument.binder.MeterBinder", "org.springframework.jdbc.core.simple.JdbcClient"})
    @ConditionalOnProperty("jixiao.relay.topic")
    static class RelayMetering {

        @Bean
        RelayMetrics relayMetrics(EventStore eventStore, javax.sql.DataSource dataSource, Serializer serializer,
                                  RelayProperties relay) {
            return new RelayMetrics(relay.topic(), () -> headPosition(eventStore),
                    new StoredTokenPosition(dataSource, serializer, KafkaEventRelay.PROCESSING_GROUP), relay.maxBacklog());
        }
    }

    @Bean
    @ConditionalOnProperty("jixiao.relay.topic")
    KafkaEventRelay kafkaEventRelay(KafkaTemplate<String, String> kafka, RelayProperties relay,
                                    @Qualifier("eventSerializer") Serializer eventSerializer) {
        return new KafkaEventRelay(kafka, relay.topic(), relay.sendTimeout(), eventSerializer);
    }

    /** Every write request (not GET, HEAD or OPTIONS) waits for room in the relay's backlog before its controller. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(WebMvcConfigurer.class)
    @ConditionalOnProperty("jixiao.relay.topic")
    static class RelayBackPressure implements WebMvcConfigurer {

        private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

        private final RelayBacklog backlog;

        RelayBackPressure(RelayBacklog backlog) {
            this.backlog = backlog;
        }

        @Override
        public void addInterceptors(InterceptorRegistry registry) {
            registry.addInterceptor(new HandlerInterceptor() {
                @Override
                public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
                    if (!READS.contains(request.getMethod())) {
                        backlog.awaitRoom();
                    }
                    return true;
                }
            });
        }
    }
}
