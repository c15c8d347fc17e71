package io.jixiao.platform.relay;

import io.jixiao.contracts.EventJson;
import io.jixiao.contracts.budget.ProjectYearOpened;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.KafkaTemplate;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/**
 * The relay's commit rule, around a stubbed template (the broker itself is exercised by the services' Kafka
 * integration tests): a batch commits only when every send of it was acknowledged.
 */
class KafkaEventRelayTest {

    @SuppressWarnings("unchecked")
    private final KafkaTemplate<String, String> kafka = mock(KafkaTemplate.class);
    private final KafkaEventRelay relay = new KafkaEventRelay(kafka, "budget.events", Duration.ofMillis(200));

    private static GenericDomainEventMessage<ProjectYearOpened> event(String projectId, long sequence) {
        return new GenericDomainEventMessage<>("ProjectYear", projectId, sequence,
                new ProjectYearOpened(projectId, LocalDate.of(2023, 1, 1)));
    }

    private void relayInBatch(List<CompletableFuture<Object>> acknowledgements, List<String> sentValues) {
        UnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(event("2023-A", 0));
        try {
            for (int i = 0; i < acknowledgements.size(); i++) {
                GenericDomainEventMessage<ProjectYearOpened> message = event("2023-A", i);
                CompletableFuture<Object> acknowledgement = acknowledgements.get(i);
                when(kafka.send(eq("budget.events"), eq("2023-A"), anyString())).thenAnswer(invocation -> {
                    sentValues.add(invocation.getArgument(2));
                    return acknowledgement;
                });
                relay.relay(message.getPayload(), message, batch);
            }
        } catch (RuntimeException e) {
            batch.rollback(e);
            throw e;
        }
        batch.commit();
    }

    @Test
    void commitsOnceEverySendOfTheBatchIsAcknowledged() {
        List<String> sent = new ArrayList<>();
        relayInBatch(List.of(CompletableFuture.completedFuture(null), CompletableFuture.completedFuture(null)), sent);
        assertThat(sent).hasSize(2);
        assertThat(EventJson.read(sent.get(1)).sequence()).isEqualTo(1);
    }

    @Test
    void aFailedSendFailsTheBatchSoTheTokenDoesNotAdvance() {
        CompletableFuture<Object> failed = new CompletableFuture<>();
        failed.completeExceptionally(new IllegalStateException("broker gone"));
        assertThatThrownBy(() -> relayInBatch(List.of(CompletableFuture.completedFuture(null), failed), new ArrayList<>()))
                .isInstanceOf(KafkaEventRelay.RelayFailedException.class)
                .hasMessageContaining("was not acknowledged");
    }

    @Test
    void aSendThatIsNeverAcknowledgedFailsTheBatchAfterTheTimeout() {
        assertThatThrownBy(() -> relayInBatch(List.of(new CompletableFuture<>()), new ArrayList<>()))
                .isInstanceOf(KafkaEventRelay.RelayFailedException.class);
    }
}
