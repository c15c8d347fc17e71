package io.jixiao.deploy;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The operations view against the whole stack: after a project-year, a payment, a subscriber of its form and a
 * poison record, each business metric carries what happened, and every metric the Grafana dashboard
 * ({@code deploy/grafana/jixiao-dashboard.json}) and the alert rules ({@code deploy/prometheus/alerts.yml}) name is
 * exported by some process at {@code /actuator/prometheus}.
 */
@ExtendWith(SharedStack.class)
class OperationsEndToEndTest {

    private static final JsonMapper JSON = JsonMapper.shared();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** The status gauge is recounted every 30 s, the lag every 15 s. */
    private static final Duration MEASURED_WITHIN = Duration.ofSeconds(90);
    private static final String DEPARTMENT = "上海市科学技术委员会";
    private static final String EDITOR = "seed-loader";
    private static final String POSTER = "finance-system-a";
    private static final List<Service> EXPORTING = List.of(Service.BUDGET, Service.INDICATOR, Service.SCORING, Service.GATEWAY);

    private static Stack stack;
    private static String projectId;

    @BeforeAll
    static void load() throws Exception {
        stack = SharedStack.stack();
        String code = "OPS" + UUID.randomUUID().toString().substring(0, 6).toUpperCase(java.util.Locale.ROOT);
        projectId = post(EDITOR, "/api/budget/projects", """
                {"code":"%s","name":"运维指标测试","department":"%s","implementingUnit":"上海科技馆","fiscalYear":2023}"""
                .formatted(code, DEPARTMENT), 201).path("projectId").asString();
        post(EDITOR, "/api/budget/projects/" + projectId + "/initial-budgets", """
                {"fundSource":"CURRENT_YEAR_APPROPRIATION","amount":"1000000.00","documentNumber":"沪财预〔2023〕9号"}""", 201);
        post(EDITOR, "/api/budget/projects/" + projectId + "/open", null, 200);
    }

    @Test
    void theBusinessMetricsCarryWhatHappened() throws Exception {
        await("the project-year in the read model").atMost(MEASURED_WITHIN).until(() ->
                send(POSTER, "GET", "/api/scoring/projects/" + projectId + "/form", null).statusCode() == 200);
        double pushedBefore = value(scrape(Service.SCORING), "jixiao_forms_pushed_total", "").orElse(0.0);
        double deadLetteredBefore = value(scrape(Service.SCORING), "scoring_events_dead_lettered_total", "topic=\"indicator.events\"").orElse(0.0);

        List<String> pushed = new CopyOnWriteArrayList<>();
        HttpResponse<Stream<String>> stream = HTTP.send(HttpRequest.newBuilder(
                        stack.url(Service.SCORING).resolve("/projects/" + projectId + "/form/stream"))
                .header("Authorization", SharedStack.bearer(POSTER)).header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofLines());
        assertThat(stream.statusCode()).isEqualTo(200);
        Thread reader = new Thread(() -> {
            try {
                stream.body().forEach(pushed::add);
            } catch (UncheckedIOException closed) {
                // the stream was closed at the end of the test
            }
        }, "form-stream-reader");
        reader.setDaemon(true);
        reader.start();
        try {
            post(POSTER, "/api/budget/projects/" + projectId + "/expenditures", """
                    {"paymentReference":"OPS-1","fundSource":"CURRENT_YEAR_APPROPRIATION","amount":"250000.00","businessDate":"2023-06-30","payee":"某公司","voucherNumber":"记-0001"}""", 201);
            poisonIndicatorTopic();

            await("the changed form pushed").atMost(MEASURED_WITHIN).until(() -> pushed.stream().anyMatch(line -> line.contains("\"rate\":\"25.00\"")));
            await("the operations metrics measured").atMost(MEASURED_WITHIN).untilAsserted(() -> {
                String scoring = scrape(Service.SCORING);
                // the current form on subscribing, and the changed one
                assertThat(value(scoring, "jixiao_forms_pushed_total", "")).hasValueSatisfying(v -> assertThat(v).isGreaterThanOrEqualTo(pushedBefore + 2));
                assertThat(value(scoring, "scoring_events_dead_lettered_total", "topic=\"indicator.events\"")).hasValue(deadLetteredBefore + 1);
                assertThat(value(scoring, "jixiao_projection_dead_letters", "topic=\"indicator.events\"")).hasValueSatisfying(v -> assertThat(v).isGreaterThanOrEqualTo(1));
                // 2023 is over, so a quarter executed is red
                assertThat(value(scoring, "jixiao_monitoring_project_years", "department=\"" + DEPARTMENT + "\",status=\"RED\""))
                        .hasValueSatisfying(v -> assertThat(v).isGreaterThanOrEqualTo(1));
                for (String topic : List.of("budget.events", "indicator.events")) {
                    assertThat(value(scoring, "jixiao_projection_lag_events", "topic=\"" + topic + "\"")).as(topic).hasValue(0.0);
                    assertThat(value(scoring, "jixiao_projection_lag_seconds", "topic=\"" + topic + "\"")).as(topic).hasValue(0.0);
                }
                assertThat(value(scrape(Service.BUDGET), "jixiao_relay_backlog", "topic=\"budget.events\"")).hasValue(0.0);
                assertThat(value(scrape(Service.INDICATOR), "jixiao_relay_backlog", "topic=\"indicator.events\"")).hasValue(0.0);
            });
        } finally {
            stream.body().close();
        }
    }

    @Test
    void everyMetricTheDashboardAndTheAlertRulesNameIsExported() throws Exception {
        Path root = EndToEndTest.repositoryRoot();
        Set<String> dashboard = dashboardMetrics(root.resolve("deploy/grafana/jixiao-dashboard.json"));
        Set<String> rules = ruleMetrics(root.resolve("deploy/prometheus/alerts.yml"));
        // what the operations view promises: each business metric on the dashboard, and the alerts' subjects
        assertThat(dashboard).contains("jixiao_monitoring_project_years", "jixiao_projection_lag_events",
                "jixiao_projection_lag_seconds", "jixiao_relay_backlog", "jixiao_projection_dead_letters",
                "scoring_events_dead_lettered_total", "jixiao_forms_pushed_total", "http_server_requests_seconds_count",
                "http_server_requests_seconds_sum");
        assertThat(rules).contains("jixiao_monitoring_project_years", "jixiao_projection_lag_events",
                "jixiao_projection_lag_seconds", "jixiao_relay_backlog", "scoring_events_dead_lettered_total");
        Set<String> named = new TreeSet<>(dashboard);
        named.addAll(rules);

        // a payment through the gateway, so that every process has served requests and applied an event
        post(POSTER, "/api/budget/projects/" + projectId + "/expenditures", """
                {"paymentReference":"OPS-2","fundSource":"CURRENT_YEAR_APPROPRIATION","amount":"1.00","businessDate":"2023-07-01","payee":"某公司","voucherNumber":"记-0002"}""", 201);
        await("every named metric exported").atMost(MEASURED_WITHIN).untilAsserted(() -> {
            Set<String> exported = new TreeSet<>();
            for (Service service : EXPORTING) {
                exported.addAll(sampleNames(scrape(service)));
            }
            assertThat(named.stream().filter(name -> !exported.contains(name)).toList())
                    .as("named by the dashboard or the alert rules but exported by no process").isEmpty();
        });
        System.out.println("operations view: " + named.size() + " metrics named by the dashboard and the alert rules, all exported: " + named);
    }

    // --- what the dashboard and the rules name -------------------------------------------------------------

    private static Set<String> dashboardMetrics(Path file) throws IOException {
        JsonNode dashboard = JSON.readTree(Files.readString(file));
        Set<String> names = new TreeSet<>();
        List<JsonNode> expressions = new ArrayList<>();
        collect(dashboard.path("panels"), "expr", expressions);
        assertThat(expressions).as("queries of the dashboard's panels").isNotEmpty();
        expressions.forEach(expression -> {
            Set<String> read = PromQl.metricNames(expression.asString());
            assertThat(read).as("metrics of " + expression.asString()).isNotEmpty();
            names.addAll(read);
        });
        List<JsonNode> variables = new ArrayList<>();
        collect(dashboard.path("templating"), "query", variables);
        variables.stream().map(v -> v.isObject() ? v.path("query").asString() : v.asString())
                .forEach(query -> names.addAll(PromQl.labelValuesMetric(query)));
        return names;
    }

    /** Every value under {@code key} anywhere below {@code node} (panels nest in rows). */
    private static void collect(JsonNode node, String key, List<JsonNode> found) {
        if (node.isObject()) {
            node.properties().forEach(entry -> {
                if (entry.getKey().equals(key)) {
                    found.add(entry.getValue());
                } else {
                    collect(entry.getValue(), key, found);
                }
            });
        } else if (node.isArray()) {
            node.forEach(element -> collect(element, key, found));
        }
    }

    @SuppressWarnings("unchecked")
    private static Set<String> ruleMetrics(Path file) throws IOException {
        Map<String, Object> document = new Yaml().load(Files.readString(file));
        Set<String> names = new TreeSet<>();
        List<Map<String, Object>> groups = (List<Map<String, Object>>) document.get("groups");
        assertThat(groups).as("rule groups").isNotEmpty();
        for (Map<String, Object> group : groups) {
            for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
                assertThat(rule).as("an alerting rule").containsKeys("alert", "expr");
                Set<String> read = PromQl.metricNames(String.valueOf(rule.get("expr")));
                assertThat(read).as("metrics of " + rule.get("alert")).isNotEmpty();
                names.addAll(read);
            }
        }
        return names;
    }

    // --- scrapes ---------------------------------------------------------------------------------------------

    private static String scrape(Service service) throws IOException, InterruptedException {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(stack.url(service).resolve("/actuator/prometheus"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(answer.statusCode()).as(service.module() + " /actuator/prometheus").isEqualTo(200);
        return answer.body();
    }

    /** The names of the samples of a scrape (comments left out). */
    private static Set<String> sampleNames(String scrape) {
        Set<String> names = new TreeSet<>();
        scrape.lines().filter(line -> !line.isBlank() && !line.startsWith("#"))
                .map(line -> line.split("[{ ]", 2)[0]).forEach(names::add);
        return names;
    }

    /** The sum of the samples of {@code name} whose labels contain {@code labels}; empty when there is none. */
    private static Optional<Double> value(String scrape, String name, String labels) {
        double[] sum = {0};
        boolean[] found = {false};
        scrape.lines().filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
                .filter(line -> line.contains(labels))
                .forEach(line -> {
                    found[0] = true;
                    sum[0] += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                });
        return found[0] ? Optional.of(sum[0]) : Optional.empty();
    }

    // --- load ------------------------------------------------------------------------------------------------

    /** A record no reader understands, on the topic EndToEndTest does not read: scoring dead-letters it. */
    private static void poisonIndicatorTopic() throws Exception {
        Map<String, Object> props = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>("indicator.events", "2023-OPSPOISON", "{\"type\":\"NoSuchEvent\"}")).get();
        }
    }

    private static JsonNode post(String client, String path, String body, int expectedStatus) throws IOException, InterruptedException {
        HttpResponse<String> answer = send(client, "POST", path, body);
        assertThat(answer.statusCode()).as(path + ": " + answer.body()).isEqualTo(expectedStatus);
        return JSON.readTree(answer.body().isBlank() ? "{}" : answer.body());
    }

    private static HttpResponse<String> send(String client, String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(stack.gatewayUrl().resolve(path)).timeout(Duration.ofSeconds(15))
                .header("Accept", "application/json, application/problem+json")
                .header("Authorization", SharedStack.bearer(client));
        if (body != null) {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
