package io.jixiao.scoring.projection;

import io.jixiao.contracts.Topics;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Rebuilds the read model from the start of the event topics: the listener stops, the read model and its stored
 * positions are cleared in one transaction (rule sets stay: they are configuration, not projection), and the
 * listener starts again; with no stored position every partition is read from its start. Progress compares the
 * stored positions with the topics' end offsets taken when the rebuild began.
 */
@Component
public class ProjectionRebuild {

    private static final Logger log = LoggerFactory.getLogger(ProjectionRebuild.class);
    private static final List<String> READ_MODEL = List.of("applied_event", "consumer_position", "project_year",
            "fund_position", "indicator", "goal", "evaluation", "contribution", "indicator_fact");

    private final KafkaListenerEndpointRegistry listeners;
    private final ConsumerFactory<String, String> consumers;
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private volatile Started started;

    ProjectionRebuild(KafkaListenerEndpointRegistry listeners, ConsumerFactory<String, String> consumers, JdbcClient jdbc,
                      PlatformTransactionManager transactionManager) {
        this.listeners = listeners;
        this.consumers = consumers;
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactionManager);
    }

    private record Started(Instant at, Map<TopicPartition, Long> endOffsets) {
    }

    /** Where a rebuild stands: events to read (up to the end offsets when it began), read so far, rate. */
    public record Progress(String state, Instant startedAt, long target, long done, String percent, long eventsPerSecond) {
    }

    public synchronized Progress start() {
        MessageListenerContainer container = listeners.getListenerContainer(EventConsumer.ID);
        Map<TopicPartition, Long> ends = endOffsets();
        container.stop();
        transaction.executeWithoutResult(status -> jdbc.sql("truncate " + String.join(", ", READ_MODEL)).update());
        started = new Started(Instant.now(), ends);
        log.info("rebuilding the read model from the start of {} partitions, {} records", ends.size(),
                ends.values().stream().mapToLong(Long::longValue).sum());
        container.start();
        return progress();
    }

    public Progress progress() {
        Started current = started;
        if (current == null) {
            return new Progress("NONE", null, 0, 0, "100.00", 0);
        }
        long target = current.endOffsets().values().stream().mapToLong(Long::longValue).sum();
        long done = 0;
        for (Map.Entry<TopicPartition, Long> end : current.endOffsets().entrySet()) {
            Long stored = jdbc.sql("select next_offset from consumer_position where topic = ? and partition = ?")
                    .params(end.getKey().topic(), end.getKey().partition()).query(Long.class).optional().orElse(0L);
            done += Math.min(stored, end.getValue());
        }
        long seconds = Math.max(1, Duration.between(current.at(), Instant.now()).toSeconds());
        String percent = target == 0 ? "100.00"
                : java.math.BigDecimal.valueOf(done * 100).divide(java.math.BigDecimal.valueOf(target), 2, java.math.RoundingMode.DOWN).toPlainString();
        return new Progress(done >= target ? "CAUGHT_UP" : "RUNNING", current.at(), target, done, percent, done / seconds);
    }

    private Map<TopicPartition, Long> endOffsets() {
        try (Consumer<String, String> consumer = consumers.createConsumer("scoring-rebuild-probe", null)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : List.of(Topics.BUDGET_EVENTS, Topics.INDICATOR_EVENTS)) {
                for (PartitionInfo info : consumer.partitionsFor(topic, Duration.ofSeconds(10))) {
                    partitions.add(new TopicPartition(topic, info.partition()));
                }
            }
            return consumer.endOffsets(partitions, Duration.ofSeconds(10));
        }
    }
}
