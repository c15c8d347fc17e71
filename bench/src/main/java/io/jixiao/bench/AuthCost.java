package io.jixiao.bench;

import io.jixiao.contracts.access.ClientCredentials;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * (6) What authentication costs per request, measured by one client sending sequentially (so latency is the cost,
 * not queueing), each pair of variants interleaved in blocks so that drift (JIT, other load) falls on both:
 *
 * <ol>
 *   <li><b>Getting a token</b>: {@code client_credentials} grants of client bench, each a new client (the
 *       auth-server checks the bcrypt hash of the secret every time), latency and the auth-server's CPU per grant.
 *       A client that caches its token (as {@code ClientCredentials} does, 15 minutes) pays it once per 15 minutes.</li>
 *   <li><b>Checking a token</b>: {@code GET /actuator/info}, an open endpoint that still validates a token sent to it
 *       (signature, issuer, audience, expiry, then the caller's claims), with and without one: budget-service's own,
 *       then the gateway's own (not routed). The difference is what the check costs in that process, latency and
 *       CPU.</li>
 *   <li><b>A payment</b> with its token, straight to budget-service and through the gateway: what the second hop
 *       (with its own token check, when the gateway has one) adds to the call that matters.</li>
 * </ol>
 * Not in these figures: the audit-log row every write now also inserts, which is inside the payment's cost and in
 * the single-payment phase's.
 */
final class AuthCost {

    private static final int GRANTS = 10;

    /** One way of sending a request: where, and with which Authorization value (none when null). */
    private record Variant(String name, String method, URI uri, String authorization, String bodyPrefix) {
    }

    private static final class Measured {
        final List<Double> latencies = new ArrayList<>();
        final Map<String, Long> ticks = new LinkedHashMap<>();
        int failed;
        int lastStatus;
    }

    private final Api api;
    private final Benchmark.Options o;
    private final String runId;

    AuthCost(Api api, Benchmark.Options o, String runId) {
        this.api = api;
        this.o = o;
        this.runId = runId;
    }

    void run(Report report) throws Exception {
        Map<String, Object> s = report.section("authCost");
        grants(report, s);

        String token = api.authorization();
        s.put("tokenBytes", token.length() - "Bearer ".length());
        int blocks = 10;
        int perBlock = Math.max(20, o.seconds() * 5);
        URI budget = o.budget();

        compare(report, s, "tokenCheckBudgetService", "token check in budget-service (its GET /actuator/info, with vs without)",
                new Variant("with token", "GET", budget.resolve("/actuator/info"), token, null),
                new Variant("without", "GET", budget.resolve("/actuator/info"), null, null), blocks, perBlock,
                Math.max(1000, 2 * perBlock), List.of("budget-service", "bench"));
        compare(report, s, "tokenCheckGateway", "token check in the gateway (its own GET /actuator/info, with vs without)",
                new Variant("with token", "GET", api.uri("/actuator/info"), token, null),
                new Variant("without", "GET", api.uri("/actuator/info"), null, null), blocks, perBlock,
                Math.max(1000, 2 * perBlock), List.of("gateway", "bench"));

        String project = api.openProject("BA" + runId);
        compare(report, s, "paymentGatewayVsDirect", "a payment with its token: through the gateway vs straight to budget-service",
                new Variant("through the gateway", "POST", api.uri("/api/budget/projects/" + project + "/expenditures"), token, "AG-"),
                new Variant("direct", "POST", budget.resolve("/projects/" + project + "/expenditures"), token, "AD-"),
                blocks, Math.max(10, perBlock / 4), Math.max(100, perBlock), null);
    }

    /** Token grants, each by a new client: latency and the auth-server's CPU per grant. */
    private void grants(Report report, Map<String, Object> s) {
        String secret = ClientCredentials.secretOf(api.credentials(), Api.CLIENT);
        CpuTime cpu = new CpuTime(o.root());
        new ClientCredentials(api.tokenUri(), Api.CLIENT, secret).token(); // warm-up
        List<Double> latencies = new ArrayList<>();
        CpuTime.Snapshot before = cpu.take();
        for (int i = 0; i < GRANTS; i++) {
            long t0 = System.nanoTime();
            new ClientCredentials(api.tokenUri(), Api.CLIENT, secret).token();
            latencies.add((System.nanoTime() - t0) / 1e6);
        }
        CpuTime.Snapshot after = cpu.take();
        Percentiles p = Percentiles.of(latencies);
        double authCpu = msPerItem(before.ticks(), after.ticks(), "auth-server", GRANTS);
        Map<String, Object> g = new LinkedHashMap<>();
        g.put("grants", GRANTS);
        g.put("latencyP50Ms", Report.round(p.p50(), 2));
        g.put("latencyMaxMs", Report.round(p.max(), 2));
        g.put("authServerCpuMsPerGrant", Report.round(authCpu, 2));
        s.put("tokenGrant", g);
        report.row("token grant (client_credentials, a new client each time)", "p50 " + Report.f(p.p50()) + " ms, max "
                        + Report.f(p.max()) + " ms", String.format(Locale.ROOT, "auth-server CPU %.1f ms per grant (bcrypt check of the secret);"
                        + " a client caching its token pays it once per 15 min", authCpu));
    }

    /**
     * The two variants interleaved, {@code blocks} times {@code perBlock} requests each, after {@code warmup} of
     * both; the row names the CPU of {@code shown} processes (all when null), the JSON of all.
     */
    private void compare(Report report, Map<String, Object> s, String key, String what, Variant a, Variant b,
                         int blocks, int perBlock, int warmup, List<String> shown) throws Exception {
        Measured ma = new Measured();
        Measured mb = new Measured();
        CpuTime cpu = new CpuTime(o.root());
        send(a, warmup, new Measured(), cpu, "W");
        send(b, warmup, new Measured(), cpu, "W");
        for (int i = 0; i < blocks; i++) {
            send(a, perBlock, ma, cpu, "B" + i);
            send(b, perBlock, mb, cpu, "B" + i);
        }
        int n = blocks * perBlock;
        Map<String, Object> section = new LinkedHashMap<>();
        section.put("requestsEach", n);
        section.put(a.name(), describe(ma, n));
        section.put(b.name(), describe(mb, n));
        s.put(key, section);
        if (ma.failed > 0 || mb.failed > 0) {
            report.row(what, "n/a", a.name() + ": " + ma.failed + " of " + n + " not 2xx (last " + ma.lastStatus + "), "
                    + b.name() + ": " + mb.failed + " (last " + mb.lastStatus + ")");
            return;
        }
        Percentiles pa = Percentiles.of(ma.latencies);
        Percentiles pb = Percentiles.of(mb.latencies);
        report.row(what, String.format(Locale.ROOT, "p50 %.2f vs %.2f ms (%+.2f ms)", pa.p50(), pb.p50(), pa.p50() - pb.p50()),
                String.format(Locale.ROOT, "%d sequential requests each; CPU ms per request %s: %s; %s: %s", n,
                        a.name(), cpuLine(ma, n, shown), b.name(), cpuLine(mb, n, shown)));
    }

    private void send(Variant v, int count, Measured into, CpuTime cpu, String block) throws Exception {
        CpuTime.Snapshot before = cpu.take();
        for (int i = 0; i < count; i++) {
            HttpRequest.Builder request = HttpRequest.newBuilder(v.uri()).timeout(Duration.ofSeconds(30));
            if (v.authorization() != null) {
                request.header("Authorization", v.authorization());
            }
            if (v.method().equals("POST")) {
                request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        Api.payment(v.bodyPrefix() + block + "-" + i, "1.00"), StandardCharsets.UTF_8));
            } else {
                request.GET();
            }
            long t0 = System.nanoTime();
            HttpResponse<String> r = api.http().send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            into.latencies.add((System.nanoTime() - t0) / 1e6);
            into.lastStatus = r.statusCode();
            if (r.statusCode() / 100 != 2) {
                into.failed++;
            }
        }
        CpuTime.Snapshot after = cpu.take();
        after.ticks().forEach((process, t) -> into.ticks.merge(process, t - before.ticks().getOrDefault(process, t), Long::sum));
    }

    private static Map<String, Object> describe(Measured m, int n) {
        Map<String, Object> d = new LinkedHashMap<>();
        Percentiles p = Percentiles.of(m.latencies);
        d.put("latencyP50Ms", Report.round(p.p50(), 3));
        d.put("latencyP99Ms", Report.round(p.p99(), 3));
        d.put("failed", m.failed);
        Map<String, Object> cpu = new LinkedHashMap<>();
        m.ticks.forEach((process, ticks) -> cpu.put(process, Report.round(ticks * 10.0 / n, 3)));
        d.put("cpuMsPerRequest", cpu);
        return d;
    }

    /** The processes that did work, CPU ms per request each (one tick is 10 ms). */
    private static String cpuLine(Measured m, int n, List<String> shown) {
        List<String> parts = new ArrayList<>();
        m.ticks.forEach((process, ticks) -> {
            if (ticks > 0 && (shown == null || shown.contains(process))) {
                parts.add(String.format(Locale.ROOT, "%s %.2f", process, ticks * 10.0 / n));
            }
        });
        return parts.isEmpty() ? "n/a" : String.join(", ", parts);
    }

    private static double msPerItem(Map<String, Long> before, Map<String, Long> after, String process, int items) {
        Long a = after.get(process);
        Long b = before.get(process);
        return a == null || b == null ? Double.NaN : (a - b) * 10.0 / items;
    }
}
