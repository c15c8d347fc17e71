package io.jixiao.scoring;

import io.jixiao.contracts.EventJson;
import io.jixiao.contracts.PublishedEvent;
import io.jixiao.contracts.Topics;
import io.jixiao.contracts.indicator.IndicatorDefined;
import io.jixiao.testing.TestIssuer;
import io.jixiao.testing.TestPostgres;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The whole service against a real in-JVM Kafka broker and a real PostgreSQL. Every test class extending this
 * shares one cached context; tests keep apart by using their own project ids.
 */
@SpringBootTest(properties = {
        "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
        "jixiao.projection.retry.interval=100ms",
        // the in-JVM broker logs every step at INFO
        "logging.level.kafka=WARN",
        "logging.level.org.apache.kafka=WARN"
})
@AutoConfigureMockMvc
@org.springframework.context.annotation.Import(ScoringIntegrationTest.Token.class)
@EmbeddedKafka(partitions = 4)
public abstract class ScoringIntegrationTest {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestPostgres.register(registry, "scoring");
        TestIssuer.register(registry);
    }

    /** A caller who reads everything and administers: the tests of the read model itself. */
    public static final String READER = TestIssuer.instance().token("scoring-tests", "*", "viewer", "admin", "indicator-editor");

    /** Every MockMvc request of these tests carries {@link #READER}'s real, signed token (validated by the real decoder). */
    @org.springframework.boot.test.context.TestConfiguration
    static class Token {
        /** The clock "today" is read from (Asia/Shanghai); a test may move it, and resets it after. */
        @org.springframework.context.annotation.Bean
        TestClock clock() {
            return new TestClock();
        }

        @org.springframework.context.annotation.Bean
        org.springframework.boot.webmvc.test.autoconfigure.MockMvcBuilderCustomizer bearerToken() {
            return builder -> builder.defaultRequest(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/")
                    .header("Authorization", "Bearer " + READER));
        }
    }

    @Autowired
    protected KafkaTemplate<String, String> kafka;

    /** A project id no other test uses. */
    protected static String newProjectId(String prefix) {
        return prefix + '-' + UUID.randomUUID().toString().substring(0, 8);
    }

    /** The envelope the producing services put on the topic, with a fresh event id. */
    protected static String envelope(PublishedEvent event, long sequence) {
        return EventJson.write(event, UUID.randomUUID().toString(), sequence, Instant.parse("2023-12-31T08:00:00Z"));
    }

    /** Publishes to the topic of the event's producer, keyed by project, and waits for the broker's ack. */
    protected void publish(String projectId, String envelope, PublishedEvent event) {
        send(topicOf(event), null, projectId, envelope);
    }

    /** Publishes a project's events in order, each stream's sequence counting from 0 as its producer's does. */
    protected void publishAll(String projectId, PublishedEvent... events) {
        java.util.Map<String, Long> sequences = new java.util.HashMap<>();
        for (PublishedEvent event : events) {
            long sequence = sequences.merge(topicOf(event), 1L, Long::sum) - 1;
            publish(projectId, envelope(event, sequence), event);
        }
    }

    protected void send(String topic, Integer partition, String key, String value) {
        try {
            kafka.send(topic, partition, key, value).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the broker did not take the record", e);
        }
    }

    protected static String topicOf(PublishedEvent event) {
        // indicator-service publishes the events of the contracts' indicator package, budget-service the rest
        return event.getClass().getPackage().equals(IndicatorDefined.class.getPackage())
                ? Topics.INDICATOR_EVENTS : Topics.BUDGET_EVENTS;
    }
}
