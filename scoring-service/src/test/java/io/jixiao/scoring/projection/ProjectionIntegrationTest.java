package io.jixiao.scoring.projection;

import io.jixiao.contracts.EventJson;
import io.jixiao.contracts.FundSource;
import io.jixiao.contracts.Money;
import io.jixiao.contracts.PublishedEvent;
import io.jixiao.contracts.Topics;
import io.jixiao.contracts.budget.AdjustmentKind;
import io.jixiao.contracts.budget.BudgetAdjusted;
import io.jixiao.contracts.budget.ExpenditureRecorded;
import io.jixiao.contracts.budget.ExpenditureRefunded;
import io.jixiao.contracts.budget.ExpenditureReversed;
import io.jixiao.contracts.budget.InitialBudgetAllocated;
import io.jixiao.contracts.budget.ProjectYearClosed;
import io.jixiao.contracts.budget.ProjectYearOpened;
import io.jixiao.contracts.budget.ProjectYearRegistered;
import io.jixiao.contracts.indicator.IndicatorActualRecorded;
import io.jixiao.contracts.indicator.IndicatorDefined;
import io.jixiao.contracts.indicator.Target;
import io.jixiao.contracts.indicator.Actual;
import io.jixiao.scoring.ScoringIntegrationTest;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import org.springframework.test.web.servlet.MockMvc;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

class ProjectionIntegrationTest extends ScoringIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MeterRegistry meters;
    @Autowired
    KafkaListenerEndpointRegistry listeners;
    @Value("${spring.kafka.bootstrap-servers}")
    String brokers;
    @Value("${spring.kafka.consumer.group-id}")
    String group;

    @Test
    void redeliveredRecordCountsOnce() throws Exception {
        String projectId = newProjectId("dup");
        publishAll(projectId, register(projectId),
                allocate(projectId, FundSource.CURRENT_YEAR_APPROPRIATION, "1000000.00"));
        ExpenditureRecorded payment = pay(projectId, FundSource.CURRENT_YEAR_APPROPRIATION, "250000.00", "P-1");
        String paymentRecord = envelope(payment, 2);
        double duplicatesBefore = count("scoring.events.duplicates");

        publish(projectId, paymentRecord, payment);
        publish(projectId, paymentRecord, payment);
        ExpenditureRecorded second = pay(projectId, FundSource.CURRENT_YEAR_APPROPRIATION, "100000.00", "P-2");
        publish(projectId, envelope(second, 3), second);

        // the record after the duplicate is applied, so the duplicate has been consumed too
        await().atMost(WAIT).untilAsserted(() -> mvc.perform(get("/projects/{id}/execution", projectId))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.eventsApplied").value(4)));
        mvc.perform(get("/projects/{id}/execution", projectId))
                .andExpect(jsonPath("$.total.executed").value("350000.00"))
                .andExpect(jsonPath("$.sources.CURRENT_YEAR_APPROPRIATION.executed").value("350000.00"))
                .andExpect(jsonPath("$.total.rate").value("35.00"));
        assertThat(jdbc.sql("select count(*) from applied_event where stream = 'budget' and project_id = ? and sequence = 2")
                .param(projectId).query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("select executed from fund_position where project_id = ? and fund_source = ?")
                .params(projectId, FundSource.CURRENT_YEAR_APPROPRIATION.name()).query(BigDecimal.class).single())
                .isEqualByComparingTo("350000.00");
        assertThat(count("scoring.events.duplicates")).isEqualTo(duplicatesBefore + 1);
    }

    @Test
    void redeliveredBudgetLifecycleEventsCountOnce() throws Exception {
        String projectId = newProjectId("dup-lifecycle");
        FundSource source = FundSource.CURRENT_YEAR_APPROPRIATION;
        List<PublishedEvent> events = List.of(
                register(projectId),
                allocate(projectId, source, "1000000.00"),
                new ProjectYearOpened(projectId, LocalDate.of(2023, 1, 10)),
                new BudgetAdjusted(projectId, "ADJ-1", AdjustmentKind.INCREASE, source, Money.of("200000.00"),
                        "追加", "沪财预〔2023〕5号", LocalDate.of(2023, 3, 1), null, null, false),
                new BudgetAdjusted(projectId, "ADJ-2", AdjustmentKind.RECOVERY, source, Money.of("50000.00"),
                        "收回", "沪财预〔2023〕6号", LocalDate.of(2023, 4, 1), null, null, false),
                pay(projectId, source, "600000.00", "P-1"),
                pay(projectId, source, "90000.00", "P-2"),
                new ExpenditureReversed(projectId, "P-2", source, Money.of("90000.00"), LocalDate.of(2023, 7, 1), "冲销"),
                new ExpenditureRefunded(projectId, "R-1", projectId, "P-1", source, Money.of("30000.00"),
                        LocalDate.of(2023, 8, 1), "退款"),
                new ProjectYearClosed(projectId, LocalDate.of(2023, 12, 31)),
                allocate(projectId, FundSource.PRIOR_YEAR_CARRYOVER, "10000.00"));
        double duplicatesBefore = count("scoring.events.duplicates");
        int redelivered = 0;
        for (int sequence = 0; sequence < events.size(); sequence++) {
            PublishedEvent event = events.get(sequence);
            String record = envelope(event, sequence);
            publish(projectId, record, event);
            // every event type new with the budget lifecycle comes twice, the same record each time
            if (sequence >= 2) {
                publish(projectId, record, event);
                redelivered++;
            }
        }
        ExpenditureRecorded marker = pay(projectId, FundSource.PRIOR_YEAR_CARRYOVER, "1000.00", "P-3");
        publish(projectId, envelope(marker, events.size()), marker);

        // the record after the last duplicate is applied, so every duplicate has been consumed too
        await().atMost(WAIT).untilAsserted(() -> mvc.perform(get("/projects/{id}/execution", projectId))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.eventsApplied").value(events.size() + 1)));
        mvc.perform(get("/projects/{id}/execution", projectId))
                .andExpect(jsonPath("$.status").value("CLOSED"))
                .andExpect(jsonPath("$.sources.CURRENT_YEAR_APPROPRIATION.initial").value("1000000.00"))
                .andExpect(jsonPath("$.sources.CURRENT_YEAR_APPROPRIATION.fullYear").value("1150000.00"))
                .andExpect(jsonPath("$.sources.CURRENT_YEAR_APPROPRIATION.executed").value("570000.00"))
                .andExpect(jsonPath("$.sources.CURRENT_YEAR_APPROPRIATION.rate").value("49.56"))
                .andExpect(jsonPath("$.sources.PRIOR_YEAR_CARRYOVER.initial").value("10000.00"))
                .andExpect(jsonPath("$.total.fullYear").value("1160000.00"))
                .andExpect(jsonPath("$.total.executed").value("571000.00"));
        assertThat(jdbc.sql("select adjusted || ' ' || paid || ' ' || reversed || ' ' || refunded from fund_position"
                        + " where project_id = ? and fund_source = ?")
                .params(projectId, source.name()).query(String.class).single())
                .isEqualTo("150000.00 690000.00 90000.00 30000.00");
        assertThat(count("scoring.events.duplicates")).isEqualTo(duplicatesBefore + redelivered);
    }

    @Test
    void budgetAndIndicatorStreamsAreNumberedApart() {
        String projectId = newProjectId("streams");
        publishAll(projectId, register(projectId));
        IndicatorDefined defined = new IndicatorDefined(projectId, "IND-1", "产出指标", "数量指标", "当年预算完成率",
                Target.parse("≥90(%)"), new BigDecimal("5.00"));
        IndicatorActualRecorded actual = new IndicatorActualRecorded(projectId, "IND-1", Actual.parse("42.68(%)"), LocalDate.of(2023, 12, 31));
        // sequence 0 again, but of the indicator stream: not a duplicate of the registration
        publish(projectId, envelope(defined, 0), defined);
        publish(projectId, envelope(actual, 1), actual);

        await().atMost(WAIT).untilAsserted(() -> assertThat(jdbc.sql(
                        "select level3 || ' ' || target || ' ' || weight || ' ' || actual from indicator where project_id = ?")
                .param(projectId).query(String.class).optional()).contains("当年预算完成率 ≥90(%) 5.00 42.68(%)"));
        assertThat(jdbc.sql("select stream || ':' || sequence from applied_event where project_id = ? order by stream, sequence")
                .param(projectId).query(String.class).list()).containsExactly("budget:0", "indicator:0", "indicator:1");
    }

    @Test
    void poisonRecordsAreDeadLetteredAndLaterProjectsStillApply() {
        String poisonKey = newProjectId("poison");
        double deadLetteredBefore = count("scoring.events.dead.lettered");
        // all on partition 0, so the valid records queue behind the poison ones
        send(Topics.BUDGET_EVENTS, 0, poisonKey, "{not json");
        send(Topics.INDICATOR_EVENTS, 0, poisonKey, """
                {"eventId":"%s-x","type":"IndicatorRenamed","schemaVersion":1,"projectId":"%s","sequence":0,
                 "businessDate":"2023-12-31","recordedAt":"2023-12-31T08:00:00Z","payload":{"projectId":"%s"}}
                """.formatted(poisonKey, poisonKey, poisonKey));
        String projectId = newProjectId("after-poison");
        List<PublishedEvent> events = List.of(register(projectId),
                allocate(projectId, FundSource.OTHER_FUNDS, "45659200.00"),
                pay(projectId, FundSource.OTHER_FUNDS, "3305000.00", "P-1"));
        for (int sequence = 0; sequence < events.size(); sequence++) {
            send(Topics.BUDGET_EVENTS, 0, projectId, envelope(events.get(sequence), sequence));
        }

        await().atMost(WAIT).untilAsserted(() -> mvc.perform(get("/projects/{id}/execution", projectId))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.total.executed").value("3305000.00"))
                .andExpect(jsonPath("$.sources.OTHER_FUNDS.rate").value("7.23")));

        List<ConsumerRecord<String, String>> deadLetters = new ArrayList<>();
        try (Consumer<String, String> consumer = consumer("dlt-reader")) {
            consumer.subscribe(List.of(Topics.BUDGET_EVENTS + Topics.DEAD_LETTER_SUFFIX,
                    Topics.INDICATOR_EVENTS + Topics.DEAD_LETTER_SUFFIX));
            await().atMost(WAIT).untilAsserted(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(deadLetters::add);
                assertThat(deadLetters).filteredOn(record -> poisonKey.equals(record.key()))
                        .extracting(ConsumerRecord::topic)
                        .containsExactlyInAnyOrder("budget.events.DLT", "indicator.events.DLT");
            });
        }
        assertThat(deadLetters).filteredOn(record -> poisonKey.equals(record.key()))
                .extracting(ConsumerRecord::value)
                .anySatisfy(value -> assertThat(value).isEqualTo("{not json"));
        await().atMost(WAIT).untilAsserted(() ->
                assertThat(count("scoring.events.dead.lettered")).isEqualTo(deadLetteredBefore + 2));
        assertThat(jdbc.sql("select count(*) from applied_event where project_id = ?")
                .param(poisonKey).query(Long.class).single()).isZero();
    }

    @Test
    void storedPositionIsWhatWasConsumed() throws Exception {
        String projectId = newProjectId("position");
        publishAll(projectId, register(projectId), allocate(projectId, FundSource.CURRENT_YEAR_APPROPRIATION, "100.00"));

        try (Admin admin = admin()) {
            List<TopicPartition> partitions = partitions();
            Map<TopicPartition, Long> ends = admin.listOffsets(partitions.stream()
                            .collect(Collectors.toMap(partition -> partition, partition -> OffsetSpec.latest())))
                    .all().get().entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().offset()));

            await().atMost(WAIT).untilAsserted(() -> {
                Map<TopicPartition, Long> stored = storedPositions();
                ends.forEach((partition, end) -> {
                    if (end > 0) {
                        assertThat(stored).containsEntry(partition, end);
                    }
                });
                // Kafka's offset is committed after the database: it may lag the stored position, never lead it
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get();
                committed.forEach((partition, offset) -> assertThat(offset.offset())
                        .isLessThanOrEqualTo(stored.getOrDefault(partition, 0L)));
            });
        }
    }

    @Test
    void resumesFromTheStoredPositionNotKafkasCommittedOffset() throws Exception {
        String projectId = newProjectId("resume");
        publishAll(projectId, register(projectId), allocate(projectId, FundSource.PRIOR_YEAR_CARRYOVER, "200.00"));
        await().atMost(WAIT).untilAsserted(() -> assertThat(jdbc.sql(
                "select count(*) from applied_event where project_id = ?").param(projectId).query(Long.class).single())
                .isEqualTo(2));
        double duplicatesBefore = count("scoring.events.duplicates");
        double deadLetteredBefore = count("scoring.events.dead.lettered");

        MessageListenerContainer container = listeners.getListenerContainer(EventConsumer.ID);
        assertThat(container).isNotNull();
        container.stop();
        try (Admin admin = admin()) {
            Map<TopicPartition, OffsetAndMetadata> rewound = partitions().stream()
                    .collect(Collectors.toMap(partition -> partition, partition -> new OffsetAndMetadata(0)));
            // the group is empty once the stopped consumer has left it
            await().ignoreExceptions().atMost(WAIT).untilAsserted(() -> admin.alterConsumerGroupOffsets(group, rewound).all().get());
        } finally {
            container.start();
        }
        ExpenditureRecorded payment = pay(projectId, FundSource.PRIOR_YEAR_CARRYOVER, "50.00", "P-1");
        publish(projectId, envelope(payment, 2), payment);

        await().atMost(WAIT).untilAsserted(() -> mvc.perform(get("/projects/{id}/execution", projectId))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.sources.PRIOR_YEAR_CARRYOVER.rate").value("25.00")));
        // had the consumer started from offset 0, every earlier record would have come back as a duplicate
        assertThat(count("scoring.events.duplicates")).isEqualTo(duplicatesBefore);
        assertThat(count("scoring.events.dead.lettered")).isEqualTo(deadLetteredBefore);
    }

    @Test
    void kafkasOffsetsAreCommittedOnTimeNotAfterEveryPoll() {
        // safe because the consumer resumes from the stored position (the test above), not from Kafka's offset
        ContainerProperties properties = listeners.getListenerContainer(EventConsumer.ID).getContainerProperties();
        assertThat(properties.getAckMode()).isEqualTo(ContainerProperties.AckMode.TIME);
        assertThat(properties.getAckTime()).isEqualTo(5_000);
    }

    @Test
    void duplicatesInOneBatchCountOnce() throws Exception {
        String projectId = newProjectId("batch-dup");
        publishAll(projectId, register(projectId), allocate(projectId, FundSource.OTHER_FUNDS, "1000.00"));
        ExpenditureRecorded p1 = pay(projectId, FundSource.OTHER_FUNDS, "100.00", "P-1");
        String p1Record = envelope(p1, 2);
        publish(projectId, p1Record, p1);
        await().atMost(WAIT).untilAsserted(() -> mvc.perform(get("/projects/{id}/execution", projectId))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.eventsApplied").value(3)));
        double duplicatesBefore = count("scoring.events.duplicates");
        ExpenditureRecorded p2 = pay(projectId, FundSource.OTHER_FUNDS, "20.00", "P-2");
        String p2Record = envelope(p2, 3);
        ExpenditureRecorded p3 = pay(projectId, FundSource.OTHER_FUNDS, "3.00", "P-3");

        // queued while the consumer is away, so that they come in one poll: P-1 again (applied in an earlier
        // batch), P-2 twice, then P-3
        whileConsumerStopped(() -> {
            publish(projectId, p1Record, p1);
            publish(projectId, p2Record, p2);
            publish(projectId, p2Record, p2);
            publish(projectId, envelope(p3, 4), p3);
        });

        await().atMost(WAIT).untilAsserted(() -> mvc.perform(get("/projects/{id}/execution", projectId))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.eventsApplied").value(5)));
        mvc.perform(get("/projects/{id}/execution", projectId))
                .andExpect(jsonPath("$.sources.OTHER_FUNDS.executed").value("123.00"));
        assertThat(jdbc.sql("select paid from fund_position where project_id = ? and fund_source = ?")
                .params(projectId, FundSource.OTHER_FUNDS.name()).query(BigDecimal.class).single())
                .isEqualByComparingTo("123.00");
        assertThat(count("scoring.events.duplicates")).isEqualTo(duplicatesBefore + 2);
    }

    @Test
    void poisonRecordsInTheMiddleOfABatchAreDeadLetteredAndTheRestApplied() throws Exception {
        String projectId = newProjectId("batch-poison");
        String poisonKey = newProjectId("batch-poison-x");
        double deadLetteredBefore = count("scoring.events.dead.lettered");
        List<PublishedEvent> events = List.of(register(projectId),
                allocate(projectId, FundSource.CURRENT_YEAR_APPROPRIATION, "1000.00"),
                pay(projectId, FundSource.CURRENT_YEAR_APPROPRIATION, "100.00", "P-1"),
                pay(projectId, FundSource.CURRENT_YEAR_APPROPRIATION, "20.00", "P-2"),
                pay(projectId, FundSource.CURRENT_YEAR_APPROPRIATION, "3.00", "P-3"));
        // another event under P-1's sequence: found only inside the batch's transaction
        String conflict = envelope(pay(projectId, FundSource.CURRENT_YEAR_APPROPRIATION, "999.00", "P-X"), 2);

        // all on one partition and queued while the consumer is away, so that they come in one poll
        List<String> records = IntStream.range(0, events.size()).mapToObj(i -> envelope(events.get(i), i)).toList();
        whileConsumerStopped(() -> {
            send(Topics.BUDGET_EVENTS, 0, projectId, records.get(0));
            send(Topics.BUDGET_EVENTS, 0, projectId, records.get(1));
            send(Topics.BUDGET_EVENTS, 0, poisonKey, "{not json");
            send(Topics.BUDGET_EVENTS, 0, projectId, records.get(2));
            send(Topics.BUDGET_EVENTS, 0, projectId, conflict);
            send(Topics.BUDGET_EVENTS, 0, projectId, records.get(3));
            send(Topics.BUDGET_EVENTS, 0, projectId, records.get(4));
        });

        await().atMost(WAIT).untilAsserted(() -> mvc.perform(get("/projects/{id}/execution", projectId))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.eventsApplied").value(5))
                .andExpect(jsonPath("$.total.executed").value("123.00")));
        List<ConsumerRecord<String, String>> deadLetters = new ArrayList<>();
        try (Consumer<String, String> reader = consumer("batch-dlt-reader")) {
            reader.subscribe(List.of(Topics.BUDGET_EVENTS + Topics.DEAD_LETTER_SUFFIX));
            await().atMost(WAIT).untilAsserted(() -> {
                reader.poll(Duration.ofMillis(200)).forEach(deadLetters::add);
                assertThat(deadLetters)
                        .filteredOn(record -> poisonKey.equals(record.key()) || projectId.equals(record.key()))
                        .extracting(ConsumerRecord::value)
                        .containsExactlyInAnyOrder("{not json", conflict);
            });
        }
        await().atMost(WAIT).untilAsserted(() ->
                assertThat(count("scoring.events.dead.lettered")).isEqualTo(deadLetteredBefore + 2));
        // the first event under sequence 2 stays; the conflicting one changed nothing
        assertThat(jdbc.sql("select event_id from applied_event where project_id = ? and sequence = 2")
                .param(projectId).query(String.class).single())
                .isEqualTo(EventJson.read(records.get(2)).eventId());
        assertStoredPositionsAreTheEndOffsets();
    }

    /** Runs {@code publishing} while the projection's consumer is stopped; it resumes at the stored positions. */
    private void whileConsumerStopped(Runnable publishing) {
        MessageListenerContainer container = listeners.getListenerContainer(EventConsumer.ID);
        assertThat(container).isNotNull();
        container.stop();
        try {
            publishing.run();
        } finally {
            container.start();
        }
    }

    /** Once the consumer has caught up, every partition's stored position is its end offset. */
    private void assertStoredPositionsAreTheEndOffsets() throws Exception {
        try (Admin admin = admin()) {
            Map<TopicPartition, Long> ends = admin.listOffsets(partitions().stream()
                            .collect(Collectors.toMap(partition -> partition, partition -> OffsetSpec.latest())))
                    .all().get().entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().offset()));
            await().atMost(WAIT).untilAsserted(() -> {
                Map<TopicPartition, Long> stored = storedPositions();
                ends.forEach((partition, end) -> {
                    if (end > 0) {
                        assertThat(stored).containsEntry(partition, end);
                    }
                });
            });
        }
    }

    private static ProjectYearRegistered register(String projectId) {
        return new ProjectYearRegistered(projectId, "31000023T000000000001", "信息化建设项目", "上海科技馆",
                "上海科技馆", 2023, "shanghai-2023");
    }

    private static InitialBudgetAllocated allocate(String projectId, FundSource source, String amount) {
        return new InitialBudgetAllocated(projectId, source, Money.of(amount), "沪财预〔2023〕1号", LocalDate.of(2023, 1, 5));
    }

    private static ExpenditureRecorded pay(String projectId, FundSource source, String amount, String reference) {
        return new ExpenditureRecorded(projectId, reference, source, Money.of(amount), LocalDate.of(2023, 6, 30),
                "某供应商", "记-" + reference);
    }

    private double count(String meter) {
        return meters.find(meter).counters().stream().mapToDouble(Counter::count).sum();
    }

    private Map<TopicPartition, Long> storedPositions() {
        Map<TopicPartition, Long> stored = new HashMap<>();
        jdbc.sql("select topic, partition, next_offset from consumer_position")
                .query((row, number) -> stored.put(new TopicPartition(row.getString("topic"), row.getInt("partition")),
                        row.getLong("next_offset")))
                .list();
        return stored;
    }

    private static List<TopicPartition> partitions() {
        return Stream.of(Topics.BUDGET_EVENTS, Topics.INDICATOR_EVENTS)
                .flatMap(topic -> IntStream.range(0, 4).mapToObj(partition -> new TopicPartition(topic, partition)))
                .toList();
    }

    private Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers));
    }

    private Consumer<String, String> consumer(String groupId) {
        Map<String, Object> properties = KafkaTestUtils.consumerProps(brokers, groupId, false);
        return new DefaultKafkaConsumerFactory<>(properties, new StringDeserializer(), new StringDeserializer())
                .createConsumer();
    }
}
