package io.jixiao.deploy;

import io.jixiao.contracts.access.ClientCredentials;
import io.jixiao.importer.FormImport;
import io.jixiao.importer.Report;
import io.jixiao.seed.Seed;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The official workbook as the units' exchange format: the seven seed forms, imported into the running system,
 * frozen in the 2023-Q4 snapshot and exported as XLSX, then imported from that workbook into a second, empty system
 * (a stack of its own, started as {@code ./run} starts one): its 2023-Q4 snapshot holds the same forms, figure for
 * figure and text for text. The forms are registered under a department and codes of this test's own, so that the
 * other classes' seed forms on the shared stack stay out of its snapshot.
 */
@ExtendWith(SharedStack.class)
class XlsxRoundTripTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String DEPARTMENT = "往返测试委员会";
    private static final String QUARTER = "2023-Q4";
    private static final Duration COMPLETE = Duration.ofSeconds(90);

    @Test
    void theSevenSeedFormsExportedAsXlsxAndImportedIntoAnEmptySystemAreTheSameForms() throws Exception {
        Stack first = SharedStack.stack();
        ObjectNode seed = (ObjectNode) JSON.readTree(Seed.forms2023());
        int n = 1;
        for (JsonNode project : seed.get("projects")) {
            ((ObjectNode) project).put("department", DEPARTMENT).put("code", "XRT" + n++);
        }
        Report imported = FormImport.run(first.gatewayUrl(), SharedStack.client("seed-loader")::token, seed.toString(), r -> { });
        assertThat(imported.results()).hasSize(7).allSatisfy(r -> assertThat(r.ok()).as(r.line()).isTrue());
        List<String> ids = imported.results().stream().map(Report.Result::projectId).toList();
        awaitComplete(first.gatewayUrl(), SharedStack.client("seed-loader"), ids);

        Taken taken = snapshot(first.gatewayUrl(), SharedStack.client("auditor-client"));
        JsonNode before = taken.forms();
        assertThat(before).hasSize(7);
        Path workbook = Path.of("target", "round-trip", "forms-2023-Q4.xlsx");
        Files.createDirectories(workbook.getParent());
        Files.write(workbook, export(first.gatewayUrl(), SharedStack.client("auditor-client"), taken.id()));

        Path var = Files.createTempDirectory("jixiao-round-trip-");
        try (Stack second = Stack.start(StackConfig.forTest(EndToEndTest.repositoryRoot(), var))) {
            ClientCredentials loader = second.client("seed-loader");
            Report again = FormImport.run(second.gatewayUrl(), loader::token, workbook, r -> { });
            assertThat(again.results()).hasSize(7).allSatisfy(r -> assertThat(r.ok()).as(r.line()).isTrue());
            assertThat(again.results().stream().map(Report.Result::projectId).toList()).containsExactlyElementsOf(ids);
            awaitComplete(second.gatewayUrl(), loader, ids);
            JsonNode after = snapshot(second.gatewayUrl(), second.client("auditor-client")).forms();

            Map<String, String> expected = flatten(before);
            Map<String, String> actual = flatten(after);
            Map<String, String> differing = new TreeMap<>();
            for (String field : expected.keySet()) {
                if (!expected.get(field).equals(actual.get(field))) {
                    differing.put(field, expected.get(field) + " → " + actual.get(field));
                }
            }
            for (String field : actual.keySet()) {
                if (!expected.containsKey(field)) {
                    differing.put(field, "(none) → " + actual.get(field));
                }
            }
            assertThat(differing).as("the second system's forms against the first's").isEmpty();
            assertThat(expected.size()).isGreaterThan(500);
            System.out.println("XLSX round trip: 7 forms, " + expected.size() + " fields equal; workbook " + workbook
                    + " (" + Files.size(workbook) + " bytes)");
        } finally {
            keepLogs(var.resolve("log"), workbook.resolveSibling("second-stack-log"));
            SharedStack.deleteTree(var);
        }
    }

    /** The second stack's logs, kept beside the workbook for a person to read. */
    private static void keepLogs(Path logs, Path to) throws java.io.IOException {
        if (!Files.isDirectory(logs)) {
            return;
        }
        Files.createDirectories(to);
        try (var files = Files.list(logs)) {
            for (Path log : files.toList()) {
                Files.copy(log, to.resolve(log.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /** Every imported form shows its last indicator's self-assessed score and its goal's achievement. */
    private static void awaitComplete(URI gateway, ClientCredentials client, List<String> ids) {
        AtomicReference<String> incomplete = new AtomicReference<>();
        try {
            await("the imported forms complete").atMost(COMPLETE).pollInterval(Duration.ofMillis(500)).until(() -> {
                for (String id : ids) {
                    HttpResponse<String> response = get(gateway, client, "/api/scoring/projects/" + id + "/form");
                    JsonNode form = JSON.readTree(response.body());
                    JsonNode rows = form.path("indicators");
                    if (response.statusCode() != 200 || rows.isEmpty() || !rows.get(rows.size() - 1).path("selfAssessedScore").isString()
                            || !form.path("goal").path("actual").isString()) {
                        incomplete.set(id + " -> " + response.statusCode() + " " + response.body());
                        return false;
                    }
                }
                return true;
            });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("not complete after " + COMPLETE + ": " + incomplete.get(), e);
        }
    }

    /** A snapshot's id and frozen forms. */
    private record Taken(String id, JsonNode forms) {
    }

    /** The department's 2023-Q4 snapshot, taken now. */
    private static Taken snapshot(URI gateway, ClientCredentials auditor) throws Exception {
        HttpResponse<String> taken = HTTP.send(HttpRequest.newBuilder(gateway.resolve("/api/scoring/snapshots"))
                .timeout(Duration.ofSeconds(60)).header("Authorization", auditor.authorization())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("quarter", QUARTER, "department", DEPARTMENT)),
                        StandardCharsets.UTF_8)).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(taken.statusCode()).as(taken.body()).isEqualTo(201);
        String id = JSON.readTree(taken.body()).path("id").asString();
        HttpResponse<String> content = get(gateway, auditor, "/api/scoring/snapshots/" + id + "/content");
        assertThat(content.statusCode()).as(content.body()).isEqualTo(200);
        return new Taken(id, JSON.readTree(content.body()).path("forms"));
    }

    private static byte[] export(URI gateway, ClientCredentials auditor, String snapshotId) throws Exception {
        HttpResponse<byte[]> xlsx = HTTP.send(HttpRequest.newBuilder(gateway.resolve("/api/scoring/snapshots/" + snapshotId + "/export.xlsx"))
                .timeout(Duration.ofSeconds(60)).header("Authorization", auditor.authorization()).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(xlsx.statusCode()).isEqualTo(200);
        return xlsx.body();
    }

    private static HttpResponse<String> get(URI gateway, ClientCredentials client, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(gateway.resolve(path)).timeout(Duration.ofSeconds(15))
                .header("Authorization", client.authorization()).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /**
     * Every leaf of the forms, keyed by project-year and path; but {@code knownAt}, the snapshot's own recorded-time
     * cut-off (the moment each was taken).
     */
    private static Map<String, String> flatten(JsonNode forms) {
        Map<String, String> leaves = new LinkedHashMap<>();
        for (JsonNode form : forms) {
            ObjectNode figures = (ObjectNode) form.deepCopy();
            figures.remove("knownAt");
            flatten(form.path("projectId").asString(), figures, leaves);
        }
        return leaves;
    }

    private static void flatten(String path, JsonNode node, Map<String, String> leaves) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                flatten(path + "." + field.getKey(), field.getValue(), leaves);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                flatten(path + "[" + i + "]", node.get(i), leaves);
            }
        } else {
            leaves.put(path, node.isNull() ? "null" : node.asString());
        }
    }
}
