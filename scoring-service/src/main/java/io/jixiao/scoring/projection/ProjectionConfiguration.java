package io.jixiao.scoring.projection;

import io.jixiao.contracts.EventJson;
import io.jixiao.contracts.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.FixedBackOff;

import java.util.stream.Stream;

/** Topics the service consumes, and what happens to a record that cannot be applied. */
@Configuration(proxyBeanMethods = false)
class ProjectionConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ProjectionConfiguration.class);

    @Bean
    KafkaAdmin.NewTopics scoringTopics(ProjectionProperties properties) {
        ProjectionProperties.Topics topics = properties.topics();
        return new KafkaAdmin.NewTopics(Stream.of(Topics.BUDGET_EVENTS, Topics.INDICATOR_EVENTS)
                .flatMap(topic -> Stream.of(topic, topic + Topics.DEAD_LETTER_SUFFIX))
                .map(name -> TopicBuilder.name(name).partitions(topics.partitions()).replicas(topics.replicas()).build())
                .toArray(org.apache.kafka.clients.admin.NewTopic[]::new));
    }

    /**
     * Bounded retries, then the record goes to {@code <topic>.DLT} and the stored position moves past it, so one
     * poison record never holds up the projects behind it. Malformed records and sequence conflicts cannot be
     * fixed by retrying and go straight to the dead-letter topic.
     *
     * <p>The listener takes batches and reports the record at fault with a
     * {@link org.springframework.kafka.listener.BatchListenerFailedException}, having committed the records before
     * it; the handler then treats that record as above and redelivers the rest of the batch (see
     * {@link EventConsumer}). Classification and back-off look through the wrapping exceptions to the cause.
     */
    @Bean
    DefaultErrorHandler kafkaErrorHandler(KafkaOperations<String, String> kafka, ConsumerPositions positions,
                                          MeterRegistry meters, ProjectionProperties properties) {
        // partition -1: the key (the project id) picks the partition, whatever the dead-letter topic's size
        DeadLetterPublishingRecoverer deadLetters = new DeadLetterPublishingRecoverer(kafka,
                (record, exception) -> new TopicPartition(record.topic() + Topics.DEAD_LETTER_SUFFIX, -1));
        ConsumerRecordRecoverer recoverer = (record, exception) -> {
            deadLetters.accept(record, exception);
            positions.advance(record.topic(), record.partition(), record.offset() + 1);
            meters.counter("scoring.events.dead.lettered", "topic", record.topic()).increment();
            log.warn("dead-lettered {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                    rootMessage(exception));
        };
        ProjectionProperties.Retry retry = properties.retry();
        DefaultErrorHandler handler = new DefaultErrorHandler(recoverer,
                new FixedBackOff(retry.interval().toMillis(), retry.attempts()));
        handler.addNotRetryableExceptions(EventJson.MalformedEventException.class, SequenceConflictException.class);
        // The database or the network being away is no fault of the record: keep retrying it, never dead-letter it.
        handler.setBackOffFunction((record, exception) -> isTransient(exception)
                ? new FixedBackOff(retry.interval().toMillis(), FixedBackOff.UNLIMITED_ATTEMPTS) : null);
        return handler;
    }

    static boolean isTransient(Throwable exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof TransientDataAccessException || cause instanceof DataAccessResourceFailureException
                    || cause instanceof CannotCreateTransactionException || cause instanceof java.sql.SQLTransientException
                    || cause instanceof java.net.ConnectException) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable exception) {
        Throwable cause = exception;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage();
    }
}
