package io.jixiao.scoring.operations;

import io.jixiao.contracts.FundSource;
import io.jixiao.contracts.Money;
import io.jixiao.contracts.PublishedEvent;
import io.jixiao.contracts.Topics;
import io.jixiao.contracts.budget.ExpenditureRecorded;
import io.jixiao.contracts.budget.InitialBudgetAllocated;
import io.jixiao.contracts.budget.ProjectYearOpened;
import io.jixiao.contracts.budget.ProjectYearRegistered;
import io.jixiao.scoring.ScoringIntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The operations gauges against the real broker and read model: projection lag in records and seconds while the
 * projection's consumer is stopped, dead letters held and counted, project-years per department and status, forms
 * pushed, and the Prometheus names the dashboard and the alert rules use.
 */
class OperationsMetricsTest extends ScoringIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    /** EventConsumer.ID, the projection's listener container. */
    private static final String PROJECTION = "scoring-projection";

    @Autowired
    MockMvc mvc;
    @Autowired
    MeterRegistry meters;
    @Autowired
    KafkaListenerEndpointRegistry listeners;
    @Autowired
    ProjectionLagMetrics lag;
    @Autowired
    ProjectYearStatusMetrics statuses;

    private double lagEvents(String topic) {
        return meters.get("jixiao.projection.lag.events").tag("topic", topic).gauge().value();
    }

    private double lagSeconds(String topic) {
        return meters.get("jixiao.projection.lag").tag("topic", topic).timeGauge().value(TimeUnit.SECONDS);
    }

    private double deadLettersHeld(String topic) {
        return meters.get("jixiao.projection.dead.letters").tag("topic", topic).gauge().value();
    }

    private double deadLettered(String topic) {
        return meters.get("scoring.events.dead.lettered").tag("topic", topic).counter().count();
    }

    private double projectYears(String department, String status) {
        return meters.get("jixiao.monitoring.project.years").tag("department", department).tag("status", status).gauge().value();
    }

    private double formsPushed() {
        return meters.get("jixiao.forms.pushed").counter().count();
    }

    private void awaitCaughtUp(String topic) {
        await().atMost(WAIT).untilAsserted(() -> {
            lag.refresh();
            assertThat(lagEvents(topic)).isZero();
            assertThat(lagSeconds(topic)).isZero();
        });
    }

    @Test
    void lagCountsTheRecordsNotYetAppliedAndTheAgeOfTheOldestUntilTheProjectionCatchesUp() {
        awaitCaughtUp(Topics.BUDGET_EVENTS);
        String projectId = "2023-" + newProjectId("LAG");
        MessageListenerContainer projection = listeners.getListenerContainer(PROJECTION);
        assertThat(projection).isNotNull();
        projection.stop();
        try {
            long started = System.currentTimeMillis();
            // the oldest record waiting was produced two minutes ago
            send(new ProducerRecord<>(Topics.BUDGET_EVENTS, null, started - 120_000, projectId,
                    envelope(register(projectId, "运维测试"), 0)));
            publish(projectId, envelope(allocate(projectId, "1000.00"), 1), allocate(projectId, "1000.00"));
            publish(projectId, envelope(open(projectId), 2), open(projectId));

            lag.refresh();

            assertThat(lagEvents(Topics.BUDGET_EVENTS)).isEqualTo(3);
            assertThat(lagSeconds(Topics.BUDGET_EVENTS)).isBetween(120.0, 120.0 + (System.currentTimeMillis() - started) / 1000.0);
        } finally {
            projection.start();
        }
        awaitCaughtUp(Topics.BUDGET_EVENTS);
    }

    @Test
    void aPoisonRecordIsCountedAndHeldInTheDeadLetterTopic() {
        lag.refresh();
        double heldBefore = deadLettersHeld(Topics.INDICATOR_EVENTS);
        double countedBefore = deadLettered(Topics.INDICATOR_EVENTS);

        send(Topics.INDICATOR_EVENTS, null, newProjectId("POISON"), "{\"type\":\"NoSuchEvent\"}");

        await().atMost(WAIT).untilAsserted(() -> {
            lag.refresh();
            assertThat(deadLettered(Topics.INDICATOR_EVENTS)).isEqualTo(countedBefore + 1);
            assertThat(deadLettersHeld(Topics.INDICATOR_EVENTS)).isEqualTo(heldBefore + 1);
        });
        awaitCaughtUp(Topics.INDICATOR_EVENTS);
    }

    @Test
    void projectYearsAreCountedPerDepartmentAndStatusZerosIncluded() {
        String department = "运维测试部门-" + newProjectId("D");
        String executed = "2023-" + newProjectId("GREEN");
        String idle = "2023-" + newProjectId("RED");
        // 2023 is over, so its benchmark is 100 %: all executed is green, nothing executed red
        publishAll(executed, register(executed, department), allocate(executed, "1000.00"), open(executed),
                pay(executed, "P-1", "1000.00"));
        publishAll(idle, register(idle, department), allocate(idle, "1000.00"), open(idle));
        awaitApplied(executed, 4);
        awaitApplied(idle, 3);

        statuses.refresh();

        assertThat(projectYears(department, "GREEN")).isEqualTo(1);
        assertThat(projectYears(department, "YELLOW")).isZero();
        assertThat(projectYears(department, "RED")).isEqualTo(1);
    }

    @Test
    void everyFormSentToASubscriberIsCounted() throws Exception {
        String projectId = "2023-" + newProjectId("PUSH");
        publishAll(projectId, register(projectId, "运维测试"), allocate(projectId, "1000.00"), open(projectId));
        awaitApplied(projectId, 3);
        double before = formsPushed();

        MvcResult stream = mvc.perform(get("/projects/{id}/form/stream", projectId)).andExpect(request().asyncStarted()).andReturn();
        // other test classes' subscribers of every form may still be listening, so at least
        assertThat(formsPushed()).isGreaterThanOrEqualTo(before + 1); // the current form, at once
        publish(projectId, envelope(pay(projectId, "P-1", "500.00"), 3), pay(projectId, "P-1", "500.00"));

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(stream.getResponse().getContentAsString(StandardCharsets.UTF_8)).contains("\"rate\":\"50.00\"");
            assertThat(formsPushed()).isGreaterThanOrEqualTo(before + 2);
        });
    }

    @Test
    void theMetricsAreExportedUnderThePrometheusNamesTheDashboardUses() throws Exception {
        String department = "运维导出-" + newProjectId("D");
        String projectId = "2023-" + newProjectId("EXPORT");
        publishAll(projectId, register(projectId, department), allocate(projectId, "1000.00"), open(projectId));
        awaitApplied(projectId, 3);
        statuses.refresh();
        lag.refresh();

        String scrape = mvc.perform(get("/actuator/prometheus")).andExpect(status().isOk()).andReturn()
                .getResponse().getContentAsString(StandardCharsets.UTF_8);

        assertThat(scrape)
                .contains("jixiao_monitoring_project_years{application=\"scoring-service\",department=\"" + department + "\",status=\"RED\"} 1")
                .contains("jixiao_monitoring_project_years{application=\"scoring-service\",department=\"" + department + "\",status=\"GREEN\"} 0")
                .contains("jixiao_projection_lag_events{application=\"scoring-service\",topic=\"budget.events\"}")
                .contains("jixiao_projection_lag_events{application=\"scoring-service\",topic=\"indicator.events\"}")
                .contains("jixiao_projection_lag_seconds{application=\"scoring-service\",topic=\"budget.events\"}")
                .contains("jixiao_projection_dead_letters{application=\"scoring-service\",topic=\"indicator.events\"}")
                .contains("scoring_events_dead_lettered_total{application=\"scoring-service\",topic=\"budget.events\"}")
                .contains("jixiao_forms_pushed_total{application=\"scoring-service\"}")
                .contains("scoring_form_push_seconds_count{application=\"scoring-service\"}");
    }

    private void awaitApplied(String projectId, int events) {
        await().atMost(WAIT).untilAsserted(() -> mvc.perform(get("/projects/{id}/execution", projectId))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.eventsApplied").value(events)));
    }

    private void send(ProducerRecord<String, String> record) {
        try {
            kafka.send(record).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the broker did not take the record", e);
        }
    }

    private static PublishedEvent register(String projectId, String department) {
        return new ProjectYearRegistered(projectId, projectId.substring(5), "运维指标测试项目", department, "上海科技馆", 2023,
                "shanghai-2023");
    }

    private static PublishedEvent allocate(String projectId, String amount) {
        return new InitialBudgetAllocated(projectId, FundSource.CURRENT_YEAR_APPROPRIATION, Money.of(amount),
                "沪财预〔2023〕1号", LocalDate.of(2023, 1, 5));
    }

    private static PublishedEvent open(String projectId) {
        return new ProjectYearOpened(projectId, LocalDate.of(2023, 1, 10));
    }

    private static PublishedEvent pay(String projectId, String reference, String amount) {
        return new ExpenditureRecorded(projectId, reference, FundSource.CURRENT_YEAR_APPROPRIATION, Money.of(amount),
                LocalDate.of(2023, 6, 30), "某供应商", "记-" + reference);
    }
}
