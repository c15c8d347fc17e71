package io.jixiao.budget.projectyear.web;

import io.jixiao.contracts.EventEnvelope;
import io.jixiao.contracts.EventJson;
import io.jixiao.contracts.Topics;
import io.jixiao.contracts.budget.ExpenditureRecorded;
import io.jixiao.testing.ApiClient;
import io.jixiao.testing.ApiClient.Response;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The budget API's registration, payments and errors, and publication on Kafka. */
class ProjectYearApiTest extends BudgetApiTestBase {








    @Test
    void recordsAPaymentInTheEventStoreAndPublishesItOnceOnKafka() throws Exception {
        String projectId = newProject("14046700.00");
        Response paid = post("/projects/" + projectId + "/expenditures", payment("PAY-1", "13505200.00"));
        assertThat(paid.status()).isEqualTo(201);
        assertThat(paid.text("outcome")).isEqualTo("RECORDED");
        assertThat(storedEvents(projectId)).isEqualTo(4);

        List<EventEnvelope> published = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = consumer()) {
            consumer.subscribe(List.of(Topics.BUDGET_EVENTS));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (projectId.equals(record.key())) {
                        published.add(EventJson.read(record.value()));
                    }
                }
                return published.size() >= 4;
            });
        }
        assertThat(published).extracting(EventEnvelope::type)
                .containsExactly("ProjectYearRegistered", "InitialBudgetAllocated", "ProjectYearOpened", "ExpenditureRecorded");
        assertThat(published).extracting(EventEnvelope::sequence).containsExactly(0L, 1L, 2L, 3L);
        EventEnvelope payment = published.get(3);
        assertThat(payment.schemaVersion()).isEqualTo(1);
        assertThat(payment.businessDate()).hasToString("2023-06-30");
        assertThat(payment.eventId()).isEqualTo(jdbc.queryForObject(
                "select event_identifier from domain_event_entry where aggregate_identifier = ? and sequence_number = 3",
                String.class, projectId));
        ExpenditureRecorded event = (ExpenditureRecorded) EventJson.payload(payment);
        assertThat(event.amount().toString()).isEqualTo("13505200.00");
        // the relay sent the JSON the store holds for the event, as it is (not the event read and written again)
        byte[] stored = jdbc.queryForObject(
                "select payload from domain_event_entry where aggregate_identifier = ? and sequence_number = 3",
                byte[].class, projectId);
        assertThat(payment.payload()).isEqualTo(tools.jackson.databind.json.JsonMapper.builder().build().readTree(stored));
    }

    @Test
    void storesEventsAsByteaAndTheRelayTokenPersistently() {
        List<String> types = jdbc.queryForList("""
                select data_type from information_schema.columns
                where table_name in ('domain_event_entry', 'token_entry') and column_name in ('payload', 'meta_data', 'token')
                """, String.class);
        assertThat(types).hasSize(3).containsOnly("bytea");
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "select count(*) from token_entry where processor_name = 'kafka-relay'", Integer.class) > 0);
    }

    @Test
    void answersARepeatedPaymentWithItsOriginalResultAndNoNewEvent() throws Exception {
        String projectId = newProject("100.00");
        assertThat(post("/projects/" + projectId + "/expenditures", payment("PAY-1", "60.00")).status()).isEqualTo(201);
        Response again = post("/projects/" + projectId + "/expenditures", payment("PAY-1", "60.00"));
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.text("outcome")).isEqualTo("DUPLICATE");
        Response conflict = post("/projects/" + projectId + "/expenditures", payment("PAY-1", "61.00"));
        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.text("code")).isEqualTo("payment-reference-conflict");
        assertThat(storedEvents(projectId)).isEqualTo(4);
    }

    @Test
    void rejectsAPaymentBeyondTheBudgetWith422AndTheAvailableAmount() throws Exception {
        String projectId = newProject("100.00");
        post("/projects/" + projectId + "/expenditures", payment("PAY-1", "99.50"));
        Response rejected = post("/projects/" + projectId + "/expenditures", payment("PAY-2", "0.51"));
        assertThat(rejected.status()).isEqualTo(422);
        assertThat(rejected.contentType()).startsWith("application/problem+json");
        assertThat(rejected.text("code")).isEqualTo("payment-beyond-budget");
        assertThat(rejected.text("available")).isEqualTo("0.50");
        assertThat(storedEvents(projectId)).isEqualTo(4);
    }

    @Test
    void rejectsADuplicateRegistrationWith409() throws Exception {
        String projectId = newProject("1.00");
        String code = projectId.substring(5);
        Response again = post("/projects", """
                {"code":"%s","name":"x","department":"d","implementingUnit":"u","fiscalYear":2023}""".formatted(code));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.text("code")).isEqualTo("already-exists");
        assertThat(storedEvents(projectId)).isEqualTo(3);
    }

    @Test
    void rejectsPaymentsForUnknownProjectsWith404() throws Exception {
        Response response = post("/projects/2023-NOPE/expenditures", payment("PAY-1", "1.00"));
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.text("code")).isEqualTo("unknown-project");
        assertThat(storedEvents("2023-NOPE")).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1.00", "0", "0.00", "1.001", "1e3", "1E+400", "NaN", "１２", "1,000.00", "99999999999999", " 1.00", ""})
    void rejectsMalformedAmountsWith400AndNoEvent(String amount) throws Exception {
        String projectId = newProject("100.00");
        Response response = post("/projects/" + projectId + "/expenditures", payment("PAY-1", amount));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.text("code")).isEqualTo("invalid-input");
        assertThat(response.text("field")).isEqualTo("amount");
        assertThat(storedEvents(projectId)).isEqualTo(3);
    }

    @Test
    void rejectsAmountsSentAsJsonNumbers() throws Exception {
        String projectId = newProject("100.00");
        Response response = post("/projects/" + projectId + "/expenditures", payment("PAY-1", "1.00").replace("\"1.00\"", "1.00"));
        assertThat(response.status()).isEqualTo(400);
        assertThat(storedEvents(projectId)).isEqualTo(3);
    }

    @Test
    void rejectsUnknownFieldsUnknownFundSourcesAndMissingFields() throws Exception {
        String projectId = newProject("100.00");
        Response unknownField = post("/projects/" + projectId + "/expenditures",
                payment("PAY-1", "1.00").replace("\"payee\"", "\"currency\":\"USD\",\"payee\""));
        assertThat(unknownField.status()).isEqualTo(400);
        assertThat(unknownField.text("code")).isEqualTo("unknown-field");
        assertThat(unknownField.text("field")).isEqualTo("currency");

        Response unknownSource = post("/projects/" + projectId + "/expenditures",
                payment("PAY-1", "1.00").replace("CURRENT_YEAR_APPROPRIATION", "SPECIAL_BONDS"));
        assertThat(unknownSource.status()).isEqualTo(400);
        assertThat(unknownSource.text("code")).isEqualTo("invalid-input");
        assertThat(unknownSource.text("field")).isEqualTo("fundSource");
        assertThat(unknownSource.text("detail")).contains("SPECIAL_BONDS").contains("OTHER_FUNDS");

        Response missing = post("/projects/" + projectId + "/expenditures", payment("PAY-1", "1.00").replace("\"payee\":\"某公司\",", ""));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.text("code")).isEqualTo("invalid-input");

        Response badDate = post("/projects/" + projectId + "/expenditures", payment("PAY-1", "1.00").replace("2023-06-30", "2023-02-30"));
        assertThat(badDate.status()).isEqualTo(400);
        assertThat(badDate.text("field")).isEqualTo("businessDate");

        Response notJson = post("/projects/" + projectId + "/expenditures", "{not json");
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.text("code")).isEqualTo("malformed-body");
        assertThat(notJson.contentType()).startsWith("application/problem+json");
        assertThat(storedEvents(projectId)).isEqualTo(3);
    }

    @Test
    void rejectsDatesOutsideTheFiscalYearWith422() throws Exception {
        String projectId = newProject("100.00");
        Response response = post("/projects/" + projectId + "/expenditures", payment("PAY-1", "1.00").replace("2023-06-30", "2024-01-01"));
        assertThat(response.status()).isEqualTo(422);
        assertThat(response.text("code")).isEqualTo("date-outside-fiscal-year");
        assertThat(storedEvents(projectId)).isEqualTo(3);
    }

    @Test
    void registersUnderAKnownRuleSetOnly() {
        assertThat(post("/projects", """
                {"code":"PT1","name":"x","department":"d","implementingUnit":"u","fiscalYear":2022,"ruleSet":"putuo-2022"}""").status())
                .isEqualTo(201);
        Response unknown = post("/projects", """
                {"code":"PT2","name":"x","department":"d","implementingUnit":"u","fiscalYear":2022,"ruleSet":"nowhere-2022"}""");
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.text("code")).isEqualTo("unknown-rule-set");
        assertThat(storedEvents("2022-PT2")).isZero();
    }

    @Test
    void rejectsInvalidRegistrations() throws Exception {
        assertThat(post("/projects", """
                {"code":"bad code!","name":"x","department":"d","implementingUnit":"u","fiscalYear":2023}""").status()).isEqualTo(400);
        assertThat(post("/projects", """
                {"code":"OK1","name":" ","department":"d","implementingUnit":"u","fiscalYear":2023}""").status()).isEqualTo(400);
        assertThat(post("/projects", """
                {"code":"OK2","name":"x","department":"d","implementingUnit":"u","fiscalYear":12023}""").status()).isEqualTo(400);
        assertThat(storedEvents("2023-OK1")).isZero();
    }

    @Test
    void concurrentPaymentsNeverOverdrawAProject() throws Exception {
        String projectId = newProject("100.00");
        Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<?>> posts = new ArrayList<>();
            for (int i = 0; i < 160; i++) {
                String reference = "C-" + i;
                posts.add(pool.submit(() -> {
                    int status = post("/projects/" + projectId + "/expenditures", payment(reference, "1.00")).status();
                    statuses.merge(status, 1, Integer::sum);
                    return null;
                }));
            }
            for (Future<?> post : posts) {
                post.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(statuses).containsEntry(201, 100).containsEntry(422, 60).hasSize(2);
        assertThat(storedEvents(projectId)).isEqualTo(103);
    }

    @Test
    void describesItsEndpointsInOpenApiForUseThroughTheGateway() {
        Response docs = api().get("/v3/api-docs");
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.body().path("servers").get(0).path("url").asString()).isEqualTo("/api/budget");
        List<String> paths = new ArrayList<>(docs.body().path("paths").propertyNames());
        assertThat(paths).contains("/projects", "/projects/{projectId}", "/projects/{projectId}/position",
                "/projects/{projectId}/initial-budgets", "/projects/{projectId}/open", "/projects/{projectId}/close",
                "/projects/{projectId}/adjustments", "/projects/{projectId}/transfers", "/transfers",
                "/projects/{projectId}/expenditures", "/expenditures/batch",
                "/projects/{projectId}/expenditures/{paymentReference}/reversal",
                "/projects/{projectId}/expenditures/{paymentReference}/refunds");
    }

    @Test
    void exposesHealthInfoAndPrometheusOnly() {
        ApiClient api = new ApiClient("http://127.0.0.1:" + port);
        assertThat(api.get("/actuator/health").status()).isEqualTo(200);
        Response prometheus = api.get("/actuator/prometheus");
        assertThat(prometheus.status()).isEqualTo(200);
        assertThat(prometheus.raw()).contains("application=\"budget-service\"");
        for (String hidden : List.of("env", "beans", "configprops", "heapdump", "loggers")) {
            assertThat(api.get("/actuator/" + hidden).status()).as(hidden + " without a token").isEqualTo(401);
            assertThat(api().get("/actuator/" + hidden).status()).as(hidden + " with a token").isEqualTo(404);
        }
    }

    private KafkaConsumer<String, String> consumer() {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class));
    }
}
