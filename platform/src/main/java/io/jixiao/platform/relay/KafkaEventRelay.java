package io.jixiao.platform.relay;

import io.jixiao.contracts.EventJson;
import io.jixiao.contracts.PublishedEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.springframework.kafka.core.KafkaTemplate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishes every stored event to Kafka, keyed by project, and lets the processor's token advance only once the
 * broker has acknowledged it (acks=all). It runs on a streaming processor over the event store, so the event
 * store is the outbox. The events of one processor batch are sent without waiting for each other; before the
 * batch's transaction commits (and with it the token) every acknowledgement is awaited. A failed or late send
 * throws, the transaction rolls back, the token stays, and the batch is sent again: delivery is at-least-once,
 * consumers deduplicate by (project, sequence). Per-key order holds: one producer, idempotent, sends in order.
 *
 * <p>An event read from the store is relayed as the JSON stored for it, never bound to its type: Axon hands it over
 * still serialized, and {@link EventJson#writeStored} puts those bytes into the envelope as they are. Deserialising
 * every event and serialising it again was the larger part of the relay's CPU (bench/README.md). An event stored at
 * an older schema version than its type's, which an upcaster may have reshaped, goes through its type instead.
 */
@ProcessingGroup(KafkaEventRelay.PROCESSING_GROUP)
public class KafkaEventRelay {

    public static final String PROCESSING_GROUP = "kafka-relay";
    private static final String PENDING = KafkaEventRelay.class.getName() + ".pending";

    private final KafkaTemplate<String, String> kafka;
    private final String topic;
    private final Duration sendTimeout;
    /** The event store's serializer: the stored form of a message it reads is had from it without a copy. */
    private final Serializer eventSerializer;

    public KafkaEventRelay(KafkaTemplate<String, String> kafka, String topic, Duration sendTimeout,
                           Serializer eventSerializer) {
        this.kafka = kafka;
        this.topic = topic;
        this.sendTimeout = sendTimeout;
        this.eventSerializer = eventSerializer;
    }

    /** Takes the message, not its payload: a payload parameter would make Axon deserialise every event. */
    @EventHandler(payloadType = PublishedEvent.class)
    public void relay(DomainEventMessage<?> message, UnitOfWork<?> unitOfWork) {
        EventJson.Written envelope = envelope(message);
        CompletableFuture<?> sent = kafka.send(topic, envelope.projectId(), envelope.json());
        pendingOf(unitOfWork.root()).add(new Pending(message.getIdentifier(), sent));
    }

    /**
     * The stored JSON where it is at the type's current schema version (the revision the store records); the event
     * itself otherwise. For a message read from the store with this serializer, {@code serializePayload} returns
     * the stored bytes; for any other message it serialises the payload, which gives the same envelope.
     */
    EventJson.Written envelope(DomainEventMessage<?> message) {
        Class<? extends PublishedEvent> type = message.getPayloadType().asSubclass(PublishedEvent.class);
        SerializedObject<byte[]> stored = message.serializePayload(eventSerializer, byte[].class);
        if (String.valueOf(PublishedEvent.schemaVersionOf(type)).equals(stored.getType().getRevision())) {
            return EventJson.writeStored(type, stored.getData(), message.getIdentifier(), message.getSequenceNumber(),
                    message.getTimestamp());
        }
        PublishedEvent event = (PublishedEvent) message.getPayload();
        return new EventJson.Written(event.projectId(), EventJson.write(event, message.getIdentifier(),
                message.getSequenceNumber(), message.getTimestamp()));
    }

    private record Pending(String eventId, CompletableFuture<?> acknowledgement) {
    }

    private List<Pending> pendingOf(UnitOfWork<?> batch) {
        return batch.getOrComputeResource(PENDING, key -> {
            List<Pending> pending = new ArrayList<>();
            batch.onPrepareCommit(u -> awaitAcknowledgements(pending));
            return pending;
        });
    }

    private void awaitAcknowledgements(List<Pending> pending) {
        long deadline = System.nanoTime() + sendTimeout.toNanos();
        for (Pending send : pending) {
            try {
                send.acknowledgement().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (ExecutionException e) {
                throw new RelayFailedException(topic, send.eventId(), e.getCause());
            } catch (TimeoutException e) {
                throw new RelayFailedException(topic, send.eventId(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RelayFailedException(topic, send.eventId(), e);
            }
        }
    }

    public String topic() {
        return topic;
    }

    /** The broker did not acknowledge an event; the processor will send its batch again. */
    public static final class RelayFailedException extends RuntimeException {
        RelayFailedException(String topic, String eventId, Throwable cause) {
            super("event " + eventId + " was not acknowledged by " + topic, cause);
        }
    }
}
