package io.jixiao.platform.relay;

import io.jixiao.contracts.EventJson;
import io.jixiao.contracts.PublishedEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.kafka.core.KafkaTemplate;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishes every stored event to Kafka, keyed by project, and returns only once the broker has acknowledged it
 * (acks=all). It runs on a streaming processor over the event store, so the event store is the outbox: a failed
 * send throws, the processor's token does not advance, and the event is sent again. Delivery is at-least-once;
 * consumers deduplicate by (project, sequence).
 */
@ProcessingGroup(KafkaEventRelay.PROCESSING_GROUP)
public class KafkaEventRelay {

    public static final String PROCESSING_GROUP = "kafka-relay";

    private final KafkaTemplate<String, String> kafka;
    private final String topic;
    private final Duration sendTimeout;

    public KafkaEventRelay(KafkaTemplate<String, String> kafka, String topic, Duration sendTimeout) {
        this.kafka = kafka;
        this.topic = topic;
        this.sendTimeout = sendTimeout;
    }

    @EventHandler
    public void relay(PublishedEvent event, DomainEventMessage<?> message) throws Exception {
        String json = EventJson.write(event, message.getIdentifier(), message.getSequenceNumber(), message.getTimestamp());
        try {
            kafka.send(topic, event.projectId(), json).get(sendTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new RelayFailedException(topic, message.getIdentifier(), e.getCause());
        } catch (TimeoutException e) {
            throw new RelayFailedException(topic, message.getIdentifier(), e);
        }
    }

    public String topic() {
        return topic;
    }

    /** The broker did not acknowledge an event; the processor will retry it. */
    public static final class RelayFailedException extends RuntimeException {
        RelayFailedException(String topic, String eventId, Throwable cause) {
            super("event " + eventId + " was not acknowledged by " + topic, cause);
        }
    }
}
