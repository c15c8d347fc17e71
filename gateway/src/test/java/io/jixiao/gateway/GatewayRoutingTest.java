package io.jixiao.gateway;

import io.jixiao.testing.StubHttpServer;
import io.jixiao.testing.TestIssuer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Routes reach the right service with the /api/<service> prefix stripped; only the safe actuator endpoints show. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GatewayRoutingTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final List<StubHttpServer> BACKENDS = List.of(backend("budget"), backend("indicator"), backend("scoring"));

    /** A real HTTP server standing in for a service: it answers with its name and the path it was asked for. */
    private static StubHttpServer backend(String name) {
        // echoes what arrived, body included, so a route that dropped or changed the body shows
        return StubHttpServer.startReadingBodies("/", (request, body) ->
                new StubHttpServer.Answer(200, request.method() + " " + name + " " + request.path() + (body.isEmpty() ? "" : " " + body)));
    }

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        registry.add("BUDGET_SERVICE_URL", BACKENDS.get(0)::url);
        registry.add("INDICATOR_SERVICE_URL", BACKENDS.get(1)::url);
        registry.add("SCORING_SERVICE_URL", BACKENDS.get(2)::url);
        TestIssuer.registerIssuer(registry);
    }

    static final String VIEWER = TestIssuer.instance().token("gateway-tests", "*", "viewer", "budget-editor");

    @AfterAll
    static void stopBackends() {
        BACKENDS.forEach(StubHttpServer::close);
    }

    @LocalServerPort
    int port;

    private HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + VIEWER).build(), HttpResponse.BodyHandlers.ofString());
    }

    @ParameterizedTest
    @CsvSource({
            "/api/budget/projects/2023-XXH/expenditures, GET budget /projects/2023-XXH/expenditures",
            "/api/indicators/projects/2023-XXH/indicators, GET indicator /projects/2023-XXH/indicators",
            "/api/scoring/projects/2023-XXH/execution?asOf=2023-03-31, GET scoring /projects/2023-XXH/execution?asOf=2023-03-31"})
    void routesEachPrefixToItsServiceWithThePrefixStripped(String path, String expected) throws Exception {
        HttpResponse<String> response = get(path);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(expected);
    }

    @Test
    void forwardsPostBodies() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/budget/projects"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + VIEWER).POST(HttpRequest.BodyPublishers.ofString("{\"code\":\"XXH\",\"name\":\"信息化\"}",
                        java.nio.charset.StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(response.body()).isEqualTo("POST budget /projects {\"code\":\"XXH\",\"name\":\"信息化\"}");
    }

    @Test
    void unknownPathsAre404() throws Exception {
        assertThat(get("/api/unknown/x").statusCode()).isEqualTo(404);
        assertThat(get("/projects").statusCode()).isEqualTo(404);
    }

    @Test
    void timesEachRequestOnceAndNotItsProxiedCallAgain() throws Exception {
        assertThat(get("/api/budget/projects/2023-XXH/budget").statusCode()).isEqualTo(200);
        String metrics = get("/actuator/prometheus").body();
        assertThat(metrics).containsPattern("http_server_requests_seconds_count\\{[^}]*status=\"200\"");
        assertThat(metrics).doesNotContain("http_client_requests").doesNotContain("spring_cloud_gateway_requests");
    }

    @Test
    void exposesHealthInfoAndPrometheusOnly() throws Exception {
        assertThat(get("/actuator/health").statusCode()).isEqualTo(200);
        assertThat(get("/actuator/info").statusCode()).isEqualTo(200);
        assertThat(get("/actuator/prometheus").body()).contains("application=\"gateway\"");
        for (String hidden : List.of("gateway", "env", "beans", "heapdump")) {
            assertThat(HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/" + hidden)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode()).as(hidden + " without a token").isEqualTo(401);
            assertThat(get("/actuator/" + hidden).statusCode()).as(hidden).isEqualTo(404);
        }
    }
}
