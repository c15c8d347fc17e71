package io.jixiao.importer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link FormImport} against a local HTTP server that answers like the real API. */
class FormImportTest {

    private static final String ZHANSHI = "2023-" + ImportPlanner.codeFor("展示运行");

    private FakeApi api;

    @BeforeEach
    void start() throws IOException {
        api = new FakeApi();
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private Report importSeed() {
        return new FormImport(api.url()).importJson(ImportPlannerTest.seed(), r -> { });
    }

    @Test
    void theSeedIsImportedAndASecondRunChangesNothing() {
        Report first = importSeed();

        assertThat(first.results()).hasSize(7).allSatisfy(r -> {
            assertThat(r.status()).as(r.line()).isEqualTo(Report.Status.IMPORTED);
            assertThat(r.done()).isZero();
        });
        assertThat(first.ok()).isTrue();
        FakeApi.ProjectYear zhanshi = api.projects.get(ZHANSHI);
        assertThat(zhanshi.sources.get("CURRENT_YEAR_APPROPRIATION")).containsExactly(
                new BigDecimal("75052900.00"), new BigDecimal("74517800.00"), new BigDecimal("71289800.00"));
        assertThat(zhanshi.sources.get("OTHER_FUNDS")).containsExactly(
                new BigDecimal("126213100.00"), new BigDecimal("119713300.00"), new BigDecimal("87746700.00"));
        assertThat(zhanshi.indicators).hasSize(4);
        assertThat(zhanshi.bound).containsOnlyKeys("i1");
        assertThat(zhanshi.goal).startsWith("确保上海科技馆");
        int facts = api.facts;

        Report second = importSeed();

        assertThat(second.results()).allSatisfy(r -> {
            assertThat(r.status()).as(r.line()).isEqualTo(Report.Status.ALREADY_IMPORTED);
            assertThat(r.recorded()).isZero();
        });
        assertThat(api.facts).as("nothing recorded twice").isEqualTo(facts);
        assertThat(second.toString()).contains("already imported " + ZHANSHI + "  展示运行", "7 projects: 0 imported, 7 already imported");
    }

    /** The published figures go to scoring-service; what it flags comes back in the report, per project. */
    @Test
    void thePublishedFiguresAreSentAndWhatTheLiveFormFlagsIsReported() {
        api.publishedDifferences = List.of(Map.of("field", "funds.total.rate", "published", "86.19", "computed", "86.18"));

        Report report = importSeed();

        Report.Result zhanshi = report.result(ZHANSHI);
        assertThat(zhanshi.ok()).isTrue();
        assertThat(zhanshi.differences()).containsExactly("funds.total.rate: published 86.19, computed 86.18");
        assertThat(zhanshi.line()).contains("differs from the published form: funds.total.rate: published 86.19, computed 86.18");
        assertThat(api.projects.get(ZHANSHI).published.path("figures").path("funds.total.rate").asString()).isEqualTo("81.88");
        assertThat(api.projects.get(ZHANSHI).published.path("source").asString()).isNotBlank();
    }

    @Test
    void aRunThatBrokeOffHalfWayIsCompletedByTheNextOne() {
        api.failOnce(c -> c.equals("POST /api/budget/projects/" + ZHANSHI + "/expenditures"), 500, "internal", "the store went away");
        api.failOnce(c -> c.contains("/indicators/i3/scores/self-assessed") && c.contains(ZHANSHI), 503, "store-unavailable", "try later");

        Report first = importSeed();

        // a 503 is retried; the 500 stops 展示运行 after its opening, the others are imported
        Report.Result broken = first.result(ZHANSHI);
        assertThat(broken.status()).isEqualTo(Report.Status.FAILED);
        assertThat(broken.reason()).contains("当年财政拨款 全年执行数 7128.98万元", "/expenditures", "500 internal: the store went away",
                "a new run completes it");
        assertThat(first.results()).filteredOn(r -> r != broken).allSatisfy(r -> assertThat(r.status()).isEqualTo(Report.Status.IMPORTED));
        assertThat(first.ok()).isFalse();
        assertThat(api.projects.get(ZHANSHI).indicators).isEmpty();

        Report second = importSeed();

        Report.Result completed = second.result(ZHANSHI);
        assertThat(completed.status()).as(completed.line()).isEqualTo(Report.Status.IMPORTED);
        assertThat(completed.done()).as("register and both initial budgets were there").isEqualTo(3);
        assertThat(second.results()).filteredOn(r -> r != completed)
                .allSatisfy(r -> assertThat(r.status()).isEqualTo(Report.Status.ALREADY_IMPORTED));
        FakeApi.ProjectYear zhanshi = api.projects.get(ZHANSHI);
        assertThat(zhanshi.payments).hasSize(2);
        assertThat(zhanshi.sources.get("OTHER_FUNDS")[1]).isEqualByComparingTo("119713300.00");
        assertThat(zhanshi.scores).hasSize(4).allSatisfy((id, scores) -> assertThat(scores).hasSize(1));
        assertThat(second.ok()).isTrue();
    }

    @Test
    void aRefusalMidProjectStopsThatProjectAndIsReportedWhileTheOthersGoOn() {
        String tianwen = "2023-" + ImportPlanner.codeFor("天文馆展示工程");
        api.failOnce(c -> c.equals("PUT /api/indicators/projects/" + tianwen + "/indicators/i1/actual"), 422, "unit-mismatch",
                "the actual's unit 人次 is not the target's %");

        Report report = importSeed();

        Report.Result failed = report.result(tianwen);
        assertThat(failed.status()).isEqualTo(Report.Status.FAILED);
        assertThat(failed.reason()).contains("i1 实际完成值 0.00(%)", "PUT /api/indicators/projects/" + tianwen + "/indicators/i1/actual",
                "422 unit-mismatch: the actual's unit 人次 is not the target's %");
        // nothing after the refused call was sent for that project
        assertThat(api.requests("POST /api/indicators/projects/" + tianwen + "/indicators")).hasSize(1);
        assertThat(api.requests("PUT /api/indicators/projects/" + tianwen + "/indicators/i1/scores")).isEmpty();
        assertThat(report.count(Report.Status.IMPORTED)).isEqualTo(6);
        assertThat(report.toString()).contains("failed           " + tianwen + "  天文馆展示工程: i1 实际完成值");
    }

    @Test
    void anInlineRuleSetIsRejectedWithNothingPostedWhenRuleSetsAreNotAvailable() {
        ObjectNode file = (ObjectNode) Json.read(ImportPlannerTest.seed());
        ((ObjectNode) file.get("projects").get(3)).set("ruleSet", Json.MAPPER.createObjectNode().put("id", "putuo-2022").put("rounding", "HALF_UP"));
        String yunwei = "2023-" + ImportPlanner.codeFor("信息化运维项目");

        Report report = new FormImport(api.url()).importJson(file.toString(), r -> { });

        Report.Result rejected = report.result(yunwei);
        assertThat(rejected.status()).isEqualTo(Report.Status.REJECTED);
        assertThat(rejected.reason()).contains("rule set putuo-2022", "not available", "404", "nothing of the project was imported");
        assertThat(api.projects).doesNotContainKey(yunwei).hasSize(6);

        api.ruleSetsAvailable = true;
        Report again = new FormImport(api.url()).importJson(file.toString(), r -> { });

        assertThat(again.result(yunwei).status()).isEqualTo(Report.Status.IMPORTED);
        assertThat(api.requests("PUT /api/scoring/rule-sets/putuo-2022")).hasSize(2);
    }

    @Test
    void aProjectRecordedBeforeWithOtherFiguresIsReportedNotSilentlyAccepted() {
        ObjectNode file = (ObjectNode) Json.read(ImportPlannerTest.seed());
        ArrayNode only = Json.MAPPER.createArrayNode().add(file.get("projects").get(2));
        file.set("projects", only);
        new FormImport(api.url()).importJson(file.toString(), r -> { });
        ObjectNode changed = (ObjectNode) only.get(0);
        for (String row : List.of("total", "currentYearAppropriation")) {
            ((ObjectNode) changed.get("funds").get(row)).put("initial", "1600.00").put("fullYear", "1600.00").put("rate", "97.90");
        }

        Report report = new FormImport(api.url()).importJson(file.toString(), r -> { });

        Report.Result result = report.results().get(0);
        assertThat(result.status()).isEqualTo(Report.Status.FAILED);
        assertThat(result.reason()).contains("differs from the file", "CURRENT_YEAR_APPROPRIATION initial is 15665000.00 元, the file says 16000000.00");
    }

    @Test
    void theCommandLinePrintsOneLinePerProjectAndFailsWhenOneIsRejected(@TempDir Path dir) throws IOException {
        ObjectNode file = (ObjectNode) Json.read(ImportPlannerTest.seed());
        ObjectNode bad = ((ObjectNode) file.get("projects").get(0).deepCopy()).put("amountUnit", "千元").put("name", "坏项目");
        ((ArrayNode) file.get("projects")).add(bad);
        Path path = dir.resolve("forms.json");
        Files.writeString(path, file.toString());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        Path credentials = credentialsFile(dir);
        int exit = FormImport.run(new String[]{"--gateway", api.url().toString(), "--token-uri", api.url() + "/oauth2/token",
                        "--credentials", credentials.toString(), path.toString()}, Map.of(),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(exit).isEqualTo(1);
        assertThat(printed.lines().filter(l -> l.startsWith("imported "))).hasSize(7);
        assertThat(printed).contains("rejected         2023-" + ImportPlanner.codeFor("坏项目") + "  坏项目: unknown amountUnit 千元",
                "warning: indicators[2] (合格率): score 70.00 below its weight 75.00", "8 projects: 7 imported, 0 already imported, 1 rejected");

        Files.writeString(path, "{\"projects\": 1}");
        assertThat(FormImport.run(new String[]{"--gateway", api.url().toString(), "--credentials", credentials.toString(), path.toString()},
                Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("rejected file", "no \"projects\" array");
        assertThat(FormImport.run(new String[]{}, Map.of(), System.out, new PrintStream(err, true, StandardCharsets.UTF_8))).isEqualTo(2);
    }

    private static Path credentialsFile(Path dir) throws IOException {
        Path credentials = dir.resolve("credentials.json");
        Files.writeString(credentials, """
                {"clients":[{"id":"seed-loader","secret":"%s","roles":["budget-editor","indicator-editor","reviewer"],"department":"*"}],
                 "users":[]}""".formatted(FakeApi.SECRET));
        return credentials;
    }

    /** Every call of the command line carries seed-loader's token, asked for once; a wrong secret posts nothing. */
    @Test
    void theCommandLineSendsTheClientsBearerTokenOnEveryCall(@TempDir Path dir) throws IOException {
        Path path = dir.resolve("forms.json");
        Files.writeString(path, ImportPlannerTest.seed());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        String tokenUri = api.url() + "/oauth2/token";

        assertThat(FormImport.run(new String[]{"--gateway", api.url().toString(), "--token-uri", tokenUri,
                "--credentials", credentialsFile(dir).toString(), path.toString()}, Map.of(), o, e)).isEqualTo(0);

        assertThat(api.requests).isNotEmpty();
        assertThat(api.authorizations).hasSameSizeAs(api.requests).containsOnly("Bearer token-seed-loader-1");
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("as seed-loader").doesNotContain(FakeApi.SECRET);

        // the secret from the variable, under another client id
        api.authorizations.clear();
        assertThat(FormImport.run(new String[]{"--gateway", api.url().toString(), "--token-uri", tokenUri, "--client-id", "bench",
                path.toString()}, Map.of("JIXIAO_CLIENT_SECRET", FakeApi.SECRET), o, e)).isEqualTo(0);
        assertThat(api.authorizations).isNotEmpty().containsOnly("Bearer token-bench-2");

        // a refused secret: every project fails, none is posted, and the secret is nowhere in the output
        int requests = api.requests.size();
        out.reset();
        assertThat(FormImport.run(new String[]{"--gateway", api.url().toString(), "--token-uri", tokenUri,
                path.toString()}, Map.of("JIXIAO_CLIENT_SECRET", "wrong-secret"), o, e)).isEqualTo(1);
        assertThat(api.requests).hasSize(requests);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("no access token", "401 invalid_client", "not attempted")
                .doesNotContain("wrong-secret");

        // never from the command line
        assertThat(FormImport.run(new String[]{"--client-secret", "x", path.toString()}, Map.of(), o, e)).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--client-secret is not taken");
    }

    @Test
    void anUnreachableGatewayFailsEveryProjectWithAClearReason() throws IOException {
        api.close();

        Report report = new FormImport(api.url()).importJson(ImportPlannerTest.seed(), r -> { });

        assertThat(report.results()).allSatisfy(r -> assertThat(r.status()).isEqualTo(Report.Status.FAILED));
        assertThat(report.results().get(0).reason()).contains("register", "could not reach the gateway " + api.url());
        // the others are not tried once the gateway is known to be away
        assertThat(report.results().get(6).reason()).contains("not attempted", "unreachable");
        api = new FakeApi();
    }

    @Test
    void theCallsCarryJsonBodies() {
        importSeed();
        assertThat(api.projects.get(ZHANSHI).adjustments.get("IMPORT-DEC-OTHER_FUNDS").toString())
                .isEqualTo("{\"adjustmentId\":\"IMPORT-DEC-OTHER_FUNDS\",\"kind\":\"DECREASE\","
                        + "\"fundSource\":\"OTHER_FUNDS\",\"amount\":\"6499800.00\",\"reason\":\"历史数据导入\",\"documentNumber\":\"导入\","
                        + "\"businessDate\":\"2023-12-31\"}");
    }
}
