package io.jixiao.platform.axon;

import io.jixiao.platform.relay.KafkaEventRelay;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.serialization.RevisionResolver;
import org.axonframework.serialization.jackson3.Jackson3SerializerCustomizer;
import org.axonframework.springboot.autoconfig.AxonAutoConfiguration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.jsontype.BasicPolymorphicTypeValidator;

/** Axon settings every event-sourced service needs; see docs/stack.md for why each exists. */
@AutoConfiguration(before = AxonAutoConfiguration.class)
@ConditionalOnClass(Jackson3SerializerCustomizer.class)
@Import(AxonProblemAdvice.class)
public class AxonSupportAutoConfiguration {

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

    /** The relay's topic, created at start-up when missing; keyed by project, so partitions spread projects. */
    @Bean
    @ConditionalOnProperty("jixiao.relay.topic")
    NewTopic relayTopic(@Value("${jixiao.relay.topic}") String topic, @Value("${jixiao.relay.partitions:4}") int partitions) {
        return TopicBuilder.name(topic).partitions(partitions).replicas(1).build();
    }

    @Bean
    @ConditionalOnProperty("jixiao.relay.topic")
    KafkaEventRelay kafkaEventRelay(KafkaTemplate<String, String> kafka, @Value("${jixiao.relay.topic}") String topic,
                                    @Value("${jixiao.relay.send-timeout:30s}") java.time.Duration sendTimeout) {
        return new KafkaEventRelay(kafka, topic, sendTimeout);
    }
}
