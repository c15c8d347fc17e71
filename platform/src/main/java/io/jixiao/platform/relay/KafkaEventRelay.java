package io.jixiao.platform.relay;

import io.jixiao.contracts.EventJson;
import io.jixiao.contracts.PublishedEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.unitofwork.UnitOfWork;
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
 */
@ProcessingGroup(KafkaEventRelay.PROCESSING_GROUP)
public class KafkaEventRelay {

    public static final String PROCESSING_GROUP = "kafka-relay";
    private static final String PENDING = KafkaEventRelay.class.getName() + ".pending";

    private final KafkaTemplate<String, String> kafka;
    private final String topic;
    private final Duration sendTimeout;

    public KafkaEventRelay(KafkaTemplate<String, String> kafka, String topic, Duration sendTimeout) {
        this.kafka = kafka;
        this.topic = topic;
        this.sendTimeout = sendTimeout;
    }

    @EventHandler
    public void relay(PublishedEvent event, DomainEventMessage<?> message, UnitOfWork<?> unitOfWork) {
        String json = EventJson.write(event, message.getIdentifier(), message.getSequenceNumber(), message.getTimestamp());
        CompletableFuture<?> sent = kafka.send(topic, event.projectId(), json);
        pendingOf(unitOfWork.root()).add(new Pending(message.getIdentifier(), sent));
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
