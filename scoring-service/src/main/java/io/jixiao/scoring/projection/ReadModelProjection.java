package io.jixiao.scoring.projection;

import io.jixiao.contracts.EventEnvelope;
import io.jixiao.contracts.EventJson;
import io.jixiao.contracts.PublishedEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Applies consumed records to the read model, a poll batch at a time. The dedup rows, the events' effects and the
 * consumer positions commit in one transaction: after a crash either all of them are there or none is, so a
 * redelivery is either skipped by the dedup key or applied for the first time, never counted twice.
 */
@Component
class ReadModelProjection {

    enum Outcome { APPLIED, DUPLICATE }

    /** A consumed record, read and checked. Parsing needs no connection, so a malformed record is never retried. */
    record Parsed(ConsumerRecord<String, String> record, Stream stream, EventEnvelope envelope, PublishedEvent event) {

        static Parsed of(ConsumerRecord<String, String> record) {
            Stream stream = Stream.ofTopic(record.topic());
            EventEnvelope envelope = EventJson.read(record.value());
            return new Parsed(record, stream, envelope, EventJson.payload(envelope));
        }
    }

    private final AppliedEvents applied;
    private final JdbcTemplate batches;
    private final ArrayStatements arrays;
    private final ConsumerPositions positions;
    private final TransactionTemplate transaction;

    ReadModelProjection(JdbcClient jdbc, JdbcTemplate batches, ConsumerPositions positions,
                        PlatformTransactionManager transactionManager) {
        this.batches = batches;
        this.arrays = new ArrayStatements(batches);
        this.applied = new AppliedEvents(jdbc, arrays);
        this.positions = positions;
        this.transaction = new TransactionTemplate(transactionManager);
    }

    /**
     * Applies the records in their order in one transaction and moves each partition's stored position past its
     * last record. Returns the outcome of each record, in the same order. Any failure rolls back all of them.
     */
    List<Outcome> apply(List<Parsed> records) {
        if (records.isEmpty()) {
            return List.of();
        }
        return Objects.requireNonNull(transaction.execute(status -> {
            // the dedup rows first: an event is new when its own id came back, the first time it comes back. A later
            // record of the batch with the same key, or the same id, is a duplicate (or a conflict) of the earlier.
            Set<String> inserted = applied.markApplied(records);
            List<Outcome> outcomes = new ArrayList<>(records.size());
            Effects effects = new Effects(batches, arrays);
            Map<TopicPartition, Long> next = new LinkedHashMap<>();
            for (int i = 0; i < records.size(); i++) {
                Parsed parsed = records.get(i);
                if (inserted.remove(parsed.envelope().eventId())) {
                    effects.add(parsed.stream(), parsed.event(), parsed.envelope());
                    outcomes.add(Outcome.APPLIED);
                } else {
                    applied.requireSameEvent(parsed.stream(), parsed.envelope());
                    outcomes.add(Outcome.DUPLICATE);
                }
                next.put(new TopicPartition(parsed.record().topic(), parsed.record().partition()),
                        parsed.record().offset() + 1);
            }
            effects.write();
            next.forEach((partition, offset) -> positions.advance(partition.topic(), partition.partition(), offset));
            return outcomes;
        }));
    }

}
