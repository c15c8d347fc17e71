package io.jixiao.scoring.form;

import io.jixiao.contracts.FundSource;
import io.jixiao.contracts.Money;
import io.jixiao.contracts.PublishedEvent;
import io.jixiao.contracts.budget.ExpenditureRecorded;
import io.jixiao.contracts.budget.InitialBudgetAllocated;
import io.jixiao.contracts.budget.ProjectYearOpened;
import io.jixiao.contracts.budget.ProjectYearRegistered;
import io.jixiao.scoring.ScoringIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Subscribers see every change of a form pushed to them as server-sent events, per project and for all. */
class FormStreamTest extends ScoringIntegrationTest {

    @Autowired
    MockMvc mvc;

    private final Map<String, Long> sequences = new HashMap<>();

    private void publishNext(String projectId, PublishedEvent... events) {
        for (PublishedEvent event : events) {
            long sequence = sequences.merge(projectId, 1L, Long::sum) - 1;
            publish(projectId, envelope(event, sequence), event);
        }
    }

    private static ExpenditureRecorded pay(String projectId, String reference, String amount) {
        return new ExpenditureRecorded(projectId, reference, FundSource.OTHER_FUNDS, Money.of(amount), LocalDate.of(2023, 5, 1), "p", "v");
    }

    @Test
    void pushesTheFormNowAndAfterEveryPayment() throws Exception {
        String projectId = "2023-" + newProjectId("SSE");
        publishNext(projectId, new ProjectYearRegistered(projectId, "SSE", "展示运行", "d", "u", 2023, "shanghai-2023"),
                new InitialBudgetAllocated(projectId, FundSource.OTHER_FUNDS, Money.of("1000000.00"), "d", LocalDate.of(2023, 1, 1)),
                new ProjectYearOpened(projectId, LocalDate.of(2023, 1, 1)));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                mvc.perform(get("/projects/{id}/form", projectId)).andExpect(status().isOk()));

        MvcResult project = mvc.perform(get("/projects/{id}/form/stream", projectId)).andExpect(request().asyncStarted()).andReturn();
        MvcResult all = mvc.perform(get("/forms/stream")).andExpect(request().asyncStarted()).andReturn();
        assertThat(project.getResponse().getContentType()).startsWith("text/event-stream");
        assertThat(project.getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8)).contains("event:form").contains("\"rate\":\"0.00\"");

        publishNext(projectId, pay(projectId, "P1", "426800.00"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(project.getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8)).contains("\"rate\":\"42.68\"").contains("\"score\":\"4.26\"");
            assertThat(all.getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8)).contains("\"projectId\":\"" + projectId + "\"").contains("\"rate\":\"42.68\"");
        });
        publishNext(projectId, pay(projectId, "P2", "473200.00"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(project.getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8)).contains("\"rate\":\"90.00\"").contains("\"grade\":\"差\""));
        mvc.perform(get("/projects/{id}/form/stream", "2023-NOPE")).andExpect(status().isNotFound());
    }
}
