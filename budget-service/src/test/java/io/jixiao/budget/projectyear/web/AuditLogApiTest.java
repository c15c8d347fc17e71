package io.jixiao.budget.projectyear.web;

import io.jixiao.platform.audit.AuditLog;
import io.jixiao.platform.audit.AuditProperties;
import io.jixiao.platform.audit.AuditRetention;
import io.jixiao.testing.ApiClient;
import io.jixiao.testing.ApiClient.Response;
import io.jixiao.testing.TestIssuer;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The audit log over HTTP with real tokens: what a write, a refusal of identity or of rights, and a domain refusal
 * leave in it (read back both from the table and through {@code GET /audit-log}), what is not recorded, and the
 * table's append-only trigger and retention.
 */
class AuditLogApiTest extends BudgetApiTestBase {

    static final String A = "上海市科学技术委员会";

    private final TestIssuer issuer = TestIssuer.instance();

    @Autowired
    AuditRetention retention;
    @Autowired
    AuditLog auditLog;

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A token of a named person (sub) working through a client, of department A. */
    private String token(String subject, String client, String... roles) {
        return issuer.token(Map.of("sub", subject, "client_id", client, "department", A, "roles", List.of(roles)));
    }

    private ApiClient auditor() {
        return api().as(token(unique("auditor"), "audit-office", "auditor"));
    }

    /** The rows of a path, oldest first; the filter writes them after the answer is sent, so they are awaited. */
    private List<Map<String, Object>> awaitRows(String method, String path, int count) {
        await().atMost(Duration.ofSeconds(10)).until(() -> rows(method, path).size() >= count);
        List<Map<String, Object>> rows = rows(method, path);
        assertThat(rows).hasSize(count);
        return rows;
    }

    private List<Map<String, Object>> rows(String method, String path) {
        return jdbc.queryForList("select * from audit_log where method = ? and path = ? order by id", method, path);
    }

    private Map<String, Object> row(long id) {
        return jdbc.queryForMap("select * from audit_log where id = ?", id);
    }

    private static List<String> eventIds(Map<String, Object> row) throws Exception {
        Object ids = row.get("event_ids");
        return ids == null ? List.of() : List.of((String[]) ((Array) ids).getArray());
    }

    private static String sm3(byte[] bytes) {
        SM3Digest digest = new SM3Digest();
        digest.update(bytes, 0, bytes.length);
        byte[] out = new byte[digest.getDigestSize()];
        digest.doFinal(out, 0);
        return Hex.toHexString(out);
    }

    private List<String> eventsFrom(String projectId, long sequence) {
        return jdbc.queryForList("select event_identifier from domain_event_entry where aggregate_identifier = ? "
                + "and sequence_number >= ? order by sequence_number", String.class, projectId, sequence);
    }

    private long insertAged(String path, int daysOld) {
        return jdbc.queryForObject("insert into audit_log (recorded_at, method, path, status, outcome) "
                + "values (now() - make_interval(days => ?), 'POST', ?, 201, 'accepted') returning id", Long.class, daysOld, path);
    }

    private int countPath(String path) {
        return jdbc.queryForObject("select count(*) from audit_log where path = ?", Integer.class, path);
    }

    @Test
    void aPaymentLeavesOneRecordNamingTheCallerTheTargetTheKeyTheEventAndTheBodysDigest() throws Exception {
        String projectId = newProject("1000.00");
        String subject = unique("clerk");
        String reference = unique("PAY");
        String body = payment(reference, "120.50");
        byte[] sent = body.getBytes(StandardCharsets.UTF_8);
        String path = "/projects/" + projectId + "/expenditures";

        Response paid = api().as(token(subject, "finance-system", "poster")).post(path, body);
        assertThat(paid.status()).as(paid.raw()).isEqualTo(201);
        List<String> written = eventsFrom(projectId, 3);
        assertThat(written).as("one ExpenditureRecorded").hasSize(1);

        Map<String, Object> row = awaitRows("POST", path, 1).get(0);
        assertThat(row.get("subject")).isEqualTo(subject);
        assertThat(row.get("client")).isEqualTo("finance-system");
        assertThat(row.get("department")).isEqualTo(A);
        assertThat(row.get("unit")).isNull();
        assertThat(row.get("action")).isEqualTo("record-payment");
        assertThat(row.get("status")).isEqualTo(201);
        assertThat(row.get("outcome")).isEqualTo("accepted");
        assertThat(row.get("reason")).isNull();
        assertThat(row.get("target")).isEqualTo(projectId);
        assertThat(row.get("idempotency_key")).isEqualTo(reference);
        assertThat(eventIds(row)).containsExactlyElementsOf(written);
        assertThat(row.get("body_bytes")).isEqualTo((long) sent.length);
        assertThat(row.get("body_sm3")).isEqualTo(sm3(sent));
        assertThat(row.get("source_address")).isEqualTo("127.0.0.1");
        assertThat(row.get("forwarded_for")).isNull();
        assertThat(row.get("recorded_at")).isNotNull();

        Response read = auditor().get("/audit-log?target=" + projectId + "&action=record-payment");
        assertThat(read.status()).as(read.raw()).isEqualTo(200);
        assertThat(read.body().size()).isEqualTo(1);
        JsonNode record = read.body().get(0);
        assertThat(record.path("id").asLong()).isEqualTo(((Number) row.get("id")).longValue());
        assertThat(record.path("subject").asString()).isEqualTo(subject);
        assertThat(record.path("client").asString()).isEqualTo("finance-system");
        assertThat(record.path("department").asString()).isEqualTo(A);
        assertThat(record.path("method").asString()).isEqualTo("POST");
        assertThat(record.path("path").asString()).isEqualTo(path);
        assertThat(record.path("action").asString()).isEqualTo("record-payment");
        assertThat(record.path("status").asInt()).isEqualTo(201);
        assertThat(record.path("outcome").asString()).isEqualTo("accepted");
        assertThat(record.path("target").asString()).isEqualTo(projectId);
        assertThat(record.path("idempotencyKey").asString()).isEqualTo(reference);
        assertThat(record.path("eventIds").valueStream().map(JsonNode::asString).toList()).containsExactlyElementsOf(written);
        assertThat(record.path("bodyBytes").asLong()).isEqualTo(sent.length);
        assertThat(record.path("bodySm3").asString()).isEqualTo(sm3(sent));
        assertThat(Instant.parse(record.path("recordedAt").asString())).isBefore(Instant.now().plusSeconds(1));

        // the retry answers DUPLICATE (200): recorded too, with no event
        Response retried = api().as(token(subject, "finance-system", "poster")).post(path, body);
        assertThat(retried.status()).isEqualTo(200);
        assertThat(retried.text("outcome")).isEqualTo("DUPLICATE");
        Map<String, Object> retry = awaitRows("POST", path, 2).get(1);
        assertThat(retry.get("outcome")).isEqualTo("accepted");
        assertThat(retry.get("status")).isEqualTo(200);
        assertThat(eventIds(retry)).isEmpty();
        assertThat(retry.get("body_sm3")).isEqualTo(sm3(sent));
    }

    @Test
    void requestsWithoutAValidTokenAreRefusedAndRecordedWithoutASubject() {
        String projectId = newProject("1000.00");
        String path = "/projects/" + projectId + "/expenditures";

        Response anonymous = api().as(null).post(path, payment(unique("PAY"), "1.00"));
        assertThat(anonymous.status()).as(anonymous.raw()).isEqualTo(401);
        assertThat(anonymous.text("code")).isEqualTo("unauthenticated");
        Map<String, Object> first = awaitRows("POST", path, 1).get(0);
        assertThat(first.get("outcome")).isEqualTo("unauthenticated");
        assertThat(first.get("status")).isEqualTo(401);
        assertThat(first.get("reason")).isEqualTo("unauthenticated");
        assertThat(first.get("subject")).isNull();
        assertThat(first.get("client")).isNull();
        assertThat(first.get("department")).isNull();
        assertThat(first.get("event_ids")).isNull();
        assertThat(storedEvents(projectId)).isEqualTo(3);

        Map<String, Object> claims = new HashMap<>(Map.of("sub", "mallory", "client_id", "finance-system", "department", "*",
                "roles", List.of("poster")));
        claims.put("iss", issuer.issuer());
        Response forged = api().as(TestIssuer.forged(claims)).post(path, payment(unique("PAY"), "1.00"));
        assertThat(forged.status()).as(forged.raw()).isEqualTo(401);
        assertThat(forged.text("code")).isEqualTo("invalid-token");
        Map<String, Object> second = awaitRows("POST", path, 2).get(1);
        assertThat(second.get("outcome")).isEqualTo("unauthenticated");
        assertThat(second.get("reason")).isEqualTo("invalid-token");
        assertThat(second.get("subject")).as("a forged token's claims are never believed").isNull();

        claims = new HashMap<>(Map.of("sub", "late-clerk", "client_id", "finance-system", "department", "*",
                "roles", List.of("poster")));
        claims.put("iat", Instant.now().minusSeconds(3600).getEpochSecond());
        claims.put("exp", Instant.now().minusSeconds(1800).getEpochSecond());
        Response expired = api().as(issuer.token(claims)).post(path, payment(unique("PAY"), "1.00"));
        assertThat(expired.status()).as(expired.raw()).isEqualTo(401);
        assertThat(expired.text("code")).isEqualTo("invalid-token");
        Map<String, Object> third = awaitRows("POST", path, 3).get(2);
        assertThat(third.get("reason")).isEqualTo("invalid-token");
        assertThat(third.get("subject")).isNull();
        assertThat(storedEvents(projectId)).as("nothing recorded").isEqualTo(3);
    }

    @Test
    void aCallTheRolesDoNotAllowIsForbiddenAndRecordedWithTheCaller() {
        String projectId = newProject("1000.00");
        String path = "/projects/" + projectId + "/expenditures";
        String subject = unique("auditor");

        Response refused = api().as(token(subject, "audit-office", "auditor")).post(path, payment(unique("PAY"), "1.00"));
        assertThat(refused.status()).as(refused.raw()).isEqualTo(403);
        assertThat(refused.text("code")).isEqualTo("role-not-allowed");
        Map<String, Object> row = awaitRows("POST", path, 1).get(0);
        assertThat(row.get("outcome")).isEqualTo("forbidden");
        assertThat(row.get("status")).isEqualTo(403);
        assertThat(row.get("reason")).isEqualTo("role-not-allowed");
        assertThat(row.get("subject")).isEqualTo(subject);
        assertThat(row.get("client")).isEqualTo("audit-office");
        assertThat(row.get("action")).isEqualTo("record-payment");
        assertThat(row.get("target")).isEqualTo(projectId);
        assertThat(row.get("event_ids")).isNull();
        assertThat(storedEvents(projectId)).isEqualTo(3);
    }

    @Test
    void successfulReadsAreNotRecordedButReadingTheAuditLogIs() {
        String projectId = newProject("1000.00");
        assertThat(api().as(null).get("/actuator/health").status()).isEqualTo(200);
        Response read = api().as(token(unique("viewer"), "dashboard", "viewer")).get("/projects/" + projectId);
        assertThat(read.status()).isEqualTo(200);
        Response position = api().as(token(unique("viewer"), "dashboard", "viewer")).get("/projects/" + projectId + "/position");
        assertThat(position.status()).isEqualTo(200);

        String auditorSubject = unique("auditor");
        int before = jdbc.queryForObject("select count(*) from audit_log where subject = ?", Integer.class, auditorSubject);
        assertThat(before).isZero();
        Response log = api().as(token(auditorSubject, "audit-office", "auditor")).get("/audit-log?size=5");
        assertThat(log.status()).as(log.raw()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject(
                "select count(*) from audit_log where subject = ?", Integer.class, auditorSubject) == 1);
        Map<String, Object> row = jdbc.queryForMap("select * from audit_log where subject = ?", auditorSubject);
        assertThat(row.get("action")).isEqualTo("read-audit-log");
        assertThat(row.get("method")).isEqualTo("GET");
        assertThat(row.get("path")).isEqualTo("/audit-log");
        assertThat(row.get("status")).isEqualTo(200);
        assertThat(row.get("outcome")).isEqualTo("accepted");

        assertThat(rows("GET", "/projects/" + projectId)).as("a successful read is not recorded").isEmpty();
        assertThat(rows("GET", "/projects/" + projectId + "/position")).isEmpty();
        assertThat(rows("GET", "/actuator/health")).isEmpty();

        // a read refused for want of rights is
        String posterSubject = unique("poster");
        Response refused = api().as(token(posterSubject, "finance-system", "poster")).get("/audit-log");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.text("code")).isEqualTo("role-not-allowed");
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject(
                "select count(*) from audit_log where subject = ?", Integer.class, posterSubject) == 1);
        Map<String, Object> forbidden = jdbc.queryForMap("select * from audit_log where subject = ?", posterSubject);
        assertThat(forbidden.get("outcome")).isEqualTo("forbidden");
        assertThat(forbidden.get("action")).isEqualTo("read-audit-log");
        assertThat(forbidden.get("reason")).isEqualTo("role-not-allowed");
    }

    @Test
    void aDomainRefusalIsRecordedWithItsCode() {
        String projectId = newProject("100.00");
        String path = "/projects/" + projectId + "/expenditures";
        String reference = unique("PAY");
        Response refused = api().as(token(unique("clerk"), "finance-system", "poster")).post(path, payment(reference, "100.01"));
        assertThat(refused.status()).as(refused.raw()).isEqualTo(422);
        assertThat(refused.text("code")).isEqualTo("payment-beyond-budget");
        Map<String, Object> row = awaitRows("POST", path, 1).get(0);
        assertThat(row.get("status")).isEqualTo(422);
        assertThat(row.get("outcome")).isEqualTo("refused");
        assertThat(row.get("reason")).isEqualTo("payment-beyond-budget");
        assertThat(row.get("idempotency_key")).isEqualTo(reference);
        assertThat(row.get("target")).isEqualTo(projectId);
        assertThat(row.get("event_ids")).isNull();
        assertThat(storedEvents(projectId)).isEqualTo(3);

        String nobody = "2023-" + unique("NOBODY");
        Response unknown = api().as(token(unique("clerk"), "finance-system", "poster"))
                .post("/projects/" + nobody + "/expenditures", payment(reference, "1.00"));
        assertThat(unknown.status()).isEqualTo(404);
        Map<String, Object> notFound = awaitRows("POST", "/projects/" + nobody + "/expenditures", 1).get(0);
        assertThat(notFound.get("outcome")).isEqualTo("not-found");
        assertThat(notFound.get("reason")).isEqualTo("unknown-project");
        assertThat(notFound.get("target")).isEqualTo(nobody);
    }

    @Test
    void theTableIsAppendOnly() {
        String path = "/append-only/" + UUID.randomUUID();
        long young = insertAged(path, 0);
        Map<String, Object> before = row(young);
        int total = jdbc.queryForObject("select count(*) from audit_log", Integer.class);

        assertThatThrownBy(() -> jdbc.update("update audit_log set subject = 'mallory', status = 200 where id = ?", young))
                .isInstanceOf(DataAccessException.class).hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.update("update audit_log set recorded_at = now() - interval '500 days' where id = ?", young))
                .as("nor can a row be aged to be deleted").isInstanceOf(DataAccessException.class);
        assertThatThrownBy(() -> jdbc.update("delete from audit_log where id = ?", young))
                .isInstanceOf(DataAccessException.class).hasMessageContaining("183 days");
        assertThatThrownBy(() -> jdbc.execute("truncate audit_log"))
                .isInstanceOf(DataAccessException.class).hasMessageContaining("never truncated");
        assertThat(row(young)).isEqualTo(before);
        assertThat(jdbc.queryForObject("select count(*) from audit_log", Integer.class)).isGreaterThanOrEqualTo(total);

        long old = insertAged(path, 200);
        assertThat(jdbc.update("delete from audit_log where id = ?", old)).as("older than 183 days").isEqualTo(1);
        assertThat(countPath(path)).isEqualTo(1);
    }

    @Test
    void retentionDeletesOnlyRecordsOlderThanItsSetting() {
        String path = "/retention/" + UUID.randomUUID();
        long ancient = insertAged(path, 500);
        long recent = insertAged(path, 10);

        assertThatThrownBy(() -> auditLog.deleteOlderThan(Duration.ofDays(5), Instant.now()))
                .as("a retention below the legal minimum is refused by the table, whatever the application asks")
                .isInstanceOf(DataAccessException.class);
        assertThat(countPath(path)).as("the refused statement deleted nothing").isEqualTo(2);

        retention.run();
        assertThat(jdbc.queryForList("select id from audit_log where path = ?", Long.class, path)).containsExactly(recent);
        assertThat(jdbc.queryForObject("select count(*) from audit_log where id = ?", Integer.class, ancient)).isZero();

        long older = insertAged(path, 401);
        long kept = insertAged(path, 399);
        assertThat(auditLog.deleteOlderThan(Duration.ofDays(400), Instant.now())).isEqualTo(1);
        assertThat(jdbc.queryForList("select id from audit_log where path = ? order by id", Long.class, path))
                .containsExactly(recent, kept).doesNotContain(older);

        assertThatThrownBy(() -> new AuditProperties(Duration.ofDays(100), Duration.ofHours(6)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("183");
        assertThatNoException().isThrownBy(() -> new AuditProperties(AuditProperties.MINIMUM_RETENTION, Duration.ofHours(6)));
    }

    @Test
    void auditorsFilterAndPageTheLogNewestFirst() {
        ApiClient auditor = auditor();
        for (String query : List.of("size=501", "size=0", "page=-1")) {
            Response invalid = auditor.get("/audit-log?" + query);
            assertThat(invalid.status()).as(query).isEqualTo(400);
            assertThat(invalid.text("code")).isEqualTo("invalid-input");
        }
        assertThat(auditor.get("/audit-log?size=500").status()).isEqualTo(200);

        String projectId = newProject("100.00");
        String path = "/projects/" + projectId + "/expenditures";
        String subject = unique("clerk");
        ApiClient clerk = api().as(token(subject, "finance-system", "poster"));
        ApiClient sameClerkAsViewer = api().as(token(subject, "finance-system", "viewer"));
        assertThat(clerk.post(path, payment(unique("PAY"), "10.00")).status()).isEqualTo(201);
        assertThat(clerk.post(path, payment(unique("PAY"), "500.00")).status()).isEqualTo(422);
        assertThat(sameClerkAsViewer.post(path, payment(unique("PAY"), "1.00")).status()).isEqualTo(403);
        assertThat(clerk.post(path, payment(unique("PAY"), "20.00")).status()).isEqualTo(201);
        List<Map<String, Object>> rows = awaitRows("POST", path, 4);
        List<Long> ids = rows.stream().map(row -> ((Number) row.get("id")).longValue()).toList();
        List<Long> newestFirst = new ArrayList<>(ids);
        Collections.reverse(newestFirst);

        assertThat(recordIds(auditor.get("/audit-log?subject=" + subject))).containsExactlyElementsOf(newestFirst);
        assertThat(recordIds(auditor.get("/audit-log?target=" + projectId + "&action=record-payment"))).containsExactlyElementsOf(newestFirst);
        assertThat(recordIds(auditor.get("/audit-log?subject=" + subject + "&outcome=accepted")))
                .containsExactly(ids.get(3), ids.get(0));
        assertThat(recordIds(auditor.get("/audit-log?subject=" + subject + "&outcome=refused"))).containsExactly(ids.get(1));
        assertThat(recordIds(auditor.get("/audit-log?target=" + projectId + "&outcome=forbidden"))).containsExactly(ids.get(2));
        assertThat(recordIds(auditor.get("/audit-log?subject=" + subject + "&outcome=unauthenticated"))).isEmpty();
        assertThat(recordIds(auditor.get("/audit-log?subject=nobody-" + UUID.randomUUID()))).isEmpty();

        for (int page = 0; page < 4; page++) {
            assertThat(recordIds(auditor.get("/audit-log?subject=" + subject + "&size=1&page=" + page)))
                    .as("page %d", page).containsExactly(newestFirst.get(page));
        }
        assertThat(recordIds(auditor.get("/audit-log?subject=" + subject + "&size=3&page=1"))).containsExactly(newestFirst.get(3));
        assertThat(recordIds(auditor.get("/audit-log?subject=" + subject + "&size=1&page=4"))).isEmpty();

        Instant oldest = ((java.sql.Timestamp) rows.get(0).get("recorded_at")).toInstant();
        assertThat(recordIds(auditor.get("/audit-log?subject=" + subject + "&to=" + oldest))).as("to is exclusive").isEmpty();
        assertThat(recordIds(auditor.get("/audit-log?subject=" + subject + "&from=" + oldest))).containsExactlyElementsOf(newestFirst);
    }

    private static List<Long> recordIds(Response response) {
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        return response.body().valueStream().map(record -> record.path("id").asLong()).toList();
    }
}
