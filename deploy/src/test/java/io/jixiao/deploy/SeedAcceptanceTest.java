package io.jixiao.deploy;

import io.jixiao.importer.FormImport;
import io.jixiao.importer.Report;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import io.jixiao.testing.PublishedForms;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Stream;

import io.jixiao.seed.Seed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The acceptance of the live self-evaluation: the seven published 2023 forms are imported into the running system
 * through the gateway, exported as JSON and compared figure for figure; then payments move the live form, pushed
 * to a subscriber within a second; then the projection is rebuilt from the topics. With real tokens: the importer
 * runs as {@code seed-loader}, {@code finance-system-a} pays, {@code admin-client} rebuilds.
 */
@ExtendWith(SharedStack.class)
class SeedAcceptanceTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String LOADER = "seed-loader";
    private static final String POSTER = "finance-system-a";
    private static final String ADMIN = "admin-client";

    private static Stack stack;
    private static final List<String> REPORT = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void theStack() {
        stack = SharedStack.stack();
    }

    @AfterAll
    static void writeReport() throws IOException {
        if (stack != null) {
            Files.writeString(Path.of("target", "seed-acceptance-report.txt"), String.join(System.lineSeparator(), REPORT) + System.lineSeparator());
        }
    }

    private static JsonNode get(String path) throws Exception {
        return get(LOADER, path);
    }

    private static JsonNode get(String client, String path) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(stack.gatewayUrl().resolve(path)).timeout(Duration.ofSeconds(15))
                        .header("Authorization", SharedStack.bearer(client)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).as("GET " + path + " -> " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static HttpResponse<String> post(String client, String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(stack.gatewayUrl().resolve(path)).timeout(Duration.ofSeconds(15))
                .header("Authorization", SharedStack.bearer(client))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static Supplier<String> loaderToken() {
        return SharedStack.client(LOADER)::token;
    }

    /**
     * Six forms published by units of other jurisdictions, as printed (see seed/…/published/README.md), import through
     * the gateway; every figure they print is either the live form's, or flagged PUBLISHED_DIFFERS for a reason
     * the form itself gives (a total row of zeros over a funded source, a rate no rounding of its amounts gives,
     * scores printed for indicators without a target or actual).
     */
    @Test
    void importsThePublishedFormsOfOtherJurisdictionsAndFlagsEveryFigureThatDoesNotAddUp() throws Exception {
        java.util.Map<String, List<String>> expected = new java.util.LinkedHashMap<>();
        // 215,457.6 of 250,000 is 86.18304 %: cut or half-up 86.18, printed 86.19
        expected.put("putuo-sports-settlement-2022", List.of("funds.total.rate"));
        // its fund-source rows print 0 under a funded total: the total is imported as 当年财政拨款
        expected.put("putuo-sports-yundian-2022", List.of("funds.currentYearAppropriation.initial",
                "funds.currentYearAppropriation.fullYear"));
        // six indicators scored 10 each with neither target nor actual printed: their scores cannot stand, nor 总分 100
        expected.put("tianchang-water-flood-2022", List.of("indicators.i3.score", "indicators.i4.score", "indicators.i5.score",
                "indicators.i6.score", "indicators.i7.score", "indicators.i9.score", "total"));
        // 年度资金总额 prints 0 0 0 (and so 0 points) over a funded 本年财政拨款 row
        List<String> zeroTotalRow = List.of("funds.total.initial", "funds.total.fullYear", "funds.total.executed",
                "funds.total.rate", "funds.score");
        expected.put("chizhou-tangxi-weituo-2022", zeroTotalRow);
        expected.put("chizhou-tangxi-cunji-2022", zeroTotalRow);
        // consistent: every printed figure comes out (its scores below their weights lack explanations, flagged per row)
        expected.put("lijiang-gucheng-weipian-2020", List.of());
        int compared = 0;
        int equal = 0;
        List<String> lines = new ArrayList<>();
        java.util.Map<String, List<String>> flagged = new java.util.LinkedHashMap<>();
        for (String name : Seed.PUBLISHED) {
            Report report = FormImport.run(stack.gatewayUrl(), loaderToken(), Seed.published(name), r -> { });
            Report.Result result = report.results().get(0);
            assertThat(result.ok()).as(result.line()).isTrue();
            JsonNode form = get("/api/scoring/projects/" + result.projectId() + "/form");
            JsonNode published = get("/api/scoring/projects/" + result.projectId() + "/published").path("figures");
            List<String> differing = new ArrayList<>();
            for (JsonNode difference : form.path("publishedDifferences")) {
                differing.add(difference.path("field").asString());
                assertThat(form.path("flags").toString()).contains("PUBLISHED_DIFFERS:" + difference.path("field").asString());
            }
            compared += published.size();
            equal += published.size() - differing.size();
            lines.add(name + ": " + published.size() + " printed figures, " + (published.size() - differing.size()) + " equal, flagged "
                    + form.path("publishedDifferences") + "; form flags " + form.path("flags"));
            flagged.put(name, differing.stream().sorted().toList());
        }
        expected.replaceAll((name, fields) -> fields.stream().sorted().toList());
        assertThat(flagged).isEqualTo(expected);
        REPORT.add("published forms of other jurisdictions: " + Seed.PUBLISHED.size() + " imported, " + compared
                + " printed figures compared, " + equal + " equal, " + (compared - equal) + " flagged PUBLISHED_DIFFERS");
        REPORT.addAll(lines);
    }

    @Test
    void importsTheSevenPublishedFormsReproducesEveryFigureAndThenFollowsEveryPayment() throws Exception {
        JsonNode published = JSON.readTree(Seed.forms2023());
        Report report = FormImport.run(stack.gatewayUrl(), loaderToken(), Seed.forms2023(), r -> { });
        assertThat(report.results()).hasSize(7).allSatisfy(result -> assertThat(result.ok()).as(result.line()).isTrue());

        // the exported forms, once the projection holds every imported indicator score
        // only the seven of this import: other classes on the shared stack import the same forms under codes of
        // their own (XlsxRoundTripTest), with the same names
        java.util.Set<String> ours = report.results().stream().map(Report.Result::projectId).collect(java.util.stream.Collectors.toSet());
        AtomicReference<JsonNode> exported = new AtomicReference<>();
        await("all seven forms complete").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
            tools.jackson.databind.node.ObjectNode forms = JSON.createObjectNode();
            tools.jackson.databind.node.ArrayNode projects = forms.putArray("projects");
            for (JsonNode form : get("/api/scoring/forms").path("projects")) {
                if (ours.contains(form.path("projectId").asString())) {
                    projects.add(form);
                }
            }
            exported.set(forms);
            int complete = 0;
            for (JsonNode form : forms.path("projects")) {
                JsonNode rows = form.path("indicators");
                if (rows.size() > 0 && rows.get(rows.size() - 1).path("selfAssessedScore").isString() && form.path("goal").path("actual").isString()) {
                    complete++;
                }
            }
            return complete == 7;
        });

        List<String> mismatched = new ArrayList<>();
        int figures = 0;
        int rates = 0;
        for (JsonNode expected : published.path("projects")) {
            JsonNode live = null;
            for (JsonNode form : exported.get().path("projects")) {
                if (form.path("name").asString().equals(expected.path("name").asString())) {
                    live = form;
                }
            }
            assertThat(live).as(expected.path("name").asString()).isNotNull();
            figures += PublishedForms.compare(expected, live, List.of("score"),
                    List.of("level1", "level2", "level3", "target", "actual", "weight", "score", "deviation"), mismatched);
            // the rates of budgeted rows: 天文馆展示工程's 0.00 counts, an empty source's does not
            for (String row : PublishedForms.FUND_ROWS) {
                rates += expected.path("funds").path(row).path("fullYear").asString().equals("0.00") ? 0 : 1;
            }
        }
        assertThat(mismatched).isEmpty();
        assertThat(rates).isEqualTo(17);
        for (JsonNode form : exported.get().path("projects")) {
            assertThat(form.path("publishedDifferences").size()).as("scoring-service's own comparison of " + form.path("name")
                    + " with what the file printed").isZero();
        }
        REPORT.add("golden comparison: " + figures + " figures of 7 forms equal, the rates of the " + rates + " budgeted rows among them");

        List<String> formulaMismatches = new ArrayList<>();
        for (JsonNode form : exported.get().path("projects")) {
            for (JsonNode row : form.path("indicators")) {
                if (row.path("flags").toString().contains("FORMULA_MISMATCH")) {
                    formulaMismatches.add(form.path("name").asString() + " " + row.path("level3").asString());
                }
            }
        }
        assertThat(formulaMismatches).containsExactlyInAnyOrder("科普场馆运行保障经费 当年预算完成率", "科普场馆运行保障经费 合格率",
                "天文馆展示工程 项目完成率", "展示运行 预算执行率率", "科技馆展区更新改造 当年预算完成率");

        followsPaymentsLive(exported.get());
        rebuildsFromTheTopics();
    }

    /** A subscriber of 科普场馆运行保障经费's form sees each payment's effect, pushed through the gateway. */
    private void followsPaymentsLive(JsonNode exported) throws Exception {
        String projectId = null;
        for (JsonNode form : exported.path("projects")) {
            if (form.path("name").asString().equals("科普场馆运行保障经费")) {
                projectId = form.path("projectId").asString();
            }
        }
        BlockingQueue<Pushed> pushed = new LinkedBlockingQueue<>();
        HttpResponse<Stream<String>> stream = HTTP.send(HttpRequest.newBuilder(stack.gatewayUrl()
                        .resolve("/api/scoring/projects/" + projectId + "/form/stream")).header("Accept", "text/event-stream")
                        .header("Authorization", SharedStack.bearer(LOADER)).build(),
                HttpResponse.BodyHandlers.ofLines());
        assertThat(stream.statusCode()).isEqualTo(200);
        Thread reader = new Thread(() -> stream.body().forEach(line -> {
            if (line.startsWith("data:")) {
                pushed.add(new Pushed(System.nanoTime(), JSON.readTree(line.substring(5))));
            }
        }), "sse-reader");
        reader.setDaemon(true);
        reader.start();
        JsonNode current = next(pushed, form -> true).form();
        assertThat(current.path("funds").path("total").path("rate").asString()).isEqualTo("42.68");

        // 100 small payments: from each payment's acceptance to the pushed form that contains it
        List<Long> latencies = new ArrayList<>();
        // the form shows 万元: each payment of 100.00 元 adds 0.01
        java.math.BigDecimal executed = new java.math.BigDecimal(current.path("funds").path("total").path("executed").asString());
        for (int i = 0; i < 100; i++) {
            HttpResponse<String> paid = post(POSTER, "/api/budget/projects/" + projectId + "/expenditures", """
                    {"paymentReference":"LIVE-%d","fundSource":"OTHER_FUNDS","amount":"100.00","businessDate":"2023-12-31","payee":"p","voucherNumber":"v"}
                    """.formatted(i));
            long accepted = System.nanoTime();
            assertThat(paid.statusCode()).as(paid.body()).isEqualTo(201);
            executed = executed.add(new java.math.BigDecimal("0.01"));
            String expected = executed.toPlainString();
            Pushed seen = next(pushed, form -> form.path("funds").path("total").path("executed").asString().equals(expected));
            latencies.add(TimeUnit.NANOSECONDS.toMillis(seen.at() - accepted));
        }
        Collections.sort(latencies);
        REPORT.add(String.format(Locale.ROOT, "payment accepted -> pushed form (100 payments through the gateway): median %d ms, worst %d ms",
                latencies.get(49), latencies.get(99)));

        // one large payment moves the rate, the funds score, the bound indicator, the total and the grade, within a second
        HttpResponse<String> large = post(POSTER, "/api/budget/projects/" + projectId + "/expenditures", """
                {"paymentReference":"LIVE-LARGE","fundSource":"OTHER_FUNDS","amount":"36000000.00","businessDate":"2023-12-31","payee":"p","voucherNumber":"v"}
                """);
        long accepted = System.nanoTime();
        assertThat(large.statusCode()).as(large.body()).isEqualTo(201);
        Pushed after = next(pushed, form -> !form.path("grade").asString().equals("良"));
        assertThat(TimeUnit.NANOSECONDS.toMillis(after.at() - accepted)).isLessThan(1000);
        JsonNode form = after.form();
        assertThat(form.path("funds").path("total").path("rate").asString()).isEqualTo("90.28");
        assertThat(form.path("funds").path("score").asString()).isEqualTo("9.02");
        JsonNode bound = form.path("indicators").get(0);
        assertThat(bound.path("actual").asString()).isEqualTo("90.28(%)");
        assertThat(bound.path("computedScore").asString()).isEqualTo("5.00");
        assertThat(form.path("total").asString()).isEqualTo("93.02");
        assertThat(form.path("grade").asString()).isEqualTo("优");
        stream.body().close();
    }

    private record Pushed(long at, JsonNode form) {
    }

    private static Pushed next(BlockingQueue<Pushed> pushed, java.util.function.Predicate<JsonNode> wanted) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            Pushed one = pushed.poll(200, TimeUnit.MILLISECONDS);
            if (one != null && wanted.test(one.form())) {
                return one;
            }
        }
        throw new AssertionError("no pushed form as wanted within 10 s");
    }

    /** The projection rebuilt from the start of the topics ends with the same forms. */
    private void rebuildsFromTheTopics() throws Exception {
        JsonNode before = get("/api/scoring/forms");
        HttpResponse<String> started = post(ADMIN, "/api/scoring/admin/projection/rebuild", "");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        long t0 = System.nanoTime();
        AtomicReference<JsonNode> progress = new AtomicReference<>();
        await("rebuild").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).until(() -> {
            progress.set(get(ADMIN, "/api/scoring/admin/projection/rebuild"));
            return progress.get().path("state").asString().equals("CAUGHT_UP");
        });
        double seconds = (System.nanoTime() - t0) / 1e9;
        long events = progress.get().path("target").asLong();
        await("forms after the rebuild").atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(get("/api/scoring/forms")).isEqualTo(before));
        REPORT.add(String.format(Locale.ROOT, "rebuild: %d records in %.1f s, %.0f records/s (informal, from polling)", events, seconds, events / seconds));
    }
}
