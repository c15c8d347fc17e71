package io.jixiao.scoring.monitoring;

import io.jixiao.contracts.FundSource;
import io.jixiao.contracts.Money;
import io.jixiao.contracts.budget.ExpenditureRecorded;
import io.jixiao.contracts.budget.InitialBudgetAllocated;
import io.jixiao.contracts.budget.ProjectYearRegistered;
import io.jixiao.contracts.indicator.Actual;
import io.jixiao.contracts.indicator.IndicatorActualRecorded;
import io.jixiao.contracts.indicator.IndicatorDefined;
import io.jixiao.contracts.indicator.Target;
import io.jixiao.scoring.ScoringIntegrationTest;
import io.jixiao.testing.TestIssuer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;

/** The monitoring list: execution as of a business date against 序时进度, the gap and the status, within reach. */
class MonitoringTest extends ScoringIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String DEPARTMENT = "上海市监控测试局";

    @Autowired
    MockMvc mvc;

    private JsonNode page(String query) throws Exception {
        return JSON.readTree(mvc.perform(get("/monitoring?" + query)).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8));
    }

    private JsonNode line(JsonNode page, String projectId) {
        return page.path("lines").valueStream().filter(line -> line.path("projectId").asString().equals(projectId))
                .findFirst().orElseThrow(() -> new AssertionError(projectId + " not in " + page));
    }

    @Test
    void executionAsOfADateAgainstTheTimeElapsedBenchmark() throws Exception {
        String paying = newProjectId("2023-MON");
        String idle = newProjectId("2023-MOI");
        publishAll(paying,
                new ProjectYearRegistered(paying, "MON", "监控测试项目", DEPARTMENT, "监控测试单位", 2023, "shanghai-2023"),
                budget(paying, FundSource.CURRENT_YEAR_APPROPRIATION, "1000000.00"),
                paid(paying, "P1", "200000.00", LocalDate.of(2023, 3, 15), "记-1"),
                paid(paying, "P2", "300000.00", LocalDate.of(2023, 6, 20), "记-2"));
        publishAll(idle,
                new ProjectYearRegistered(idle, "MOI", "未支出项目", DEPARTMENT, "监控测试单位", 2023, "shanghai-2023"),
                budget(idle, FundSource.CURRENT_YEAR_APPROPRIATION, "500000.00"));
        await().atMost(Duration.ofSeconds(30)).until(() ->
                line(page("asOf=2023-12-31&department=" + DEPARTMENT), paying).path("executed").asString().equals("50.00"));

        // end of March: 200,000 of 1,000,000 = 20.00 % against 90/365 = 24.65 %: 4.65 points behind, still green
        JsonNode march = line(page("asOf=2023-03-31&department=" + DEPARTMENT), paying);
        assertThat(march.path("rate").asString()).isEqualTo("20.00");
        assertThat(march.path("sources").get(0).path("source").asString()).isEqualTo("CURRENT_YEAR_APPROPRIATION");
        assertThat(march.path("sources").get(0).path("rate").asString()).isEqualTo("20.00");
        assertThat(march.path("executed").asString()).isEqualTo("20.00");
        assertThat(march.path("fullYear").asString()).isEqualTo("100.00");
        assertThat(march.path("amountUnit").asString()).isEqualTo("万元");
        assertThat(march.path("benchmark").asString()).isEqualTo("24.65");
        assertThat(march.path("gap").asString()).isEqualTo("-4.65");
        assertThat(march.path("status").asString()).isEqualTo("GREEN");
        // end of June: 50.00 % against 49.58 %
        JsonNode june = line(page("asOf=2023-06-30&department=" + DEPARTMENT), paying);
        assertThat(june.path("gap").asString()).isEqualTo("0.42");
        assertThat(june.path("status").asString()).isEqualTo("GREEN");
        // end of September, nothing more paid: 50.00 % against 273/365 = 74.79 %: red
        JsonNode september = line(page("asOf=2023-09-30&department=" + DEPARTMENT), paying);
        assertThat(september.path("benchmark").asString()).isEqualTo("74.79");
        assertThat(september.path("status").asString()).isEqualTo("RED");
        // the idle one: 0 % against 10.41 % at the end of February (38/365 = 10.41...): yellow
        JsonNode idleFebruary = line(page("asOf=2023-02-07&department=" + DEPARTMENT), idle);
        assertThat(idleFebruary.path("benchmark").asString()).isEqualTo("10.41");
        assertThat(idleFebruary.path("status").asString()).isEqualTo("YELLOW");

        // most lagging first; the status filter
        JsonNode september30 = page("asOf=2023-09-30&department=" + DEPARTMENT);
        List<String> order = september30.path("lines").valueStream().map(line -> line.path("projectId").asString()).toList();
        assertThat(order).containsExactly(idle, paying);
        assertThat(page("asOf=2023-06-30&department=" + DEPARTMENT + "&status=RED").path("lines").valueStream()
                .map(line -> line.path("projectId").asString())).containsExactly(idle);
        assertThat(page("asOf=2023-06-30&department=" + DEPARTMENT + "&size=1&page=1").path("lines").size()).isEqualTo(1);
    }

    @Test
    void aCallerSeesOnlyItsDepartmentAndBadPagesAre400() throws Exception {
        String other = TestIssuer.instance().token("officer-x", "上海市另一个局", "viewer");
        JsonNode outOfReach = JSON.readTree(mvc.perform(get("/monitoring?department=" + DEPARTMENT).header("Authorization", "Bearer " + other))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8));
        assertThat(outOfReach.path("lines").size()).isZero();
        assertThat(mvc.perform(get("/monitoring?size=501")).andReturn().getResponse().getStatus()).isEqualTo(400);
        assertThat(mvc.perform(get("/monitoring?status=PURPLE")).andReturn().getResponse().getStatus()).isEqualTo(400);
        assertThat(MonitoringController.narrowed(new io.jixiao.scoring.projection.ReadModel.Reach("A", null), "B", null)).isNull();
        assertThat(MonitoringController.narrowed(new io.jixiao.scoring.projection.ReadModel.Reach(null, null), "B", "u"))
                .isEqualTo(new io.jixiao.scoring.projection.ReadModel.Reach("B", "u"));
    }

    @Test
    void laggingSinceTheExecutionHistoryAndDepartmentTotals() throws Exception {
        String department = "上海市监控历史局";
        String paying = newProjectId("2023-MHP");
        String idle = newProjectId("2023-MHI");
        publishAll(paying,
                new ProjectYearRegistered(paying, "MHP", "历史测试项目", department, "历史测试单位", 2023, "shanghai-2023"),
                budget(paying, FundSource.CURRENT_YEAR_APPROPRIATION, "1000000.00"),
                paid(paying, "P1", "200000.00", LocalDate.of(2023, 3, 15), "记-1"),
                paid(paying, "P2", "300000.00", LocalDate.of(2023, 6, 20), "记-2"));
        publishAll(idle,
                new ProjectYearRegistered(idle, "MHI", "历史未支出项目", department, "历史测试单位", 2023, "shanghai-2023"),
                budget(idle, FundSource.OTHER_FUNDS, "500000.00"));
        await().atMost(Duration.ofSeconds(30)).until(() -> page("asOf=2023-12-31&department=" + department).path("total").asInt() == 2
                && line(page("asOf=2023-12-31&department=" + department), paying).path("executed").asString().equals("50.00"));

        // 50.00 % since 20 June; red once the benchmark passes 65 %: day 238, 26 August (237/365 = 64.93 is yellow)
        JsonNode september = line(page("asOf=2023-09-30&department=" + department), paying);
        assertThat(september.path("status").asString()).isEqualTo("RED");
        assertThat(september.path("laggingSince").asString()).isEqualTo("2023-08-26");
        assertThat(line(page("asOf=2023-08-25&department=" + department), paying).path("status").asString()).isEqualTo("YELLOW");
        assertThat(line(page("asOf=2023-08-25&department=" + department), paying).path("laggingSince").isNull()).isTrue();
        // nothing paid: red from the day the benchmark passes 15 %, day 55 (54/365 = 14.79)
        assertThat(line(page("asOf=2023-09-30&department=" + department), idle).path("laggingSince").asString()).isEqualTo("2023-02-24");

        JsonNode weeks = history(paying, "asOf=2023-03-31&by=WEEK");
        assertThat(weeks.path("amountUnit").asString()).isEqualTo("万元");
        List<String> dates = weeks.path("points").valueStream().map(point -> point.path("date").asString()).toList();
        assertThat(dates).hasSize(14).startsWith("2023-01-01", "2023-01-08").endsWith("2023-03-26", "2023-03-31");
        JsonNode march19 = weeks.path("points").get(11);
        assertThat(march19.path("date").asString()).isEqualTo("2023-03-19");
        assertThat(march19.path("executed").asString()).isEqualTo("20.00");
        assertThat(march19.path("fullYear").asString()).isEqualTo("100.00");
        assertThat(march19.path("rate").asString()).isEqualTo("20.00");
        assertThat(march19.path("benchmark").asString()).isEqualTo("21.36");
        JsonNode days = history(paying, "asOf=2023-03-31");
        assertThat(days.path("points").size()).isEqualTo(90);
        assertThat(days.path("points").get(72).path("date").asString()).isEqualTo("2023-03-14");
        assertThat(days.path("points").get(72).path("executed").asString()).isEqualTo("0.00");
        assertThat(days.path("points").get(73).path("executed").asString()).isEqualTo("20.00");
        // a year that is over ends on 31 December
        assertThat(history(paying, "asOf=2024-05-01").path("points").size()).isEqualTo(365);
        assertThat(mvc.perform(get("/projects/{id}/execution/history", "2023-NOPE")).andReturn().getResponse().getStatus()).isEqualTo(404);
        assertThat(mvc.perform(get("/projects/{id}/execution/history?by=MONTH", paying)).andReturn().getResponse().getStatus()).isEqualTo(400);

        // both together at the end of September: 50 of 150 万元 = 33.33 % against 74.79 %
        JsonNode groups = departments("asOf=2023-09-30&department=" + department);
        assertThat(groups.path("groups").size()).isEqualTo(1);
        JsonNode group = groups.path("groups").get(0);
        assertThat(group.path("department").asString()).isEqualTo(department);
        assertThat(group.path("projectYears").asInt()).isEqualTo(2);
        assertThat(group.path("fullYear").asString()).isEqualTo("150.00");
        assertThat(group.path("executed").asString()).isEqualTo("50.00");
        assertThat(group.path("rate").asString()).isEqualTo("33.33");
        assertThat(group.path("benchmark").asString()).isEqualTo("74.79");
        assertThat(group.path("gap").asString()).isEqualTo("-41.46");
        assertThat(group.path("status").asString()).isEqualTo("RED");
        assertThat(group.path("red").asInt()).isEqualTo(2);
        JsonNode units = departments("asOf=2023-06-30&by=UNIT&department=" + department).path("groups").get(0);
        assertThat(units.path("unit").asString()).isEqualTo("历史测试单位");
        assertThat(units.path("green").asInt()).isEqualTo(1);
        assertThat(units.path("red").asInt()).isEqualTo(1);

        // filters and sorting on any column
        assertThat(ids(page("asOf=2023-06-30&lagging=true&department=" + department))).containsExactly(idle);
        assertThat(ids(page("asOf=2023-06-30&q=未支出&department=" + department))).containsExactly(idle);
        assertThat(ids(page("asOf=2023-06-30&q=" + paying.toLowerCase() + "&department=" + department))).containsExactly(paying);
        assertThat(ids(page("asOf=2023-06-30&sort=EXECUTED&department=" + department))).containsExactly(paying, idle);
        assertThat(ids(page("asOf=2023-06-30&sort=EXECUTED&direction=ASC&department=" + department))).containsExactly(idle, paying);
        assertThat(ids(page("asOf=2023-06-30&sort=NAME&direction=DESC&department=" + department + "&unit="))).hasSize(2);
        assertThat(mvc.perform(get("/monitoring?sort=COLOUR")).andReturn().getResponse().getStatus()).isEqualTo(400);
        assertThat(mvc.perform(get("/monitoring?q=" + "长".repeat(101))).andReturn().getResponse().getStatus()).isEqualTo(400);
    }

    @Test
    void indicatorsWithoutActualsAreFlaggedOnceAGoalCheckpointHasPassed() throws Exception {
        String department = "上海市目标监控局";
        String past = newProjectId("2023-MGP");
        String future = newProjectId("2099-MGF");
        publishAll(past,
                new ProjectYearRegistered(past, "MGP", "目标监控项目", department, "目标监控单位", 2023, "shanghai-2023"),
                budget(past, FundSource.CURRENT_YEAR_APPROPRIATION, "100000.00"),
                new IndicatorDefined(past, "IND-1", "产出指标", "数量指标", "培训人次", Target.parse("≥100人次"), new BigDecimal("20.00")),
                new IndicatorDefined(past, "IND-2", "效益指标", "社会效益指标", "服务对象满意度", Target.parse("≥90(%)"), new BigDecimal("20.00")),
                new IndicatorActualRecorded(past, "IND-1", Actual.parse("120人次"), LocalDate.of(2023, 12, 31)));
        publishAll(future,
                new ProjectYearRegistered(future, "MGF", "未来项目", department, "目标监控单位", 2099, "shanghai-2023"),
                new IndicatorDefined(future, "IND-1", "产出指标", "数量指标", "培训人次", Target.parse("≥100人次"), new BigDecimal("20.00")));
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            JsonNode lines = page("department=" + department);
            return lines.path("total").asInt() == 2 && line(lines, past).path("missingActuals").size() == 1;
        });
        JsonNode now = page("department=" + department);
        JsonNode pastLine = line(now, past);
        assertThat(pastLine.path("missingActuals").get(0).path("indicatorId").asString()).isEqualTo("IND-2");
        assertThat(pastLine.path("missingActuals").get(0).path("name").asString()).isEqualTo("服务对象满意度");
        assertThat(pastLine.path("goalCheckpoint").asString()).isEqualTo("2023-12-31");
        assertThat(pastLine.path("total").isNull()).isFalse();
        assertThat(pastLine.path("grade").asString()).isNotBlank();
        JsonNode futureLine = line(now, future);
        assertThat(futureLine.path("missingActuals").size()).isZero();
        assertThat(futureLine.path("goalCheckpoint").isNull()).isTrue();
        assertThat(futureLine.path("benchmark").asString()).isEqualTo("0.00");
        assertThat(ids(page("department=" + department + "&sort=MISSING"))).containsExactly(past, future);
    }

    @Test
    void aRuleSetsCheckpointsAndTolerancesDriveTheBenchmarkAndTheStatus() throws Exception {
        String ruleSet = "monitoring-july-40-" + Long.toString(System.nanoTime(), 36);
        int put = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put("/rule-sets/{id}", ruleSet)
                        .contentType("application/json").content("""
                                {"description":"40 % at the end of July","progress":{"checkpoints":[{"date":"07-31","percent":"40"}],
                                 "yellowFrom":"2","redFrom":"5"}}"""))
                .andReturn().getResponse().getStatus();
        assertThat(put).isEqualTo(200);
        JsonNode definition = JSON.readTree(mvc.perform(get("/rule-sets/{id}", ruleSet)).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8));
        assertThat(definition.path("progress").path("checkpoints").get(0).path("date").asString()).isEqualTo("07-31");
        assertThat(definition.path("progress").path("checkpoints").get(0).path("percent").asString()).isEqualTo("40");
        assertThat(mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put("/rule-sets/{id}", ruleSet + "-bad")
                        .contentType("application/json").content("""
                                {"progress":{"checkpoints":[{"date":"31-07","percent":"40"}]}}"""))
                .andReturn().getResponse().getStatus()).isEqualTo(400);

        String department = "上海市进度规则局";
        String project = newProjectId("2023-MRS");
        publishAll(project,
                new ProjectYearRegistered(project, "MRS", "七月四成项目", department, "进度规则单位", 2023, ruleSet),
                budget(project, FundSource.CURRENT_YEAR_APPROPRIATION, "1000000.00"),
                paid(project, "P1", "370000.00", LocalDate.of(2023, 2, 1), "记-1"));
        await().atMost(Duration.ofSeconds(30)).until(() -> page("asOf=2023-07-31&department=" + department).path("total").asInt() == 1);
        // 37 % at the end of July against 40 %: 3 points behind, yellow under tolerances of 2 and 5 (green under the default)
        JsonNode july = line(page("asOf=2023-07-31&department=" + department), project);
        assertThat(july.path("benchmark").asString()).isEqualTo("40.00");
        assertThat(july.path("status").asString()).isEqualTo("YELLOW");
        // halfway from 31 July (40 %) to 31 December (100 %): 77 of 153 days, 40 + 60 × 77 / 153 = 70.19
        JsonNode october = line(page("asOf=2023-10-16&department=" + department), project);
        assertThat(october.path("benchmark").asString()).isEqualTo("70.19");
        assertThat(october.path("status").asString()).isEqualTo("RED");
    }

    @Test
    void aChangeOfStatusIsPushedOnTheFormsStream() throws Exception {
        String department = "上海市状态推送局";
        String project = newProjectId("2023-MSC");
        publishAll(project,
                new ProjectYearRegistered(project, "MSC", "状态推送项目", department, "状态推送单位", 2023, "shanghai-2023"),
                budget(project, FundSource.CURRENT_YEAR_APPROPRIATION, "1000000.00"));
        // the year is over: the benchmark is 100 %, nothing paid is red
        await().atMost(Duration.ofSeconds(30)).until(() -> page("department=" + department).path("total").asInt() == 1);
        assertThat(line(page("department=" + department), project).path("status").asString()).isEqualTo("RED");
        MvcResult stream = mvc.perform(get("/forms/stream")).andExpect(request().asyncStarted()).andReturn();

        ExpenditureRecorded first = paid(project, "P1", "900000.00", LocalDate.of(2023, 11, 1), "记-1");
        publish(project, envelope(first, 2), first);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(stream.getResponse().getContentAsString(StandardCharsets.UTF_8))
                .contains("event:line").contains("event:status")
                .contains("\"from\":\"RED\"").contains("\"to\":\"YELLOW\"").contains("\"gap\":\"-10.00\""));
        // a payment that leaves the status alone pushes the line, not a status
        ExpenditureRecorded second = paid(project, "P2", "10000.00", LocalDate.of(2023, 11, 2), "记-2");
        publish(project, envelope(second, 3), second);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(stream.getResponse().getContentAsString(StandardCharsets.UTF_8))
                .contains("\"gap\":\"-9.00\""));
        assertThat(stream.getResponse().getContentAsString(StandardCharsets.UTF_8).split("event:status", -1)).hasSize(2);
    }

    private JsonNode history(String projectId, String query) throws Exception {
        return JSON.readTree(mvc.perform(get("/projects/" + projectId + "/execution/history?" + query)).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8));
    }

    private JsonNode departments(String query) throws Exception {
        return JSON.readTree(mvc.perform(get("/monitoring/departments?" + query)).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8));
    }

    private static List<String> ids(JsonNode page) {
        return page.path("lines").valueStream().map(line -> line.path("projectId").asString()).toList();
    }

    @Autowired
    io.jixiao.scoring.TestClock clock;

    @Autowired
    io.jixiao.scoring.form.FormStream formStream;

    @Test
    void timeAloneTurnsAProjectYearRedAndThatIsPushed() throws Exception {
        String department = "上海市时间推移局";
        String project = newProjectId("2023-MTR");
        publishAll(project,
                new ProjectYearRegistered(project, "MTR", "无人支付项目", department, "时间推移单位", 2023, "shanghai-2023"),
                budget(project, FundSource.CURRENT_YEAR_APPROPRIATION, "1000000.00"));
        await().atMost(Duration.ofSeconds(30)).until(() -> page("department=" + department).path("total").asInt() == 1);
        try {
            // 2 January 2023: 0 % against 0.54 %, green; the list is what the officer saw that morning
            clock.set(java.time.Instant.parse("2023-01-02T02:00:00Z"));
            JsonNode january = line(page("department=" + department), project);
            assertThat(january.path("status").asString()).isEqualTo("GREEN");
            assertThat(january.path("asOf").asString()).isEqualTo("2023-01-02");
            formStream.pushStatusChanges();
            MvcResult stream = mvc.perform(get("/forms/stream")).andExpect(request().asyncStarted()).andReturn();

            // nothing happens until the end of June: red, pushed without any event
            clock.set(java.time.Instant.parse("2023-06-30T02:00:00Z"));
            formStream.pushStatusChanges();
            assertThat(stream.getResponse().getContentAsString(StandardCharsets.UTF_8)).contains("event:status")
                    .contains("\"projectId\":\"" + project + "\"").contains("\"from\":\"GREEN\"").contains("\"to\":\"RED\"")
                    .contains("\"asOf\":\"2023-06-30\"");
            // a second look the same day finds nothing new
            int before = stream.getResponse().getContentAsString(StandardCharsets.UTF_8).split("event:status", -1).length;
            formStream.pushStatusChanges();
            assertThat(stream.getResponse().getContentAsString(StandardCharsets.UTF_8).split("event:status", -1)).hasSize(before);
        } finally {
            clock.reset();
        }
    }

    /** A budget allocated on 1 January 2023. */
    private static InitialBudgetAllocated budget(String projectId, FundSource source, String amount) {
        return new InitialBudgetAllocated(projectId, source, Money.of(amount), "d", LocalDate.of(2023, 1, 1));
    }

    private static ExpenditureRecorded paid(String projectId, String reference, String amount, LocalDate date, String voucher) {
        return new ExpenditureRecorded(projectId, reference, FundSource.CURRENT_YEAR_APPROPRIATION, Money.of(amount), date, "某公司", voucher);
    }
}
