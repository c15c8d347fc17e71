package io.jixiao.bench;

import io.jixiao.contracts.access.ClientCredentials;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The system's public API through the gateway, every request with a bearer token: of client {@code bench} (poster,
 * budget-editor and indicator-editor of every department), and of {@code admin-client} for the rebuild. Their
 * secrets come from the {@code credentials.json} the auth-server wrote ({@code var/credentials.json}).
 */
final class Api {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final int FISCAL_YEAR = 2026;
    static final String BUSINESS_DATE = "2026-06-30";
    static final String CLIENT = "bench";
    static final String ADMIN = "admin-client";

    private final URI gateway;
    private final URI tokenUri;
    private final java.nio.file.Path credentials;
    private final ClientCredentials bench;
    private volatile ClientCredentials admin;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    Api(URI gateway, URI tokenUri, java.nio.file.Path credentials) {
        this.gateway = gateway;
        this.tokenUri = tokenUri;
        this.credentials = credentials;
        this.bench = ClientCredentials.fromFile(tokenUri, credentials, CLIENT);
    }

    HttpClient http() {
        return http;
    }

    URI uri(String path) {
        return gateway.resolve(path);
    }

    URI tokenUri() {
        return tokenUri;
    }

    java.nio.file.Path credentials() {
        return credentials;
    }

    /** {@code Bearer <token>} of client bench, renewed a minute before it expires. */
    String authorization() {
        return bench.authorization();
    }

    private String adminAuthorization() {
        if (admin == null) {
            admin = ClientCredentials.fromFile(tokenUri, credentials, ADMIN);
        }
        return admin.authorization();
    }

    HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return post(uri(path), body, authorization());
    }

    /** As {@code admin-client}: the rebuild. */
    HttpResponse<String> postAsAdmin(String path, String body) throws IOException, InterruptedException {
        return post(uri(path), body, adminAuthorization());
    }

    /** A POST to any URL (the gateway, or a service directly) with the given Authorization value (none when null). */
    HttpResponse<String> post(URI url, String body, String authorization) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(120))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    JsonNode get(String path) throws IOException, InterruptedException {
        return get(path, authorization());
    }

    /** As {@code admin-client}: the rebuild's progress. */
    JsonNode getAsAdmin(String path) throws IOException, InterruptedException {
        return get(path, adminAuthorization());
    }

    private JsonNode get(String path, String authorization) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30))
                        .header("Authorization", authorization).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (r.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " -> " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body());
    }

    private HttpResponse<String> expect(HttpResponse<String> r, int status, String what) {
        if (r.statusCode() != status) {
            throw new IllegalStateException(what + " -> " + r.statusCode() + ": " + r.body());
        }
        return r;
    }

    /** Registers a fresh project-year with a large OTHER_FUNDS budget and opens it, through the gateway; answers its id. */
    String openProject(String code) throws IOException, InterruptedException {
        return openProject(uri("/api/budget"), code);
    }

    /** The same against any budget-service base URL (the gateway's {@code /api/budget}, or a service itself). */
    String openProject(URI budget, String code) throws IOException, InterruptedException {
        String base = budget.toString().replaceAll("/$", "");
        HttpResponse<String> r = expect(post(URI.create(base + "/projects"), """
                {"code":"%s","name":"benchmark %s","department":"bench","implementingUnit":"bench","fiscalYear":%d}
                """.formatted(code, code, FISCAL_YEAR), authorization()), 201, "register " + code);
        String id = JSON.readTree(r.body()).path("projectId").asString();
        expect(post(URI.create(base + "/projects/" + id + "/initial-budgets"), """
                {"fundSource":"OTHER_FUNDS","amount":"900000000000.00","documentNumber":"bench"}
                """, authorization()), 201, "initial budget " + id);
        expect(post(URI.create(base + "/projects/" + id + "/open"), "", authorization()), 200, "open " + id);
        return id;
    }

    /**
     * Waits until scoring-service knows a project-year just opened (its form answers 200): the registration reaches it
     * through Kafka, and a form stream asked for before that is a 404.
     */
    void awaitForm(String projectId, Duration within) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        String path = "/api/scoring/projects/" + projectId + "/form";
        while (true) {
            HttpResponse<Void> r = http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30))
                    .header("Authorization", authorization()).GET().build(), HttpResponse.BodyHandlers.discarding());
            if (r.statusCode() == 200) {
                return;
            }
            if (r.statusCode() != 404 || System.nanoTime() > deadline) {
                throw new IllegalStateException("GET " + path + " -> " + r.statusCode() + " after " + within.toSeconds() + " s");
            }
            java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
        }
    }

    static String payment(String reference, String amount) {
        return """
                {"paymentReference":"%s","fundSource":"OTHER_FUNDS","amount":"%s","businessDate":"%s","payee":"bench","voucherNumber":"v"}"""
                .formatted(reference, amount, BUSINESS_DATE);
    }

    static String batchItem(String projectId, String reference, String amount) {
        return """
                {"projectId":"%s","paymentReference":"%s","fundSource":"OTHER_FUNDS","amount":"%s","businessDate":"%s","payee":"bench","voucherNumber":"v"}"""
                .formatted(projectId, reference, amount, BUSINESS_DATE);
    }
}
