package io.jixiao.deploy;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole system as {@code ./run} starts it: PostgreSQL, Kafka, the auth-server and the four services as
 * processes, on free ports, data in a temporary directory ({@link SharedStack}). Everything goes through the
 * gateway, as a client would, with real tokens of the demo clients: {@code seed-loader} registers and allocates,
 * {@code finance-system-a} (a poster of 上海市科学技术委员会) pays and reads.
 *
 * <p>Needs the executable jars: in the reactor build they are packaged before this module. Built alone
 * ({@code -pl deploy}) without them the test is skipped, except on CI ({@code CI} set), where it fails.
 */
@ExtendWith(SharedStack.class)
class EndToEndTest {

    private static final Duration VISIBLE_WITHIN = Duration.ofSeconds(30);
    private static final String EXPENDITURE_RECORDED = "io.jixiao.contracts.budget.ExpenditureRecorded";
    private static final JsonMapper JSON = JsonMapper.shared();
    /** Registers, allocates, opens: budget-editor of every department. */
    static final String EDITOR = "seed-loader";
    /** Posts payments of 上海市科学技术委员会, and reads them. */
    static final String POSTER = "finance-system-a";

    private static Stack stack;
    /** Figures measured by the tests, written with the memory report at the end. */
    private static final List<String> REPORT = new java.util.concurrent.CopyOnWriteArrayList<>();
    private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void theStack() {
        stack = SharedStack.stack();
    }

    @AfterAll
    static void report() throws IOException {
        if (stack != null) {
            writeReport();
        }
    }

    @Test
    void paymentsThroughTheGatewayShowInScoringExactlyOnceEvenWhenKafkaDeliversARecordTwice() throws Exception {
        // register, allocate, pay
        JsonNode registered = post(EDITOR, "/api/budget/projects", """
                {"code":"XXH","name":"信息化建设项目","department":"上海市科学技术委员会","implementingUnit":"上海科技馆","fiscalYear":2023}""", 201);
        String projectId = registered.path("projectId").asString();
        assertThat(projectId).isEqualTo("2023-XXH");
        post(EDITOR, "/api/budget/projects/" + projectId + "/initial-budgets", """
                {"fundSource":"CURRENT_YEAR_APPROPRIATION","amount":"14046700.00","documentNumber":"沪财预〔2023〕1号"}""", 201);
        post(EDITOR, "/api/budget/projects/" + projectId + "/open", "", 200);
        long paidAt = System.nanoTime();
        post(POSTER, "/api/budget/projects/" + projectId + "/expenditures", payment("PAY-1", "13505200.00", "2023-06-30"), 201);

        JsonNode execution = awaitExecuted(projectId, "13505200.00");
        Duration visibleAfter = Duration.ofNanos(System.nanoTime() - paidAt);
        assertThat(execution.path("total").path("initial").asString()).isEqualTo("14046700.00");
        assertThat(execution.path("total").path("fullYear").asString()).isEqualTo("14046700.00");
        assertThat(execution.path("total").path("rate").asString()).isEqualTo("96.14");
        assertThat(execution.path("sources").path("CURRENT_YEAR_APPROPRIATION").path("executed").asString()).isEqualTo("13505200.00");

        // Kafka delivers the same record twice: read the payment's record and publish it again, byte for byte
        ConsumerRecord<byte[], byte[]> original = findRecord(projectId, "ExpenditureRecorded");
        String duplicatedEventId = JSON.readTree(original.value()).path("eventId").asString();
        RecordMetadata duplicate = republish(original);
        assertThat(duplicate.partition()).isEqualTo(original.partition());

        // a later payment on the same project, hence the same partition: once it shows, the duplicate was consumed
        post(POSTER, "/api/budget/projects/" + projectId + "/expenditures", payment("PAY-2", "300000.00", "2023-07-15"), 201);
        execution = awaitExecuted(projectId, "13805200.00");
        assertThat(execution.path("total").path("rate").asString()).isEqualTo(rate("13805200.00", "14046700.00")).isEqualTo("98.28");
        assertThat(execution.path("eventsApplied").asInt()).isEqualTo(5);
        awaitCommittedPast(new TopicPartition(original.topic(), original.partition()), duplicate.offset());

        // a malformed amount is a problem, not an event
        HttpResponse<String> bad = send(POSTER, "POST", "/api/budget/projects/" + projectId + "/expenditures",
                payment("PAY-3", "1e3", "2023-07-16"));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));

        // the event store: one event per accepted payment
        List<String> storedPayments = SharedStack.column(Service.BUDGET,
                "select event_identifier from domain_event_entry where payload_type = ? and aggregate_identifier = ? order by global_index",
                EXPENDITURE_RECORDED, projectId);
        assertThat(storedPayments).hasSize(2).doesNotHaveDuplicates().contains(duplicatedEventId);

        // the read model: one row per event id, the duplicate applied once
        List<String> applied = SharedStack.column(Service.SCORING,
                "select event_id from applied_event where stream = 'budget' and project_id = ?", projectId);
        assertThat(applied).hasSize(5).doesNotHaveDuplicates().containsAll(storedPayments);
        assertThat(SharedStack.column(Service.SCORING, "select event_id from applied_event where event_id = ?", duplicatedEventId)).hasSize(1);
        assertThat(SharedStack.column(Service.SCORING, "select event_id from applied_event group by event_id having count(*) > 1")).isEmpty();

        REPORT.add(String.format(Locale.ROOT, "first payment visible in scoring after: %d ms", visibleAfter.toMillis()));
    }

    @Test
    void aBatchOfAThousandPaymentsThroughTheGatewayIsAnsweredItemByItemAndPublishedExactlyOnce() throws Exception {
        int projects = 10;
        List<String> projectIds = new ArrayList<>();
        for (int p = 0; p < projects; p++) {
            String projectId = post(EDITOR, "/api/budget/projects", """
                    {"code":"BATCH%02d","name":"展示运行","department":"上海市科学技术委员会","implementingUnit":"上海科技馆","fiscalYear":2023}""".formatted(p), 201)
                    .path("projectId").asString();
            post(EDITOR, "/api/budget/projects/" + projectId + "/initial-budgets", """
                    {"fundSource":"OTHER_FUNDS","amount":"10000000.00","documentNumber":"d"}""", 201);
            post(EDITOR, "/api/budget/projects/" + projectId + "/open", "", 200);
            projectIds.add(projectId);
        }
        // 990 good payments across the ten projects, 5 malformed amounts, 5 for a project that does not exist
        StringBuilder items = new StringBuilder();
        Map<String, BigDecimal> expected = new java.util.HashMap<>();
        java.util.Set<String> accepted = new java.util.HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String projectId = i >= 995 ? "2023-NOWHERE" : projectIds.get(i % projects);
            String amount = i >= 990 && i < 995 ? "12.345" : (1000 + i) + "." + String.format(Locale.ROOT, "%02d", i % 100);
            String reference = "BATCH-" + i;
            items.append(i == 0 ? "" : ",").append("""
                    {"projectId":"%s","paymentReference":"%s","fundSource":"OTHER_FUNDS","amount":"%s","businessDate":"2023-05-%02d","payee":"供应商%d","voucherNumber":"记-%d"}"""
                    .formatted(projectId, reference, amount, 1 + i % 28, i, i));
            if (i < 990) {
                expected.merge(projectId, new BigDecimal(amount), BigDecimal::add);
                accepted.add(reference);
            }
        }
        long started = System.nanoTime();
        JsonNode answer = post(POSTER, "/api/budget/expenditures/batch", "{\"payments\":[" + items + "]}", 200);
        Duration answered = Duration.ofNanos(System.nanoTime() - started);
        assertThat(answer.path("accepted").asInt()).isEqualTo(990);
        assertThat(answer.path("rejected").asInt()).isEqualTo(10);
        assertThat(answer.path("results").size()).isEqualTo(1000);
        for (String projectId : projectIds) {
            awaitExecuted(projectId, expected.get(projectId).setScale(2).toPlainString());
        }
        Duration visible = Duration.ofNanos(System.nanoTime() - started);
        REPORT.add(String.format(Locale.ROOT, "batch of 1000 payments: answered in %d ms, all visible in scoring after %d ms",
                answered.toMillis(), visible.toMillis()));

        // every accepted payment is on Kafka exactly once, and nothing else of the batch is
        Map<String, Integer> published = new java.util.HashMap<>();
        Map<String, Object> props = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor("budget.events", Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            await("budget.events read to its end").atMost(VISIBLE_WITHIN).until(() -> {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    JsonNode envelope = JSON.readTree(record.value());
                    String reference = envelope.path("payload").path("paymentReference").asString("");
                    if ("ExpenditureRecorded".equals(envelope.path("type").asString()) && reference.startsWith("BATCH-")) {
                        published.merge(reference, 1, Integer::sum);
                    }
                }
                return partitions.stream().allMatch(partition -> consumer.position(partition) >= end.get(partition));
            });
        }
        assertThat(published.keySet()).isEqualTo(accepted);
        assertThat(published.values()).containsOnly(1);
    }

    @Test
    void everyExampleOfTheRequestsFileAnswersAsItSays() throws Exception {
        String gateway = stack.gatewayUrl().toString().replaceAll("/$", "");
        RequestsFile file = RequestsFile.read(repositoryRoot().resolve("budget-service/requests.http"), gateway);
        assertThat(file.requests()).hasSizeGreaterThan(15);
        for (RequestsFile.Request request : file.requests()) {
            HttpRequest.Builder builder = HttpRequest.newBuilder(java.net.URI.create(request.url())).timeout(Duration.ofSeconds(15));
            request.headers().forEach((name, value) -> {
                if (!name.equalsIgnoreCase("Authorization")) {
                    builder.header(name, value);
                }
            });
            // a finance system posts the payments (and their refunds and reversals), an editor does the rest
            builder.header("Authorization", SharedStack.bearer(request.url().contains("/expenditures") ? POSTER : EDITOR));
            builder.method(request.method(), request.body().isEmpty()
                    ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(request.body(), StandardCharsets.UTF_8));
            if (request.method().equals("GET")) {
                // reads may wait for the projection to catch up
                await(request.title()).atMost(VISIBLE_WITHIN).pollInterval(Duration.ofMillis(200))
                        .untilAsserted(() -> assertStatus(request, http.send(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))));
            } else {
                // commands are sent exactly once
                assertStatus(request, http.send(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)));
            }
        }
    }

    /** Each service describes itself in OpenAPI, read through the gateway at its own path. */
    @Test
    void everyServiceServesItsOpenApiDescriptionThroughTheGateway() throws Exception {
        for (String service : List.of("budget", "indicators", "scoring")) {
            HttpResponse<String> docs = send(POSTER, "GET", "/api/" + service + "/v3/api-docs", null);
            assertThat(docs.statusCode()).as(service).isEqualTo(200);
            JsonNode description = JSON.readTree(docs.body());
            assertThat(description.path("servers").get(0).path("url").asString()).isEqualTo("/api/" + service);
            assertThat(description.path("paths").size()).as(service).isGreaterThan(3);
        }
    }

    private static void assertStatus(RequestsFile.Request request, HttpResponse<String> response) {
        assertThat(response.statusCode()).as(request.title() + " -> " + response.body()).isEqualTo(request.expectedStatus());
    }

    // --- HTTP through the gateway ---------------------------------------------------------------------------

    private static String payment(String reference, String amount, String date) {
        return """
                {"paymentReference":"%s","fundSource":"CURRENT_YEAR_APPROPRIATION","amount":"%s","businessDate":"%s","payee":"某公司","voucherNumber":"V-%s"}"""
                .formatted(reference, amount, date, reference);
    }

    private static JsonNode post(String client, String path, String body, int expectedStatus) throws IOException, InterruptedException {
        HttpResponse<String> response = send(client, "POST", path, body);
        assertThat(response.statusCode()).as("POST %s as %s -> %s", path, client, response.body()).isEqualTo(expectedStatus);
        return response.body().isBlank() ? JSON.missingNode() : JSON.readTree(response.body());
    }

    /** A request through the gateway with the token of {@code client} (none when null). */
    private static HttpResponse<String> send(String client, String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(stack.gatewayUrl().resolve(path)).timeout(Duration.ofSeconds(15))
                .header("Accept", "application/json, application/problem+json");
        if (client != null) {
            request.header("Authorization", SharedStack.bearer(client));
        }
        if (body != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** Polls the scoring read model through the gateway until the total executed amount is the expected one. */
    private static JsonNode awaitExecuted(String projectId, String executed) {
        AtomicReference<JsonNode> last = new AtomicReference<>();
        await("execution of " + projectId + " reaches " + executed).atMost(VISIBLE_WITHIN).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> {
                    HttpResponse<String> response = send(POSTER, "GET", "/api/scoring/projects/" + projectId + "/execution", null);
                    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                    JsonNode body = JSON.readTree(response.body());
                    last.set(body);
                    assertThat(body.path("total").path("executed").asString()).isEqualTo(executed);
                });
        return last.get();
    }

    /** The form's 执行率: executed ÷ full-year budget × 100, truncated to two decimals. */
    private static String rate(String executed, String fullYear) {
        return new BigDecimal(executed).multiply(BigDecimal.valueOf(100))
                .divide(new BigDecimal(fullYear), 2, RoundingMode.DOWN).toPlainString();
    }

    // --- Kafka --------------------------------------------------------------------------------------------

    private static ConsumerRecord<byte[], byte[]> findRecord(String projectId, String type) {
        Map<String, Object> props = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor("budget.events", Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            AtomicReference<ConsumerRecord<byte[], byte[]>> found = new AtomicReference<>();
            await("a " + type + " record for " + projectId + " on budget.events").atMost(VISIBLE_WITHIN).until(() -> {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    JsonNode envelope = JSON.readTree(record.value());
                    if (projectId.equals(new String(record.key(), StandardCharsets.UTF_8))
                            && type.equals(envelope.path("type").asString())) {
                        found.compareAndSet(null, record);
                    }
                }
                return found.get() != null;
            });
            return found.get();
        }
    }

    private static RecordMetadata republish(ConsumerRecord<byte[], byte[]> record) throws Exception {
        Map<String, Object> props = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            return producer.send(new ProducerRecord<>(record.topic(), record.partition(), record.key(), record.value(),
                    record.headers())).get();
        }
    }

    /** Some consumer group (scoring's) has committed an offset past the duplicate on its partition. */
    private static void awaitCommittedPast(TopicPartition partition, long offset) {
        Map<String, Object> props = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers());
        try (Admin admin = Admin.create(props)) {
            await("a consumer group commits past offset " + offset + " of " + partition).atMost(VISIBLE_WITHIN).until(() -> {
                for (GroupListing group : admin.listGroups().all().get()) {
                    Map<TopicPartition, OffsetAndMetadata> committed =
                            admin.listConsumerGroupOffsets(group.groupId()).partitionsToOffsetAndMetadata().get();
                    OffsetAndMetadata position = committed.get(partition);
                    if (position != null && position.offset() > offset) {
                        return true;
                    }
                }
                return false;
            });
        }
    }

    // --- databases ----------------------------------------------------------------------------------------


    // --- what the run cost --------------------------------------------------------------------------------

    private static void writeReport() throws IOException {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "start to all healthy: %.1f s%n", stack.startupTime().toMillis() / 1000.0));
        REPORT.forEach(line -> out.append(line).append(System.lineSeparator()));
        long total = 0;
        for (Map.Entry<String, Long> e : stack.residentSetKb().entrySet()) {
            out.append(String.format(Locale.ROOT, "memory %-36s %6d MB%n", e.getKey(), e.getValue() / 1024));
            // the postmaster and PostgreSQL's private memory are inside its PSS figure already
            boolean inPss = e.getKey().equals(Stack.POSTGRES_POSTMASTER) || e.getKey().equals(Stack.POSTGRES_PRIVATE);
            total += inPss ? 0 : e.getValue();
        }
        out.append(String.format(Locale.ROOT, "memory %-36s %6d MB%n", "total", total / 1024));
        System.out.print(out);
        Files.writeString(Path.of("target", "end-to-end-report.txt"), out);
    }

    static Path repositoryRoot() {
        Path here = Path.of("").toAbsolutePath();
        // surefire runs in the module directory; from the root (an IDE) this is the root already
        return Files.exists(here.resolve("mvnw")) ? here : here.getParent();
    }
}
