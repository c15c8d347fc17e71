package io.jixiao.budget.projectyear.web;

import io.jixiao.platform.relay.KafkaEventRelay;
import io.jixiao.testing.ApiClient.Response;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An instance that does not hold the relay's claim (here: its relay stopped, as on a second budget-service) still
 * holds writes back while the relay is behind, reading the relay's position from {@code token_entry}; before, it
 * never saw a backlog and accepted on while the relaying instance's heap filled.
 */
@TestPropertySource(properties = {"jixiao.relay.max-backlog=3", "jixiao.relay.backlog-wait=300ms"})
class BackPressureElsewhereApiTest extends BudgetApiTestBase {

    @Autowired
    EventProcessingConfiguration processing;

    @Test
    void writesAreHeldOnAnInstanceWithoutTheRelaysClaim() {
        String projectId = newProject("1000.00");
        StreamingEventProcessor relay = processing.eventProcessor(KafkaEventRelay.PROCESSING_GROUP,
                StreamingEventProcessor.class).orElseThrow();
        // caught up first, so what follows is the backlog of this test alone
        await().atMost(java.time.Duration.ofSeconds(30)).until(() -> post("/projects/" + projectId + "/expenditures",
                payment("WARM-" + System.nanoTime(), "0.01")).status() == 201 && relay.processingStatus().values().stream()
                .allMatch(status -> status.isCaughtUp()));
        relay.shutDown();
        try {
            assertThat(relay.processingStatus()).as("no claim held here").isEmpty();
            List<Integer> statuses = new ArrayList<>();
            for (int i = 0; i < 10 && !statuses.contains(503); i++) {
                statuses.add(post("/projects/" + projectId + "/expenditures", payment("HELD-" + i, "1.00")).status());
            }
            assertThat(statuses).as("accepted up to the bound, then held").contains(201).endsWith(503);
            Response refused = post("/projects/" + projectId + "/expenditures", payment("HELD-AGAIN", "1.00"));
            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.text("code")).isEqualTo("relay-behind");
        } finally {
            relay.start();
        }
        await().atMost(java.time.Duration.ofSeconds(30)).until(() ->
                post("/projects/" + projectId + "/expenditures", payment("AFTER", "1.00")).status() == 201);
    }
}
