package io.jixiao.contracts.access;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link ClientCredentials} against a local token endpoint. */
class ClientCredentialsTest {

    private static final String SECRET = "s3cr+t/with=odd&chars";

    private HttpServer server;
    private final AtomicInteger grants = new AtomicInteger();
    private final List<String> authorizations = new ArrayList<>();
    private volatile int status = 200;
    private volatile long expiresIn = 900;
    private volatile CountDownLatch slow = new CountDownLatch(0);
    /** Counted down when a grant request has reached the endpoint (and waits on {@link #slow}). */
    private volatile CountDownLatch requested = new CountDownLatch(1);
    private final MutableClock clock = new MutableClock();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/oauth2/token", exchange -> {
            String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            synchronized (authorizations) {
                authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
            }
            requested.countDown();
            try {
                slow.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            String body;
            if (status == 200 && form.equals("grant_type=client_credentials")) {
                body = "{\"access_token\":\"token-" + grants.incrementAndGet() + "\",\"token_type\":\"Bearer\",\"expires_in\":" + expiresIn + "}";
            } else {
                body = "{\"error\":\"invalid_client\"}";
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status == 200 && form.equals("grant_type=client_credentials") ? 200 : status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private URI tokenUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/oauth2/token");
    }

    private ClientCredentials credentials() {
        return new ClientCredentials(tokenUri(), "bench", SECRET, HttpClient.newHttpClient(), clock);
    }

    @Test
    void asksOnceWithBasicCredentialsAndReusesTheTokenUntilAMinuteBeforeItExpires() {
        ClientCredentials credentials = credentials();

        assertThat(credentials.token()).isEqualTo("token-1");
        clock.advance(Duration.ofSeconds(839));
        assertThat(credentials.token()).isEqualTo("token-1");
        assertThat(credentials.authorization()).isEqualTo("Bearer token-1");
        clock.advance(Duration.ofSeconds(1)); // 60 s left of 900
        assertThat(credentials.token()).isEqualTo("token-2");

        // RFC 6749 2.3.1: id and secret form-encoded, then Base64
        String expected = "Basic " + Base64.getEncoder().encodeToString(
                "bench:s3cr%2Bt%2Fwith%3Dodd%26chars".getBytes(StandardCharsets.UTF_8));
        assertThat(authorizations).hasSize(2).containsOnly(expected);
    }

    @Test
    void invalidatingForgetsTheToken() {
        ClientCredentials credentials = credentials();
        assertThat(credentials.token()).isEqualTo("token-1");

        credentials.invalidate();

        assertThat(credentials.token()).isEqualTo("token-2");
    }

    @Test
    void concurrentCallersShareOneRequest() throws Exception {
        ClientCredentials credentials = credentials();
        slow = new CountDownLatch(1);
        requested = new CountDownLatch(1);
        CountDownLatch called = new CountDownLatch(8);
        ExecutorService callers = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> tokens = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                tokens.add(callers.submit(() -> {
                    called.countDown();
                    return credentials.token();
                }));
            }
            // every caller has started and the first grant is held at the endpoint: the others are waiting for it
            assertThat(called.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(requested.await(10, TimeUnit.SECONDS)).isTrue();
            slow.countDown();
            for (Future<String> token : tokens) {
                assertThat(token.get()).isEqualTo("token-1");
            }
        } finally {
            callers.shutdownNow();
        }
        assertThat(grants).hasValue(1);
    }

    @Test
    void aRefusalNamesTheStatusAndErrorButNeverTheSecret() {
        status = 401;
        ClientCredentials credentials = credentials();

        assertThatThrownBy(credentials::token).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("401").hasMessageContaining("invalid_client").hasMessageContaining("bench")
                .hasMessageNotContaining(SECRET);
        assertThat(credentials.toString()).doesNotContain(SECRET).contains("bench");
    }

    @Test
    void anUnreachableEndpointIsSaidWithoutTheSecret() {
        server.stop(0);
        ClientCredentials credentials = credentials();

        assertThatThrownBy(credentials::token).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("could not be reached").hasMessageNotContaining(SECRET);
    }

    @Test
    void readsAClientsSecretFromACredentialsFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("credentials.json");
        Files.writeString(file, """
                {"clients":[{"id":"seed-loader","secret":"abc","roles":["budget-editor"],"department":"*"},
                            {"id":"bench","secret":"%s","roles":["poster"],"department":"*"}],
                 "users":[{"id":"admin","password":"pw","roles":["admin"],"department":"*"}]}""".formatted(SECRET));

        assertThat(ClientCredentials.secretOf(file, "bench")).isEqualTo(SECRET);
        assertThat(ClientCredentials.fromFile(tokenUri(), file, "seed-loader").clientId()).isEqualTo("seed-loader");
        assertThatThrownBy(() -> ClientCredentials.secretOf(file, "nobody")).hasMessageContaining("no client nobody");
        assertThatThrownBy(() -> ClientCredentials.secretOf(file, "admin")).as("users are not clients")
                .hasMessageContaining("no client admin");
        assertThatThrownBy(() -> ClientCredentials.secretOf(dir.resolve("missing.json"), "bench"))
                .hasMessageContaining("cannot read");
        Files.writeString(file, "{\"clients\":[{\"id\":\"bench\",\"secret\":\"" + SECRET + "\"");
        assertThatThrownBy(() -> ClientCredentials.secretOf(file, "bench")).hasMessageContaining("not valid JSON")
                .hasMessageNotContaining(SECRET);
    }

    private static final class MutableClock extends Clock {
        private volatile Instant now = Instant.parse("2026-12-01T00:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
