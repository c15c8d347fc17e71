package io.jixiao.scoring.execution;

import io.jixiao.contracts.FundSource;
import io.jixiao.contracts.Money;
import io.jixiao.contracts.budget.ExpenditureRecorded;
import io.jixiao.contracts.budget.InitialBudgetAllocated;
import io.jixiao.contracts.budget.ProjectYearRegistered;
import io.jixiao.scoring.ScoringIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.json.JsonCompareMode;
import org.springframework.test.web.servlet.MockMvc;

import java.time.Duration;
import java.time.LocalDate;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The HTTP surface: execution figures from consumed events, problem+json errors, the exposed actuator endpoints. */
class ExecutionApiTest extends ScoringIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Autowired
    MockMvc mvc;

    @Test
    void servesTheFundsBlockOfConsumedEvents() {
        // 信息化建设项目 of the 2023 seed: 1,404.67 万元 budgeted, 1,350.52 万元 executed
        String projectId = newProjectId("2023-XXH");
        publishAll(projectId,
                new ProjectYearRegistered(projectId, "XXH", "信息化建设项目", "上海科技馆", "上海科技馆", 2023, "shanghai-2023"),
                new InitialBudgetAllocated(projectId, FundSource.CURRENT_YEAR_APPROPRIATION, Money.of("14046700.00"),
                        "沪财预〔2023〕1号", LocalDate.of(2023, 1, 5)),
                new ExpenditureRecorded(projectId, "PAY-1", FundSource.CURRENT_YEAR_APPROPRIATION,
                        Money.of("13505200.00"), LocalDate.of(2023, 12, 20), "某供应商", "记-1"));

        await().atMost(WAIT).untilAsserted(() -> mvc.perform(get("/projects/{id}/execution", projectId))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(content().json("""
                        {"projectId":"%s","name":"信息化建设项目","fiscalYear":2023,"status":"REGISTERED",
                         "total":{"initial":"14046700.00","fullYear":"14046700.00","executed":"13505200.00","rate":"96.14"},
                         "sources":{
                           "CURRENT_YEAR_APPROPRIATION":{"initial":"14046700.00","fullYear":"14046700.00","executed":"13505200.00","rate":"96.14"},
                           "PRIOR_YEAR_CARRYOVER":{"initial":"0.00","fullYear":"0.00","executed":"0.00","rate":"0.00"},
                           "OTHER_FUNDS":{"initial":"0.00","fullYear":"0.00","executed":"0.00","rate":"0.00"}},
                         "eventsApplied":3}
                        """.formatted(projectId), JsonCompareMode.STRICT)));
    }

    @Test
    void totalRateIsFromSummedAmountsAcrossSources() {
        // 科普场馆运行保障经费: 96.63 and 7.23 by source, 42.68 in total (the average would be 51.93)
        String projectId = newProjectId("2023-KPCG");
        publishAll(projectId,
                new ProjectYearRegistered(projectId, "KPCG", "科普场馆运行保障经费", "上海科技馆", "上海科技馆", 2023, "shanghai-2023"),
                new InitialBudgetAllocated(projectId, FundSource.CURRENT_YEAR_APPROPRIATION, Money.of("30000000.00"),
                        "沪财预〔2023〕2号", LocalDate.of(2023, 1, 5)),
                new InitialBudgetAllocated(projectId, FundSource.OTHER_FUNDS, Money.of("45659200.00"),
                        "沪财预〔2023〕2号", LocalDate.of(2023, 1, 5)),
                new ExpenditureRecorded(projectId, "PAY-1", FundSource.CURRENT_YEAR_APPROPRIATION,
                        Money.of("28990300.00"), LocalDate.of(2023, 12, 20), "某供应商", "记-1"),
                new ExpenditureRecorded(projectId, "PAY-2", FundSource.OTHER_FUNDS,
                        Money.of("3305000.00"), LocalDate.of(2023, 12, 21), "某供应商", "记-2"));

        await().atMost(WAIT).untilAsserted(() -> mvc.perform(get("/projects/{id}/execution", projectId))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.eventsApplied").value(5))
                .andExpect(jsonPath("$.total.fullYear").value("75659200.00"))
                .andExpect(jsonPath("$.total.executed").value("32295300.00"))
                .andExpect(jsonPath("$.total.rate").value("42.68"))
                .andExpect(jsonPath("$.sources.CURRENT_YEAR_APPROPRIATION.rate").value("96.63"))
                .andExpect(jsonPath("$.sources.OTHER_FUNDS.rate").value("7.23")));
    }

    @Test
    void listsRegisteredProjectsByIdWithTheirRate() throws Exception {
        String later = "zz-list-b-" + newProjectId("p");
        String earlier = "zz-list-a-" + newProjectId("p");
        publishAll(later,
                new ProjectYearRegistered(later, "B", "能源保障", "上海科技馆", "上海科技馆", 2023, "shanghai-2023"),
                new InitialBudgetAllocated(later, FundSource.CURRENT_YEAR_APPROPRIATION, Money.of("15665000.00"),
                        "doc", LocalDate.of(2023, 1, 5)),
                new ExpenditureRecorded(later, "PAY-1", FundSource.CURRENT_YEAR_APPROPRIATION,
                        Money.of("15665000.00"), LocalDate.of(2023, 12, 20), "某供应商", "记-1"));
        publishAll(earlier,
                new ProjectYearRegistered(earlier, "A", "天文馆展示工程", "上海科技馆", "上海科技馆", 2023, "shanghai-2023"),
                new InitialBudgetAllocated(earlier, FundSource.CURRENT_YEAR_APPROPRIATION, Money.of("13991000.00"),
                        "doc", LocalDate.of(2023, 1, 5)));

        await().atMost(WAIT).untilAsserted(() -> mvc.perform(get("/projects"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.projectId == '%s')].rate".formatted(later)).value("100.00"))
                .andExpect(jsonPath("$[?(@.projectId == '%s')].rate".formatted(earlier)).value("0.00")));
        // 'zz-list-' ids sort after every other test's project: the last two are ours, in id order
        mvc.perform(get("/projects"))
                .andExpect(jsonPath("$[-2].projectId").value(earlier))
                .andExpect(jsonPath("$[-2].name").value("天文馆展示工程"))
                .andExpect(jsonPath("$[-2].fiscalYear").value(2023))
                .andExpect(jsonPath("$[-2].status").value("REGISTERED"))
                .andExpect(jsonPath("$[-1].projectId").value(later));
    }

    @Test
    void unregisteredProjectIsUnknownEvenWithFundFigures() throws Exception {
        String projectId = newProjectId("unregistered");
        InitialBudgetAllocated allocated = new InitialBudgetAllocated(projectId, FundSource.OTHER_FUNDS,
                Money.of("100.00"), "doc", LocalDate.of(2023, 1, 5));
        // the stream's first event is an allocation: the project-year's registration never arrived
        publish(projectId, envelope(allocated, 0), allocated);
        String marker = newProjectId("marker");
        publishAll(marker, new ProjectYearRegistered(marker, "M", "marker", "d", "u", 2023, "shanghai-2023"));
        await().atMost(WAIT).untilAsserted(() -> mvc.perform(get("/projects/{id}/execution", marker))
                .andExpect(status().isOk()));

        mvc.perform(get("/projects/{id}/execution", projectId))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("unknown-project"))
                .andExpect(jsonPath("$.status").value(404));
    }

    @Test
    void unknownProjectIsProblemJson404() throws Exception {
        mvc.perform(get("/projects/{id}/execution", "2023-NOPE"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("urn:jixiao:problem:unknown-project"))
                .andExpect(jsonPath("$.code").value("unknown-project"))
                .andExpect(jsonPath("$.detail").value(containsString("2023-NOPE")));
    }

    @Test
    void exposesOnlyHealthInfoAndPrometheus() throws Exception {
        mvc.perform(get("/actuator/env")).andExpect(status().isNotFound());
        mvc.perform(get("/actuator/beans")).andExpect(status().isNotFound());
        mvc.perform(get("/actuator/health")).andExpect(status().isOk());
        mvc.perform(get("/actuator/info")).andExpect(status().isOk());
        mvc.perform(get("/actuator/prometheus"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("application=\"scoring-service\"")));
    }


    @Test
    void describesItsEndpointsInOpenApiForUseThroughTheGateway() throws Exception {
        mvc.perform(get("/v3/api-docs"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.info.title").value("scoring-service"))
                .andExpect(jsonPath("$.servers[0].url").value("/api/scoring"))
                .andExpect(jsonPath("$.paths['/projects/{projectId}/form']").exists())
                .andExpect(jsonPath("$.paths['/projects/{projectId}/published']").exists())
                .andExpect(jsonPath("$.paths['/rule-sets/{id}']").exists());
    }
}
