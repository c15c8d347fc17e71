package io.jixiao.indicator.indicatorset.web;

import io.jixiao.contracts.EventEnvelope;
import io.jixiao.contracts.EventJson;
import io.jixiao.contracts.Topics;
import io.jixiao.contracts.indicator.IndicatorDefined;
import io.jixiao.testing.ApiClient;
import io.jixiao.testing.ApiClient.Response;
import io.jixiao.testing.StubHttpServer;
import io.jixiao.contracts.access.Role;
import io.jixiao.platform.security.EndpointRules;
import io.jixiao.testing.TestIssuer;
import io.jixiao.testing.TestPostgres;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
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
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The indicator API over HTTP, against a real PostgreSQL event store, a real Kafka broker and budget-service's lookup over HTTP. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}")
@EmbeddedKafka(partitions = 1)
class IndicatorApiTest {

    /** The project-years budget-service knows, with their rule sets; a real HTTP server answers GET /projects/{id}. */
    private static final Map<String, String> REGISTERED = new ConcurrentHashMap<>();
    /** The 主管部门 budget-service answers for a project-year; A unless a test says otherwise. */
    private static final Map<String, String> DEPARTMENTS = new ConcurrentHashMap<>();
    private static final String DEPARTMENT_A = "上海市科学技术委员会";
    private static final String DEPARTMENT_B = "上海市普陀区体育局";
    private static final StubHttpServer BUDGET = StubHttpServer.start("/projects/", (method, path) -> {
        String id = path.substring("/projects/".length());
        String ruleSet = REGISTERED.get(id);
        return new StubHttpServer.Answer(ruleSet != null ? 200 : 404, "{\"projectId\":\"" + id + "\",\"ruleSet\":\"" + ruleSet
                + "\",\"department\":\"" + DEPARTMENTS.getOrDefault(id, DEPARTMENT_A) + "\",\"implementingUnit\":\"上海科技馆\"}");
    });
    /** scoring-service's rule sets: shanghai-2023, and one weighting the funds row 20 with 100-80/80-50 bands. */
    private static final StubHttpServer SCORING = StubHttpServer.start("/rule-sets/", (method, path) -> {
        boolean twenty = path.endsWith("/funds-20");
        return new StubHttpServer.Answer(200, """
                {"fundsWeight":"%s","qualitativeBands":{"ACHIEVED":{"low":"0.80","high":"1.00","default":"1.00"},
                 "PARTIALLY_ACHIEVED":{"low":"%s","high":"0.80"},"NOT_ACHIEVED":{"low":"0.00","high":"%s"}}}
                """.formatted(twenty ? "20.00" : "10.00", twenty ? "0.50" : "0.60", twenty ? "0.50" : "0.60"));
    });

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestPostgres.register(registry, "indicator_api_test");
        TestIssuer.register(registry);
        registry.add("jixiao.budget-service.url", BUDGET::url);
        registry.add("jixiao.scoring-service.url", SCORING::url);
    }

    @AfterAll
    static void stopBudgetService() {
        BUDGET.close();
        SCORING.close();
    }

    /**
     * indicator-service's role table: every endpoint and the roles that may call it, written out as the
     * specification; the project-year named is not registered, so an allowed call is answered 404 or 400.
     */
    static final List<EndpointRules.Row> ROLE_TABLE = List.of(
            EndpointRules.Row.of("POST", "/projects/{projectId}/indicators", "/projects/2023-NOBODY/indicators", "{}", Role.INDICATOR_EDITOR),
            EndpointRules.Row.of("PUT", "/projects/{projectId}/indicators/{indicatorId}/target", "/projects/2023-NOBODY/indicators/i1/target", "{}", Role.INDICATOR_EDITOR),
            EndpointRules.Row.of("PUT", "/projects/{projectId}/indicators/{indicatorId}/actual", "/projects/2023-NOBODY/indicators/i1/actual", "{}", Role.INDICATOR_EDITOR),
            EndpointRules.Row.of("POST", "/projects/{projectId}/indicators/{indicatorId}/execution-rate-binding", "/projects/2023-NOBODY/indicators/i1/execution-rate-binding", null, Role.INDICATOR_EDITOR),
            EndpointRules.Row.of("PUT", "/projects/{projectId}/indicators/{indicatorId}/scores/self-assessed", "/projects/2023-NOBODY/indicators/i1/scores/self-assessed", "{}", Role.INDICATOR_EDITOR),
            EndpointRules.Row.of("PUT", "/projects/{projectId}/indicators/{indicatorId}/scores/reviewed", "/projects/2023-NOBODY/indicators/i1/scores/reviewed", "{}", Role.REVIEWER),
            EndpointRules.Row.of("PUT", "/projects/{projectId}/goal", "/projects/2023-NOBODY/goal", "{}", Role.INDICATOR_EDITOR),
            EndpointRules.Row.of("PUT", "/projects/{projectId}/goal/achievement", "/projects/2023-NOBODY/goal/achievement", "{}", Role.INDICATOR_EDITOR),
            EndpointRules.Row.of("POST", "/projects/{projectId}/finalisation", "/projects/2023-NOBODY/finalisation", null, Role.INDICATOR_EDITOR),
            EndpointRules.Row.of("GET", "/projects/{projectId}/indicators", "/projects/2023-NOBODY/indicators", null,
                    Role.VIEWER, Role.AUDITOR, Role.INDICATOR_EDITOR, Role.REVIEWER, Role.BUDGET_EDITOR, Role.POSTER),
            EndpointRules.Row.of("GET", "/audit-log", "/audit-log", null, Role.AUDITOR),
            EndpointRules.Row.of("GET", "/integrity/verification", "/integrity/verification", null, Role.AUDITOR),
            EndpointRules.Row.of("POST", "/integrity/checkpoints", "/integrity/checkpoints", null, Role.AUDITOR, Role.ADMIN));

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.context.ApplicationContext context;

    @Test
    void everyEndpointHasARuleAndTheRoleTableNamesThemAll() {
        EndpointRules.assertCoversEveryEndpoint(context, ROLE_TABLE);
    }

    @Test
    void eachRoleMayCallWhatTheRoleTableSaysAndNothingElse() {
        EndpointRules.assertRoles("http://127.0.0.1:" + port, ROLE_TABLE);
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    /** A caller with every indicator role over every department: the tests of the rules themselves. */
    private static final String EVERY_INDICATOR_ROLE = TestIssuer.instance().token("indicator-tests", "*", "indicator-editor", "reviewer", "viewer");

    private ApiClient api() {
        return new ApiClient("http://127.0.0.1:" + port, EVERY_INDICATOR_ROLE);
    }

    private static String indicator(String id, String level1, String level2, String level3, String target, String weight) {
        return """
                {"indicatorId":"%s","level1":"%s","level2":"%s","level3":"%s","target":"%s","weight":"%s"}
                """.formatted(id, level1, level2, level3, target, weight);
    }

    private static String indicator(String id, String weight) {
        return indicator(id, "产出指标", "数量指标", "系统访问量", "≥15600000.00(人次/年)", weight);
    }

    private int storedEvents(String projectId) {
        return jdbc.queryForObject("select count(*) from domain_event_entry where aggregate_identifier = ?", Integer.class, projectId);
    }

    private static String newProjectId() {
        return newProjectId("shanghai-2023");
    }

    private static String newProjectId(String ruleSet) {
        String projectId = "2023-I" + UUID.randomUUID().toString().substring(0, 8);
        REGISTERED.put(projectId, ruleSet);
        return projectId;
    }

    @Test
    void aProjectYearOfAnotherDepartmentAnswersAsAnUnknownOneAndRecordsNothing() {
        String ofB = newProjectId();
        DEPARTMENTS.put(ofB, DEPARTMENT_B);
        String unknown = "2023-NEVER" + UUID.randomUUID().toString().substring(0, 4);
        ApiClient editorOfA = api().as(TestIssuer.instance().token("editor-a", DEPARTMENT_A, "indicator-editor", "viewer"));

        ApiClient.Response outOfReach = editorOfA.post("/projects/" + ofB + "/indicators", indicator("i1", "10"));
        ApiClient.Response missing = editorOfA.post("/projects/" + unknown + "/indicators", indicator("i1", "10"));
        assertThat(outOfReach.status()).isEqualTo(404);
        assertThat(outOfReach.text("code")).isEqualTo("unknown-project").isEqualTo(missing.text("code"));
        assertThat(outOfReach.text("detail")).isEqualTo(missing.text("detail").replace(unknown, ofB));
        assertThat(editorOfA.get("/projects/" + ofB + "/indicators").status()).isEqualTo(404);
        assertThat(storedEvents(ofB)).isZero();

        ApiClient editorOfB = api().as(TestIssuer.instance().token("editor-b", DEPARTMENT_B, "indicator-editor"));
        assertThat(editorOfB.post("/projects/" + ofB + "/indicators", indicator("i1", "10")).status()).isEqualTo(201);
        assertThat(storedEvents(ofB)).isEqualTo(1);
        // the reviewer role alone may review, and only within its department
        ApiClient reviewerOfA = api().as(TestIssuer.instance().token("reviewer-a", DEPARTMENT_A, "reviewer"));
        assertThat(reviewerOfA.put("/projects/" + ofB + "/indicators/i1/scores/reviewed", "{\"score\":\"5\"}").status()).isEqualTo(404);
        assertThat(storedEvents(ofB)).isEqualTo(1);
    }

    @Test
    void definesAnIndicatorRecordsItsActualAndPublishesBothParsed() {
        String projectId = newProjectId();
        Response defined = api().post("/projects/" + projectId + "/indicators", indicator("i1", "5"));
        assertThat(defined.status()).isEqualTo(201);
        assertThat(defined.text("weight")).isEqualTo("5.00");
        assertThat(api().put("/projects/" + projectId + "/indicators/i1/actual", """
                {"actual":"0.00(人次/年)","businessDate":"2023-12-31"}""").status()).isEqualTo(200);
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
        assertThat(published).extracting(EventEnvelope::schemaVersion).containsExactly(2, 2);
        JsonNode target = published.get(0).payload().path("target");
        assertThat(target.path("operator").asString()).isEqualTo("GE");
        assertThat(target.path("value").asString()).isEqualTo("15600000.00");
        assertThat(target.path("unit").asString()).isEqualTo("人次/年");
        assertThat(published.get(1).payload().path("actual").path("original").asString()).isEqualTo("0.00(人次/年)");
        assertThat(published.get(1).businessDate()).hasToString("2023-12-31");
    }

    @Test
    void keepsAWholeSelfEvaluationAndShowsItsFlagsAndChecks() {
        String projectId = newProjectId();
        // markup beyond the <p> of published forms is refused where it is entered (platform's @Narrative)
        assertThat(api().put("/projects/" + projectId + "/goal", """
                {"text":"<p>1 个数字底座</p><p>2 个功能中心</p><script>alert(1)</script>"}""").status()).isEqualTo(400);
        assertThat(api().put("/projects/" + projectId + "/goal", """
                {"text":"<p>1 个数字底座</p><p>2 个功能中心</p>"}""").status()).isEqualTo(200);
        api().post("/projects/" + projectId + "/indicators", indicator("rate", "产出指标", "数量", "当年预算完成率", "≥90(%)", "5.00"));
        api().post("/projects/" + projectId + "/indicators", indicator("quality", "产出指标", "质量指标", "合格率", "全部", "75.00"));
        api().post("/projects/" + projectId + "/indicators", indicator("time", "产出指标", "时效指标", "完成及时率", "90", "10.00"));
        assertThat(api().put("/projects/" + projectId + "/indicators/rate/target", """
                {"target":"≥85(%)","reason":"年中调整","businessDate":"2023-07-01"}""").status()).isEqualTo(200);
        api().put("/projects/" + projectId + "/indicators/rate/actual", "{\"actual\":\"42.68(%)\"}");
        api().put("/projects/" + projectId + "/indicators/quality/actual", "{\"actual\":\"达成指标\"}");
        api().put("/projects/" + projectId + "/indicators/time/actual", "{\"actual\":\"达成指标\"}");
        Response explained = api().put("/projects/" + projectId + "/indicators/rate/scores/self-assessed", """
                {"score":"4.00","deviation":"工程施工难度大"}""");
        assertThat(explained.status()).isEqualTo(200);
        assertThat(api().put("/projects/" + projectId + "/indicators/quality/scores/self-assessed", """
                {"score":"70.00","imported":true}""").status()).isEqualTo(200);
        assertThat(api().put("/projects/" + projectId + "/indicators/rate/scores/reviewed", """
                {"score":"2.37","deviation":"按公式复核"}""").status()).isEqualTo(200);

        Response otherWeight = api().post("/projects/" + projectId + "/finalisation", "{\"fundsWeight\":\"20.00\"}");
        assertThat(otherWeight.status()).isEqualTo(422);
        assertThat(otherWeight.text("code")).isEqualTo("funds-weight-not-rule-set");

        JsonNode view = api().get("/projects/" + projectId + "/indicators").body();
        assertThat(view.path("expectedGoal").path("original").asString()).isEqualTo("<p>1 个数字底座</p><p>2 个功能中心</p>");
        assertThat(view.path("expectedGoal").path("text").asString()).isEqualTo("1 个数字底座\n2 个功能中心");
        JsonNode rate = view.path("indicators").get(0);
        assertThat(rate.path("level2").asString()).isEqualTo("数量指标");
        assertThat(rate.path("target").path("original").asString()).isEqualTo("≥85(%)");
        assertThat(rate.path("targetHistory").size()).isEqualTo(2);
        assertThat(rate.path("targetHistory").get(1).path("reason").asString()).isEqualTo("年中调整");
        assertThat(rate.path("selfAssessed").path("score").asString()).isEqualTo("4.00");
        assertThat(rate.path("reviewed").path("score").asString()).isEqualTo("2.37");
        assertThat(flags(rate)).containsExactlyInAnyOrder("RESTATES_BUDGET_EXECUTION", "REVIEW_DIFFERS");
        assertThat(flags(view.path("indicators").get(1))).containsExactly("MISSING_EXPLANATION");
        assertThat(flags(view.path("indicators").get(2))).containsExactly("BARE_NUMBER_TARGET", "QUALITATIVE_ACTUAL_FOR_NUMBER");
        assertThat(view.path("checks").path("indicatorWeights").asString()).isEqualTo("90.00");

        api().post("/projects/" + projectId + "/indicators", indicator("sat", "满意度指标", "服务对象满意度指标", "满意度", "≥90(%)", "0"));
        Response missingActual = api().post("/projects/" + projectId + "/finalisation", "{\"fundsWeight\":\"10.00\"}");
        assertThat(missingActual.text("code")).isEqualTo("evaluation-checks-failed");
        assertThat(missingActual.status()).isEqualTo(422);
        assertThat(missingActual.body().path("blocking").get(0).asString()).contains("未填报").contains("sat");
        assertThat(api().post("/projects/" + projectId + "/indicators/sat/execution-rate-binding", "").status()).isEqualTo(200);
        Response done = api().post("/projects/" + projectId + "/finalisation", "");
        assertThat(done.status()).as(done.raw()).isEqualTo(200);
        assertThat(done.body().path("warnings").get(0).asString()).contains("50/30/10/10");
        assertThat(api().get("/projects/" + projectId + "/indicators").body().path("finalised").asBoolean()).isTrue();
        Response late = api().put("/projects/" + projectId + "/indicators/rate/scores/self-assessed", "{\"score\":\"5.00\"}");
        assertThat(late.status()).isEqualTo(422);
        assertThat(late.text("code")).isEqualTo("evaluation-finalised");
        assertThat(api().post("/projects/" + projectId + "/indicators", indicator("extra", "效益指标", "社会效益", "提升", "全面保障", "1")).status())
                .isEqualTo(422);
        assertThat(api().put("/projects/" + projectId + "/indicators/quality/scores/reviewed", "{\"score\":\"75.00\"}").status())
                .isEqualTo(200);
    }

    private static List<String> flags(JsonNode indicator) {
        List<String> flags = new ArrayList<>();
        indicator.path("flags").forEach(flag -> flags.add(flag.asString()));
        return flags;
    }

    @Test
    void rejectsUnknownProjectsBeforeRecordingAnything() {
        String unknown = "2023-NOTREG" + UUID.randomUUID().toString().substring(0, 4);
        Response response = api().post("/projects/" + unknown + "/indicators", indicator("i1", "5"));
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.text("code")).isEqualTo("unknown-project");
        assertThat(api().put("/projects/" + unknown + "/goal", "{\"text\":\"g\"}").status()).isEqualTo(404);
        assertThat(storedEvents(unknown)).isZero();
        assertThat(api().get("/projects/" + unknown + "/indicators").status()).isEqualTo(404);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "100.01", "5.001", "1e1", "abc", ""})
    void rejectsWeightsOutOfRangeOrFormWith400(String weight) {
        String projectId = newProjectId();
        Response response = api().post("/projects/" + projectId + "/indicators", indicator("i1", weight));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.text("field")).isEqualTo("weight");
        assertThat(storedEvents(projectId)).isZero();
    }

    @Test
    void rejectsBadHeadingsTargetsActualsScoresAndFields() {
        String projectId = newProjectId();
        String path = "/projects/" + projectId + "/indicators";
        assertThat(api().post(path, indicator("i1", "其他指标", "数量指标", "x", "≥1(%)", "5")).text("field")).isEqualTo("level1");
        assertThat(api().post(path, indicator("i1", "产出指标", "社会效益指标", "x", "≥1(%)", "5")).text("field")).isEqualTo("level2");
        Response badTarget = api().post(path, indicator("i1", "产出指标", "数量指标", "x", "≥abc", "5"));
        assertThat(badTarget.status()).isEqualTo(400);
        assertThat(badTarget.text("field")).isEqualTo("target");
        Response unknownField = api().post(path, indicator("i1", "5").replace("\"weight\"", "\"score\":\"1\",\"weight\""));
        assertThat(unknownField.text("code")).isEqualTo("unknown-field");
        assertThat(api().post("/projects/not-a-project/indicators", indicator("i1", "5")).text("field")).isEqualTo("projectId");
        assertThat(storedEvents(projectId)).isZero();

        api().post(path, indicator("i1", "5"));
        Response badActual = api().put(path + "/i1/actual", "{\"actual\":\"很好\"}");
        assertThat(badActual.status()).isEqualTo(400);
        assertThat(badActual.text("field")).isEqualTo("actual");
        Response wrongUnit = api().put(path + "/i1/actual", "{\"actual\":\"10(%)\"}");
        assertThat(wrongUnit.status()).isEqualTo(422);
        assertThat(wrongUnit.text("code")).isEqualTo("unit-mismatch");
        api().put(path + "/i1/actual", "{\"actual\":\"100(人次/年)\"}");
        assertThat(api().put(path + "/i1/scores/self-assessed", "{\"score\":\"5.01\"}").text("code")).isEqualTo("score-out-of-range");
        assertThat(api().put(path + "/i1/scores/self-assessed", "{\"score\":\"1.00\"}").text("code")).isEqualTo("explanation-required");
        assertThat(api().put(path + "/i1/scores/self-assessed", "{\"score\":\"1.001\",\"deviation\":\"x\"}").text("field")).isEqualTo("score");
        assertThat(api().put(path + "/i1/scores/reviewed", "{\"score\":\"1.00\",\"deviation\":\"x\",\"imported\":true}").status()).isEqualTo(400);
        assertThat(storedEvents(projectId)).isEqualTo(2);
    }

    @Test
    void rejectsWeightsAddingUpBeyond100With422AndActualsOfUnknownIndicatorsWith404() {
        String projectId = newProjectId();
        assertThat(api().post("/projects/" + projectId + "/indicators", indicator("i1", "90")).status()).isEqualTo(201);
        Response tooMuch = api().post("/projects/" + projectId + "/indicators", indicator("i2", "10.01"));
        assertThat(tooMuch.status()).isEqualTo(422);
        assertThat(tooMuch.text("code")).isEqualTo("weights-exceed-total");
        Response unknown = api().put("/projects/" + projectId + "/indicators/i9/actual", "{\"actual\":\"达成指标\"}");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.text("code")).isEqualTo("unknown-indicator");
        assertThat(storedEvents(projectId)).isEqualTo(1);
    }

    @Test
    void readsEventsStoredUnderRevision1WithTheirTextParsed() {
        String projectId = newProjectId();
        String v1 = """
                {"projectId":"%s","indicatorId":"old","level1":"产出指标","level2":"数量指标","level3":"当年预算完成率","target":"≥90(%%)","weight":"5.00"}
                """.formatted(projectId).strip();
        jdbc.update("""
                insert into domain_event_entry (global_index, event_identifier, meta_data, payload, payload_revision, payload_type,
                                                time_stamp, aggregate_identifier, sequence_number, type)
                values ((select coalesce(max(global_index), 0) + 1 from domain_event_entry), ?, ?, ?, '1', ?,
                        '2023-02-01T00:00:00Z', ?, 0, 'IndicatorSet')
                """, UUID.randomUUID().toString(), "{}".getBytes(StandardCharsets.UTF_8), v1.getBytes(StandardCharsets.UTF_8),
                IndicatorDefined.class.getName(), projectId);

        JsonNode old = api().get("/projects/" + projectId + "/indicators").body().path("indicators").get(0);
        assertThat(old.path("target").path("operator").asString()).isEqualTo("GE");
        assertThat(old.path("target").path("value").asString()).isEqualTo("90");
        assertThat(old.path("target").path("unit").asString()).isEqualTo("%");
        // the aggregate loads through the same upcaster: the old indicator takes an actual in its unit
        assertThat(api().put("/projects/" + projectId + "/indicators/old/actual", "{\"actual\":\"42.68(%)\"}").status()).isEqualTo(200);
        assertThat(api().put("/projects/" + projectId + "/indicators/old/actual", "{\"actual\":\"42.68(人次)\"}").status()).isEqualTo(422);
    }

    /** A rule set weighting the funds row 20 leaves 80 to the indicators: 90 of them block, and its bands apply. */
    @Test
    void finalisationAndBandsFollowTheProjectYearsRuleSet() {
        String projectId = newProjectId("funds-20");
        api().post("/projects/" + projectId + "/indicators", indicator("q", "产出指标", "质量指标", "合格率", "全部", "90.00"));
        api().put("/projects/" + projectId + "/indicators/q/actual", "{\"actual\":\"部分达成指标\"}");
        Response fiftyPercent = api().put("/projects/" + projectId + "/indicators/q/scores/self-assessed", """
                {"score":"45.00","deviation":"部分完成"}""");
        assertThat(fiftyPercent.status()).as("50% is 部分达成 under funds-20's bands").isEqualTo(200);
        Response belowBand = api().put("/projects/" + projectId + "/indicators/q/scores/self-assessed", """
                {"score":"44.99","deviation":"部分完成"}""");
        assertThat(belowBand.text("code")).isEqualTo("score-outside-band");

        Response blocked = api().post("/projects/" + projectId + "/finalisation", "");
        assertThat(blocked.status()).isEqualTo(422);
        assertThat(blocked.text("code")).isEqualTo("evaluation-checks-failed");
        assertThat(blocked.body().path("blocking").get(0).asString()).contains("make 110.00, not 100.00");
        assertThat(api().get("/projects/" + projectId + "/indicators").body().path("checks").path("fundsWeight").asString())
                .isEqualTo("20.00");
    }

    /** Any indicator-set command works on a registered project-year in any order, and an error names what is missing. */
    @Test
    void commandsComeInAnyOrderAndErrorsNameWhatIsMissing() {
        String projectId = newProjectId();
        assertThat(api().put("/projects/" + projectId + "/goal/achievement", "{\"text\":\"建成\"}").status()).isEqualTo(200);
        Response noIndicator = api().put("/projects/" + projectId + "/indicators/i9/actual", "{\"actual\":\"达成指标\"}");
        assertThat(noIndicator.status()).isEqualTo(404);
        assertThat(noIndicator.text("code")).isEqualTo("unknown-indicator");
        assertThat(noIndicator.text("detail")).contains("i9");
        Response unregistered = api().put("/projects/2023-NOWHERE1/goal/achievement", "{\"text\":\"建成\"}");
        assertThat(unregistered.status()).isEqualTo(404);
        assertThat(unregistered.text("code")).isEqualTo("unknown-project");
        assertThat(api().put("/projects/" + projectId + "/goal", "{\"text\":\"目标\"}").status()).isEqualTo(200);
        assertThat(api().get("/projects/" + projectId + "/indicators").body().path("achievedGoal").path("text").asString())
                .isEqualTo("建成");
    }

    /** Published forms answer 及时 with 及时 and ≧ 735 人次 with 735: read, and every reading flagged. */
    @Test
    void readsActualsAgainstTheirTargetsAndFlagsEachReading() {
        String projectId = newProjectId();
        api().post("/projects/" + projectId + "/indicators", indicator("t", "产出指标", "时效指标", "结算及时性", "及时", "10.00"));
        api().post("/projects/" + projectId + "/indicators", indicator("n", "产出指标", "数量指标", "服务人次", "≧ 735 人次", "10.00"));
        Response restated = api().put("/projects/" + projectId + "/indicators/t/actual", "{\"actual\":\"及时\"}");
        assertThat(restated.status()).as(restated.raw()).isEqualTo(200);
        Response bare = api().put("/projects/" + projectId + "/indicators/n/actual", "{\"actual\":\"735\"}");
        assertThat(bare.status()).as(bare.raw()).isEqualTo(200);
        Response garbage = api().put("/projects/" + projectId + "/indicators/n/actual", "{\"actual\":\"很多\"}");
        assertThat(garbage.status()).isEqualTo(400);
        assertThat(garbage.text("field")).isEqualTo("actual");

        JsonNode view = api().get("/projects/" + projectId + "/indicators").body();
        JsonNode timely = view.path("indicators").get(0).path("actual");
        assertThat(timely.path("achievement").asString()).isEqualTo("ACHIEVED");
        assertThat(timely.path("original").asString()).isEqualTo("及时");
        assertThat(timely.path("interpretations").get(0).asString()).isEqualTo("RESTATES_TARGET");
        JsonNode people = view.path("indicators").get(1);
        assertThat(people.path("actual").path("unit").asString()).isEqualTo("人次");
        assertThat(people.path("actual").path("interpretations").get(0).asString()).isEqualTo("UNIT_FROM_TARGET");
        assertThat(people.path("target").path("interpretations").toString()).contains("OPERATOR_SPELLING", "UNIT_WITHOUT_PARENTHESES");
    }

    @Test
    void describesItsEndpointsInOpenApiForUseThroughTheGateway() {
        Response docs = api().get("/v3/api-docs");
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.body().path("info").path("title").asString()).isEqualTo("indicator-service");
        assertThat(docs.body().path("servers").get(0).path("url").asString()).isEqualTo("/api/indicators");
        assertThat(docs.body().path("paths").propertyNames()).contains("/projects/{projectId}/indicators",
                "/projects/{projectId}/indicators/{indicatorId}/actual", "/projects/{projectId}/finalisation");
    }
}
