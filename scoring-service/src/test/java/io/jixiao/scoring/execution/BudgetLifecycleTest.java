package io.jixiao.scoring.execution;

import io.jixiao.contracts.FundSource;
import java.math.BigDecimal;
import io.jixiao.contracts.indicator.Target;
import io.jixiao.contracts.indicator.IndicatorBoundToExecutionRate;
import io.jixiao.contracts.indicator.IndicatorDefined;
import io.jixiao.contracts.Money;
import io.jixiao.contracts.PublishedEvent;
import io.jixiao.contracts.budget.AdjustmentKind;
import io.jixiao.contracts.budget.BudgetAdjusted;
import io.jixiao.contracts.budget.ExpenditureRecorded;
import io.jixiao.contracts.budget.ExpenditureRefunded;
import io.jixiao.contracts.budget.ExpenditureReversed;
import io.jixiao.contracts.budget.InitialBudgetAllocated;
import io.jixiao.contracts.budget.ProjectYearClosed;
import io.jixiao.contracts.budget.ProjectYearOpened;
import io.jixiao.contracts.budget.ProjectYearRegistered;
import io.jixiao.scoring.ScoringIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.json.JsonCompareMode;
import org.springframework.test.web.servlet.MockMvc;

import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

import static io.jixiao.contracts.FundSource.CURRENT_YEAR_APPROPRIATION;
import static io.jixiao.contracts.FundSource.OTHER_FUNDS;
import static io.jixiao.contracts.FundSource.PRIOR_YEAR_CARRYOVER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The year's lifecycle and in-year budget events: opening, adjustments, reversals, refunds, close. */
class BudgetLifecycleTest extends ScoringIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final LocalDate OPENED_ON = LocalDate.of(2023, 1, 10);
    private static final LocalDate CLOSED_ON = LocalDate.of(2023, 12, 31);

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;

    /** The next sequence of each project's budget stream. */
    private final Map<String, Long> sequences = new HashMap<>();

    @Test
    void reproducesShowRunOnTheAdjustedBudget() {
        // 展示运行 of the 2023 seed: 20,126.60 万元 initial, 19,423.11 full-year, 15,903.65 executed → 81.88 (not 79.01)
        String projectId = newProjectId("2023-ZSYX");
        publishNext(projectId, register(projectId, "展示运行", 2023),
                allocate(projectId, CURRENT_YEAR_APPROPRIATION, "75052900.00"),
                allocate(projectId, OTHER_FUNDS, "126213100.00"),
                new ProjectYearOpened(projectId, OPENED_ON),
                adjust(projectId, "ADJ-1", AdjustmentKind.DECREASE, CURRENT_YEAR_APPROPRIATION, "535100.00"),
                adjust(projectId, "ADJ-2", AdjustmentKind.RECOVERY, OTHER_FUNDS, "6499800.00"),
                pay(projectId, CURRENT_YEAR_APPROPRIATION, "50000000.00", "PAY-1"),
                pay(projectId, CURRENT_YEAR_APPROPRIATION, "21289800.00", "PAY-2"),
                pay(projectId, OTHER_FUNDS, "87746700.00", "PAY-3"));

        await().atMost(WAIT).untilAsserted(() -> mvc.perform(get("/projects/{id}/execution", projectId))
                .andExpect(status().isOk())
                .andExpect(content().json("""
                        {"projectId":"%s","name":"展示运行","fiscalYear":2023,"status":"OPEN",
                         "total":{"initial":"201266000.00","fullYear":"194231100.00","executed":"159036500.00","rate":"81.88"},
                         "sources":{
                           "CURRENT_YEAR_APPROPRIATION":{"initial":"75052900.00","fullYear":"74517800.00","executed":"71289800.00","rate":"95.66"},
                           "PRIOR_YEAR_CARRYOVER":{"initial":"0.00","fullYear":"0.00","executed":"0.00","rate":"0.00"},
                           "OTHER_FUNDS":{"initial":"126213100.00","fullYear":"119713300.00","executed":"87746700.00","rate":"73.29"}},
                         "eventsApplied":9}
                        """.formatted(projectId), JsonCompareMode.STRICT)));
        await().atMost(WAIT).untilAsserted(() -> mvc.perform(get("/projects"))
                .andExpect(jsonPath("$[?(@.projectId == '%s')].rate".formatted(projectId)).value("81.88"))
                .andExpect(jsonPath("$[?(@.projectId == '%s')].status".formatted(projectId)).value("OPEN")));
        // the parts the figures are made of: full_year = initial + adjusted
        assertThat(jdbc.sql("select adjusted from fund_position where project_id = ? and fund_source = ?")
                .params(projectId, OTHER_FUNDS.name()).query(String.class).single()).isEqualTo("-6499800.00");
    }

    @Test
    void executionAboveTheAdjustedBudgetShowsTheTrueRate() {
        String projectId = newProjectId("over");
        publishNext(projectId, register(projectId, "超预算", 2023),
                allocate(projectId, CURRENT_YEAR_APPROPRIATION, "1200000.00"),
                new ProjectYearOpened(projectId, OPENED_ON),
                pay(projectId, CURRENT_YEAR_APPROPRIATION, "1041700.00", "PAY-1"),
                new BudgetAdjusted(projectId, "ADJ-1", AdjustmentKind.DECREASE, CURRENT_YEAR_APPROPRIATION,
                        Money.of("200000.00"), "调减", "沪财预〔2023〕9号", LocalDate.of(2023, 11, 1), null, null, true));

        await().atMost(WAIT).untilAsserted(() -> mvc.perform(get("/projects/{id}/execution", projectId))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.eventsApplied").value(5))
                .andExpect(jsonPath("$.total.initial").value("1200000.00"))
                .andExpect(jsonPath("$.total.fullYear").value("1000000.00"))
                .andExpect(jsonPath("$.total.rate").value("104.17")));
    }

    @Test
    void increaseAddsToTheFullYearBudgetOnly() {
        String projectId = newProjectId("increase");
        publishNext(projectId, register(projectId, "追加", 2023),
                allocate(projectId, CURRENT_YEAR_APPROPRIATION, "1000000.00"),
                new ProjectYearOpened(projectId, OPENED_ON),
                adjust(projectId, "ADJ-1", AdjustmentKind.INCREASE, CURRENT_YEAR_APPROPRIATION, "250000.00"),
                // an increase of a source with no initial budget opens that source
                adjust(projectId, "ADJ-2", AdjustmentKind.INCREASE, OTHER_FUNDS, "80000.00"),
                pay(projectId, CURRENT_YEAR_APPROPRIATION, "1000000.00", "PAY-1"));

        await().atMost(WAIT).untilAsserted(() -> mvc.perform(get("/projects/{id}/execution", projectId))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.eventsApplied").value(6))
                .andExpect(jsonPath("$.sources.CURRENT_YEAR_APPROPRIATION.initial").value("1000000.00"))
                .andExpect(jsonPath("$.sources.CURRENT_YEAR_APPROPRIATION.fullYear").value("1250000.00"))
                .andExpect(jsonPath("$.sources.CURRENT_YEAR_APPROPRIATION.rate").value("80.00"))
                .andExpect(jsonPath("$.sources.OTHER_FUNDS.initial").value("0.00"))
                .andExpect(jsonPath("$.sources.OTHER_FUNDS.fullYear").value("80000.00"))
                .andExpect(jsonPath("$.total.fullYear").value("1330000.00")));
    }

    @Test
    void transferBetweenSourcesMovesTheRowsAndKeepsTheTotal() {
        String projectId = newProjectId("transfer");
        publishNext(projectId, register(projectId, "调剂", 2023),
                allocate(projectId, CURRENT_YEAR_APPROPRIATION, "1000000.00"),
                allocate(projectId, OTHER_FUNDS, "500000.00"),
                new ProjectYearOpened(projectId, OPENED_ON),
                transfer(projectId, "ADJ-T", AdjustmentKind.TRANSFER_OUT, CURRENT_YEAR_APPROPRIATION, "200000.00",
                        projectId, OTHER_FUNDS),
                transfer(projectId, "ADJ-T", AdjustmentKind.TRANSFER_IN, OTHER_FUNDS, "200000.00",
                        projectId, CURRENT_YEAR_APPROPRIATION),
                pay(projectId, OTHER_FUNDS, "600000.00", "PAY-1"));

        await().atMost(WAIT).untilAsserted(() -> mvc.perform(get("/projects/{id}/execution", projectId))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.eventsApplied").value(7))
                .andExpect(jsonPath("$.sources.CURRENT_YEAR_APPROPRIATION.initial").value("1000000.00"))
                .andExpect(jsonPath("$.sources.CURRENT_YEAR_APPROPRIATION.fullYear").value("800000.00"))
                .andExpect(jsonPath("$.sources.OTHER_FUNDS.initial").value("500000.00"))
                .andExpect(jsonPath("$.sources.OTHER_FUNDS.fullYear").value("700000.00"))
                .andExpect(jsonPath("$.sources.OTHER_FUNDS.rate").value("85.71"))
                .andExpect(jsonPath("$.total.initial").value("1500000.00"))
                .andExpect(jsonPath("$.total.fullYear").value("1500000.00"))
                .andExpect(jsonPath("$.total.rate").value("40.00")));
    }

    @Test
    void transferBetweenProjectsMovesEachProjectsOwnRow() {
        String from = newProjectId("transfer-from");
        String to = newProjectId("transfer-to");
        publishNext(from, register(from, "调出项目", 2023), allocate(from, CURRENT_YEAR_APPROPRIATION, "900000.00"),
                new ProjectYearOpened(from, OPENED_ON),
                transfer(from, "ADJ-X", AdjustmentKind.TRANSFER_OUT, CURRENT_YEAR_APPROPRIATION, "300000.00",
                        to, CURRENT_YEAR_APPROPRIATION));
        publishNext(to, register(to, "调入项目", 2023), allocate(to, CURRENT_YEAR_APPROPRIATION, "100000.00"),
                new ProjectYearOpened(to, OPENED_ON),
                transfer(to, "ADJ-X", AdjustmentKind.TRANSFER_IN, CURRENT_YEAR_APPROPRIATION, "300000.00",
                        from, CURRENT_YEAR_APPROPRIATION));

        await().atMost(WAIT).untilAsserted(() -> {
            mvc.perform(get("/projects/{id}/execution", from))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.eventsApplied").value(4))
                    .andExpect(jsonPath("$.total.initial").value("900000.00"))
                    .andExpect(jsonPath("$.total.fullYear").value("600000.00"));
            mvc.perform(get("/projects/{id}/execution", to))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.eventsApplied").value(4))
                    .andExpect(jsonPath("$.total.initial").value("100000.00"))
                    .andExpect(jsonPath("$.total.fullYear").value("400000.00"));
        });
    }

    @Test
    void reversalsAndRefundsReduceExecutionOfTheYearTheyAreBookedIn() throws Exception {
        String year2023 = newProjectId("2023-refund");
        publishNext(year2023, register(year2023, "退款", 2023),
                allocate(year2023, CURRENT_YEAR_APPROPRIATION, "1000000.00"),
                allocate(year2023, OTHER_FUNDS, "200000.00"),
                new ProjectYearOpened(year2023, OPENED_ON),
                pay(year2023, CURRENT_YEAR_APPROPRIATION, "600000.00", "PAY-1"),
                pay(year2023, CURRENT_YEAR_APPROPRIATION, "100000.00", "PAY-2"),
                pay(year2023, OTHER_FUNDS, "150000.00", "PAY-3"),
                new ExpenditureReversed(year2023, "PAY-2", CURRENT_YEAR_APPROPRIATION, Money.of("100000.00"),
                        LocalDate.of(2023, 7, 1), "重复支付冲销"),
                new ExpenditureRefunded(year2023, "REF-1", year2023, "PAY-1", CURRENT_YEAR_APPROPRIATION,
                        Money.of("50000.00"), LocalDate.of(2023, 9, 1), "供应商退款"),
                new ProjectYearClosed(year2023, CLOSED_ON));
        await().atMost(WAIT).untilAsserted(() -> mvc.perform(get("/projects/{id}/execution", year2023))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.eventsApplied").value(10))
                .andExpect(jsonPath("$.status").value("CLOSED"))
                .andExpect(jsonPath("$.sources.CURRENT_YEAR_APPROPRIATION.executed").value("550000.00"))
                .andExpect(jsonPath("$.sources.CURRENT_YEAR_APPROPRIATION.rate").value("55.00"))
                .andExpect(jsonPath("$.sources.OTHER_FUNDS.executed").value("150000.00"))
                .andExpect(jsonPath("$.total.executed").value("700000.00"))
                .andExpect(jsonPath("$.total.rate").value("58.33")));
        assertThat(jdbc.sql("select paid || ' ' || reversed || ' ' || refunded from fund_position where project_id = ? and fund_source = ?")
                .params(year2023, CURRENT_YEAR_APPROPRIATION.name()).query(String.class).single())
                .isEqualTo("700000.00 100000.00 50000.00");

        // a 2024 refund of a 2023 payment: booked on the 2024 project-year, the closed 2023 form does not move
        String year2024 = newProjectId("2024-refund");
        publishNext(year2024, register(year2024, "退款", 2024),
                allocate(year2024, CURRENT_YEAR_APPROPRIATION, "800000.00"),
                new ProjectYearOpened(year2024, LocalDate.of(2024, 1, 10)),
                pay(year2024, CURRENT_YEAR_APPROPRIATION, "300000.00", "PAY-2024-1"),
                new ExpenditureRefunded(year2024, "REF-2", year2023, "PAY-1", CURRENT_YEAR_APPROPRIATION,
                        Money.of("20000.00"), LocalDate.of(2024, 3, 1), "跨年退款"));
        await().atMost(WAIT).untilAsserted(() -> mvc.perform(get("/projects/{id}/execution", year2024))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.eventsApplied").value(5))
                .andExpect(jsonPath("$.status").value("OPEN"))
                .andExpect(jsonPath("$.total.executed").value("280000.00"))
                .andExpect(jsonPath("$.total.rate").value("35.00")));
        mvc.perform(get("/projects/{id}/execution", year2023))
                .andExpect(jsonPath("$.eventsApplied").value(10))
                .andExpect(jsonPath("$.sources.CURRENT_YEAR_APPROPRIATION.executed").value("550000.00"))
                .andExpect(jsonPath("$.total.executed").value("700000.00"))
                .andExpect(jsonPath("$.total.rate").value("58.33"));
    }

    @Test
    void showsTheStatusFromRegisteredThroughOpenToClosed() throws Exception {
        String projectId = newProjectId("status");
        publishNext(projectId, register(projectId, "状态", 2023), allocate(projectId, CURRENT_YEAR_APPROPRIATION, "500000.00"));
        await().atMost(WAIT).untilAsserted(() -> mvc.perform(get("/projects/{id}/execution", projectId))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.eventsApplied").value(2))
                .andExpect(jsonPath("$.status").value("REGISTERED")));
        mvc.perform(get("/projects"))
                .andExpect(jsonPath("$[?(@.projectId == '%s')].status".formatted(projectId)).value("REGISTERED"));
        assertThat(lifecycle(projectId)).isEqualTo("REGISTERED null null");

        publishNext(projectId, new ProjectYearOpened(projectId, OPENED_ON),
                // a late carry-over after the opening still adds to the initial and the full-year budget
                allocate(projectId, PRIOR_YEAR_CARRYOVER, "120000.00"),
                pay(projectId, PRIOR_YEAR_CARRYOVER, "60000.00", "PAY-1"));
        await().atMost(WAIT).untilAsserted(() -> mvc.perform(get("/projects/{id}/execution", projectId))
                .andExpect(jsonPath("$.eventsApplied").value(5))
                .andExpect(jsonPath("$.status").value("OPEN"))
                .andExpect(jsonPath("$.sources.PRIOR_YEAR_CARRYOVER.initial").value("120000.00"))
                .andExpect(jsonPath("$.sources.PRIOR_YEAR_CARRYOVER.fullYear").value("120000.00"))
                .andExpect(jsonPath("$.sources.PRIOR_YEAR_CARRYOVER.rate").value("50.00"))
                .andExpect(jsonPath("$.total.initial").value("620000.00")));
        mvc.perform(get("/projects"))
                .andExpect(jsonPath("$[?(@.projectId == '%s')].status".formatted(projectId)).value("OPEN"));
        assertThat(lifecycle(projectId)).isEqualTo("OPEN 2023-01-10 null");

        publishNext(projectId, new ProjectYearClosed(projectId, CLOSED_ON),
                // carry-over may arrive after year end too (domain.md §6.7)
                allocate(projectId, PRIOR_YEAR_CARRYOVER, "30000.00"));
        await().atMost(WAIT).untilAsserted(() -> mvc.perform(get("/projects/{id}/execution", projectId))
                .andExpect(jsonPath("$.eventsApplied").value(7))
                .andExpect(jsonPath("$.status").value("CLOSED"))
                .andExpect(jsonPath("$.sources.PRIOR_YEAR_CARRYOVER.initial").value("150000.00"))
                .andExpect(jsonPath("$.sources.PRIOR_YEAR_CARRYOVER.rate").value("40.00")));
        mvc.perform(get("/projects"))
                .andExpect(jsonPath("$[?(@.projectId == '%s')].status".formatted(projectId)).value("CLOSED"));
        assertThat(lifecycle(projectId)).isEqualTo("CLOSED 2023-01-10 2023-12-31");
    }

    @Test
    void anOpeningAheadOfTheRegistrationIsAppliedWhenTheRelaySendsItAgainInOrder() {
        String projectId = newProjectId("early-open");
        ProjectYearOpened opened = new ProjectYearOpened(projectId, OPENED_ON);
        ProjectYearRegistered registered = register(projectId, "先开后登", 2023);
        // sequences 1 then 0, as a relay batch that failed half-way can leave them; the relay then sends the batch
        // again whole and in order. The early 1 is passed over, the second one applied after 0.
        String openedRecord = envelope(opened, 1);
        publish(projectId, openedRecord, opened);
        publish(projectId, envelope(registered, 0), registered);
        publish(projectId, openedRecord, opened);

        await().atMost(WAIT).untilAsserted(() -> mvc.perform(get("/projects/{id}/execution", projectId))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.eventsApplied").value(2))
                .andExpect(jsonPath("$.status").value("OPEN")));
        assertThat(lifecycle(projectId)).isEqualTo("OPEN 2023-01-10 null");
    }

    private String lifecycle(String projectId) {
        return jdbc.sql("select status || ' ' || coalesce(opened_on::text, 'null') || ' ' || coalesce(closed_on::text, 'null')"
                        + " from project_year where project_id = ?")
                .param(projectId).query(String.class).single();
    }

    @Test
    void anIndicatorBoundToTheExecutionRateFollowsEveryPayment() throws Exception {
        String projectId = newProjectId("bound");
        publishNext(projectId, register(projectId, "科普场馆运行保障经费", 2023),
                allocate(projectId, CURRENT_YEAR_APPROPRIATION, "30000000.00"),
                allocate(projectId, OTHER_FUNDS, "45659200.00"),
                new ProjectYearOpened(projectId, OPENED_ON),
                new IndicatorDefined(projectId, "rate", "产出指标", "数量指标", "当年预算完成率", Target.parse("≥90(%)"), new BigDecimal("5.00")),
                new IndicatorDefined(projectId, "quality", "产出指标", "质量指标", "合格率", Target.parse("全部"), new BigDecimal("75.00")),
                new IndicatorBoundToExecutionRate(projectId, "rate", OPENED_ON),
                pay(projectId, CURRENT_YEAR_APPROPRIATION, "28990300.00", "PAY-1"),
                pay(projectId, OTHER_FUNDS, "3305000.00", "PAY-2"));
        // 32295300.00 / 75659200.00 = 42.685...% → 42.68, as the published form
        await().atMost(WAIT).untilAsserted(() -> mvc.perform(get("/projects/{id}/indicators", projectId))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].indicatorId").value("quality"))
                .andExpect(jsonPath("$[0].actual").value("未填报"))
                .andExpect(jsonPath("$[0].actualSource").value("MISSING"))
                .andExpect(jsonPath("$[1].indicatorId").value("rate"))
                .andExpect(jsonPath("$[1].actual").value("42.68(%)"))
                .andExpect(jsonPath("$[1].actualSource").value("EXECUTION_RATE"))
                .andExpect(jsonPath("$[1].weight").value("5.00")));

        publishNext(projectId, pay(projectId, OTHER_FUNDS, "37000000.00", "PAY-3"));
        // 69295300.00 / 75659200.00 = 91.588...% → 91.58
        await().atMost(WAIT).untilAsserted(() -> mvc.perform(get("/projects/{id}/indicators", projectId))
                .andExpect(jsonPath("$[1].actual").value("91.58(%)")));
        mvc.perform(get("/projects/{id}/indicators", "2023-NOPE")).andExpect(status().isNotFound());
    }

    private void publishNext(String projectId, PublishedEvent... events) {
        for (PublishedEvent event : events) {
            long sequence = sequences.merge(topicOf(event) + '/' + projectId, 1L, Long::sum) - 1;
            publish(projectId, envelope(event, sequence), event);
        }
    }

    private static ProjectYearRegistered register(String projectId, String name, int year) {
        return new ProjectYearRegistered(projectId, "C-" + projectId, name, "上海科技馆", "上海科技馆", year,
                "shanghai-" + year);
    }

    private static InitialBudgetAllocated allocate(String projectId, FundSource source, String amount) {
        return new InitialBudgetAllocated(projectId, source, Money.of(amount), "沪财预〔2023〕1号", LocalDate.of(2023, 1, 5));
    }

    private static BudgetAdjusted adjust(String projectId, String adjustmentId, AdjustmentKind kind, FundSource source,
                                         String amount) {
        return new BudgetAdjusted(projectId, adjustmentId, kind, source, Money.of(amount), kind.label(),
                "沪财预〔2023〕5号", LocalDate.of(2023, 6, 1), null, null, false);
    }

    private static BudgetAdjusted transfer(String projectId, String adjustmentId, AdjustmentKind kind,
                                           FundSource source, String amount, String counterpartProject,
                                           FundSource counterpartSource) {
        return new BudgetAdjusted(projectId, adjustmentId, kind, source, Money.of(amount), kind.label(),
                "沪财预〔2023〕6号", LocalDate.of(2023, 8, 1), counterpartProject, counterpartSource, false);
    }

    private static ExpenditureRecorded pay(String projectId, FundSource source, String amount, String reference) {
        return new ExpenditureRecorded(projectId, reference, source, Money.of(amount), LocalDate.of(2023, 6, 30),
                "某供应商", "记-" + reference);
    }
}
