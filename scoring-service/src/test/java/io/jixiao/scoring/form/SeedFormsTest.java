package io.jixiao.scoring.form;

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
import io.jixiao.contracts.indicator.BudgetExecution;
import io.jixiao.contracts.indicator.AnnualGoalAchievementReported;
import io.jixiao.contracts.indicator.AnnualGoalSet;
import io.jixiao.contracts.indicator.IndicatorActualRecorded;
import io.jixiao.contracts.indicator.IndicatorBoundToExecutionRate;
import io.jixiao.contracts.indicator.IndicatorDefined;
import io.jixiao.contracts.indicator.IndicatorScored;
import io.jixiao.contracts.indicator.ScoreKind;
import io.jixiao.contracts.indicator.Target;
import io.jixiao.scoring.ScoringIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import io.jixiao.testing.PublishedForms;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import io.jixiao.seed.Seed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * The seven published 2023 forms (the seed module's forms-2023.json), rebuilt from the events their history is made
 * of and published on a real broker, come out of the live form figure for figure.
 */
class SeedFormsTest extends ScoringIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final LocalDate YEAR_END = LocalDate.of(2023, 12, 31);
    private static final Map<String, FundSource> SOURCES = Map.of("currentYearAppropriation", FundSource.CURRENT_YEAR_APPROPRIATION,
            "priorYearCarryover", FundSource.PRIOR_YEAR_CARRYOVER, "otherFunds", FundSource.OTHER_FUNDS);

    @Autowired
    MockMvc mvc;

    private final Map<String, Long> sequences = new HashMap<>();

    private void publishNext(String projectId, List<PublishedEvent> events) {
        for (PublishedEvent event : events) {
            long sequence = sequences.merge(topicOf(event) + '/' + projectId, 1L, Long::sum) - 1;
            publish(projectId, envelope(event, sequence), event);
        }
    }

    private static BigDecimal yuan(JsonNode wan) {
        return new BigDecimal(wan.asString()).multiply(BigDecimal.valueOf(10_000)).setScale(2);
    }

    /** The events a unit's year consists of: the funds as budgets, adjustments and payments; the indicators as entered. */
    private static List<PublishedEvent> history(String projectId, JsonNode form) {
        List<PublishedEvent> events = new ArrayList<>();
        events.add(new ProjectYearRegistered(projectId, projectId.substring(5), form.path("name").asString(),
                form.path("department").asString(), form.path("implementingUnit").asString(), form.path("year").asInt(), "shanghai-2023"));
        SOURCES.forEach((key, source) -> {
            BigDecimal initial = yuan(form.path("funds").path(key).path("initial"));
            if (initial.signum() > 0) {
                events.add(new InitialBudgetAllocated(projectId, source, new Money(initial), "导入", LocalDate.of(2023, 1, 1)));
            }
        });
        events.add(new ProjectYearOpened(projectId, LocalDate.of(2023, 1, 1)));
        SOURCES.forEach((key, source) -> {
            JsonNode row = form.path("funds").path(key);
            BigDecimal change = yuan(row.path("fullYear")).subtract(yuan(row.path("initial")));
            if (change.signum() != 0) {
                events.add(new BudgetAdjusted(projectId, "ADJ-" + source, change.signum() > 0 ? AdjustmentKind.INCREASE
                        : AdjustmentKind.DECREASE, source, new Money(change.abs()), "调整", "导入", YEAR_END, null, null, false));
            }
            BigDecimal executed = yuan(row.path("executed"));
            if (executed.signum() > 0) {
                events.add(new ExpenditureRecorded(projectId, "PAY-" + source, source, new Money(executed), YEAR_END, "导入", "IMPORT"));
            }
        });
        int n = 0;
        for (JsonNode indicator : form.path("indicators")) {
            String id = "i" + ++n;
            Target target = Target.parse(indicator.path("target").asString());
            events.add(new IndicatorDefined(projectId, id, indicator.path("level1").asString(), indicator.path("level2").asString(),
                    indicator.path("level3").asString(), target, new BigDecimal(indicator.path("weight").asString())));
            if (BudgetExecution.canFollow(indicator.path("level3").asString(), target)) {
                events.add(new IndicatorBoundToExecutionRate(projectId, id, YEAR_END));
            } else {
                events.add(new IndicatorActualRecorded(projectId, id, Actual.parse(indicator.path("actual").asString()), YEAR_END));
            }
            events.add(new IndicatorScored(projectId, id, ScoreKind.SELF_ASSESSED, new BigDecimal(indicator.path("score").asString()),
                    indicator.path("deviation").asString(""), true, YEAR_END));
        }
        events.add(new AnnualGoalSet(projectId, form.path("goal").path("expected").asString()));
        events.add(new AnnualGoalAchievementReported(projectId, form.path("goal").path("actual").asString()));
        return events;
    }

    @Test
    void reproducesEveryFigureOfTheSevenPublishedForms() throws Exception {
        JsonNode seed = JSON.readTree(Seed.forms2023());
        String run = UUID.randomUUID().toString().substring(0, 6);
        List<String> projectIds = new ArrayList<>();
        int index = 0;
        for (JsonNode form : seed.path("projects")) {
            String projectId = "2023-SEED" + run + index++;
            projectIds.add(projectId);
            publishNext(projectId, history(projectId, form));
        }

        AtomicInteger figures = new AtomicInteger();
        List<String> mismatched = new ArrayList<>();
        for (int p = 0; p < projectIds.size(); p++) {
            JsonNode published = seed.path("projects").get(p);
            String projectId = projectIds.get(p);
            int indicators = published.path("indicators").size();
            JsonNode live = await("form of " + projectId).atMost(Duration.ofSeconds(30)).until(() -> {
                String body = mvc.perform(get("/projects/{id}/form", projectId)).andReturn().getResponse().getContentAsString();
                return body.contains("\"indicators\"") ? JSON.readTree(body) : null;
            }, form -> form != null && form.path("indicators").size() == indicators
                    && form.path("goal").path("actual").isString()
                    && form.path("indicators").get(indicators - 1).path("selfAssessedScore").isString());
            figures.addAndGet(PublishedForms.compare(published, live, List.of("weight", "score"),
                    List.of("target", "actual", "weight", "score", "deviation"), mismatched));
        }
        assertThat(mismatched).isEmpty();
        // one path: the form now is the form as of a date after every event, as known after every event
        for (String projectId : projectIds) {
            tools.jackson.databind.node.ObjectNode now = (tools.jackson.databind.node.ObjectNode) JSON.readTree(
                    mvc.perform(get("/projects/{id}/form", projectId)).andReturn().getResponse().getContentAsString());
            tools.jackson.databind.node.ObjectNode dated = (tools.jackson.databind.node.ObjectNode) JSON.readTree(
                    mvc.perform(get("/projects/{id}/form", projectId).param("asOf", "2099-12-31")
                            .param("knownAt", "2099-12-31T00:00:00Z")).andReturn().getResponse().getContentAsString());
            assertThat(dated.path("asOf").asString()).isEqualTo("2099-12-31");
            for (String limit : List.of("asOf", "knownAt")) {
                now.remove(limit);
                dated.remove(limit);
            }
            assertThat(dated).as(projectId).isEqualTo(now);
        }
        // 7 × (4 fund rows × 4 figures + weight + score) + every indicator row's target, actual, weight, score, deviation + 7 totals + 7 grades
        assertThat(figures.get()).isEqualTo(7 * 18 + 32 * 5 + 7 + 7);
    }

    @Test
    void flagsTheFiveRowsWhosePrintedScoreDiffersFromTheFormula() throws Exception {
        JsonNode seed = JSON.readTree(Seed.forms2023());
        String run = UUID.randomUUID().toString().substring(0, 6);
        List<String> flagged = new ArrayList<>();
        int index = 0;
        for (JsonNode form : seed.path("projects")) {
            String projectId = "2023-FLAG" + run + index++;
            publishNext(projectId, history(projectId, form));
            int indicators = form.path("indicators").size();
            JsonNode live = await().atMost(Duration.ofSeconds(30)).until(() -> {
                String body = mvc.perform(get("/projects/{id}/form", projectId)).andReturn().getResponse().getContentAsString();
                return body.contains("\"indicators\"") ? JSON.readTree(body) : null;
            }, f -> f != null && f.path("indicators").size() == indicators
                    && f.path("indicators").get(indicators - 1).path("selfAssessedScore").isString());
            for (JsonNode row : live.path("indicators")) {
                if (row.path("flags").toString().contains("FORMULA_MISMATCH")) {
                    flagged.add(form.path("name").asString() + " " + row.path("level3").asString() + " "
                            + row.path("score").asString() + " vs " + row.path("computedScore").asString());
                }
            }
        }
        assertThat(flagged).containsExactlyInAnyOrder(
                "科普场馆运行保障经费 当年预算完成率 4.00 vs 2.37",
                "科普场馆运行保障经费 合格率 70.00 vs 75.00",
                "天文馆展示工程 项目完成率 4.00 vs 0.00",
                "展示运行 预算执行率率 8.00 vs 8.61",
                "科技馆展区更新改造 当年预算完成率 4.00 vs 0.25");
    }
}
