package io.jixiao.scoring.snapshot;

import io.jixiao.contracts.EventJson;
import io.jixiao.contracts.FundSource;
import io.jixiao.contracts.Money;
import io.jixiao.contracts.PublishedEvent;
import io.jixiao.contracts.budget.ExpenditureRecorded;
import io.jixiao.contracts.budget.InitialBudgetAllocated;
import io.jixiao.contracts.budget.ProjectYearRegistered;
import io.jixiao.scoring.ScoringIntegrationTest;
import io.jixiao.scoring.TestClock;
import io.jixiao.testing.TestIssuer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * A quarterly snapshot freezes the forms as of the quarter's last day and as known at a time: a late payment does
 * not change it, a retake with a later known-at shows it, the diff names it, a retake with the same cut-offs gives
 * the same bytes (also after a rebuild of the read model), it never changes, and the automatic one is taken once.
 */
class SnapshotTest extends ScoringIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Instant RECORDED = Instant.parse("2023-12-31T08:00:00Z");
    private static final Instant LATE = Instant.parse("2024-04-05T02:00:00Z");

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TestClock clock;
    @Autowired
    AutomaticSnapshots automatic;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private void publishAt(String projectId, long sequence, PublishedEvent event, Instant recordedAt) {
        send(topicOf(event), null, projectId, EventJson.write(event, UUID.randomUUID().toString(), sequence, recordedAt));
    }

    /** A 2023 project-year of its own department: 300,000 of 1,000,000 paid in November, 100,000 more dated 20 December but recorded in April. */
    private String projectWithALatePayment(String department) {
        String project = newProjectId("2023-SNP");
        publishAt(project, 0, new ProjectYearRegistered(project, "SNP", "快照测试项目", department, "快照测试单位", 2023, "shanghai-2023"), RECORDED);
        publishAt(project, 1, new InitialBudgetAllocated(project, FundSource.CURRENT_YEAR_APPROPRIATION, Money.of("1000000.00"), "d",
                LocalDate.of(2023, 1, 1)), RECORDED);
        publishAt(project, 2, new ExpenditureRecorded(project, "SNP-1", FundSource.CURRENT_YEAR_APPROPRIATION, Money.of("300000.00"),
                LocalDate.of(2023, 11, 1), "某公司", "记-1"), RECORDED);
        publishAt(project, 3, new ExpenditureRecorded(project, "SNP-LATE", FundSource.CURRENT_YEAR_APPROPRIATION, Money.of("100000.00"),
                LocalDate.of(2023, 12, 20), "某公司", "记-2"), LATE);
        // dated in 2024: never in a 2023 snapshot
        publishAt(project, 4, new ExpenditureRecorded(project, "SNP-2024", FundSource.CURRENT_YEAR_APPROPRIATION, Money.of("1.00"),
                LocalDate.of(2024, 1, 2), "某公司", "记-3"), RECORDED);
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql("select count(*) from contribution where project_id = ?")
                .param(project).query(Long.class).single() == 4);
        return project;
    }

    private JsonNode take(String body, int expected) throws Exception {
        MvcResult result = mvc.perform(post("/snapshots").contentType("application/json").content(body)).andReturn();
        String answer = result.getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(result.getResponse().getStatus()).as(answer).isEqualTo(expected);
        return JSON.readTree(answer);
    }

    /** A snapshot streams its content: the answer is read once the stream has ended. */
    private JsonNode read(String path) throws Exception {
        MvcResult result = mvc.perform(get(path)).andReturn();
        if (result.getRequest().isAsyncStarted()) {
            result = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch(result)).andReturn();
        }
        return JSON.readTree(result.getResponse().getContentAsString(StandardCharsets.UTF_8));
    }

    private static JsonNode formOf(JsonNode snapshot, String projectId) {
        return snapshot.path("content").path("forms").valueStream()
                .filter(form -> form.path("projectId").asString().equals(projectId)).findFirst().orElseThrow();
    }

    @Test
    void aLatePaymentLeavesTheSnapshotAloneAndALaterKnownAtShowsItWithTheDiffNamingIt() throws Exception {
        String department = "上海市快照测试局" + UUID.randomUUID().toString().substring(0, 6);
        String project = projectWithALatePayment(department);

        JsonNode april1 = take("""
                {"quarter":"2023-Q4","department":"%s","knownAt":"2024-04-01T08:00:00+08:00"}""".formatted(department), 201);
        assertThat(april1.path("asOf").asString()).isEqualTo("2023-12-31");
        assertThat(april1.path("knownAt").asString()).isEqualTo("2024-04-01T00:00:00Z");
        assertThat(april1.path("projectYears").asInt()).isEqualTo(1);
        assertThat(april1.path("digest").asString()).hasSize(64);
        assertThat(april1.path("positions").size()).isPositive();
        JsonNode frozen = read("/snapshots/" + april1.path("id").asString());
        assertThat(formOf(frozen, project).path("funds").path("total").path("executed").asString()).isEqualTo("30.00");
        assertThat(formOf(frozen, project).path("funds").path("total").path("rate").asString()).isEqualTo("30.00");

        // as known on 10 April: the late payment counts; the 2024 one never does
        JsonNode april10 = take("""
                {"quarter":"2023-Q4","department":"%s","knownAt":"2024-04-10T00:00:00Z"}""".formatted(department), 201);
        assertThat(formOf(read("/snapshots/" + april10.path("id").asString()), project).path("funds").path("total")
                .path("executed").asString()).isEqualTo("40.00");
        JsonNode diff = read("/snapshots/" + april1.path("id").asString() + "/diff/" + april10.path("id").asString());
        assertThat(diff.path("unchanged").asInt()).isZero();
        JsonNode change = diff.path("changes").get(0);
        assertThat(change.path("projectId").asString()).isEqualTo(project);
        assertThat(change.path("change").asString()).isEqualTo("CHANGED");
        assertThat(change.path("figures").valueStream().map(f -> f.path("field").asString() + " " + f.path("before").asString()
                + " -> " + f.path("after").asString())).contains("funds.total.executed 30.00 -> 40.00", "funds.total.rate 30.00 -> 40.00");
        assertThat(change.path("events").valueStream().map(e -> e.path("reference").asString())).containsExactly("SNP-LATE");

        // the same cut-offs again: the same bytes; the content's SM3 is the digest
        JsonNode again = take("""
                {"quarter":"2023-Q4","department":"%s","knownAt":"2024-04-01T00:00:00Z"}""".formatted(department), 201);
        assertThat(again.path("id").asString()).isNotEqualTo(april1.path("id").asString());
        assertThat(again.path("digest").asString()).isEqualTo(april1.path("digest").asString());
        byte[] content = mvc.perform(get("/snapshots/{id}/content", again.path("id").asString())).andReturn().getResponse().getContentAsByteArray();
        assertThat(Snapshots.sm3(content)).isEqualTo(again.path("digest").asString());
        assertThat(read("/snapshots?quarter=2023-Q4").valueStream().map(s -> s.path("id").asString()))
                .contains(april1.path("id").asString(), april10.path("id").asString(), again.path("id").asString());
    }

    @Test
    void aSnapshotNeverChanges() throws Exception {
        String department = "上海市冻结测试局" + UUID.randomUUID().toString().substring(0, 6);
        projectWithALatePayment(department);
        String id = take("""
                {"quarter":"2023-Q4","department":"%s"}""".formatted(department), 201).path("id").asString();
        assertThatThrownBy(() -> jdbc.sql("update snapshot set digest = repeat('0', 64) where id = ?").param(id).update())
                .hasMessageContaining("a snapshot never changes");
        assertThatThrownBy(() -> jdbc.sql("delete from snapshot where id = ?").param(id).update())
                .hasMessageContaining("a snapshot never changes");
        assertThat(jdbc.sql("select count(*) from snapshot where id = ?").param(id).query(Long.class).single()).isEqualTo(1L);
    }

    @Test
    void badRequestsAreRefusedAndRecordNothing() throws Exception {
        long before = jdbc.sql("select count(*) from snapshot").query(Long.class).single();
        assertThat(take("{\"quarter\":\"2023-Q5\"}", 400).path("code").asString()).isEqualTo("invalid-input");
        assertThat(take("{}", 400).path("code").asString()).isEqualTo("invalid-input");
        assertThat(take("{\"quarter\":\"2099-Q1\"}", 422).path("code").asString()).isEqualTo("quarter-not-over");
        assertThat(take("{\"quarter\":\"2023-Q4\",\"knownAt\":\"2999-01-01T00:00:00Z\"}", 422).path("code").asString())
                .isEqualTo("known-at-in-future");
        assertThat(take("{\"quarter\":\"2023-Q4\",\"knownAt\":\"yesterday\"}", 400).path("status").asInt()).isEqualTo(400);
        String viewer = TestIssuer.instance().token("officer-x", "*", "viewer");
        assertThat(mvc.perform(post("/snapshots").header("Authorization", "Bearer " + viewer).contentType("application/json")
                .content("{\"quarter\":\"2023-Q4\"}")).andReturn().getResponse().getStatus()).isEqualTo(403);
        assertThat(mvc.perform(get("/snapshots/2023-Q4-nope")).andReturn().getResponse().getStatus()).isEqualTo(404);
        assertThat(jdbc.sql("select count(*) from snapshot").query(Long.class).single()).isEqualTo(before);
    }

    @Test
    void theAutomaticSnapshotOfAQuarterIsTakenOnceWhoeverLooks() throws Exception {
        // just after 2023 ended, in Beijing
        clock.set(Instant.parse("2023-12-31T16:30:00Z"));
        ExecutorService instances = Executors.newFixedThreadPool(3);
        try {
            List<Callable<Snapshots.Snapshot>> looks = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                looks.add(automatic::takeTheLastQuarter);
            }
            for (Future<Snapshots.Snapshot> look : instances.invokeAll(looks)) {
                look.get();
            }
        } finally {
            instances.shutdown();
        }
        automatic.takeTheLastQuarter();
        assertThat(jdbc.sql("select count(*) from snapshot where automatic and quarter = '2023-Q4' and department is null")
                .query(Long.class).single()).isEqualTo(1L);
        assertThat(jdbc.sql("select known_at from snapshot where automatic and quarter = '2023-Q4'").query(java.sql.Timestamp.class)
                .single().toInstant()).isEqualTo(Instant.parse("2023-12-31T16:30:00Z"));
    }

    @Test
    void aRetakeAfterTheReadModelIsRebuiltGivesTheSameBytes() throws Exception {
        String department = "上海市重建快照局" + UUID.randomUUID().toString().substring(0, 6);
        projectWithALatePayment(department);
        String body = """
                {"quarter":"2023-Q4","department":"%s","knownAt":"2024-04-10T00:00:00Z"}""".formatted(department);
        JsonNode first = take(body, 201);

        mvc.perform(post("/admin/projection/rebuild")).andReturn();
        await("rebuild caught up").atMost(Duration.ofSeconds(90)).until(() ->
                read("/admin/projection/rebuild").path("state").asString().equals("CAUGHT_UP"));

        JsonNode retaken = take(body, 201);
        assertThat(retaken.path("digest").asString()).isEqualTo(first.path("digest").asString());
        assertThat(mvc.perform(get("/snapshots/{id}/content", retaken.path("id").asString())).andReturn().getResponse().getContentAsByteArray())
                .isEqualTo(mvc.perform(get("/snapshots/{id}/content", first.path("id").asString())).andReturn().getResponse().getContentAsByteArray());
    }
}
