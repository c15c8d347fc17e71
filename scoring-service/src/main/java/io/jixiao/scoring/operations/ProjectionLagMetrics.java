package io.jixiao.scoring.operations;

import io.jixiao.contracts.Topics;
import io.jixiao.scoring.projection.ConsumerPositions;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How far the projection is behind each topic, and how many records its dead-letter topic holds, per topic:
 * <ul>
 *   <li>{@code jixiao.projection.lag.events}: Kafka's end offsets minus the positions stored with the read model
 *       ({@code consumer_position}; a partition without one counts from its first offset, where the consumer
 *       starts), summed over the topic's partitions;</li>
 *   <li>{@code jixiao.projection.lag} (Prometheus {@code jixiao_projection_lag_seconds}): the age of the oldest
 *       record not yet applied, now minus the Kafka timestamp of the record at a stored position, the oldest over
 *       the partitions; 0 when nothing waits. It grows while the projection is stuck, even on a quiet topic;</li>
 *   <li>{@code jixiao.projection.dead.letters}: records held in {@code <topic>.DLT} (end minus first offsets),
 *       which outlives restarts, beside the counter {@code scoring.events.dead.lettered} of this process.</li>
 * </ul>
 * Measured every {@code jixiao.operations.lag-interval} with a consumer of its own that only assigns partitions
 * (it joins no group and commits nothing), so it never disturbs the projection's consumers.
 */
@Component
class ProjectionLagMetrics implements SmartLifecycle {

    static final List<String> TOPICS = List.of(Topics.BUDGET_EVENTS, Topics.INDICATOR_EVENTS);
    private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration FETCH_TIMEOUT = Duration.ofSeconds(2);

    private final ConsumerPositions positions;
    private final ConsumerFactory<?, ?> consumers;
    private final Clock clock;
    private final Map<String, AtomicLong> lagEvents = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> lagMillis = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> deadLetters = new ConcurrentHashMap<>();
    private final Every schedule;
    private Consumer<?, ?> consumer;

    ProjectionLagMetrics(ConsumerPositions positions, ConsumerFactory<?, ?> consumers, ObjectProvider<Clock> clock,
                         MeterRegistry meters, OperationsProperties properties) {
        this.positions = positions;
        this.consumers = consumers;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
        for (String topic : TOPICS) {
            Gauge.builder("jixiao.projection.lag.events", lagEvents.computeIfAbsent(topic, t -> new AtomicLong()), AtomicLong::get)
                    .tag("topic", topic).description("records on the topic the read model has not applied yet")
                    .register(meters);
            TimeGauge.builder("jixiao.projection.lag", lagMillis.computeIfAbsent(topic, t -> new AtomicLong()),
                            TimeUnit.MILLISECONDS, AtomicLong::get)
                    .tag("topic", topic).description("age of the oldest record on the topic not applied yet (0 when none waits)")
                    .register(meters);
            Gauge.builder("jixiao.projection.dead.letters", deadLetters.computeIfAbsent(topic, t -> new AtomicLong()), AtomicLong::get)
                    .tag("topic", topic).description("records held in the topic's dead-letter topic")
                    .register(meters);
            // the projection's own dead-letter counter, registered up front so that it is exported at 0
            meters.counter("scoring.events.dead.lettered", "topic", topic);
        }
        this.schedule = new Every("operations-lag", properties.lagInterval(), this::refresh);
    }

    /** Measures every topic again; on the schedule's thread, and from tests. */
    synchronized void refresh() {
        Consumer<?, ?> kafka = consumer();
        Map<TopicPartition, Long> stored = positions.all();
        List<TopicPartition> all = new ArrayList<>();
        for (String topic : TOPICS) {
            all.addAll(partitions(kafka, topic));
            all.addAll(partitions(kafka, topic + Topics.DEAD_LETTER_SUFFIX));
        }
        // assigned, so that the consumer may ask for their offsets, but paused: nothing is fetched unless asked.
        // Assigned again only when the partitions changed: each assign is a line in the log, every 15 s otherwise
        if (!kafka.assignment().equals(new HashSet<>(all))) {
            kafka.assign(all);
        }
        kafka.pause(all);
        Map<TopicPartition, Long> first = kafka.beginningOffsets(all, KAFKA_TIMEOUT);
        Map<TopicPartition, Long> end = kafka.endOffsets(all, KAFKA_TIMEOUT);
        for (String topic : TOPICS) {
            long behind = 0;
            long held = 0;
            Map<TopicPartition, Long> waiting = new HashMap<>();
            for (TopicPartition partition : all) {
                if (partition.topic().equals(topic)) {
                    long next = Math.max(stored.getOrDefault(partition, 0L), first.get(partition));
                    long records = end.get(partition) - next;
                    if (records > 0) {
                        behind += records;
                        waiting.put(partition, next);
                    }
                } else if (partition.topic().equals(topic + Topics.DEAD_LETTER_SUFFIX)) {
                    held += end.get(partition) - first.get(partition);
                }
            }
            lagEvents.get(topic).set(behind);
            deadLetters.get(topic).set(held);
            if (waiting.isEmpty()) {
                lagMillis.get(topic).set(0);
            } else {
                // when no record came within the fetch timeout, the last age measured stays
                oldestTimestamp(kafka, waiting).ifPresent(oldest ->
                        lagMillis.get(topic).set(Math.max(0, clock.millis() - oldest)));
            }
        }
    }

    /** The Kafka timestamp of the oldest among the records at these offsets: one record fetched from each. */
    private static OptionalLong oldestTimestamp(Consumer<?, ?> kafka, Map<TopicPartition, Long> offsets) {
        offsets.forEach(kafka::seek);
        kafka.resume(offsets.keySet());
        Map<TopicPartition, Long> timestamps = new HashMap<>();
        try {
            long deadline = System.nanoTime() + FETCH_TIMEOUT.toNanos();
            while (timestamps.size() < offsets.size() && System.nanoTime() < deadline) {
                for (ConsumerRecord<?, ?> record : kafka.poll(Duration.ofMillis(200))) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    if (timestamps.putIfAbsent(partition, record.timestamp()) == null) {
                        kafka.pause(List.of(partition));
                    }
                }
            }
        } finally {
            kafka.pause(offsets.keySet());
        }
        return timestamps.values().stream().mapToLong(Long::longValue).min();
    }

    private static List<TopicPartition> partitions(Consumer<?, ?> kafka, String topic) {
        List<PartitionInfo> found = kafka.partitionsFor(topic, KAFKA_TIMEOUT);
        return found == null ? List.of()
                : found.stream().map(info -> new TopicPartition(info.topic(), info.partition())).toList();
    }

    private Consumer<?, ?> consumer() {
        if (consumer == null) {
            Properties overrides = new Properties();
            // one record is all a partition needs to tell its age
            overrides.setProperty(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "1");
            overrides.setProperty(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, "65536");
            overrides.setProperty(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
            overrides.setProperty(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            consumer = consumers.createConsumer("scoring-operations", "scoring-operations", null, overrides);
        }
        return consumer;
    }

    @Override
    public void start() {
        schedule.start();
    }

    @Override
    public void stop() {
        schedule.stop();
        synchronized (this) { // after a measurement still running
            if (consumer != null) {
                consumer.close();
                consumer = null;
            }
        }
    }

    @Override
    public boolean isRunning() {
        return schedule.isRunning();
    }
}
