package io.jixiao.scoring.projection;

import io.jixiao.contracts.FundSource;
import io.jixiao.contracts.Money;
import io.jixiao.contracts.PublishedEvent;
import io.jixiao.contracts.budget.AdjustmentKind;
import io.jixiao.contracts.budget.BudgetAdjusted;
import io.jixiao.contracts.budget.ExpenditureRecorded;
import io.jixiao.contracts.budget.InitialBudgetAllocated;
import io.jixiao.contracts.budget.ProjectYearOpened;
import io.jixiao.contracts.budget.ProjectYearRegistered;
import io.jixiao.contracts.indicator.Actual;
import io.jixiao.contracts.indicator.IndicatorActualRecorded;
import io.jixiao.contracts.indicator.IndicatorDefined;
import io.jixiao.contracts.indicator.IndicatorScored;
import io.jixiao.contracts.indicator.ScoreKind;
import io.jixiao.contracts.indicator.Target;
import io.jixiao.scoring.ScoringIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** A rebuild from the start of the topics ends with the same read model and the same forms as before. */
class RebuildTest extends ScoringIntegrationTest {

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;

    private final Map<String, Long> sequences = new HashMap<>();

    private void publishNext(String projectId, PublishedEvent... events) {
        for (PublishedEvent event : events) {
            long sequence = sequences.merge(topicOf(event) + '/' + projectId, 1L, Long::sum) - 1;
            publish(projectId, envelope(event, sequence), event);
        }
    }

    private String form(String projectId) throws Exception {
        return mvc.perform(get("/projects/{id}/form", projectId)).andReturn().getResponse()
                .getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
    }

    private List<String> rows(String projectId) {
        return jdbc.sql("""
                        select concat_ws(' ', event_id, fund_source, event_type, reference, initial, full_year, executed, business_date)
                          from contribution where project_id = ? order by event_id
                        """).param(projectId).query(String.class).list();
    }

    @Test
    void rebuildsTheSameFormsFromTheStartOfTheTopicsAndShowsItsProgress() throws Exception {
        String projectId = "2023-" + newProjectId("REBUILD");
        LocalDate day = LocalDate.of(2023, 6, 30);
        publishNext(projectId, new ProjectYearRegistered(projectId, "R", "展示运行", "上海市科学技术委员会", "上海科技馆", 2023, "shanghai-2023"),
                new InitialBudgetAllocated(projectId, FundSource.CURRENT_YEAR_APPROPRIATION, Money.of("75052900.00"), "d", LocalDate.of(2023, 1, 1)),
                new InitialBudgetAllocated(projectId, FundSource.OTHER_FUNDS, Money.of("126213100.00"), "d", LocalDate.of(2023, 1, 1)),
                new ProjectYearOpened(projectId, LocalDate.of(2023, 1, 1)),
                new BudgetAdjusted(projectId, "A1", AdjustmentKind.DECREASE, FundSource.CURRENT_YEAR_APPROPRIATION, Money.of("535100.00"),
                        "r", "d", day, null, null, false),
                new BudgetAdjusted(projectId, "A2", AdjustmentKind.RECOVERY, FundSource.OTHER_FUNDS, Money.of("6499800.00"),
                        "r", "d", day, null, null, false),
                new ExpenditureRecorded(projectId, "P1", FundSource.CURRENT_YEAR_APPROPRIATION, Money.of("71289800.00"), day, "p", "v"),
                new ExpenditureRecorded(projectId, "P2", FundSource.OTHER_FUNDS, Money.of("87746700.00"), day, "p", "v"),
                new IndicatorDefined(projectId, "i1", "产出指标", "数量指标", "预算执行率率", Target.parse("≥95(%)"), new BigDecimal("10.00")),
                new IndicatorActualRecorded(projectId, "i1", Actual.parse("81.88(%)"), day),
                new IndicatorScored(projectId, "i1", ScoreKind.SELF_ASSESSED, new BigDecimal("8.00"), "落实过紧日子要求", true, day));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> mvc.perform(get("/projects/{id}/form", projectId))
                .andExpect(jsonPath("$.funds.total.rate").value("81.88"))
                .andExpect(jsonPath("$.indicators[0].selfAssessedScore").value("8.00")));
        String before = form(projectId);
        List<String> contributions = rows(projectId);
        assertThat(contributions).hasSize(6);

        mvc.perform(post("/admin/projection/rebuild")).andExpect(status().isAccepted())
                .andExpect(jsonPath("$.target").isNumber());
        await("rebuild caught up").atMost(Duration.ofSeconds(60)).untilAsserted(() -> mvc.perform(get("/admin/projection/rebuild"))
                .andExpect(jsonPath("$.state").value("CAUGHT_UP"))
                .andExpect(jsonPath("$.percent").value("100.00")));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(form(projectId)).isEqualTo(before));
        assertThat(rows(projectId)).isEqualTo(contributions);
        assertThat(jdbc.sql("select count(*) from applied_event where project_id = ?").param(projectId).query(Long.class).single())
                .isEqualTo(11L);
    }
}
