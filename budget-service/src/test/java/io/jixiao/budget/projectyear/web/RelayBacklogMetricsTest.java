package io.jixiao.budget.projectyear.web;

import io.jixiao.platform.relay.KafkaEventRelay;
import io.jixiao.testing.ApiClient;
import io.jixiao.testing.TestIssuer;
import io.jixiao.testing.TestPostgres;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The relay-backlog gauge against the real event store and broker: with the relay stopped, every event stored
 * counts; once it runs again and Kafka has acknowledged them, none. A database of its own, so that no other test
 * context's relay claims the token while this one's is stopped.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}")
@EmbeddedKafka(partitions = 1)
class RelayBacklogMetricsTest {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestPostgres.register(registry, "budget_relay_metrics_test");
        TestIssuer.register(registry);
        registry.add("jixiao.scoring-service.url", BudgetApiTestBase.SCORING::url);
    }

    @LocalServerPort
    int port;
    @Autowired
    MeterRegistry meters;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    TokenStore tokenStore;

    private double backlog() {
        return meters.get("jixiao.relay.backlog").tag("topic", "budget.events").gauge().value();
    }

    @Test
    void theBacklogCountsTheEventsStoredWhileTheRelayIsStoppedAndFallsToZeroOnceTheyArePublished() {
        ApiClient api = new ApiClient("http://127.0.0.1:" + port, BudgetApiTestBase.EVERY_BUDGET_ROLE);
        StreamingEventProcessor relay = processing.eventProcessor(KafkaEventRelay.PROCESSING_GROUP, StreamingEventProcessor.class)
                .orElseThrow();
        // the relay's token goes to token_entry by plain JDBC (platform's OrderedEventStoreAutoConfiguration), and
        // the gauge below reads it back from there
        assertThat(tokenStore).isInstanceOf(JdbcTokenStore.class);
        // something relayed first, so that the token stands on a real position
        assertThat(api.post("/projects", registration("RELAYA")).status()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(30)).until(() -> backlog() == 0);

        relay.shutDown();
        try {
            assertThat(api.post("/projects", registration("RELAYB")).status()).isEqualTo(201);
            assertThat(api.post("/projects/2023-RELAYB/initial-budgets", """
                    {"fundSource":"CURRENT_YEAR_APPROPRIATION","amount":"1000.00","documentNumber":"沪财预〔2023〕1号"}
                    """).status()).isEqualTo(201);
            assertThat(api.post("/projects/2023-RELAYB/open", "").status()).isEqualTo(200);
            assertThat(api.post("/projects/2023-RELAYB/expenditures", BudgetApiTestBase.payment("RB-1", "10.00")).status()).isEqualTo(201);
            assertThat(api.post("/projects/2023-RELAYB/expenditures", BudgetApiTestBase.payment("RB-2", "20.00")).status()).isEqualTo(201);

            assertThat(backlog()).isEqualTo(5);
            assertThat(api.get("/actuator/prometheus").raw())
                    .contains("jixiao_relay_backlog{application=\"budget-service\",topic=\"budget.events\"} 5.0")
                    .contains("jixiao_relay_backlog_limit{application=\"budget-service\",topic=\"budget.events\"} 5000.0");
        } finally {
            relay.start();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> backlog() == 0);
    }

    private static String registration(String code) {
        return """
                {"code":"%s","name":"科普场馆运行保障经费","department":"上海市科学技术委员会","implementingUnit":"上海科技馆","fiscalYear":2023}
                """.formatted(code);
    }
}
