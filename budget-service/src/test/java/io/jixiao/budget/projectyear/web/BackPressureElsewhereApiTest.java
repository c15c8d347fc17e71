package io.jixiao.budget.projectyear.web;

import io.jixiao.platform.relay.KafkaEventRelay;
import io.jixiao.testing.ApiClient;
import io.jixiao.testing.TestIssuer;
import io.jixiao.testing.TestPostgres;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An instance that does not hold the relay's claim (here: its relay stopped, as on a second budget-service) still
 * holds writes back while the relay is behind, reading the relay's position from {@code token_entry}; before, it
 * never saw a backlog and accepted on while the relaying instance's heap filled. A database and a broker of its own,
 * so that no other test context's relay holds or takes this one's claim.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
        "jixiao.relay.max-backlog=3", "jixiao.relay.backlog-wait=300ms"})
@EmbeddedKafka(partitions = 1)
class BackPressureElsewhereApiTest {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestPostgres.register(registry, "budget_back_pressure_elsewhere_test");
        TestIssuer.register(registry);
        registry.add("jixiao.scoring-service.url", BudgetApiTestBase.SCORING::url);
    }

    @LocalServerPort
    int port;
    @Autowired
    EventProcessingConfiguration processing;

    @Test
    void writesAreHeldOnAnInstanceWithoutTheRelaysClaim() {
        ApiClient api = new ApiClient("http://127.0.0.1:" + port, BudgetApiTestBase.EVERY_BUDGET_ROLE);
        assertThat(api.post("/projects", """
                {"code":"HELDELSE","name":"科普场馆运行保障经费","department":"上海市科学技术委员会","implementingUnit":"上海科技馆","fiscalYear":2023}
                """).status()).isEqualTo(201);
        assertThat(api.post("/projects/2023-HELDELSE/initial-budgets", """
                {"fundSource":"CURRENT_YEAR_APPROPRIATION","amount":"1000.00","documentNumber":"沪财预〔2023〕1号"}
                """).status()).isEqualTo(201);
        assertThat(api.post("/projects/2023-HELDELSE/open", "").status()).isEqualTo(200);
        StreamingEventProcessor relay = processing.eventProcessor(KafkaEventRelay.PROCESSING_GROUP,
                StreamingEventProcessor.class).orElseThrow();
        // caught up first, so what follows is the backlog of this test alone
        await().atMost(Duration.ofSeconds(30)).until(() -> !relay.processingStatus().isEmpty()
                && relay.processingStatus().values().stream().allMatch(status -> status.isCaughtUp()));
        relay.shutDown();
        try {
            assertThat(relay.processingStatus()).as("no claim held here").isEmpty();
            List<Integer> statuses = new ArrayList<>();
            for (int i = 0; i < 10 && !statuses.contains(503); i++) {
                statuses.add(api.post("/projects/2023-HELDELSE/expenditures", BudgetApiTestBase.payment("HELD-" + i, "1.00")).status());
            }
            assertThat(statuses).as("accepted up to the bound, then held").contains(201).endsWith(503);
            ApiClient.Response refused = api.post("/projects/2023-HELDELSE/expenditures", BudgetApiTestBase.payment("HELD-AGAIN", "1.00"));
            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.text("code")).isEqualTo("relay-behind");
        } finally {
            relay.start();
        }
        await().atMost(Duration.ofSeconds(30)).until(() ->
                api.post("/projects/2023-HELDELSE/expenditures", BudgetApiTestBase.payment("AFTER", "1.00")).status() == 201);
    }
}
