package io.jixiao.importer;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A tiny stand-in for the gateway that answers like the real API: 201 on a first recording, 409 already-exists
 * and friends, 200 DUPLICATE for the same key and body; it keeps what was recorded, so that positions and
 * indicator views can be read back. {@link #failOnce} makes one chosen call fail.
 */
final class FakeApi implements AutoCloseable {

    /** What one project-year holds. */
    static final class ProjectYear {
        final Map<String, BigDecimal[]> sources = new LinkedHashMap<>();
        final Map<String, JsonNode> adjustments = new HashMap<>();
        final Map<String, JsonNode> payments = new HashMap<>();
        final Map<String, JsonNode> indicators = new LinkedHashMap<>();
        final Map<String, String> actuals = new HashMap<>();
        final Map<String, Boolean> bound = new HashMap<>();
        final Map<String, List<JsonNode>> scores = new HashMap<>();
        String goal;
        String achievement;
        boolean open;
        JsonNode published;

        BigDecimal[] row(String source) {
            return sources.computeIfAbsent(source, s -> new BigDecimal[]{BigDecimal.ZERO.setScale(2), BigDecimal.ZERO.setScale(2), BigDecimal.ZERO.setScale(2)});
        }
    }

    record Failure(Predicate<String> call, int status, String code, String detail) {
    }

    static {
        // answers leave at once instead of waiting for the client's delayed ACK (Nagle): 40 ms a request otherwise
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private static final Pattern PROJECT = Pattern.compile("/api/(budget|indicators|scoring)/projects/([^/]+)(/.*)?");

    final Map<String, ProjectYear> projects = new LinkedHashMap<>();
    /** Every request, as {@code METHOD path}. */
    final List<String> requests = new ArrayList<>();
    /** Facts recorded (what would be events). */
    int facts;
    boolean ruleSetsAvailable;
    /** What the fake scoring-service says the live form does not reproduce of the published figures. */
    List<Map<String, String>> publishedDifferences = List.of();
    /** The {@code Authorization} header of every API request (null when there was none), in order. */
    final List<String> authorizations = new ArrayList<>();
    /** The secret the fake token endpoint ({@code POST /oauth2/token}) accepts, for any client id. */
    static final String SECRET = "fake-secret";
    /** Tokens issued by the fake token endpoint. */
    int tokensIssued;
    private final List<Failure> failures = new ArrayList<>();
    private final HttpServer server;

    FakeApi() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The next request whose {@code METHOD path} matches is answered with this problem, once. */
    synchronized void failOnce(Predicate<String> call, int status, String code, String detail) {
        failures.add(new Failure(call, status, code, detail));
    }

    synchronized List<String> requests(String prefix) {
        return requests.stream().filter(r -> r.startsWith(prefix)).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private synchronized void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        String text = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        if (path.equals("/oauth2/token")) {
            issueToken(exchange, text);
            return;
        }
        JsonNode body = text.isBlank() ? null : Json.read(text);
        String call = method + " " + path;
        requests.add(call);
        authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
        for (Failure failure : failures) {
            if (failure.call().test(call)) {
                failures.remove(failure);
                problem(exchange, failure.status(), failure.code(), failure.detail());
                return;
            }
        }
        try {
            route(exchange, method, path, body);
        } catch (RuntimeException e) {
            problem(exchange, 500, "internal", e.toString());
        }
    }

    /** client_credentials with Basic authentication: a token {@code token-<client>-<n>}, or 401 invalid_client. */
    private void issueToken(HttpExchange ex, String form) throws IOException {
        String basic = ex.getRequestHeaders().getFirst("Authorization");
        String[] idAndSecret = basic == null || !basic.startsWith("Basic ") ? new String[0]
                : new String(java.util.Base64.getDecoder().decode(basic.substring(6)), StandardCharsets.UTF_8).split(":", 2);
        if (idAndSecret.length != 2 || !idAndSecret[1].equals(SECRET) || !form.equals("grant_type=client_credentials")) {
            send(ex, 401, Map.of("error", "invalid_client"));
            return;
        }
        send(ex, 200, Map.of("access_token", "token-" + idAndSecret[0] + "-" + (++tokensIssued), "token_type", "Bearer",
                "expires_in", 900));
    }

    private void route(HttpExchange ex, String method, String path, JsonNode body) throws IOException {
        if (path.startsWith("/api/scoring/rule-sets/")) {
            if (ruleSetsAvailable) {
                send(ex, 200, Map.of("id", body.get("id").asString()));
            } else {
                problem(ex, 404, null, "No static resource");
            }
            return;
        }
        if (method.equals("POST") && path.equals("/api/budget/projects")) {
            String id = body.get("fiscalYear").asInt() + "-" + body.get("code").asString();
            if (projects.containsKey(id)) {
                problem(ex, 409, "already-exists", "project-year " + id + " is already registered");
            } else {
                projects.put(id, new ProjectYear());
                facts++;
                send(ex, 201, Map.of("projectId", id));
            }
            return;
        }
        Matcher m = PROJECT.matcher(path);
        if (!m.matches()) {
            problem(ex, 404, null, "no route " + path);
            return;
        }
        ProjectYear p = projects.get(m.group(2));
        if (p == null) {
            problem(ex, 404, "unknown-project", "unknown project-year " + m.group(2));
            return;
        }
        String rest = m.group(3) == null ? "" : m.group(3);
        String[] parts = rest.split("/");
        switch (method + " " + m.group(1).charAt(0) + rest.replaceAll("/i[0-9]+", "/{id}")) {
            case "PUT s/published" -> {
                p.published = body;
                send(ex, 200, Map.of("projectId", m.group(2)));
            }
            case "GET s/execution" -> {
                BigDecimal fullYear = BigDecimal.ZERO.setScale(2);
                BigDecimal executed = BigDecimal.ZERO.setScale(2);
                for (BigDecimal[] row : p.sources.values()) {
                    fullYear = fullYear.add(row[1]);
                    executed = executed.add(row[2]);
                }
                send(ex, 200, Map.of("total", Map.of("fullYear", fullYear.toPlainString(), "executed", executed.toPlainString())));
            }
            case "GET s/form" -> {
                List<Map<String, Object>> rows = new ArrayList<>();
                p.indicators.forEach((id, definition) -> {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("indicatorId", id);
                    List<JsonNode> scores = p.scores.get(id);
                    row.put("selfAssessedScore", scores == null ? null : scores.get(scores.size() - 1).get("score").asString());
                    rows.add(row);
                });
                send(ex, 200, Map.of("indicators", rows, "publishedDifferences", publishedDifferences));
            }
            case "POST b/initial-budgets" -> {
                String source = body.get("fundSource").asString();
                if (p.sources.containsKey(source) && p.row(source)[0].signum() > 0) {
                    problem(ex, 409, "initial-budget-already-allocated", "initial budget of " + source + " already allocated");
                } else if (p.open) {
                    problem(ex, 422, "initial-budget-frozen", "the year is open");
                } else {
                    BigDecimal amount = new BigDecimal(body.get("amount").asString());
                    p.row(source)[0] = amount;
                    p.row(source)[1] = p.row(source)[1].add(amount);
                    facts++;
                    send(ex, 201, Map.of("fundSource", source));
                }
            }
            case "POST b/open" -> {
                if (!p.open) {
                    p.open = true;
                    facts++;
                }
                send(ex, 200, Map.of("status", "OPEN"));
            }
            case "POST b/adjustments" -> once(ex, p.adjustments, body.get("adjustmentId").asString(), body, () -> {
                BigDecimal[] row = p.row(body.get("fundSource").asString());
                BigDecimal amount = new BigDecimal(body.get("amount").asString());
                BigDecimal after = body.get("kind").asString().equals("INCREASE") ? row[1].add(amount) : row[1].subtract(amount);
                if (after.compareTo(row[2]) < 0 && !(body.has("correction") && body.get("correction").asBoolean())) {
                    return "budget-below-executed";
                }
                row[1] = after;
                return null;
            });
            case "POST b/expenditures" -> once(ex, p.payments, body.get("paymentReference").asString(), body, () -> {
                BigDecimal[] row = p.row(body.get("fundSource").asString());
                BigDecimal amount = new BigDecimal(body.get("amount").asString());
                if (!p.open) {
                    return "year-not-open";
                }
                if (row[2].add(amount).compareTo(row[1]) > 0) {
                    return "payment-beyond-budget";
                }
                row[2] = row[2].add(amount);
                return null;
            });
            case "GET b/position" -> {
                Map<String, Object> sources = new LinkedHashMap<>();
                p.sources.forEach((s, r) -> sources.put(s, Map.of("initial", r[0].toPlainString(), "fullYear", r[1].toPlainString(),
                        "executed", r[2].toPlainString(), "available", r[1].subtract(r[2]).toPlainString())));
                send(ex, 200, Map.of("sources", sources));
            }
            case "PUT i/goal" -> {
                p.goal = body.get("text").asString();
                send(ex, 200, Map.of());
            }
            case "PUT i/goal/achievement" -> {
                p.achievement = body.get("text").asString();
                send(ex, 200, Map.of());
            }
            case "POST i/indicators" -> {
                String id = body.get("indicatorId").asString();
                if (p.indicators.containsKey(id)) {
                    problem(ex, 409, "indicator-already-defined", "indicator " + id + " is already defined");
                } else {
                    p.indicators.put(id, body);
                    facts++;
                    send(ex, 201, Map.of("indicatorId", id));
                }
            }
            case "PUT i/indicators/{id}/actual" -> {
                if (!p.indicators.containsKey(parts[2])) {
                    problem(ex, 404, "unknown-indicator", parts[2]);
                } else {
                    if (!body.get("actual").asString().equals(p.actuals.put(parts[2], body.get("actual").asString()))) {
                        facts++;
                    }
                    send(ex, 200, Map.of());
                }
            }
            case "POST i/indicators/{id}/execution-rate-binding" -> {
                if (p.bound.put(parts[2], true) == null) {
                    facts++;
                }
                send(ex, 200, Map.of());
            }
            case "PUT i/indicators/{id}/scores/self-assessed" -> {
                if (!p.actuals.containsKey(parts[2]) && !p.bound.containsKey(parts[2])) {
                    problem(ex, 422, "actual-missing", "no actual for " + parts[2]);
                } else {
                    p.scores.computeIfAbsent(parts[2], k -> new ArrayList<>()).add(body);
                    facts++;
                    send(ex, 200, Map.of("score", body.get("score").asString()));
                }
            }
            case "GET i/indicators" -> {
                List<Map<String, Object>> list = new ArrayList<>();
                p.indicators.forEach((id, definition) -> {
                    Map<String, Object> view = new LinkedHashMap<>();
                    view.put("indicatorId", id);
                    List<JsonNode> scores = p.scores.get(id);
                    if (scores != null) {
                        JsonNode last = scores.get(scores.size() - 1);
                        view.put("selfAssessed", Map.of("score", last.get("score").asString(),
                                "deviation", last.has("deviation") ? last.get("deviation").asString() : "", "imported", true));
                    } else {
                        view.put("selfAssessed", null);
                    }
                    list.add(view);
                });
                send(ex, 200, Map.of("projectId", m.group(2), "indicators", list));
            }
            default -> problem(ex, 404, null, "no route " + method + " " + path);
        }
    }

    /** A keyed recording: 201 RECORDED, 200 DUPLICATE for the same body, 409 for another body, 422 when refused. */
    private void once(HttpExchange ex, Map<String, JsonNode> seen, String key, JsonNode body,
                      java.util.function.Supplier<String> apply) throws IOException {
        JsonNode earlier = seen.get(key);
        if (earlier != null) {
            if (earlier.equals(body)) {
                send(ex, 200, Map.of("outcome", "DUPLICATE"));
            } else {
                problem(ex, 409, "reference-conflict", key + " was recorded with another body");
            }
            return;
        }
        String refused = apply.get();
        if (refused != null) {
            problem(ex, 422, refused, "refused: " + refused);
            return;
        }
        seen.put(key, body);
        facts++;
        send(ex, 201, Map.of("outcome", "RECORDED"));
    }

    private static void problem(HttpExchange ex, int status, String code, String detail) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status);
        if (code != null) {
            body.put("code", code);
        }
        body.put("detail", detail);
        send(ex, status, body);
    }

    private static void send(HttpExchange ex, int status, Object body) throws IOException {
        byte[] bytes = Json.write(body).getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", status >= 400 ? "application/problem+json" : "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }
}
