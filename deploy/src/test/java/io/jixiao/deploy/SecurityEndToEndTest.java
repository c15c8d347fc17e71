package io.jixiao.deploy;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The system's access rules end to end, through the gateway, with real tokens from the running auth-server
 * ({@code client_credentials} of the demo clients): no token is a 401; a department's finance system cannot reach
 * another department's project-year (404, as if it did not exist) and the attempt is in the audit log; a role
 * lacking is a 403; an accepted payment's audit record names its event and its key; a body far over the limit is
 * refused (413) through the gateway and directly, with and without a length, and every process stays up.
 */
@ExtendWith(SharedStack.class)
class SecurityEndToEndTest {

    private static final JsonMapper JSON = JsonMapper.shared();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String DEPT_A = "上海市科学技术委员会";
    private static final String DEPT_B = "上海市普陀区体育局";
    /** budget-editor of every department: registers the project-years of both. */
    private static final String EDITOR = "seed-loader";
    /** poster of DEPT_A */
    private static final String FINANCE_A = "finance-system-a";
    private static final String AUDITOR = "auditor-client";
    /** 250 MB: sixty times the services' limit of 4 MB. */
    private static final long HUGE = 250L * 1024 * 1024;

    private static Stack stack;
    private static String projectA;
    private static String projectB;

    @BeforeAll
    static void projectYearsOfTwoDepartments() throws Exception {
        stack = SharedStack.stack();
        projectA = openProjectYear("SECA", "安全测试甲", DEPT_A, "上海科技馆");
        projectB = openProjectYear("SECB", "安全测试乙", DEPT_B, "上海市普陀区体育局");
    }

    private static String openProjectYear(String code, String name, String department, String unit) throws Exception {
        HttpResponse<String> registered = send(EDITOR, "POST", "/api/budget/projects", """
                {"code":"%s","name":"%s","department":"%s","implementingUnit":"%s","fiscalYear":2023}""".formatted(code, name, department, unit));
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        String id = JSON.readTree(registered.body()).path("projectId").asString();
        HttpResponse<String> budget = send(EDITOR, "POST", "/api/budget/projects/" + id + "/initial-budgets", """
                {"fundSource":"CURRENT_YEAR_APPROPRIATION","amount":"1000000.00","documentNumber":"沪财预〔2023〕9号"}""");
        assertThat(budget.statusCode()).as(budget.body()).isEqualTo(201);
        HttpResponse<String> open = send(EDITOR, "POST", "/api/budget/projects/" + id + "/open", null);
        assertThat(open.statusCode()).as(open.body()).isEqualTo(200);
        return id;
    }

    @Test
    void withoutATokenAPaymentIs401ProblemAndNothingIsStored() throws Exception {
        long before = storedEvents(projectB);

        HttpResponse<String> answer = send(null, "POST", "/api/budget/projects/" + projectB + "/expenditures", payment("SEC-NOTOKEN-1"));

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(401);
        assertProblem(answer);
        assertThat(storedEvents(projectB)).isEqualTo(before);
    }

    @Test
    void aFinanceSystemPostingToAnotherDepartmentsProjectGets404AndTheAttemptIsAudited() throws Exception {
        long before = storedEvents(projectB);

        HttpResponse<String> answer = send(FINANCE_A, "POST", "/api/budget/projects/" + projectB + "/expenditures",
                payment("SEC-OTHER-DEPT-1"));

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(404);
        assertThat(assertProblem(answer).path("code").asString()).isEqualTo("unknown-project");
        // exactly as a project-year that does not exist
        HttpResponse<String> nowhere = send(FINANCE_A, "POST", "/api/budget/projects/2023-SECNOWHERE/expenditures",
                payment("SEC-OTHER-DEPT-2"));
        assertThat(nowhere.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(nowhere.body()).path("code").asString()).isEqualTo("unknown-project");
        assertThat(storedEvents(projectB)).isEqualTo(before);

        JsonNode record = awaitAuditRecord(projectB, r -> r.path("subject").asString().equals(FINANCE_A));
        assertThat(record.path("outcome").asString()).isEqualTo("not-found");
        assertThat(record.path("status").asInt()).isEqualTo(404);
        assertThat(record.path("client").asString()).isEqualTo(FINANCE_A);
        assertThat(record.path("method").asString()).isEqualTo("POST");
        assertThat(record.path("eventIds").size()).isZero();
    }

    @Test
    void anAuditorPostingAPaymentGets403RoleNotAllowed() throws Exception {
        long before = storedEvents(projectA);

        HttpResponse<String> answer = send(AUDITOR, "POST", "/api/budget/projects/" + projectA + "/expenditures", payment("SEC-AUDITOR-1"));

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(403);
        assertThat(assertProblem(answer).path("code").asString()).isEqualTo("role-not-allowed");
        assertThat(storedEvents(projectA)).isEqualTo(before);
    }

    @Test
    void aFinanceSystemsPaymentToItsOwnDepartmentIsAcceptedAndAuditedWithItsEventAndKey() throws Exception {
        HttpResponse<String> answer = send(FINANCE_A, "POST", "/api/budget/projects/" + projectA + "/expenditures", payment("SEC-OWN-1"));

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
        List<String> stored = SharedStack.column(Service.BUDGET, "select event_identifier from domain_event_entry where aggregate_identifier = ? and payload_type = ?",
                projectA, "io.jixiao.contracts.budget.ExpenditureRecorded");
        assertThat(stored).hasSize(1);
        JsonNode record = awaitAuditRecord(projectA, r -> r.path("idempotencyKey").asString("").equals("SEC-OWN-1"));
        assertThat(record.path("subject").asString()).isEqualTo(FINANCE_A);
        assertThat(record.path("department").asString()).isEqualTo(DEPT_A);
        assertThat(record.path("status").asInt()).isEqualTo(201);
        List<String> eventIds = new ArrayList<>();
        record.path("eventIds").forEach(id -> eventIds.add(id.asString()));
        assertThat(eventIds).isNotEmpty().containsExactlyElementsOf(stored);
    }

    /**
     * 250 MB to the batch endpoint, generated while it is sent (never held by the client), announced with a
     * Content-Length and streamed in chunks without one, through the gateway and straight to budget-service: each is
     * refused with 413 (a chunked one may instead see its connection closed once the limit is passed, but when an
     * answer arrives it is 413), and afterwards every process is healthy.
     */
    @Test
    void aBodyFarOverTheLimitIsRefusedThroughTheGatewayAndDirectlyAndEveryProcessStaysUp() throws Exception {
        String bearer = SharedStack.bearer(FINANCE_A);
        URI gateway = stack.gatewayUrl();
        URI budget = stack.url(Service.BUDGET);
        long before = storedEvents(projectA);
        List<String> report = new ArrayList<>();

        for (boolean chunked : new boolean[]{false, true}) {
            for (URI target : List.of(gateway, budget)) {
                String path = (target.equals(gateway) ? "/api/budget" : "") + "/expenditures/batch";
                Huge sent = postHuge(target, path, HUGE, chunked, bearer);
                String what = (chunked ? "chunked" : "Content-Length") + " to " + (target.equals(gateway) ? "the gateway" : "budget-service");
                report.add(String.format(Locale.ROOT, "%s: %s after %d MB sent, %d ms", what,
                        sent.status().map(s -> "HTTP " + s).orElse("connection closed"), sent.bytesSent() >> 20, sent.millis()));
                if (chunked) {
                    sent.status().ifPresent(status -> assertThat(status).as(what).isEqualTo(413));
                } else {
                    assertThat(sent.status()).as(what).contains(413);
                }
                assertThat(sent.bytesSent()).as(what + ": the whole body was never taken in").isLessThan(HUGE);
            }
        }
        System.out.println("250 MB bodies: " + String.join("; ", report));

        for (Map.Entry<Service, Stack.Running> service : stack.services().entrySet()) {
            HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(service.getValue().url().resolve("/actuator/health"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).as(service.getKey().module()).isEqualTo(200);
            assertThat(JSON.readTree(health.body()).path("status").asString()).as(service.getKey().module()).isEqualTo("UP");
            assertThat(service.getValue().process().isAlive()).isTrue();
        }
        assertThat(storedEvents(projectA)).isEqualTo(before);
    }

    // --- a body generated as it is sent -----------------------------------------------------------------------

    private record Huge(Optional<Integer> status, long bytesSent, long millis) {
    }

    /**
     * POSTs {@code size} bytes of a batch ({@code {"payments":[…]}}, items generated one after another) over a plain
     * socket, with {@code Content-Length} or {@code Transfer-Encoding: chunked}, while the answer's status line is
     * read as soon as it comes; the connection is closed once it has come. Empty when the server closed the
     * connection without answering.
     */
    private static Huge postHuge(URI base, String path, long size, boolean chunked, String bearer) throws Exception {
        long t0 = System.nanoTime();
        AtomicLong sent = new AtomicLong();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 5000);
            socket.setSoTimeout(120_000);
            Thread writer = new Thread(() -> {
                try {
                    OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
                    String head = "POST " + path + " HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort()
                            + "\r\nAuthorization: " + bearer + "\r\nContent-Type: application/json\r\nAccept: application/json, application/problem+json\r\n"
                            + (chunked ? "Transfer-Encoding: chunked\r\n" : "Content-Length: " + size + "\r\n") + "\r\n";
                    out.write(head.getBytes(StandardCharsets.US_ASCII));
                    InputStream body = new BatchBody(size);
                    byte[] buffer = new byte[64 * 1024];
                    for (int n; (n = body.read(buffer)) > 0; ) {
                        if (chunked) {
                            out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                        }
                        out.write(buffer, 0, n);
                        if (chunked) {
                            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                        }
                        sent.addAndGet(n);
                    }
                    if (chunked) {
                        out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    }
                    out.flush();
                } catch (IOException e) {
                    // the server closed the connection: what it answered is read by the other side
                }
            }, "huge-body-writer");
            writer.setDaemon(true);
            writer.start();
            Optional<Integer> status = statusLine(socket.getInputStream());
            socket.close(); // stops the writer
            writer.join(30_000);
            return new Huge(status, sent.get(), Duration.ofNanos(System.nanoTime() - t0).toMillis());
        }
    }

    /** The final status of the answer (skipping 100 Continue); empty when the connection ended without one. */
    private static Optional<Integer> statusLine(InputStream in) throws IOException {
        try {
            while (true) {
                String line = readLine(in);
                if (line == null) {
                    return Optional.empty();
                }
                if (line.startsWith("HTTP/1.1 ") || line.startsWith("HTTP/1.0 ")) {
                    int status = Integer.parseInt(line.substring(9, 12));
                    if (status != 100) {
                        return Optional.of(status);
                    }
                }
            }
        } catch (SocketException e) {
            return Optional.empty(); // reset by the server
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no answer within 120 s", e);
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c; (c = in.read()) != -1; ) {
            if (c == '\n') {
                return line.toString().strip();
            }
            line.append((char) c);
        }
        return line.isEmpty() ? null : line.toString();
    }

    /** {@code {"payments":[item,item,…]}} of exactly {@code size} bytes (spaces pad the end), made as it is read. */
    private static final class BatchBody extends InputStream {
        private static final byte[] START = "{\"payments\":[".getBytes(StandardCharsets.US_ASCII);
        private static final byte[] END = "]}".getBytes(StandardCharsets.US_ASCII);

        private final long size;
        private long position;
        private byte[] current = START;
        private int offset;
        private long items;

        BatchBody(long size) {
            this.size = size;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) == 1 ? one[0] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (position >= size) {
                return -1;
            }
            int n = 0;
            while (n < len && position < size) {
                if (offset == current.length) {
                    current = next();
                    offset = 0;
                }
                int take = (int) Math.min(Math.min(len - n, current.length - offset), size - position);
                System.arraycopy(current, offset, b, off + n, take);
                offset += take;
                n += take;
                position += take;
            }
            return n;
        }

        private byte[] next() {
            long left = size - position;
            byte[] item = ((items == 0 ? "" : ",") + """
                    {"projectId":"%s","paymentReference":"SEC-HUGE-%d","fundSource":"CURRENT_YEAR_APPROPRIATION","amount":"1.00","businessDate":"2023-06-30","payee":"p","voucherNumber":"v"}"""
                    .formatted(projectA, items)).getBytes(StandardCharsets.US_ASCII);
            if (left > item.length + END.length) {
                items++;
                return item;
            }
            byte[] tail = new byte[(int) left];
            java.util.Arrays.fill(tail, (byte) ' ');
            System.arraycopy(END, 0, tail, tail.length - END.length, END.length);
            return tail;
        }
    }

    // --- HTTP, the audit log and the event store ---------------------------------------------------------------

    private static String payment(String reference) {
        return """
                {"paymentReference":"%s","fundSource":"CURRENT_YEAR_APPROPRIATION","amount":"100.00","businessDate":"2023-06-30","payee":"某公司","voucherNumber":"V-%s"}"""
                .formatted(reference, reference);
    }

    /** Through the gateway, with the token of {@code client} (none when null). */
    private static HttpResponse<String> send(String client, String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(stack.gatewayUrl().resolve(path)).timeout(Duration.ofSeconds(15))
                .header("Accept", "application/json, application/problem+json");
        if (client != null) {
            request.header("Authorization", SharedStack.bearer(client));
        }
        if (body != null) {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static JsonNode assertProblem(HttpResponse<String> answer) {
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = JSON.readTree(answer.body());
        assertThat(problem.path("status").asInt()).isEqualTo(answer.statusCode());
        return problem;
    }

    /** budget-service's audit log of one project-year, read by the auditor through the gateway, until a record matches. */
    private static JsonNode awaitAuditRecord(String target, java.util.function.Predicate<JsonNode> wanted) {
        AtomicReference<JsonNode> found = new AtomicReference<>();
        await("an audit record of " + target).atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            HttpResponse<String> log = send(AUDITOR, "GET", "/api/budget/audit-log?target=" + target, null);
            assertThat(log.statusCode()).as(log.body()).isEqualTo(200);
            JsonNode records = JSON.readTree(log.body());
            for (JsonNode record : records) {
                assertThat(record.path("target").asString()).isEqualTo(target);
                if (wanted.test(record)) {
                    found.set(record);
                }
            }
            assertThat(found.get()).as("a matching record among " + records).isNotNull();
        });
        return found.get();
    }

    private static long storedEvents(String projectId) throws SQLException {
        return Long.parseLong(SharedStack.column(Service.BUDGET, "select count(*) from domain_event_entry where aggregate_identifier = ?", projectId).get(0));
    }

}
