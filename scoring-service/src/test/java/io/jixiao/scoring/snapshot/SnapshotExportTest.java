package io.jixiao.scoring.snapshot;

import io.jixiao.contracts.EventJson;
import io.jixiao.contracts.FundSource;
import io.jixiao.contracts.Money;
import io.jixiao.contracts.PublishedEvent;
import io.jixiao.contracts.budget.ExpenditureRecorded;
import io.jixiao.contracts.budget.InitialBudgetAllocated;
import io.jixiao.contracts.budget.ProjectYearRegistered;
import io.jixiao.contracts.indicator.Actual;
import io.jixiao.contracts.indicator.IndicatorActualRecorded;
import io.jixiao.contracts.indicator.IndicatorDefined;
import io.jixiao.contracts.indicator.IndicatorScored;
import io.jixiao.contracts.indicator.Target;
import io.jixiao.scoring.ScoringIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.TimeZone;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;

/**
 * A snapshot's exports through the API: each format streams from the frozen content, twice the same bytes (also
 * under another default time zone), each export is in the audit log, a text that looks like a formula stays text,
 * and the progress of each export can be read.
 */
class SnapshotExportTest extends ScoringIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Instant RECORDED = Instant.parse("2023-12-31T08:00:00Z");

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;

    private void publishAt(String projectId, long sequence, PublishedEvent event) {
        send(topicOf(event), null, projectId, EventJson.write(event, UUID.randomUUID().toString(), sequence, RECORDED));
    }

    private String snapshotOfAProjectWithAFormulaLikeDeviation(String department) throws Exception {
        String project = newProjectId("2023-EXP");
        publishAt(project, 0, new ProjectYearRegistered(project, "EXP", "导出测试项目", department, "导出测试单位", 2023, "shanghai-2023"));
        publishAt(project, 1, new InitialBudgetAllocated(project, FundSource.CURRENT_YEAR_APPROPRIATION, Money.of("1000000.00"), "d",
                LocalDate.of(2023, 1, 1)));
        publishAt(project, 2, new ExpenditureRecorded(project, "EXP-1", FundSource.CURRENT_YEAR_APPROPRIATION, Money.of("426800.00"),
                LocalDate.of(2023, 11, 1), "+1+1", "记-1"));
        publishAt(project, 0, new IndicatorDefined(project, "IND-1", "产出指标", "数量指标", "培训人次", Target.parse("≥100人次"),
                new BigDecimal("20.00")));
        publishAt(project, 1, new IndicatorActualRecorded(project, "IND-1", Actual.parse("80人次"), LocalDate.of(2023, 12, 31)));
        publishAt(project, 2, new IndicatorScored(project, "IND-1", io.jixiao.contracts.indicator.ScoreKind.SELF_ASSESSED,
                new BigDecimal("16.00"), "=HYPERLINK(\"http://x\",\"y\")", false, LocalDate.of(2023, 12, 31)));
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql("select count(*) from applied_event where project_id = ?")
                .param(project).query(Long.class).single() == 6);
        MvcResult taken = mvc.perform(post("/snapshots").contentType("application/json").content("""
                {"quarter":"2023-Q4","department":"%s","knownAt":"2024-01-10T00:00:00Z"}""".formatted(department))).andReturn();
        assertThat(taken.getResponse().getStatus()).as(taken.getResponse().getContentAsString()).isEqualTo(201);
        return JSON.readTree(taken.getResponse().getContentAsString(StandardCharsets.UTF_8)).path("id").asString();
    }

    private byte[] download(String path) throws Exception {
        MvcResult started = mvc.perform(get(path)).andReturn();
        MvcResult done = mvc.perform(asyncDispatch(started)).andReturn();
        assertThat(done.getResponse().getStatus()).as(path).isEqualTo(200);
        return done.getResponse().getContentAsByteArray();
    }

    @Test
    void everyFormatStreamsTheSameBytesTwiceAndIsAudited() throws Exception {
        String department = "上海市导出测试局" + UUID.randomUUID().toString().substring(0, 6);
        String id = snapshotOfAProjectWithAFormulaLikeDeviation(department);
        long auditedBefore = jdbc.sql("select count(*) from audit_log where action like 'export-snapshot-%'").query(Long.class).single();
        TimeZone zone = TimeZone.getDefault();
        for (String format : new String[]{"export.xlsx", "export.pdf", "yitihua.csv", "yitihua.json"}) {
            byte[] first = download("/snapshots/" + id + "/" + format);
            byte[] second;
            try {
                TimeZone.setDefault(TimeZone.getTimeZone("America/Los_Angeles"));
                second = download("/snapshots/" + id + "/" + format);
            } finally {
                TimeZone.setDefault(zone);
            }
            assertThat(first).as(format).isNotEmpty().isEqualTo(second);
        }
        String csv = new String(download("/snapshots/" + id + "/yitihua.csv"), StandardCharsets.UTF_8);
        assertThat(csv).startsWith("\uFEFF").contains("导出测试项目").contains("'=HYPERLINK(").doesNotContain(",=HYPERLINK(");
        JsonNode progress = JSON.readTree(mvc.perform(get("/snapshots/{id}/exports", id)).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8));
        assertThat(progress.get(0).path("format").asString()).isEqualTo("csv");
        assertThat(progress.get(0).path("state").asString()).isEqualTo("DONE");
        assertThat(progress.get(0).path("done").asInt()).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from audit_log where action like 'export-snapshot-%'").query(Long.class).single())
                .isEqualTo(auditedBefore + 9);
        assertThat(mvc.perform(get("/snapshots/2023-Q4-none/export.xlsx")).andReturn().getResponse().getStatus()).isEqualTo(404);
    }
}
