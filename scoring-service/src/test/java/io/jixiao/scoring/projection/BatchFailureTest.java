package io.jixiao.scoring.projection;

import io.jixiao.contracts.EventJson;
import io.jixiao.contracts.Topics;
import io.jixiao.contracts.budget.ProjectYearOpened;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.transaction.CannotCreateTransactionException;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.atLeast;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** What the listener reports when a batch fails, and what the error handler makes of a database outage. */
class BatchFailureTest {

    @Test
    void aDatabaseOutageRedeliversTheWholeBatchWithoutLookingForACulprit() {
        RecordingProjection projection = new RecordingProjection(Integer.MAX_VALUE,
                new CannotCreateTransactionException("no connection"));
        EventConsumer consumer = new EventConsumer(projection, mock(ConsumerPositions.class), new SimpleMeterRegistry(), event -> { },
                mock(ChangeBroadcast.class));
        List<ConsumerRecord<String, String>> batch = records(3);

        Throwable failure = catchThrowable(() -> consumer.on(batch));

        assertThat(failure).isInstanceOfSatisfying(BatchListenerFailedException.class,
                failed -> assertThat(failed.getRecord()).isSameAs(batch.get(0)));
        assertThat(ProjectionConfiguration.isTransient(failure)).isTrue();
        // one attempt at the whole batch, no second pass one record at a time
        assertThat(projection.calls).containsExactly(3);
    }

    @Test
    void aFailingRecordIsFoundOneRecordAtATimeAfterTheBatchFailed() {
        RecordingProjection projection = new RecordingProjection(1, new IllegalStateException("a handler that throws"));
        EventConsumer consumer = new EventConsumer(projection, mock(ConsumerPositions.class), new SimpleMeterRegistry(), event -> { },
                mock(ChangeBroadcast.class));
        List<ConsumerRecord<String, String>> batch = records(3);

        assertThatThrownBy(() -> consumer.on(batch))
                .isInstanceOfSatisfying(BatchListenerFailedException.class,
                        failed -> assertThat(failed.getRecord()).isSameAs(batch.get(1)))
                .hasRootCauseMessage("a handler that throws");
        // the batch, then record 0 alone (committed), then record 1 alone (failed); record 2 comes again from Kafka
        assertThat(projection.calls).containsExactly(3, 1, 1);
    }

    @Test
    void theErrorHandlerNeverDeadLettersARecordWhileTheDatabaseIsAway() {
        Delivery delivery = new Delivery();
        ListenerExecutionFailedException outage = delivery.failure(new CannotCreateTransactionException("no connection"));

        // far more deliveries than the bounded retries of a bad record allow
        for (int attempt = 0; attempt < 20; attempt++) {
            delivery.handle(outage);
        }

        verify(delivery.kafka, never()).send(any(ProducerRecord.class));
        verify(delivery.positions, never()).advance(anyString(), anyInt(), anyLong());
        verify(delivery.consumer, atLeast(20)).seek(new TopicPartition(Topics.BUDGET_EVENTS, 0), 0L);
    }

    @Test
    void theErrorHandlerDeadLettersAMalformedRecordAtOnce() {
        Delivery delivery = new Delivery();

        delivery.handle(delivery.failure(new EventJson.MalformedEventException("unknown event type")));

        verify(delivery.kafka).send(any(ProducerRecord.class));
        verify(delivery.positions).advance(Topics.BUDGET_EVENTS, 0, 1);
    }

    /** The configured error handler, and a batch of three whose first record failed. */
    private static final class Delivery {

        final KafkaOperations<String, String> kafka = mock();
        final ConsumerPositions positions = mock(ConsumerPositions.class);
        final Consumer<String, String> consumer = mock();
        final List<ConsumerRecord<String, String>> batch = records(3);
        private final MessageListenerContainer container = mock();
        private final DefaultErrorHandler handler = new ProjectionConfiguration().kafkaErrorHandler(kafka, positions,
                new SimpleMeterRegistry(), new ProjectionProperties(new ProjectionProperties.Topics(4, (short) 1),
                        new ProjectionProperties.Retry(Duration.ofMillis(1), 3)));

        Delivery() {
            when(container.getContainerProperties()).thenReturn(new ContainerProperties(Topics.BUDGET_EVENTS));
            when(container.isRunning()).thenReturn(true);
            when(kafka.send(any(ProducerRecord.class))).thenReturn(CompletableFuture.completedFuture(null));
        }

        /** As the container wraps what {@link EventConsumer#on} throws. */
        ListenerExecutionFailedException failure(RuntimeException cause) {
            return new ListenerExecutionFailedException("listener",
                    new BatchListenerFailedException("not applied", cause, batch.get(0)));
        }

        void handle(Exception thrown) {
            ConsumerRecords<String, String> data = new ConsumerRecords<>(
                    Map.of(new TopicPartition(Topics.BUDGET_EVENTS, 0), batch), Map.of());
            // the handler throws to make the container re-poll the sought records
            catchThrowable(() -> handler.handleBatch(thrown, data, consumer, container, () -> { }));
        }
    }

    private static List<ConsumerRecord<String, String>> records(int count) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        for (int offset = 0; offset < count; offset++) {
            String value = EventJson.write(new ProjectYearOpened("p", LocalDate.of(2023, 1, 10)), "e-" + offset, offset,
                    Instant.parse("2023-01-10T08:00:00Z"));
            records.add(new ConsumerRecord<>(Topics.BUDGET_EVENTS, 0, offset, "p", value));
        }
        return records;
    }

    /** Fails every call that includes the record at {@code failingIndex} of the first batch; records batch sizes. */
    private static final class RecordingProjection extends ReadModelProjection {

        private final int failingIndex;
        private final RuntimeException failure;
        private final List<Integer> calls = new ArrayList<>();
        private List<Parsed> firstBatch;

        RecordingProjection(int failingIndex, RuntimeException failure) {
            super(null, null, null, mock(org.springframework.transaction.PlatformTransactionManager.class));
            this.failingIndex = failingIndex;
            this.failure = failure;
        }

        @Override
        List<Outcome> apply(List<Parsed> records) {
            calls.add(records.size());
            if (firstBatch == null) {
                firstBatch = records;
            }
            boolean failing = failingIndex == Integer.MAX_VALUE
                    || records.stream().anyMatch(parsed -> firstBatch.indexOf(parsed) == failingIndex);
            if (failing) {
                throw failure;
            }
            return records.stream().map(parsed -> Outcome.APPLIED).toList();
        }
    }
}
