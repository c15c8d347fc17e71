package io.jixiao.scoring.form;

import io.jixiao.contracts.FundSource;
import io.jixiao.contracts.Money;
import io.jixiao.contracts.budget.ExpenditureRecorded;
import io.jixiao.contracts.budget.InitialBudgetAllocated;
import io.jixiao.contracts.budget.ProjectYearRegistered;
import io.jixiao.contracts.indicator.IndicatorBoundToExecutionRate;
import io.jixiao.contracts.indicator.IndicatorDefined;
import io.jixiao.contracts.indicator.Target;
import io.jixiao.scoring.ScoringIntegrationTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * Every endpoint that shows a project-year's rate, score, total or grade shows the same figure, computed once under
 * the project-year's rule set: the execution block, the project list, the indicators, the form, the summary and the
 * explanation. 215,457.60 of 250,000.00 is 86.18304 %: 86.18 cut, 86.18 half-up (the published 普陀 2022 form says
 * 86.19, which only rounding up gives).
 */
class OneRuleEverywhereTest extends ScoringIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    MockMvc mvc;

    private JsonNode json(String path, Object... vars) throws Exception {
        return JSON.readTree(mvc.perform(get(path, vars)).andReturn().getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static JsonNode lineOf(JsonNode list, String projectId) {
        for (JsonNode line : list) {
            if (line.path("projectId").asString().equals(projectId)) {
                return line;
            }
        }
        throw new AssertionError(projectId + " is not listed in " + list);
    }

    @ParameterizedTest(name = "{0}: rate {1}, funds score {2}")
    @CsvSource({"shanghai-2023, 86.18, 8.61", "putuo-2022, 86.18, 8.62"})
    void everyEndpointShowsTheSameFiguresUnderTheProjectsRuleSet(String ruleSet, String rate, String fundsScore) throws Exception {
        String projectId = newProjectId("2022-PT");
        publishAll(projectId,
                new ProjectYearRegistered(projectId, "PT", "结算费用", "普陀区体育局", "普陀区体育事业管理中心", 2022, ruleSet),
                new InitialBudgetAllocated(projectId, FundSource.CURRENT_YEAR_APPROPRIATION, Money.of("250000.00"), "d",
                        LocalDate.of(2022, 1, 1)),
                new ExpenditureRecorded(projectId, "P1", FundSource.CURRENT_YEAR_APPROPRIATION, Money.of("215457.60"),
                        LocalDate.of(2022, 12, 20), "某公司", "记-1"),
                new IndicatorDefined(projectId, "I1", "产出指标", "质量指标", "预算执行率", Target.parse("≥90(%)"),
                        new BigDecimal("10.00")),
                new IndicatorBoundToExecutionRate(projectId, "I1", LocalDate.of(2022, 12, 20)));
        await().atMost(Duration.ofSeconds(30)).until(() -> json("/projects/{id}/indicators", projectId).path(0)
                .path("actualSource").asString().equals("EXECUTION_RATE"));

        JsonNode form = json("/projects/{id}/form", projectId);
        assertThat(form.path("ruleSet").asString()).isEqualTo(ruleSet);
        assertThat(form.path("funds").path("total").path("rate").asString()).isEqualTo(rate);
        assertThat(form.path("funds").path("score").asString()).isEqualTo(fundsScore);
        assertThat(json("/projects/{id}/execution", projectId).path("total").path("rate").asString()).isEqualTo(rate);
        assertThat(json("/projects/{id}/execution", projectId).path("sources").path("CURRENT_YEAR_APPROPRIATION")
                .path("rate").asString()).isEqualTo(rate);
        JsonNode listed = lineOf(json("/projects"), projectId);
        assertThat(listed.path("rate").asString()).isEqualTo(rate);
        assertThat(json("/projects/{id}/indicators", projectId).path(0).path("actual").asString()).isEqualTo(rate + "(%)");
        assertThat(form.path("indicators").path(0).path("actual").asString()).isEqualTo(rate + "(%)");
        JsonNode summary = lineOf(json("/forms/summary"), projectId);
        assertThat(summary.path("rate").asString()).isEqualTo(rate);
        assertThat(summary.path("total").asString()).isEqualTo(form.path("total").asString());
        assertThat(summary.path("grade").asString()).isEqualTo(form.path("grade").asString());
        JsonNode explained = json("/projects/{id}/form/explain", projectId);
        assertThat(explained.path("funds").path("rate").asString()).isEqualTo(rate);
        assertThat(explained.path("funds").path("score").asString()).isEqualTo(fundsScore);
        assertThat(explained.path("total").asString()).isEqualTo(form.path("total").asString());
        assertThat(explained.path("grade").asString()).isEqualTo(form.path("grade").asString());
    }
}
