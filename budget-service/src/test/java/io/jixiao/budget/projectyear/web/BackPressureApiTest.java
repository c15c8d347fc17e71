package io.jixiao.budget.projectyear.web;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With a backlog bound no relay can meet (-1), every write waits its time and is refused, having recorded nothing;
 * reads are never held. The bound itself is tested in platform's RelayBacklogTest.
 */
@TestPropertySource(properties = {"jixiao.relay.max-backlog=-1", "jixiao.relay.backlog-wait=300ms"})
class BackPressureApiTest extends BudgetApiTestBase {

    @Test
    void aWriteIsRefusedWith503AndRetryAfterWhileTheRelayIsBehindAndRecordsNothing() throws Exception {
        HttpResponse<String> refused = HttpClient.newHttpClient().send(HttpRequest
                        .newBuilder(URI.create("http://127.0.0.1:" + port + "/projects"))
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + EVERY_BUDGET_ROLE)
                        .POST(HttpRequest.BodyPublishers.ofString("""
                                {"code":"HELD","name":"科普场馆运行保障经费","department":"上海市科学技术委员会","implementingUnit":"上海科技馆","fiscalYear":2023}
                                """)).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Retry-After")).contains("5");
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(refused.body()).contains("\"code\":\"relay-behind\"");
        assertThat(storedEvents("2023-HELD")).isZero();
        assertThat(api().get("/projects/2023-HELD").status()).isEqualTo(404);
        assertThat(api().get("/projects").status()).isEqualTo(200);
    }
}
