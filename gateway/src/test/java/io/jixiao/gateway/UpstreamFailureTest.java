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
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A service that is down, or that breaks the connection after it got the request, is answered as problem+json a
 * finance system can act on: 503 with Retry-After (nothing recorded), or 502 (it may have been: retry with the key).
 * A working route still answers.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class UpstreamFailureTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** Nothing listens here: the port was bound once and released. */
    private static final int CLOSED_PORT = closedPort();
    /** Reads the request, then closes the connection without answering; counts the connections it took. */
    private static final AtomicInteger BROKEN = new AtomicInteger();
    private static final ServerSocket BREAKS = breaking();
    private static final StubHttpServer WORKS = StubHttpServer.start("/", (method, path) -> new StubHttpServer.Answer(200, "ok"));

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        registry.add("BUDGET_SERVICE_URL", () -> "http://127.0.0.1:" + CLOSED_PORT);
        registry.add("INDICATOR_SERVICE_URL", () -> "http://127.0.0.1:" + BREAKS.getLocalPort());
        registry.add("SCORING_SERVICE_URL", WORKS::url);
        TestIssuer.registerIssuer(registry);
    }

    static final String POSTER = TestIssuer.instance().token("gateway-tests", "*", "poster", "indicator-editor", "viewer");

    @AfterAll
    static void stop() throws IOException {
        BREAKS.close();
        WORKS.close();
    }

    @LocalServerPort
    int port;

    private HttpResponse<String> post(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + POSTER).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"paymentReference\":\"P-1\"}")).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    @Test
    void aServiceThatIsDownIs503WithRetryAfter() throws Exception {
        HttpResponse<String> r = post("/api/budget/projects/2023-XXH/expenditures");
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(r.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(r.body()).contains("\"code\":\"service-unavailable\"", "nothing was recorded");
    }

    @Test
    void aConnectionBrokenBeforeTheAnswerIs502SayingToRetryWithTheKey() throws Exception {
        HttpResponse<String> r = post("/api/indicators/projects/2023-XXH/indicators");
        assertThat(r.statusCode()).isEqualTo(502);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(r.body()).contains("\"code\":\"upstream-failed\"", "retry it with the same key");
        // the request may have been recorded: the gateway's own retry (connections refused only) leaves it alone
        assertThat(BROKEN).hasValue(1);
    }

    @Test
    void aWorkingServiceStillAnswers() throws Exception {
        HttpResponse<String> r = post("/api/scoring/projects/2023-XXH/form");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("ok");
    }

    private static int closedPort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ServerSocket breaking() {
        try {
            ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread t = new Thread(() -> {
                while (!server.isClosed()) {
                    try (Socket s = server.accept()) {
                        BROKEN.incrementAndGet();
                        InputStream in = s.getInputStream();
                        byte[] buffer = new byte[8192];
                        // the request's head has arrived: the service "crashes" before it answers
                        in.read(buffer);
                        s.setSoLinger(true, 0);
                    } catch (IOException e) {
                        // closed
                    }
                }
            }, "breaking-backend");
            t.setDaemon(true);
            t.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
