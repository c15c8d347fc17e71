package io.jixiao.scoring.projection;

import io.jixiao.contracts.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.ConsumerSeekAware;
import org.springframework.stereotype.Component;

import java.util.Map;

/**
 * Consumes both event topics into the read model. On assignment it seeks each partition to the position stored
 * with the read model, which is the source of truth; Kafka's committed offset only serves partitions never
 * consumed into this database.
 */
@Component
class EventConsumer implements ConsumerSeekAware {

    static final String ID = "scoring-projection";

    private static final Logger log = LoggerFactory.getLogger(EventConsumer.class);

    private final ReadModelProjection projection;
    private final ConsumerPositions positions;
    private final MeterRegistry meters;

    EventConsumer(ReadModelProjection projection, ConsumerPositions positions, MeterRegistry meters) {
        this.projection = projection;
        this.positions = positions;
        this.meters = meters;
    }

    @KafkaListener(id = ID, idIsGroup = false, topics = {Topics.BUDGET_EVENTS, Topics.INDICATOR_EVENTS})
    void on(ConsumerRecord<String, String> record) {
        ReadModelProjection.Outcome outcome = projection.apply(record);
        if (outcome == ReadModelProjection.Outcome.DUPLICATE) {
            log.info("skipped redelivered record {}-{}@{}", record.topic(), record.partition(), record.offset());
            meters.counter("scoring.events.duplicates", "topic", record.topic()).increment();
        } else {
            meters.counter("scoring.events.applied", "topic", record.topic()).increment();
        }
    }

    @Override
    public void onPartitionsAssigned(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
        assignments.keySet().forEach(partition -> positions.nextOffset(partition.topic(), partition.partition())
                .ifPresent(next -> {
                    log.info("resuming {} at stored offset {}", partition, next);
                    callback.seek(partition.topic(), partition.partition(), next);
                }));
    }
}
