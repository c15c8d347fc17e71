package io.jixiao.scoring.projection;

import io.jixiao.contracts.Topics;
import io.jixiao.scoring.projection.ReadModelProjection.Parsed;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.ConsumerSeekAware;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Consumes both event topics into the read model, a poll batch per database transaction. On assignment it seeks
 * each partition to the position stored with the read model, which is the source of truth; Kafka's committed offset
 * only serves partitions never consumed into this database.
 *
 * <p>A record that cannot be applied is reported as a {@link BatchListenerFailedException} naming it, after the
 * records before it in the batch have been committed with their positions. The error handler
 * ({@link ProjectionConfiguration#kafkaErrorHandler}) then commits Kafka's offsets before it, retries or dead-letters
 * that record exactly as it did one record at a time (bounded retries, malformed records and sequence conflicts
 * straight to {@code <topic>.DLT}, database outages retried without end), and redelivers the records after it.
 * That was chosen over publishing to the dead-letter topic from here because every failure takes the same path:
 * a record the parser rejects, a sequence conflict, and an effect that throws inside the transaction (which aborts
 * the whole PostgreSQL transaction, so it cannot be skipped within it without a savepoint per record). The price is
 * a second pass over a failed batch, one record per transaction, to commit what precedes the culprit; poison records
 * are rare.
 */
@Component
class EventConsumer implements ConsumerSeekAware {

    static final String ID = "scoring-projection";

    private static final Logger log = LoggerFactory.getLogger(EventConsumer.class);

    private final ReadModelProjection projection;
    private final ConsumerPositions positions;
    private final MeterRegistry meters;
    private final ApplicationEventPublisher events;
    private final ChangeBroadcast broadcast;

    EventConsumer(ReadModelProjection projection, ConsumerPositions positions, MeterRegistry meters,
                  ApplicationEventPublisher events, ChangeBroadcast broadcast) {
        this.projection = projection;
        this.positions = positions;
        this.meters = meters;
        this.events = events;
        this.broadcast = broadcast;
    }

    /**
     * Every exception leaving here is a {@link BatchListenerFailedException}: anything else would make the error
     * handler retry the whole batch a bounded number of times and then dead-letter all of it, a database outage
     * included.
     */
    @KafkaListener(id = ID, idIsGroup = false, topics = {Topics.BUDGET_EVENTS, Topics.INDICATOR_EVENTS}, batch = "true")
    void on(List<ConsumerRecord<String, String>> records) {
        long started = System.nanoTime();
        List<Parsed> parsed = new ArrayList<>(records.size());
        RuntimeException unreadable = null;
        for (ConsumerRecord<String, String> record : records) {
            try {
                parsed.add(Parsed.of(record));
            } catch (RuntimeException e) {
                // the records before it are applied first; the ones after it come again once it is dealt with
                unreadable = e;
                break;
            }
        }
        apply(parsed);
        if (unreadable != null) {
            throw failed(records.get(parsed.size()), unreadable);
        }
        log.debug("applied {} records in {} ms", records.size(), (System.nanoTime() - started) / 1_000_000);
    }

    /** Applies the records in one transaction; on failure commits those before the failing one and names it. */
    private void apply(List<Parsed> batch) {
        if (batch.isEmpty()) {
            return;
        }
        try {
            count(batch, projection.apply(batch));
        } catch (RuntimeException e) {
            if (ProjectionConfiguration.isTransient(e) || batch.size() == 1) {
                // nothing was committed: the whole batch comes again (without end while the database is away)
                throw failed(batch.get(0).record(), e);
            }
            log.warn("batch of {} records failed ({}); applying them one at a time to find the record at fault",
                    batch.size(), e.toString());
            for (Parsed one : batch) {
                try {
                    count(List.of(one), projection.apply(List.of(one)));
                } catch (RuntimeException failure) {
                    throw failed(one.record(), failure);
                }
            }
        }
    }

    private static BatchListenerFailedException failed(ConsumerRecord<String, String> record, RuntimeException cause) {
        return new BatchListenerFailedException(record.topic() + '-' + record.partition() + '@' + record.offset()
                + " not applied", cause, record);
    }

    /**
     * Counts what a committed batch did, and tells who listens which project-years changed: in this instance, and
     * in the others ({@link ChangeBroadcast}).
     */
    private void count(List<Parsed> batch, List<ReadModelProjection.Outcome> outcomes) {
        Set<String> changed = new LinkedHashSet<>();
        for (int i = 0; i < batch.size(); i++) {
            ConsumerRecord<String, String> record = batch.get(i).record();
            if (outcomes.get(i) == ReadModelProjection.Outcome.DUPLICATE) {
                log.info("skipped redelivered record {}-{}@{}", record.topic(), record.partition(), record.offset());
                meters.counter("scoring.events.duplicates", "topic", record.topic()).increment();
            } else if (outcomes.get(i) == ReadModelProjection.Outcome.PREMATURE) {
                // the relay sends it again after its predecessor; if it never did, the project would stop here,
                // visibly (this counter, this line), rather than go on with a hole
                log.warn("passed over premature record {}-{}@{}: {} #{} before its predecessor was applied", record.topic(),
                        record.partition(), record.offset(), batch.get(i).envelope().projectId(), batch.get(i).envelope().sequence());
                meters.counter("scoring.events.premature", "topic", record.topic()).increment();
            } else {
                meters.counter("scoring.events.applied", "topic", record.topic()).increment();
                changed.add(batch.get(i).envelope().projectId());
            }
        }
        if (!changed.isEmpty()) {
            events.publishEvent(new ReadModelChanged(Set.copyOf(changed)));
            broadcast.tell(changed);
        }
    }

    /**
     * The read model's database is the source of truth for the position: a partition resumes at its stored
     * offset, and one without a stored offset has nothing in the read model yet, so it is read from its start
     * (Kafka's committed offsets, e.g. from before a rebuild, do not count).
     */
    @Override
    public void onPartitionsAssigned(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
        List<TopicPartition> fromStart = new ArrayList<>();
        assignments.keySet().forEach(partition -> positions.nextOffset(partition.topic(), partition.partition())
                .ifPresentOrElse(next -> {
                    log.info("resuming {} at stored offset {}", partition, next);
                    callback.seek(partition.topic(), partition.partition(), next);
                }, () -> fromStart.add(partition)));
        if (!fromStart.isEmpty()) {
            log.info("reading {} from the start: nothing of them is in the read model", fromStart);
            callback.seekToBeginning(fromStart);
        }
    }
}
