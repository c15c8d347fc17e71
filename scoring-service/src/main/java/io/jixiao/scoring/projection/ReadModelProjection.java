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

    /**
     * PREMATURE: a record whose predecessor in its project's stream has not been applied. Not applied, and passed
     * over: the relay sends it again after its predecessor (see {@link #apply}).
     */
    enum Outcome { APPLIED, DUPLICATE, PREMATURE }

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
     *
     * <p>Each project's events are applied in their sequence, one after the other: a record whose predecessor has
     * not been applied is premature and passed over. Kafka can hold one: when a relay batch fails (the broker went
     * away, a relay paused past its claim), some of its sends may still land, in any order across producers, and the
     * batch is sent again whole, in order, by the relay that then advances its token past it. So every premature
     * record comes again after its predecessor. Applying it early would apply a project's facts out of order, and
     * an indicator's actual is the last one applied (the fault suite saw sequence 854 applied before 853).
     */
    List<Outcome> apply(List<Parsed> records) {
        if (records.isEmpty()) {
            return List.of();
        }
        return Objects.requireNonNull(transaction.execute(status -> {
            boolean[] premature = premature(records);
            List<Parsed> inOrder = new ArrayList<>(records.size());
            for (int i = 0; i < records.size(); i++) {
                if (!premature[i]) {
                    inOrder.add(records.get(i));
                }
            }
            // the dedup rows first: an event is new when its own id came back, the first time it comes back. A later
            // record of the batch with the same key, or the same id, is a duplicate (or a conflict) of the earlier.
            Set<String> inserted = inOrder.isEmpty() ? new java.util.HashSet<>() : applied.markApplied(inOrder);
            List<Outcome> outcomes = new ArrayList<>(records.size());
            Effects effects = new Effects(batches, arrays);
            Map<TopicPartition, Long> next = new LinkedHashMap<>();
            for (int i = 0; i < records.size(); i++) {
                Parsed parsed = records.get(i);
                if (premature[i]) {
                    outcomes.add(Outcome.PREMATURE);
                } else if (inserted.remove(parsed.envelope().eventId())) {
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

    /** Which records come before their predecessor: beyond the highest applied sequence plus one, in batch order. */
    private boolean[] premature(List<Parsed> records) {
        Set<String> keys = new java.util.LinkedHashSet<>();
        records.forEach(r -> keys.add(key(r)));
        Map<String, Long> highest = applied.highestApplied(keys);
        boolean[] premature = new boolean[records.size()];
        for (int i = 0; i < records.size(); i++) {
            String key = key(records.get(i));
            long sequence = records.get(i).envelope().sequence();
            long expected = highest.get(key) + 1;
            if (sequence > expected) {
                premature[i] = true;
            } else if (sequence == expected) {
                highest.put(key, sequence);
            }
        }
        return premature;
    }

    private static String key(Parsed record) {
        return record.stream().column() + "/" + record.envelope().projectId();
    }

}
