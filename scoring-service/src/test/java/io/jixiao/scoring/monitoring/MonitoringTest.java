package io.jixiao.scoring.monitoring;

import io.jixiao.contracts.FundSource;
import io.jixiao.contracts.Money;
import io.jixiao.contracts.budget.ExpenditureRecorded;
import io.jixiao.contracts.budget.InitialBudgetAllocated;
import io.jixiao.contracts.budget.ProjectYearRegistered;
import io.jixiao.scoring.ScoringIntegrationTest;
import io.jixiao.testing.TestIssuer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

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
                new InitialBudgetAllocated(paying, FundSource.CURRENT_YEAR_APPROPRIATION, Money.of("1000000.00"), "d", LocalDate.of(2023, 1, 1)),
                new ExpenditureRecorded(paying, "P1", FundSource.CURRENT_YEAR_APPROPRIATION, Money.of("200000.00"),
                        LocalDate.of(2023, 3, 15), "某公司", "记-1"),
                new ExpenditureRecorded(paying, "P2", FundSource.CURRENT_YEAR_APPROPRIATION, Money.of("300000.00"),
                        LocalDate.of(2023, 6, 20), "某公司", "记-2"));
        publishAll(idle,
                new ProjectYearRegistered(idle, "MOI", "未支出项目", DEPARTMENT, "监控测试单位", 2023, "shanghai-2023"),
                new InitialBudgetAllocated(idle, FundSource.CURRENT_YEAR_APPROPRIATION, Money.of("500000.00"), "d", LocalDate.of(2023, 1, 1)));
        await().atMost(Duration.ofSeconds(30)).until(() ->
                line(page("asOf=2023-12-31&department=" + DEPARTMENT), paying).path("executed").asString().equals("500000.00"));

        // end of March: 200,000 of 1,000,000 = 20.00 % against 90/365 = 24.65 %: 4.65 points behind, still green
        JsonNode march = line(page("asOf=2023-03-31&department=" + DEPARTMENT), paying);
        assertThat(march.path("rate").asString()).isEqualTo("20.00");
        assertThat(march.path("sourceRates").path("CURRENT_YEAR_APPROPRIATION").asString()).isEqualTo("20.00");
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
}
