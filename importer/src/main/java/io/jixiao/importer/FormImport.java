package io.jixiao.importer;

import io.jixiao.contracts.access.ClientCredentials;
import io.jixiao.importer.ImportPlanner.ImportFileException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Imports published forms: plans every project of a file ({@link ImportPlanner}), then posts each valid project's
 * calls through the gateway, in order. Every call is idempotent, so running the same file again completes a
 * project that was imported only in part and changes nothing on a complete one. A call answered with anything
 * but success or "done before" stops that project (the others go on); its reason is in the {@link Report}.
 * After the calls, the project's budget position is read back and compared with the file.
 *
 * <p>Every call carries {@code Authorization: Bearer <token>} of the client it imports as (on {@code ./run}'s
 * system: {@code seed-loader}). A plan's calls need the roles budget-editor (registration, budgets, adjustments,
 * published figures), poster (the executed amounts, posted as payments) and indicator-editor (goal, indicators,
 * actuals, scores), for the project's department; a refusal (403) stops that project like any other.
 *
 * <pre>
 * java -cp 'deploy/target/lib/*' io.jixiao.importer.FormImport [--gateway http://localhost:8080]
 *     [--token-uri http://127.0.0.1:9000/oauth2/token] [--client-id seed-loader] [--credentials var/credentials.json]
 *     [--plan] FILE
 * </pre>
 */
public final class FormImport {

    /** Answers that mean "this was recorded before": the call is done. */
    static final Set<String> DONE_BEFORE = Set.of("already-exists", "initial-budget-already-allocated",
            "indicator-already-defined");
    private static final int ATTEMPTS = 4;
    private static final String UNREACHABLE = " could not reach the gateway ";

    /** How long the live form is waited for to reflect an import before its differences are read. */
    private static final Duration CATCH_UP = Duration.ofSeconds(30);

    /** The token endpoint of the auth-server {@code ./run} starts. */
    public static final URI DEFAULT_TOKEN_URI = URI.create("http://127.0.0.1:9000/oauth2/token");
    /** The client an import runs as by default (./run's demo loader, every department). */
    public static final String DEFAULT_CLIENT_ID = "seed-loader";
    /** Where {@code ./run}'s auth-server writes the demo clients' secrets. */
    public static final Path DEFAULT_CREDENTIALS = Path.of("var", "credentials.json");
    /** The variable a secret is read from when no {@code --credentials} file is named. */
    public static final String SECRET_VARIABLE = "JIXIAO_CLIENT_SECRET";

    private final URI gateway;
    private final HttpClient http;
    private final Duration requestTimeout;
    /** The bearer token of each call; null: calls without one (a system without security, a test stub). */
    private final Supplier<String> token;

    /** Calls without a token: only for a system whose security is off. */
    public FormImport(URI gateway) {
        this(gateway, (Supplier<String>) null);
    }

    /**
     * @param token the access token sent as {@code Authorization: Bearer} on every call, asked for before each one
     *              (e.g. {@link ClientCredentials#token}, which caches it)
     */
    public FormImport(URI gateway, Supplier<String> token) {
        this(gateway, HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build(), Duration.ofSeconds(60), token);
    }

    FormImport(URI gateway, HttpClient http, Duration requestTimeout, Supplier<String> token) {
        String base = gateway.toString();
        this.gateway = URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
        this.http = http;
        this.requestTimeout = requestTimeout;
        this.token = token;
    }

    /** Imports a file; throws {@link ImportFileException} when the file as a whole is unusable. */
    public static Report run(URI gateway, Supplier<String> token, Path file) {
        return new FormImport(gateway, token).importJson(read(file), r -> { });
    }

    /** The same, telling {@code onEach} about every project as soon as it is done. */
    public static Report run(URI gateway, Supplier<String> token, Path file, Consumer<Report.Result> onEach) {
        return new FormImport(gateway, token).importJson(read(file), onEach);
    }

    /** Imports the text of an import file, e.g. a bundled resource. */
    public static Report run(URI gateway, Supplier<String> token, String json, Consumer<Report.Result> onEach) {
        return new FormImport(gateway, token).importJson(json, onEach);
    }

    /** Imports a file's content, e.g. a bundled resource. */
    public static Report run(URI gateway, Supplier<String> token, InputStream json, Consumer<Report.Result> onEach) {
        try {
            return new FormImport(gateway, token).importJson(new String(json.readAllBytes(), StandardCharsets.UTF_8), onEach);
        } catch (IOException e) {
            throw new ImportFileException("cannot read the import file: " + e.getMessage());
        }
    }

    /** The text of an import file: a JSON file as it is, an XLSX of forms in the official layout read into one. */
    static String read(Path file) {
        if (OfficialWorkbook.isWorkbook(file)) {
            return OfficialWorkbook.read(file, file.getFileName().toString());
        }
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ImportFileException("cannot read " + file + ": " + e);
        }
    }

    public Report importJson(String json, Consumer<Report.Result> onEach) {
        List<Report.Result> results = new ArrayList<>();
        String unreachable = null;
        String noToken = null;
        for (ProjectPlan plan : ImportPlanner.plan(json)) {
            Report.Result result;
            if (unreachable != null && plan.valid()) {
                result = result(plan, Report.Status.FAILED, "not attempted: the gateway " + gateway + " was unreachable", 0, 0);
            } else if (noToken != null && plan.valid()) {
                result = result(plan, Report.Status.FAILED, "not attempted: " + noToken, 0, 0);
            } else {
                try {
                    result = execute(plan);
                } catch (NoToken e) {
                    noToken = e.getMessage();
                    result = result(plan, Report.Status.FAILED, noToken + "; nothing of it was posted after that, a new run completes it", 0, 0);
                }
                if (result.status() == Report.Status.FAILED && result.reason().contains(UNREACHABLE)) {
                    unreachable = result.reason();
                }
            }
            onEach.accept(result);
            results.add(result);
        }
        return new Report(results);
    }

    // --- one project ------------------------------------------------------------------------------------------

    /** Posts one project's calls in order; stops at the first refusal. */
    Report.Result execute(ProjectPlan plan) {
        if (!plan.valid()) {
            return result(plan, Report.Status.REJECTED, String.join("; ", plan.errors()), 0, 0);
        }
        int recorded = 0;
        int done = 0;
        boolean existed = false;
        Map<String, JsonNode> scores = null;
        for (ApiCall call : plan.calls()) {
            if (call.kind() == ApiCall.Kind.SELF_ASSESSED_SCORE && existed) {
                // a score, unlike the other calls, is a new fact each time: send it only if it is not there yet
                if (scores == null) {
                    scores = selfAssessedScores(plan.projectId());
                }
                if (sameScore(scores.get(indicatorId(call)), call)) {
                    done++;
                    continue;
                }
            }
            Answer answer;
            try {
                answer = send(call.method(), call.path(), call.body());
            } catch (IOException e) {
                return result(plan, Report.Status.FAILED, call.label() + ": " + call.method() + " " + call.path()
                        + UNREACHABLE + gateway + " (" + e + "); run the import again to complete it",
                        recorded, done);
            }
            if (answer.success()) {
                if ("DUPLICATE".equals(answer.text("outcome"))) {
                    done++;
                } else if (call.kind().recordsOnce() || call.kind() == ApiCall.Kind.SELF_ASSESSED_SCORE) {
                    recorded++;
                }
            } else if (answer.status() == 409 && DONE_BEFORE.contains(answer.code())) {
                done++;
                existed |= call.kind() == ApiCall.Kind.REGISTER;
            } else if (call.kind() == ApiCall.Kind.RULE_SET && (answer.status() == 404 || answer.status() == 405)) {
                return result(plan, Report.Status.REJECTED, "its inline rule set " + call.path().substring(call.path().lastIndexOf('/') + 1)
                        + " cannot be created: rule sets are not available in this system (PUT " + call.path() + " answered "
                        + answer.status() + "); nothing of the project was imported", recorded, done);
            } else {
                return result(plan, Report.Status.FAILED, call.label() + ": " + call.method() + " " + call.path()
                        + " answered " + answer.describe() + (recorded + done > 0 ? "; the calls before it stay, a new run completes it" : ""),
                        recorded, done);
            }
        }
        String differences = checkPosition(plan);
        if (differences != null) {
            return result(plan, Report.Status.FAILED, differences, recorded, done);
        }
        return new Report.Result(plan.index(), plan.name(), plan.projectId(),
                existed && recorded == 0 ? Report.Status.ALREADY_IMPORTED : Report.Status.IMPORTED, null, recorded, done,
                plan.warnings(), publishedDifferences(plan));
    }

    private static Report.Result result(ProjectPlan plan, Report.Status status, String reason, int recorded, int done) {
        return new Report.Result(plan.index(), plan.name(), plan.projectId(), status, reason, recorded, done, plan.warnings(),
                List.of());
    }

    /**
     * What scoring-service flags of the published figures, once the live form reflects the whole import (its money
     * and every indicator with its score; the projection follows the events within a second or so). The importer
     * computes no figure itself: the live form's rule set is the one rule.
     */
    private List<String> publishedDifferences(ProjectPlan plan) {
        if (plan.calls(ApiCall.Kind.PUBLISHED_FIGURES).isEmpty()) {
            return List.of();
        }
        BigDecimal fullYear = BigDecimal.ZERO;
        BigDecimal executed = BigDecimal.ZERO;
        for (ProjectPlan.Expected expected : plan.expected().values()) {
            fullYear = fullYear.add(expected.fullYear());
            executed = executed.add(expected.executed());
        }
        int indicators = plan.calls(ApiCall.Kind.INDICATOR).size();
        int scored = plan.calls(ApiCall.Kind.SELF_ASSESSED_SCORE).size();
        String base = "/api/scoring/projects/" + plan.projectId();
        long deadline = System.nanoTime() + CATCH_UP.toNanos();
        try {
            while (true) {
                Answer execution = send("GET", base + "/execution", null);
                Answer form = send("GET", base + "/form", null);
                if (execution.success() && form.success() && sameAmount(execution.body(), "fullYear", fullYear)
                        && sameAmount(execution.body(), "executed", executed) && caughtUp(form.body(), indicators, scored)) {
                    List<String> differences = new ArrayList<>();
                    for (JsonNode difference : form.body().path("publishedDifferences")) {
                        differences.add(difference.path("field").asString() + ": published " + difference.path("published").asString()
                                + ", computed " + (difference.path("computed").isNull() ? "nothing" : difference.path("computed").asString()));
                    }
                    return differences;
                }
                if (System.nanoTime() > deadline) {
                    return List.of("the live form had not caught up after " + CATCH_UP.toSeconds() + " s; its flags PUBLISHED_DIFFERS "
                            + "at GET " + base + "/form list what differs");
                }
                Thread.sleep(200);
            }
        } catch (IOException e) {
            return List.of("the live form could not be read (" + e + "); its flags PUBLISHED_DIFFERS list what differs");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of("interrupted while waiting for the live form");
        }
    }

    private static boolean sameAmount(JsonNode execution, String column, BigDecimal expected) {
        JsonNode value = execution == null ? null : execution.path("total").get(column);
        return value != null && value.isString() && new BigDecimal(value.asString()).compareTo(expected) == 0;
    }

    private static boolean caughtUp(JsonNode form, int indicators, int scored) {
        if (form == null || !form.path("indicators").isArray() || form.path("indicators").size() != indicators) {
            return false;
        }
        int withScore = 0;
        for (JsonNode row : form.path("indicators")) {
            if (row.hasNonNull("selfAssessedScore")) {
                withScore++;
            }
        }
        return withScore == scored;
    }

    private static String indicatorId(ApiCall call) {
        String[] parts = call.path().split("/");
        return parts[parts.length - 3]; // …/indicators/{id}/scores/self-assessed
    }

    private static boolean sameScore(JsonNode existing, ApiCall call) {
        if (existing == null || !existing.isObject() || existing.get("score") == null) {
            return false;
        }
        try {
            BigDecimal score = new BigDecimal(existing.get("score").asString());
            String deviation = existing.has("deviation") && !existing.get("deviation").isNull()
                    ? existing.get("deviation").asString() : "";
            Object planned = call.field("deviation");
            return score.compareTo(new BigDecimal((String) call.field("score"))) == 0
                    && deviation.strip().equals(planned == null ? "" : ((String) planned).strip());
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** indicatorId → its self-assessed score as indicator-service has it; empty when unknown. */
    private Map<String, JsonNode> selfAssessedScores(String projectId) {
        Map<String, JsonNode> scores = new HashMap<>();
        try {
            Answer view = send("GET", "/api/indicators/projects/" + projectId + "/indicators", null);
            JsonNode indicators = view.success() && view.body() != null ? view.body().get("indicators") : null;
            if (indicators != null && indicators.isArray()) {
                for (JsonNode indicator : indicators) {
                    JsonNode score = indicator.get("selfAssessed");
                    if (indicator.has("indicatorId") && score != null && !score.isNull()) {
                        scores.put(indicator.get("indicatorId").asString(), score);
                    }
                }
            }
        } catch (IOException e) {
            // then every score is sent again: harmless, the same values
        }
        return scores;
    }

    /** Reads the budget position back; null when it is what the file says, else what differs. */
    private String checkPosition(ProjectPlan plan) {
        Answer answer;
        try {
            answer = send("GET", "/api/budget/projects/" + plan.projectId() + "/position", null);
        } catch (IOException e) {
            return "every call went through, but the budget position could not be read back: " + e;
        }
        if (!answer.success() || answer.body() == null) {
            return "every call went through, but the budget position could not be read back: " + answer.describe();
        }
        JsonNode sources = answer.body().get("sources");
        List<String> differences = new ArrayList<>();
        plan.expected().forEach((source, expected) -> {
            JsonNode row = sources == null ? null : sources.get(source);
            compare(differences, source, "initial", expected.initial(), row);
            compare(differences, source, "fullYear", expected.fullYear(), row);
            compare(differences, source, "executed", expected.executed(), row);
        });
        return differences.isEmpty() ? null
                : "the budget position differs from the file (was the project-year recorded before with other figures?): "
                + String.join(", ", differences);
    }

    private static void compare(List<String> differences, String source, String column, BigDecimal expected, JsonNode row) {
        JsonNode value = row == null ? null : row.get(column);
        BigDecimal actual;
        try {
            actual = value == null || value.isNull() ? BigDecimal.ZERO : new BigDecimal(value.asString());
        } catch (NumberFormatException e) {
            actual = null;
        }
        if (actual == null || actual.compareTo(expected) != 0) {
            differences.add(source + " " + column + " is " + (value == null ? "0" : value.asString()) + " 元, the file says "
                    + expected.toPlainString());
        }
    }

    // --- HTTP ---------------------------------------------------------------------------------------------------

    /** A response: status and, when it is JSON, its body. */
    record Answer(int status, JsonNode body, String raw) {

        boolean success() {
            return status >= 200 && status < 300;
        }

        String text(String field) {
            JsonNode value = body == null || !body.isObject() ? null : body.get(field);
            return value == null || value.isNull() ? null : value.asString();
        }

        String code() {
            return text("code");
        }

        /** {@code 422 payment-beyond-budget: …detail…} */
        String describe() {
            String code = code();
            String detail = text("detail");
            if (code == null && detail == null) {
                String snippet = raw == null ? "" : raw.strip();
                return status + (snippet.isEmpty() ? "" : ": " + (snippet.length() > 300 ? snippet.substring(0, 300) + "…" : snippet));
            }
            return status + " " + (code == null ? "" : code) + (detail == null ? "" : ": " + detail);
        }
    }

    /** The token could not be had: no call can be made until it can. */
    static final class NoToken extends RuntimeException {
        NoToken(String message) {
            super(message, null, false, false);
        }
    }

    /** Sends one request; 503 and 409 concurrent-change are retried, every call being safe to repeat. */
    Answer send(String method, String path, Object body) throws IOException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(gateway + path)).timeout(requestTimeout)
                .header("Accept", "application/json, application/problem+json");
        if (body != null) {
            builder.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(Json.write(body), StandardCharsets.UTF_8));
        } else {
            builder.method(method, HttpRequest.BodyPublishers.noBody());
        }
        IOException failure = null;
        Answer answer = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            if (attempt > 1) {
                pause(attempt);
            }
            HttpRequest request = authorized(builder);
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                answer = new Answer(response.statusCode(), parse(response.body()), response.body());
                failure = null;
                boolean transient_ = answer.status() == 503 || answer.status() == 502
                        || (answer.status() == 409 && "concurrent-change".equals(answer.code()));
                if (!transient_) {
                    return answer;
                }
            } catch (IOException e) {
                failure = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }
        if (failure != null) {
            throw failure;
        }
        return answer;
    }

    /** The request with the current token (a retry after a long pause may need a renewed one). */
    private HttpRequest authorized(HttpRequest.Builder builder) {
        if (token == null) {
            return builder.build();
        }
        String value;
        try {
            value = token.get();
        } catch (RuntimeException e) {
            throw new NoToken("no access token: " + e.getMessage());
        }
        return builder.copy().setHeader("Authorization", "Bearer " + value).build();
    }

    private static void pause(int attempt) throws IOException {
        try {
            Thread.sleep(250L << (attempt - 2)); // 250 ms, 500 ms, 1 s
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static JsonNode parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Json.read(text);
        } catch (JacksonException e) {
            return null;
        }
    }

    // --- command line -------------------------------------------------------------------------------------------

    static final String USAGE = """
            usage: FormImport [--gateway http://localhost:8080] [--token-uri http://127.0.0.1:9000/oauth2/token]
                              [--client-id seed-loader] [--credentials var/credentials.json] [--plan] FILE
              imports published forms (FILE.json in the structure of forms-2023.json, or FILE.xlsx with sheets in the
              official 自评表 layout, as the snapshot export writes them) through the gateway, each call with a bearer
              token of the client (client_credentials at --token-uri). Its secret comes from the --credentials file
              (the shape ./run's auth-server writes), else from the variable JIXIAO_CLIENT_SECRET, else from
              var/credentials.json; never from the command line, where other users could read it.
              --plan only validates and prints the calls, posting nothing (no token needed)""";

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    /** The command line; returns the exit code: 0 all imported, 1 a project rejected or failed, 2 usage or file. */
    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        URI gateway = URI.create("http://localhost:8080");
        URI tokenUri = DEFAULT_TOKEN_URI;
        String clientId = DEFAULT_CLIENT_ID;
        Path credentials = null;
        boolean planOnly = false;
        Path file = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--gateway", "--token-uri", "--client-id", "--credentials" -> {
                    String option = args[i];
                    if (++i >= args.length) {
                        err.println(option + " needs a value\n" + USAGE);
                        return 2;
                    }
                    switch (option) {
                        case "--gateway" -> gateway = URI.create(args[i]);
                        case "--token-uri" -> tokenUri = URI.create(args[i]);
                        case "--client-id" -> clientId = args[i];
                        default -> credentials = Path.of(args[i]);
                    }
                }
                case "--client-secret" -> {
                    err.println("--client-secret is not taken: a secret on the command line is visible to every user of the machine;"
                            + " use --credentials FILE or the variable " + SECRET_VARIABLE + "\n" + USAGE);
                    return 2;
                }
                case "--plan" -> planOnly = true;
                case "-h", "--help" -> {
                    out.println(USAGE);
                    return 0;
                }
                default -> {
                    if (args[i].startsWith("--") || file != null) {
                        err.println("unexpected argument " + args[i] + "\n" + USAGE);
                        return 2;
                    }
                    file = Path.of(args[i]);
                }
            }
        }
        if (file == null) {
            err.println(USAGE);
            return 2;
        }
        try {
            if (planOnly) {
                List<ProjectPlan> plans = ImportPlanner.plan(read(file));
                for (ProjectPlan plan : plans) {
                    out.println(plan.title() + (plan.projectId() == null ? "" : " → " + plan.projectId())
                            + (plan.valid() ? "" : ": rejected: " + String.join("; ", plan.errors())));
                    plan.warnings().forEach(w -> out.println("    warning: " + w));
                    plan.calls().forEach(c -> out.println("  " + c));
                }
                return plans.stream().allMatch(ProjectPlan::valid) ? 0 : 1;
            }
            String secret;
            try {
                secret = secret(clientId, credentials, env);
            } catch (IllegalArgumentException e) {
                err.println("no secret for client " + clientId + ": " + e.getMessage() + "\n" + USAGE);
                return 2;
            }
            ClientCredentials token = new ClientCredentials(tokenUri, clientId, secret);
            out.println("importing " + file + " through " + gateway + " as " + clientId);
            Report report = run(gateway, token::token, file, r -> out.println(r.line()));
            out.println(String.format("%d projects: %d imported, %d already imported, %d rejected, %d failed",
                    report.results().size(), report.count(Report.Status.IMPORTED), report.count(Report.Status.ALREADY_IMPORTED),
                    report.count(Report.Status.REJECTED), report.count(Report.Status.FAILED)));
            return report.ok() ? 0 : 1;
        } catch (ImportFileException e) {
            err.println("rejected file " + file + ": " + e.getMessage());
            return 2;
        }
    }

    /** The named file, else the variable, else {@code var/credentials.json} when it is there. */
    static String secret(String clientId, Path credentials, Map<String, String> env) {
        if (credentials != null) {
            return ClientCredentials.secretOf(credentials, clientId);
        }
        String fromEnv = env.get(SECRET_VARIABLE);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv;
        }
        if (Files.isRegularFile(DEFAULT_CREDENTIALS)) {
            return ClientCredentials.secretOf(DEFAULT_CREDENTIALS, clientId);
        }
        throw new IllegalArgumentException("name a credentials file (--credentials), or set " + SECRET_VARIABLE
                + "; " + DEFAULT_CREDENTIALS.toAbsolutePath() + " is not there");
    }
}
