package io.jixiao.scoring.form;

import io.jixiao.contracts.EventJson;
import io.jixiao.contracts.FundSource;
import io.jixiao.contracts.Money;
import io.jixiao.contracts.PublishedEvent;
import io.jixiao.contracts.budget.ExpenditureRecorded;
import io.jixiao.contracts.budget.ExpenditureReversed;
import io.jixiao.contracts.budget.InitialBudgetAllocated;
import io.jixiao.contracts.budget.ProjectYearOpened;
import io.jixiao.contracts.budget.ProjectYearRegistered;
import io.jixiao.contracts.indicator.Actual;
import io.jixiao.contracts.indicator.IndicatorActualRecorded;
import io.jixiao.contracts.indicator.IndicatorDefined;
import io.jixiao.contracts.indicator.Target;
import io.jixiao.scoring.ScoringIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The form as of a business date and as known at a time, and every figure traced to its events and rules: one
 * project-year, published once, and one behaviour per test.
 */
class FormAsOfAndExplainTest extends ScoringIntegrationTest {

    @Autowired
    MockMvc mvc;

    private static final Map<String, Long> SEQUENCES = new HashMap<>();
    private static String projectId;

    private void publishAt(String recordedAt, PublishedEvent event) {
        long sequence = SEQUENCES.merge(topicOf(event) + '/' + projectId, 1L, Long::sum) - 1;
        send(topicOf(event), null, projectId, EventJson.write(event, UUID.randomUUID().toString(), sequence, Instant.parse(recordedAt)));
    }

    private static ExpenditureRecorded pay(String reference, String amount, LocalDate date) {
        return new ExpenditureRecorded(projectId, reference, FundSource.OTHER_FUNDS, Money.of(amount), date, "某公司", "v");
    }

    /**
     * A budget of 100 万元 from Jan 1; 10 万元 paid on 30 March but recorded on 2 April; 20 万元 paid on 15 April and
     * reversed on 20 April; an indicator defined in May at 42.68%, reaching 95.00% in September; and the year's
     * self-evaluation after it ended: a second indicator defined on 10 January 2024, its actual on 15 January.
     */
    @BeforeEach
    void theYearOnce() throws Exception {
        if (projectId != null) {
            return;
        }
        projectId = "2023-" + newProjectId("ASOF");
        publishAt("2023-01-01T01:00:00Z", new ProjectYearRegistered(projectId, "ASOF", "展示运行", "d", "u", 2023, "shanghai-2023"));
        publishAt("2023-01-01T01:00:00Z", new InitialBudgetAllocated(projectId, FundSource.OTHER_FUNDS,
                Money.of("1000000.00"), "沪财预〔2023〕1号", LocalDate.of(2023, 1, 1)));
        publishAt("2023-01-01T01:00:00Z", new ProjectYearOpened(projectId, LocalDate.of(2023, 1, 1)));
        publishAt("2023-04-02T02:00:00Z", pay("P-0330", "100000.00", LocalDate.of(2023, 3, 30)));
        publishAt("2023-04-15T02:00:00Z", pay("P-0415", "200000.00", LocalDate.of(2023, 4, 15)));
        publishAt("2023-04-20T02:00:00Z", new ExpenditureReversed(projectId, "P-0415", FundSource.OTHER_FUNDS,
                Money.of("200000.00"), LocalDate.of(2023, 4, 20), "冲销"));
        publishAt("2023-05-01T02:00:00Z", new IndicatorDefined(projectId, "i1", "产出指标", "数量指标", "当年预算完成率",
                Target.parse("≥90(%)"), new BigDecimal("5.00")));
        publishAt("2023-05-01T02:00:00Z", new IndicatorActualRecorded(projectId, "i1", Actual.parse("42.68(%)"), LocalDate.of(2023, 5, 1)));
        publishAt("2023-09-01T02:00:00Z", new IndicatorActualRecorded(projectId, "i1", Actual.parse("95.00(%)"), LocalDate.of(2023, 9, 1)));
        publishAt("2024-01-10T02:00:00Z", new IndicatorDefined(projectId, "i2", "产出指标", "数量指标", "展览场次",
                Target.parse("≥10(次)"), new BigDecimal("5.00")));
        publishAt("2024-01-15T02:00:00Z", new IndicatorActualRecorded(projectId, "i2", Actual.parse("12(次)"), LocalDate.of(2024, 1, 15)));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> mvc.perform(get("/projects/{id}/form", projectId))
                .andExpect(jsonPath("$.funds.total.executed").value("10.00"))
                .andExpect(jsonPath("$.indicators[0].actual").value("95.00(%)"))
                .andExpect(jsonPath("$.indicators[1].actual").value("12(次)")));
    }

    @Test
    void aPaymentDatedInMarchButRecordedInAprilCountsInQ1ByBusinessDate() throws Exception {
        mvc.perform(get("/projects/{id}/form", projectId).param("asOf", "2023-03-31"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.asOf").value("2023-03-31"))
                .andExpect(jsonPath("$.funds.total.executed").value("10.00"))
                .andExpect(jsonPath("$.funds.total.rate").value("10.00"))
                .andExpect(jsonPath("$.funds.score").value("1.00"));
    }

    @Test
    void butItWasNotKnownAtQuarterEnd() throws Exception {
        mvc.perform(get("/projects/{id}/form", projectId).param("asOf", "2023-03-31").param("knownAt", "2023-04-01T00:00:00+08:00"))
                .andExpect(jsonPath("$.funds.total.executed").value("0.00"))
                .andExpect(jsonPath("$.funds.total.initial").value("100.00"));
    }

    /**
     * What is recorded after the year ended, dated then (its self-evaluation, or history imported years later),
     * belongs to the year-end form: it counts from 31 December, not before, and only once it was known.
     */
    @Test
    void theSelfEvaluationRecordedAfterTheYearCountsFromItsLastDay() throws Exception {
        mvc.perform(get("/projects/{id}/form", projectId).param("asOf", "2023-12-30"))
                .andExpect(jsonPath("$.indicators.length()").value(1));
        mvc.perform(get("/projects/{id}/form", projectId).param("asOf", "2023-12-31"))
                .andExpect(jsonPath("$.indicators.length()").value(2))
                .andExpect(jsonPath("$.indicators[1].level3").value("展览场次"))
                .andExpect(jsonPath("$.indicators[1].actual").value("12(次)"));
        mvc.perform(get("/projects/{id}/form", projectId).param("asOf", "2023-12-31").param("knownAt", "2024-01-12T00:00:00+08:00"))
                .andExpect(jsonPath("$.indicators.length()").value(2))
                .andExpect(jsonPath("$.indicators[1].actual").value("未填报"));
        mvc.perform(get("/projects/{id}/form", projectId).param("asOf", "2023-12-31").param("knownAt", "2024-01-01T00:00:00+08:00"))
                .andExpect(jsonPath("$.indicators.length()").value(1));
    }

    @Test
    void aReversalTakesThePaymentBackFromItsOwnDate() throws Exception {
        mvc.perform(get("/projects/{id}/form", projectId).param("asOf", "2023-04-15"))
                .andExpect(jsonPath("$.funds.total.executed").value("30.00"));
        mvc.perform(get("/projects/{id}/form", projectId).param("asOf", "2023-04-20"))
                .andExpect(jsonPath("$.funds.total.executed").value("10.00"));
    }

    /** Not yet defined at the end of Q1, 42.68% in May (and as known on 31 August), 95.00% now. */
    @Test
    void theIndicatorsShowAsTheyStood() throws Exception {
        mvc.perform(get("/projects/{id}/form", projectId).param("asOf", "2023-03-31"))
                .andExpect(jsonPath("$.indicators.length()").value(0));
        mvc.perform(get("/projects/{id}/form", projectId).param("asOf", "2023-06-30"))
                .andExpect(jsonPath("$.indicators[0].actual").value("42.68(%)"))
                .andExpect(jsonPath("$.indicators[0].score").value("2.37"));
        mvc.perform(get("/projects/{id}/form", projectId).param("knownAt", "2023-08-31T00:00:00Z"))
                .andExpect(jsonPath("$.indicators[0].actual").value("42.68(%)"));
        mvc.perform(get("/projects/{id}/form", projectId))
                .andExpect(jsonPath("$.indicators[0].actual").value("95.00(%)"))
                .andExpect(jsonPath("$.indicators[0].score").value("5.00"));
    }

    @Test
    void theExplanationTracesEachFundFigureToItsEvents() throws Exception {
        mvc.perform(get("/projects/{id}/form/explain", projectId))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.funds.bySource.OTHER_FUNDS.length()").value(4))
                .andExpect(jsonPath("$.funds.bySource.OTHER_FUNDS[1].reference").value("P-0330"))
                .andExpect(jsonPath("$.funds.bySource.OTHER_FUNDS[1].executed").value("100000.00"))
                .andExpect(jsonPath("$.funds.bySource.OTHER_FUNDS[1].businessDate").value("2023-03-30"))
                .andExpect(jsonPath("$.funds.bySource.OTHER_FUNDS[1].recordedAt").value("2023-04-02T02:00:00Z"))
                .andExpect(jsonPath("$.funds.bySource.OTHER_FUNDS[3].eventType").value("ExpenditureReversed"))
                .andExpect(jsonPath("$.funds.bySource.OTHER_FUNDS[3].executed").value("-200000.00"));
    }

    @Test
    void theExplanationPrintsTheRulesTheFormWasComputedBy() throws Exception {
        mvc.perform(get("/projects/{id}/form/explain", projectId))
                .andExpect(jsonPath("$.funds.fundsScoreRule").value(containsString("10.00 × min(执行率, 100)")))
                .andExpect(jsonPath("$.funds.fundsScoreRule").value(containsString("cut to 2 decimals")))
                .andExpect(jsonPath("$.indicators[0].computedScore").value("5.00"))
                .andExpect(jsonPath("$.indicators[0].printedFrom").value("COMPUTED"))
                .andExpect(jsonPath("$.indicators[0].rule").value(containsString("weight × actual ÷ target")))
                .andExpect(jsonPath("$.gradeRule").value(containsString("优 ≥ 90.00")));
    }

    @Test
    void rejectsAnImpossibleDateAndAnUnknownProject() throws Exception {
        mvc.perform(get("/projects/{id}/form", projectId).param("asOf", "2023-13-01")).andExpect(status().isBadRequest());
        mvc.perform(get("/projects/{id}/form/explain", "2023-NOPE")).andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("unknown-project"));
    }
}
