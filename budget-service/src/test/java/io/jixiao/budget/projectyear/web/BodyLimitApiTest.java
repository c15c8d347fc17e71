package io.jixiao.budget.projectyear.web;

import io.jixiao.testing.ApiClient.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The 4 MB request-body limit, straight to budget-service (no gateway in front): a body announced longer is
 * refused before a byte of it is read, a chunked one once the limit is read; neither is audited nor recorded, and
 * the service is well afterwards. Bodies are generated as they are sent, never held in memory.
 *
 * <p>What the JDK client sees, as measured here: the 413 answers carry their Content-Length and
 * {@code Connection: close}; the server closes the connection while the client may still be sending, and that close
 * can arrive as a reset, after the 413's status and headers. With {@code Expect: 100-continue}, Tomcat invites the
 * body only when the application reads it (platform's {@code continueResponseTiming=onRead}), so a client that
 * announced too much gets the 413 without sending a byte of it.
 */
class BodyLimitApiTest extends BudgetApiTestBase {

    private static final long MB = 1024 * 1024;
    private static final long LIMIT = 4 * MB;
    private static final String PATH = "/expenditures/batch";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private String projectId;
    private int auditedBatches;

    @BeforeEach
    void project() {
        projectId = newProject("1000.00");
        auditedBatches = auditedBatches();
    }

    private int auditedBatches() {
        return jdbc.queryForObject("select count(*) from audit_log where path = ?", Integer.class, PATH);
    }

    /** A batch of payments to a real project-year, made as it is read, {@code length} bytes long; never held whole. */
    static final class GeneratedBatch extends InputStream {
        private static final byte[] START = "{\"payments\":[".getBytes(StandardCharsets.UTF_8);
        private final byte[] item;
        private final long length;
        final AtomicLong produced = new AtomicLong();

        GeneratedBatch(String projectId, long length) {
            this.item = """
                    {"projectId":"%s","paymentReference":"BIG-1","fundSource":"CURRENT_YEAR_APPROPRIATION","amount":"1.00","businessDate":"2023-06-30","payee":"某公司","voucherNumber":"记-0001"},"""
                    .formatted(projectId).getBytes(StandardCharsets.UTF_8);
            this.length = length;
        }

        private byte at(long position) {
            return position < START.length ? START[(int) position] : item[(int) ((position - START.length) % item.length)];
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int count) {
            long position = produced.get();
            if (position >= length) {
                return -1;
            }
            int n = (int) Math.min(count, length - position);
            for (int i = 0; i < n; i++) {
                buffer[offset + i] = at(position + i);
            }
            produced.addAndGet(n);
            return n;
        }
    }

    /** What came back: the final answer's status and headers as soon as they arrived, the body bytes received. */
    static final class Captured implements HttpResponse.BodyHandler<Void> {
        volatile HttpResponse.ResponseInfo info;
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();
        volatile Throwable failure;

        @Override
        public HttpResponse.BodySubscriber<Void> apply(HttpResponse.ResponseInfo responseInfo) {
            info = responseInfo;
            return HttpResponse.BodySubscribers.ofByteArrayConsumer(chunk -> chunk.ifPresent(bytes -> {
                synchronized (body) {
                    body.writeBytes(bytes);
                }
            }));
        }

        String body() {
            synchronized (body) {
                return body.toString(StandardCharsets.UTF_8);
            }
        }
    }

    private Captured send(GeneratedBatch body, long announcedLength, boolean expectContinue) {
        HttpRequest.BodyPublisher publisher = HttpRequest.BodyPublishers.ofInputStream(() -> body);
        if (announcedLength >= 0) {
            publisher = HttpRequest.BodyPublishers.fromPublisher(publisher, announcedLength);
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + PATH))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + EVERY_BUDGET_ROLE)
                .expectContinue(expectContinue)
                .timeout(Duration.ofSeconds(60))
                .POST(publisher)
                .build();
        Captured captured = new Captured();
        // a client of its own: a connection the server resets is never offered to another test
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        // bounded from outside: the client's own request timeout has been seen not to fire once the server closed
        try {
            client.sendAsync(request, captured).get(90, java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(IOException.class);
            captured.failure = (IOException) e.getCause();
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("no answer, and no failure, within 90 s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return captured;
    }

    private static void assertBodyTooLarge(String json) {
        JsonNode problem = JSON.readTree(json);
        assertThat(problem.path("status").asInt()).isEqualTo(413);
        assertThat(problem.path("code").asString()).isEqualTo("body-too-large");
        assertThat(problem.path("type").asString()).isEqualTo("urn:jixiao:problem:body-too-large");
        assertThat(problem.path("detail").asString()).isEqualTo("the request body is larger than " + LIMIT + " bytes");
    }

    private static void assertTooLargeHeaders(HttpResponse.ResponseInfo info) {
        assertThat(info).as("the 413's status line and headers reached the client").isNotNull();
        assertThat(info.statusCode()).isEqualTo(413);
        assertThat(info.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(info.headers().firstValue("Connection")).hasValue("close");
    }

    /** Nothing audited, nothing recorded, and the service answers as before. */
    private void assertNothingKeptAndServiceWell() {
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> auditedBatches() == auditedBatches);
        assertThat(storedEvents(projectId)).as("registered, allocated, opened; no payment").isEqualTo(3);

        Response health = api().as(null).get("/actuator/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.text("status")).isEqualTo("UP");
        Response paid = post("/projects/" + projectId + "/expenditures", payment("AFTER-1", "10.00"));
        assertThat(paid.status()).as(paid.raw()).isEqualTo(201);
        Response batch = post(PATH, """
                {"payments":[{"projectId":"%s","paymentReference":"AFTER-2","fundSource":"CURRENT_YEAR_APPROPRIATION","amount":"10.00","businessDate":"2023-06-30","payee":"某公司","voucherNumber":"记-0002"}]}"""
                .formatted(projectId));
        assertThat(batch.status()).as(batch.raw()).isEqualTo(200);
        assertThat(batch.body().path("accepted").asInt()).isEqualTo(1);
        assertThat(storedEvents(projectId)).isEqualTo(5);
        await().atMost(Duration.ofSeconds(10)).until(() -> auditedBatches() == auditedBatches + 1);
    }

    /** Request headers alone over a socket, and the answers read back until the problem's body is complete. */
    private String rawAnswer(String extraHeaders) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + PATH + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Authorization: Bearer " + EVERY_BUDGET_ROLE + "\r\nContent-Length: " + 5 * MB + "\r\n" + extraHeaders + "\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            byte[] buffer = new byte[4096];
            InputStream in = socket.getInputStream();
            int n;
            // the 413 has no Content-Length and the server keeps the connection to swallow the body: read to its end
            while (!received.toString(StandardCharsets.UTF_8).endsWith("}") && (n = in.read(buffer)) > 0) {
                received.write(buffer, 0, n);
            }
            return received.toString(StandardCharsets.UTF_8);
        }
    }

    @Test
    void aBodyAnnouncedLongerThanTheLimitIsRefusedBeforeAByteOfItIsSent() throws IOException {
        String answer = rawAnswer("");
        assertThat(answer).startsWith("HTTP/1.1 413 ");
        String head = answer.substring(0, answer.indexOf("\r\n\r\n"));
        assertThat(head).containsIgnoringCase("Content-Type: application/problem+json").containsIgnoringCase("Connection: close");
        assertBodyTooLarge(answer.substring(answer.indexOf("\r\n\r\n") + 4));
        assertNothingKeptAndServiceWell();
    }

    @Test
    void withExpect100ContinueTheServerRefusesWithoutInvitingTheBody() throws IOException {
        // Tomcat's default would answer 100 before any filter has seen the request; onRead waits for the application
        String answer = rawAnswer("Expect: 100-continue\r\n");
        assertThat(answer).as("no 100 Continue: the refusal comes first").startsWith("HTTP/1.1 413 ");
        assertBodyTooLarge(answer.substring(answer.indexOf("\r\n\r\n") + 4));
        assertNothingKeptAndServiceWell();
    }

    @Test
    void theJdkClientSendingAnAnnouncedFiveMegabytesGetsA413() {
        GeneratedBatch body = new GeneratedBatch(projectId, 5 * MB);
        Captured answer = send(body, 5 * MB, false);
        assertTooLargeHeaders(answer.info);
        if (answer.failure == null) {
            // mostly: the whole answer is read before the server's close (a reset: the body was not all read) arrives
            assertBodyTooLarge(answer.body());
        } else {
            // sometimes the reset cuts the answer's body short, which has no Content-Length to end it
            assertThat(answer.failure).isInstanceOf(IOException.class);
            String start = "{\"type\":\"urn:jixiao:problem:body-too-large\"";
            String received = answer.body();
            assertThat(received.length() >= start.length() ? received.startsWith(start) : start.startsWith(received))
                    .as("what arrived of the body is the problem's beginning: %s", received).isTrue();
        }
        assertNothingKeptAndServiceWell();
    }

    @Test
    void aChunkedBodyIsCutOffAtTheLimitWith413() {
        GeneratedBatch body = new GeneratedBatch(projectId, 20 * MB);
        Captured answer = send(body, -1, false);
        assertTooLargeHeaders(answer.info);
        assertThat(body.produced.get()).as("the client did not get to send all 20 MB").isGreaterThan(LIMIT).isLessThan(20 * MB);
        if (answer.failure == null) {
            // the 413 carries its length, so the client knows it is whole before the server's close
            assertBodyTooLarge(answer.body());
        } else {
            // the close can still arrive as a reset while the client is sending, after the 413's headers
            assertThat(answer.failure).isInstanceOf(IOException.class);
        }
        assertNothingKeptAndServiceWell();
    }
}
