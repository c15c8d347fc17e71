package io.jixiao.scoring.published;

import io.jixiao.contracts.FundSource;
import io.jixiao.contracts.Money;
import io.jixiao.contracts.budget.ExpenditureRecorded;
import io.jixiao.contracts.budget.InitialBudgetAllocated;
import io.jixiao.contracts.budget.ProjectYearRegistered;
import io.jixiao.scoring.ScoringIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

/**
 * A published form that does not add up is imported and flagged: every published figure the live form does not
 * reproduce is listed with both values and flagged; the ones it reproduces are not.
 */
class PublishedFiguresTest extends ScoringIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    MockMvc mvc;

    private JsonNode json(String path, Object... vars) throws Exception {
        return JSON.readTree(mvc.perform(get(path, vars)).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8));
    }

    private int putPublished(String projectId, String body) throws Exception {
        return mvc.perform(put("/projects/{id}/published", projectId).contentType(MediaType.APPLICATION_JSON).content(body))
                .andReturn().getResponse().getStatus();
    }

    /** 普陀 2022: 215,457.6 of 250,000 元 prints 86.19 % (only rounding up gives it) and 8.62 (half-up gives it). */
    @Test
    void everyPublishedFigureTheFormDoesNotReproduceIsFlaggedWithBothValues() throws Exception {
        String projectId = newProjectId("2022-PTJS");
        publishAll(projectId,
                new ProjectYearRegistered(projectId, "PTJS", "结算费用", "普陀区体育局", "普陀区体育事业管理中心", 2022, "putuo-2022"),
                new InitialBudgetAllocated(projectId, FundSource.CURRENT_YEAR_APPROPRIATION, Money.of("250000.00"), "d",
                        LocalDate.of(2022, 1, 1)),
                new ExpenditureRecorded(projectId, "P1", FundSource.CURRENT_YEAR_APPROPRIATION, Money.of("215457.60"),
                        LocalDate.of(2022, 12, 20), "某公司", "记-1"));
        await().atMost(Duration.ofSeconds(30)).until(() -> json("/projects/{id}/form", projectId).path("funds").path("total")
                .path("executed").asString().equals("21.55"));

        assertThat(putPublished(projectId, """
                {"source":"普陀区体育事业管理中心2022年度项目自评价","figures":{"funds.total.fullYear":"250000.00",
                 "funds.total.executed":"215457.60","funds.total.rate":"86.19","funds.weight":"10","funds.score":"8.62",
                 "total":"8.62","grade":"差"}}""")).isEqualTo(200);
        JsonNode form = json("/projects/{id}/form", projectId);
        JsonNode differences = form.path("publishedDifferences");
        assertThat(differences.size()).as(differences.toString()).isEqualTo(1);
        assertThat(differences.get(0).path("field").asString()).isEqualTo("funds.total.rate");
        assertThat(differences.get(0).path("published").asString()).isEqualTo("86.19");
        assertThat(differences.get(0).path("computed").asString()).isEqualTo("86.18");
        assertThat(form.path("flags").toString()).contains("PUBLISHED_DIFFERS:funds.total.rate").doesNotContain("funds.score");
        String page = mvc.perform(get("/projects/{id}/form.html", projectId)).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("与公开的自评表不一致").contains("<td>年度资金总额 执行率</td>").contains("86.19").contains("86.18");
        assertThat(json("/projects/{id}/form?asOf=2022-12-31", projectId).path("publishedDifferences").size())
                .as("a dated form is not compared with the year-end publication").isZero();

        // a corrected reading replaces the earlier one
        assertThat(putPublished(projectId, """
                {"figures":{"funds.total.rate":"86.18","total":"9.00"}}""")).isEqualTo(200);
        List<String> fields = json("/projects/{id}/form", projectId).path("publishedDifferences").valueStream()
                .map(d -> d.path("field").asString()).toList();
        assertThat(fields).containsExactly("total");
        assertThat(json("/projects/{id}/published", projectId).path("figures").properties()).hasSize(2);
    }

    @Test
    void rejectsUnknownFieldsAndFiguresThatAreNotDecimals() throws Exception {
        String projectId = newProjectId("2022-PTX");
        assertThat(putPublished(projectId, "{\"figures\":{\"funds.total.rat\":\"1\"}}")).isEqualTo(400);
        assertThat(putPublished(projectId, "{\"figures\":{\"funds.total.rate\":\"86.19%\"}}")).isEqualTo(400);
        assertThat(putPublished(projectId, "{\"figures\":{\"total\":\"1e3\"}}")).isEqualTo(400);
        assertThat(putPublished(projectId, "{\"figures\":{\"grade\":\"\"}}")).isEqualTo(400);
        assertThat(json("/projects/{id}/published", projectId).path("figures").properties()).isEmpty();
        assertThat(putPublished(projectId, "{\"figures\":{\"indicators.i1.score\":\"8\",\"grade\":\"优\"}}")).isEqualTo(200);
    }

    @Test
    void comparesDecimalsByValueAndGradesByText() {
        assertThat(PublishedFigures.compare(Map.of("funds.weight", "10", "grade", "优"), Map.of("funds.weight", "10.00", "grade", "优")))
                .isEmpty();
        assertThat(PublishedFigures.compare(Map.of("total", "100"), Map.of("total", "99.99")))
                .containsExactly(new PublishedFigures.Difference("total", "100", "99.99"));
        assertThat(PublishedFigures.compare(Map.of("indicators.i9.score", "5"), Map.of()))
                .containsExactly(new PublishedFigures.Difference("indicators.i9.score", "5", null));
    }
}
