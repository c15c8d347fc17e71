package io.jixiao.indicator.indicatorset.web;

import io.jixiao.contracts.EventEnvelope;
import io.jixiao.contracts.EventJson;
import io.jixiao.contracts.Topics;
import io.jixiao.testing.ApiClient;
import io.jixiao.testing.ApiClient.Response;
import io.jixiao.testing.TestPostgres;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The indicator API over HTTP, against a real PostgreSQL event store and a real Kafka broker. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}")
@EmbeddedKafka(partitions = 1)
class IndicatorApiTest {


    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestPostgres.register(registry, "indicator_api_test");
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    private Response send(String method, String path, String json) {
        return new ApiClient("http://127.0.0.1:" + port).send(method, path, json);
    }

    private static String indicator(String id, String weight) {
        return """
                {"indicatorId":"%s","level1":"产出指标","level2":"数量指标","level3":"系统访问量","target":"≥15600000.00(人次/年)","weight":"%s"}
                """.formatted(id, weight);
    }

    private int storedEvents(String projectId) {
        return jdbc.queryForObject("select count(*) from domain_event_entry where aggregate_identifier = ?", Integer.class, projectId);
    }

    private static String newProjectId() {
        return "2023-I" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void definesAnIndicatorRecordsItsActualAndPublishesBoth() throws Exception {
        String projectId = newProjectId();
        Response defined = send("POST", "/projects/" + projectId + "/indicators", indicator("i1", "5"));
        assertThat(defined.status()).isEqualTo(201);
        assertThat(defined.text("weight")).isEqualTo("5.00");
        Response actual = send("PUT", "/projects/" + projectId + "/indicators/i1/actual", """
                {"actual":"0.00(人次/年)","businessDate":"2023-12-31"}""");
        assertThat(actual.status()).isEqualTo(200);
        assertThat(storedEvents(projectId)).isEqualTo(2);

        List<EventEnvelope> published = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
            consumer.subscribe(List.of(Topics.INDICATOR_EVENTS));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (projectId.equals(record.key())) {
                        published.add(EventJson.read(record.value()));
                    }
                }
                return published.size() >= 2;
            });
        }
        assertThat(published).extracting(EventEnvelope::type).containsExactly("IndicatorDefined", "IndicatorActualRecorded");
        assertThat(published).extracting(EventEnvelope::sequence).containsExactly(0L, 1L);
        assertThat(published.get(0).payload().path("weight").asString()).isEqualTo("5.00");
        assertThat(published.get(1).businessDate()).hasToString("2023-12-31");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "100.01", "5.001", "1e1", "abc", ""})
    void rejectsWeightsOutOfRangeOrFormWith400(String weight) throws Exception {
        String projectId = newProjectId();
        Response response = send("POST", "/projects/" + projectId + "/indicators", indicator("i1", weight));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.text("field")).isEqualTo("weight");
        assertThat(storedEvents(projectId)).isZero();
    }

    @Test
    void rejectsUnknownLevel1HeadingsUnknownFieldsAndBadProjectIds() throws Exception {
        String projectId = newProjectId();
        assertThat(send("POST", "/projects/" + projectId + "/indicators", indicator("i1", "5").replace("产出指标", "其他指标")).status())
                .isEqualTo(400);
        Response unknown = send("POST", "/projects/" + projectId + "/indicators", indicator("i1", "5").replace("\"weight\"", "\"score\":\"1\",\"weight\""));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.text("code")).isEqualTo("unknown-field");
        Response badId = send("POST", "/projects/not-a-project/indicators", indicator("i1", "5"));
        assertThat(badId.status()).isEqualTo(400);
        assertThat(badId.text("field")).isEqualTo("projectId");
        assertThat(storedEvents(projectId)).isZero();
    }

    @Test
    void rejectsWeightsAddingUpBeyond100With422AndActualsOfUnknownIndicatorsWith404() throws Exception {
        String projectId = newProjectId();
        assertThat(send("POST", "/projects/" + projectId + "/indicators", indicator("i1", "90")).status()).isEqualTo(201);
        Response tooMuch = send("POST", "/projects/" + projectId + "/indicators", indicator("i2", "10.01"));
        assertThat(tooMuch.status()).isEqualTo(422);
        assertThat(tooMuch.text("code")).isEqualTo("weights-exceed-total");
        Response unknown = send("PUT", "/projects/" + projectId + "/indicators/i9/actual", "{\"actual\":\"达成指标\"}");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.text("code")).isEqualTo("unknown-indicator");
        Response noSet = send("PUT", "/projects/" + newProjectId() + "/indicators/i1/actual", "{\"actual\":\"达成指标\"}");
        assertThat(noSet.status()).isEqualTo(404);
        assertThat(storedEvents(projectId)).isEqualTo(1);
    }
}
