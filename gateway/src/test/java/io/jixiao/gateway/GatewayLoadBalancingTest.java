package io.jixiao.gateway;

import io.jixiao.testing.StubHttpServer;
import io.jixiao.testing.TestIssuer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Several instances behind one service's route: requests are spread over them, and one whose connection an instance
 * refuses (that instance is down) goes to the next, its body intact.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GatewayLoadBalancingTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final List<StubHttpServer> BUDGET = List.of(backend("a"), backend("b"));
    /** Nothing listens here: the port was bound once and released. */
    private static final int DOWN = closedPort();

    private static StubHttpServer backend(String name) {
        return StubHttpServer.startReadingBodies("/", (request, body) ->
                new StubHttpServer.Answer(200, name + " " + request.method() + " " + request.path()
                        + (body.isEmpty() ? "" : " " + body)));
    }

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        registry.add("BUDGET_SERVICE_URL", () -> BUDGET.get(0).url() + ", http://127.0.0.1:" + DOWN + "," + BUDGET.get(1).url());
        registry.add("INDICATOR_SERVICE_URL", BUDGET.get(0)::url);
        registry.add("SCORING_SERVICE_URL", BUDGET.get(0)::url);
        TestIssuer.registerIssuer(registry);
    }

    static final String POSTER = TestIssuer.instance().token("gateway-tests", "*", "poster", "viewer");

    @AfterAll
    static void stopBackends() {
        BUDGET.forEach(StubHttpServer::close);
    }

    @LocalServerPort
    int port;

    @Test
    void requestsAreSpreadOverTheInstancesAndPassOverOneThatIsDown() throws Exception {
        Map<String, Integer> answeredBy = new TreeMap<>();
        for (int i = 0; i < 30; i++) {
            HttpResponse<String> response = HTTP.send(request("/api/budget/projects/2023-XXH/expenditures").GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(response.body()).endsWith(" GET /projects/2023-XXH/expenditures");
            answeredBy.merge(response.body().substring(0, 1), 1, Integer::sum);
        }
        assertThat(answeredBy.keySet()).containsExactly("a", "b");
        assertThat(answeredBy.values()).allSatisfy(count -> assertThat(count).isGreaterThanOrEqualTo(5));
    }

    @Test
    void aPostSentOnFromAnInstanceThatIsDownKeepsItsBody() throws Exception {
        for (int i = 0; i < 9; i++) {
            String body = "{\"paymentReference\":\"P-" + i + "\",\"payee\":\"某某公司\"}";
            HttpResponse<String> response = HTTP.send(request("/api/budget/projects/2023-XXH/expenditures")
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(response.body()).matches("[ab] POST /projects/2023-XXH/expenditures " + java.util.regex.Pattern.quote(body));
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Authorization", "Bearer " + POSTER);
    }

    private static int closedPort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
