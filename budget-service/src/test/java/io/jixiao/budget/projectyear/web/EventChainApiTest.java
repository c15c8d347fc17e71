package io.jixiao.budget.projectyear.web;

import io.jixiao.testing.ApiClient;
import io.jixiao.testing.ApiClient.Response;
import io.jixiao.testing.TestIssuer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The event store's SM3 chain and SM2 checkpoints through the auditor's API: whole, then tampered with in SQL
 * (a row changed, a row deleted, a row slipped in), each named with its position and event, and whole again once
 * put back. Every change is undone in a finally, so the other tests sharing this database find their store intact.
 */
class EventChainApiTest extends BudgetApiTestBase {

    private static final String PAYEE = "链校验测试公司";
    private static final String COLUMNS = "global_index, event_identifier, meta_data, payload, payload_revision, payload_type, "
            + "time_stamp, aggregate_identifier, sequence_number, type";

    private ApiClient auditor() {
        return api().as(TestIssuer.instance().token("chain-auditor", "*", "auditor"));
    }

    private JsonNode verification() {
        Response verified = auditor().get("/integrity/verification");
        assertThat(verified.status()).as(verified.raw()).isEqualTo(200);
        return verified.body();
    }

    private void assertWhole() {
        long stored = jdbc.queryForObject("select count(*) from domain_event_entry", Long.class);
        JsonNode verification = verification();
        assertThat(verification.path("ok").asBoolean()).as(verification.toString()).isTrue();
        assertThat(verification.path("problems").asLong()).isZero();
        assertThat(verification.path("firstProblem").isNull() || verification.path("firstProblem").isMissingNode())
                .as("no problem named").isTrue();
        assertThat(verification.path("rowsChecked").asLong()).isGreaterThanOrEqualTo(stored);
    }

    private JsonNode assertOneProblem(String kind, long globalIndex) {
        JsonNode verification = verification();
        assertThat(verification.path("ok").asBoolean()).as(verification.toString()).isFalse();
        assertThat(verification.path("problems").asLong()).as(verification.toString()).isEqualTo(1);
        JsonNode problem = verification.path("firstProblem");
        assertThat(problem.path("kind").asString()).isEqualTo(kind);
        assertThat(problem.path("globalIndex").asLong()).isEqualTo(globalIndex);
        assertThat(problem.path("description").asString()).contains(String.valueOf(globalIndex));
        return problem;
    }

    private String paidProject() {
        String projectId = newProject("1000.00");
        for (int i = 1; i <= 3; i++) {
            Response paid = post("/projects/" + projectId + "/expenditures", """
                    {"paymentReference":"CHAIN-%d","fundSource":"CURRENT_YEAR_APPROPRIATION","amount":"10.00","businessDate":"2023-06-30","payee":"%s","voucherNumber":"记-000%d"}
                    """.formatted(i, PAYEE, i));
            assertThat(paid.status()).as(paid.raw()).isEqualTo(201);
        }
        return projectId;
    }

    private Map<String, Object> event(String projectId, long sequence) {
        return jdbc.queryForMap("select " + COLUMNS + " from domain_event_entry where aggregate_identifier = ? and sequence_number = ?",
                projectId, sequence);
    }

    private void insert(Map<String, Object> row) {
        jdbc.update("insert into domain_event_entry (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                row.get("global_index"), row.get("event_identifier"), row.get("meta_data"), row.get("payload"),
                row.get("payload_revision"), row.get("payload_type"), row.get("time_stamp"), row.get("aggregate_identifier"),
                row.get("sequence_number"), row.get("type"));
    }

    private static long index(Map<String, Object> row) {
        return ((Number) row.get("global_index")).longValue();
    }

    @Test
    void theChainIsWholeAndItsHeadCanBeSigned() {
        String projectId = paidProject();
        assertWhole();

        Response signed = auditor().post("/integrity/checkpoints", null);
        assertThat(signed.status()).as(signed.raw()).isIn(201, 204);
        if (signed.status() == 201) {
            long head = jdbc.queryForObject("select max(global_index) from event_hash_chain", Long.class);
            assertThat(signed.body().path("globalIndex").asLong()).isEqualTo(head);
            assertThat(signed.body().path("headHash").asString()).isEqualTo(HexFormat.of().formatHex(jdbc.queryForObject(
                    "select hash from event_hash_chain where global_index = ?", byte[].class, head)));
            assertThat(signed.body().path("signature").asString()).isNotEmpty();
            assertThat(signed.body().path("publicKey").asString()).isNotEmpty();
        }
        assertThat(auditor().post("/integrity/checkpoints", null).status()).as("the head has not moved").isEqualTo(204);
        JsonNode verification = verification();
        assertThat(verification.path("ok").asBoolean()).isTrue();
        assertThat(verification.path("checkpointsChecked").asLong()).isPositive();
        assertThat(index(event(projectId, 5))).as("the last payment is chained")
                .isLessThanOrEqualTo(jdbc.queryForObject("select max(global_index) from event_hash_chain", Long.class));

        ApiClient admin = api().as(TestIssuer.instance().token("chain-admin", "*", "admin"));
        assertThat(admin.post("/integrity/checkpoints", null).status()).isIn(201, 204);
        assertThat(admin.get("/integrity/verification").status()).isEqualTo(403);
    }

    @Test
    void onlyAuditorsVerify() {
        ApiClient viewer = api().as(TestIssuer.instance().token("chain-viewer", "*", "viewer"));
        Response verification = viewer.get("/integrity/verification");
        assertThat(verification.status()).isEqualTo(403);
        assertThat(verification.text("code")).isEqualTo("role-not-allowed");
        Response checkpoint = viewer.post("/integrity/checkpoints", null);
        assertThat(checkpoint.status()).isEqualTo(403);
        assertThat(checkpoint.text("code")).isEqualTo("role-not-allowed");
        assertThat(api().as(null).get("/integrity/verification").status()).isEqualTo(401);
    }

    @Test
    void aChangedRowIsNamedAtItsPosition() {
        String projectId = paidProject();
        assertWhole();
        Map<String, Object> row = event(projectId, 4);
        long position = index(row);
        byte[] original = (byte[]) row.get("payload");
        String json = new String(original, StandardCharsets.UTF_8);
        assertThat(json).contains(PAYEE);
        byte[] changed = json.replace(PAYEE, PAYEE + "乙").getBytes(StandardCharsets.UTF_8);
        try {
            assertThat(jdbc.update("update domain_event_entry set payload = ? where global_index = ?", changed, position)).isEqualTo(1);
            JsonNode problem = assertOneProblem("MODIFIED", position);
            assertThat(problem.path("eventIdentifier").asString()).isEqualTo(row.get("event_identifier"));
            assertThat(problem.path("aggregateIdentifier").asString()).isEqualTo(projectId);
        } finally {
            jdbc.update("update domain_event_entry set payload = ? where global_index = ?", original, position);
        }
        assertWhole();

        // a change to any other column is seen too: here the time stamp
        String stamp = (String) row.get("time_stamp");
        try {
            jdbc.update("update domain_event_entry set time_stamp = ? where global_index = ?", stamp.replace("2", "1"), position);
            assertOneProblem("MODIFIED", position);
        } finally {
            jdbc.update("update domain_event_entry set time_stamp = ? where global_index = ?", stamp, position);
        }
        assertWhole();
    }

    @Test
    void aDeletedRowIsNamedAtItsPosition() {
        String projectId = paidProject();
        assertWhole();
        Map<String, Object> row = event(projectId, 5);
        long position = index(row);
        boolean deleted = false;
        try {
            assertThat(jdbc.update("delete from domain_event_entry where global_index = ?", position)).isEqualTo(1);
            deleted = true;
            JsonNode problem = assertOneProblem("DELETED", position);
            assertThat(problem.path("eventIdentifier").isNull() || problem.path("eventIdentifier").isMissingNode()).isTrue();
        } finally {
            if (deleted) {
                insert(row);
            }
        }
        assertThat(event(projectId, 5)).usingRecursiveComparison().isEqualTo(row);
        assertWhole();
    }

    @Test
    void aRowSlippedInIsNamedAtItsPosition() {
        String projectId = paidProject();
        assertWhole();
        Map<String, Object> copy = new java.util.HashMap<>(event(projectId, 3));
        // a position above the head; the engine's next append (after the row is gone) takes the one after the head
        long position = jdbc.queryForObject("select max(global_index) + 1000 from domain_event_entry", Long.class);
        String eventId = UUID.randomUUID().toString();
        String aggregate = "2023-SLIPPED-" + UUID.randomUUID().toString().substring(0, 8);
        copy.put("global_index", position);
        copy.put("event_identifier", eventId);
        copy.put("aggregate_identifier", aggregate);
        copy.put("sequence_number", 0L);
        assertThat(position).isGreaterThan(jdbc.queryForObject("select max(global_index) from event_hash_chain", Long.class));
        try {
            insert(copy);
            JsonNode problem = assertOneProblem("INSERTED", position);
            assertThat(problem.path("eventIdentifier").asString()).isEqualTo(eventId);
            assertThat(problem.path("aggregateIdentifier").asString()).isEqualTo(aggregate);
        } finally {
            jdbc.update("delete from domain_event_entry where event_identifier = ?", eventId);
        }
        assertWhole();
        // the engine appends on as before
        assertThat(post("/projects/" + projectId + "/expenditures", payment("CHAIN-AFTER", "1.00")).status()).isEqualTo(201);
        assertWhole();
    }
}
