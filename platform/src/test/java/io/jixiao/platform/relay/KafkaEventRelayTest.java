package io.jixiao.platform.relay;

import io.jixiao.contracts.EventJson;
import io.jixiao.contracts.FundSource;
import io.jixiao.contracts.Money;
import io.jixiao.contracts.PublishedEvent;
import io.jixiao.contracts.budget.BudgetAdjusted;
import io.jixiao.contracts.budget.AdjustmentKind;
import io.jixiao.contracts.budget.ExpenditureRecorded;
import io.jixiao.contracts.budget.ProjectYearOpened;
import io.jixiao.contracts.budget.ProjectYearRegistered;
import io.jixiao.contracts.indicator.Actual;
import io.jixiao.contracts.indicator.EvaluationFinalised;
import io.jixiao.contracts.indicator.IndicatorActualRecorded;
import io.jixiao.contracts.indicator.IndicatorDefined;
import io.jixiao.contracts.indicator.IndicatorScored;
import io.jixiao.contracts.indicator.ScoreKind;
import io.jixiao.contracts.indicator.Target;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedMessage;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.jackson3.Jackson3Serializer;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.KafkaTemplate;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
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
 * integration tests): a batch commits only when every send of it was acknowledged. And its envelopes: made from the
 * stored JSON without deserialising it, and the same as the event's own.
 */
class KafkaEventRelayTest {

    /** Axon's Jackson 3 serializer, with the services' revisions: an event's schema version. */
    private static final Serializer STORE = Jackson3Serializer.builder()
            .revisionResolver(type -> PublishedEvent.class.isAssignableFrom(type)
                    ? String.valueOf(PublishedEvent.schemaVersionOf(type)) : null)
            .build();
    private static final Instant RECORDED = Instant.parse("2023-04-01T18:30:00Z");

    @SuppressWarnings("unchecked")
    private final KafkaTemplate<String, String> kafka = mock(KafkaTemplate.class);
    private final KafkaEventRelay relay = new KafkaEventRelay(kafka, "budget.events", Duration.ofMillis(200), STORE);

    /** Every kind of field a published event has: money, dates, enums, decimals as strings, lists, nested values, nulls. */
    private static List<PublishedEvent> events() {
        return List.of(
                new ProjectYearRegistered("2023-XXH", "XXH", "信息化建设项目", "上海市科学技术委员会", "上海科技馆", 2023, "shanghai-2023"),
                new BudgetAdjusted("2023-XXH", "ADJ-1", AdjustmentKind.TRANSFER_OUT, FundSource.OTHER_FUNDS, Money.of("6499.78"),
                        "调剂 \"急\"\n第二行", null, LocalDate.of(2023, 6, 1), "2023-ZSYX", FundSource.CURRENT_YEAR_APPROPRIATION, false),
                new ExpenditureRecorded("2023-XXH", "PAY-1", FundSource.OTHER_FUNDS, Money.of("0.01"), LocalDate.of(2023, 3, 30), "某公司", null),
                new IndicatorDefined("2023-XXH", "i1", "产出指标", "数量指标", "系统访问量", Target.parse("≥15600000.00(人次/年)"), new BigDecimal("5.00")),
                new IndicatorActualRecorded("2023-XXH", "i1", Actual.parse("0.00(人次/年)"), LocalDate.of(2023, 12, 31)),
                new IndicatorScored("2023-XXH", "i1", ScoreKind.SELF_ASSESSED, new BigDecimal("0.00"), "系统为2年建设项目", false, LocalDate.of(2024, 1, 10)),
                new EvaluationFinalised("2023-XXH", new BigDecimal("10.00"), List.of("level-1 split differs"), LocalDate.of(2024, 1, 15)));
    }

    /** A message as the event store hands it to a processor: still serialized by {@code serializer}. */
    private static SerializedMessage<PublishedEvent> stored(PublishedEvent event, Serializer serializer) {
        return new SerializedMessage<>("event-" + event.getClass().getSimpleName(), serializer.serialize(event, byte[].class),
                serializer.serialize(MetaData.emptyInstance(), byte[].class), serializer);
    }

    private static DomainEventMessage<PublishedEvent> tracked(SerializedMessage<PublishedEvent> stored) {
        return new GenericTrackedDomainEventMessage<>(new GlobalSequenceTrackingToken(7), "ProjectYear", "2023-XXH", 7,
                stored, () -> RECORDED);
    }

    @Test
    void relaysTheStoredJsonWithoutDeserialisingItAsTheSameEnvelopeAsTheEventsOwn() {
        for (PublishedEvent event : events()) {
            SerializedMessage<PublishedEvent> stored = stored(event, STORE);
            EventJson.Written written = relay.envelope(tracked(stored));
            assertThat(stored.isPayloadDeserialized()).as(event.getClass().getSimpleName()).isFalse();
            assertThat(written.json()).as(event.getClass().getSimpleName())
                    .isEqualTo(EventJson.write(event, stored.getIdentifier(), 7, RECORDED));
            assertThat(written.projectId()).isEqualTo("2023-XXH");
            assertThat(EventJson.payload(EventJson.read(written.json()))).isEqualTo(event);
        }
    }

    @Test
    void anEventStoredAtAnotherRevisionThanItsTypesIsRelayedThroughItsType() {
        Serializer unversioned = Jackson3Serializer.builder().build();
        ExpenditureRecorded event = new ExpenditureRecorded("2023-XXH", "PAY-1", FundSource.OTHER_FUNDS, Money.of("0.01"),
                LocalDate.of(2023, 3, 30), "某公司", "V-1");
        SerializedMessage<PublishedEvent> stored = stored(event, unversioned);
        EventJson.Written written = new KafkaEventRelay(kafka, "budget.events", Duration.ofMillis(200), unversioned)
                .envelope(tracked(stored));
        assertThat(stored.isPayloadDeserialized()).isTrue();
        assertThat(written.json()).isEqualTo(EventJson.write(event, stored.getIdentifier(), 7, RECORDED));
    }

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
                relay.relay(message, batch);
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
