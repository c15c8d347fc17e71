package io.jixiao.bench;

import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Runs every measurement against a stack started by {@code ./run} and writes {@code results.md} and
 * {@code results.json}. Options: {@code --gateway --jdbc --kafka --posters --seconds --warmup --out --rebuild-events --root
 * --phases --token-uri --credentials --budget}; for the dashboard phase {@code --project-years --seed --load-threads
 * --reloads --live-payments --dashboard-user --chromium --chromedriver}; for the exports phase {@code --export-project-years
 * --scoring} (scoring-service itself, for its Prometheus endpoint) {@code --export-formats --export-department};
 * {@code --profile DIR} records the stack's JVMs with JFR over the single-payment window and that of the batches of 1,000. Every request carries a
 * token of client {@code bench}
 * (the rebuild one of {@code admin-client}, the exports phase's snapshot and downloads of {@code auditor-client}), their
 * secrets read from {@code --credentials} ({@code <root>/var/credentials.json}).
 */
public final class Benchmark {

    /** Every phase, in the order they run; {@code --phases single,batch} runs a subset (to profile one of them). */
    static final List<String> PHASES = List.of("single", "push", "batch", "rebuild", "limits", "auth", "chain", "dashboard",
            "exports", "memory");

    static Set<String> phases(String list) {
        Set<String> chosen = new LinkedHashSet<>(Arrays.asList(list.split(",")));
        Set<String> unknown = new LinkedHashSet<>(chosen);
        unknown.removeAll(PHASES);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown phases " + unknown + "; known: " + PHASES);
        }
        return chosen;
    }

    record Options(URI gateway, String jdbc, String kafka, int posters, int seconds, Path out, long rebuildEvents,
                   Path root, String user, String password, Set<String> phases, int warmupSeconds, URI tokenUri,
                   Path credentials, URI budget, int projectYears, long seed, int loadThreads, int reloads,
                   int livePayments, String dashboardUser, String chromium, String chromedriver,
                   int exportProjectYears, URI scoring, String exportFormats, String exportDepartment, Path profile) {

        boolean runs(String phase) {
            return phases.contains(phase);
        }

        String scoringJdbc() {
            return jdbc.replaceFirst("/budget(\\?|$)", "/scoring$1");
        }
    }

    /** The command line: {@code --option value} pairs, every one optional. */
    static Options options(String[] args) {
        Map<String, String> a = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --option value, got " + args[i]);
            }
            a.put(args[i].substring(2), args[i + 1]);
        }
        if (args.length % 2 != 0) {
            throw new IllegalArgumentException("options come in pairs: --option value");
        }
        return new Options(URI.create(a.getOrDefault("gateway", "http://127.0.0.1:8080")),
                a.getOrDefault("jdbc", "jdbc:postgresql://127.0.0.1:15432/budget"),
                a.getOrDefault("kafka", "127.0.0.1:19092"),
                Integer.parseInt(a.getOrDefault("posters", "8")),
                Integer.parseInt(a.getOrDefault("seconds", "20")),
                Path.of(a.getOrDefault("out", "bench/results")),
                Long.parseLong(a.getOrDefault("rebuild-events", "0")),
                Path.of(a.getOrDefault("root", ".")),
                a.getOrDefault("user", "postgres"), a.getOrDefault("password", "postgres"),
                phases(a.getOrDefault("phases", String.join(",", PHASES))),
                Integer.parseInt(a.getOrDefault("warmup", "15")),
                URI.create(a.getOrDefault("token-uri", "http://127.0.0.1:9000/oauth2/token")),
                a.containsKey("credentials") ? Path.of(a.get("credentials"))
                        : Path.of(a.getOrDefault("root", ".")).resolve("var/credentials.json"),
                URI.create(a.getOrDefault("budget", "http://127.0.0.1:8081")),
                Integer.parseInt(a.getOrDefault("project-years", String.valueOf(DashboardLoad.DEFAULT_PROJECT_YEARS))),
                Long.parseLong(a.getOrDefault("seed", String.valueOf(DashboardLoad.DEFAULT_SEED))),
                Integer.parseInt(a.getOrDefault("load-threads", "4")),
                Integer.parseInt(a.getOrDefault("reloads", "5")),
                Integer.parseInt(a.getOrDefault("live-payments", "10")),
                a.getOrDefault("dashboard-user", "bureau"),
                a.getOrDefault("chromium", System.getenv("CHROMIUM")),
                a.getOrDefault("chromedriver", System.getenv("CHROMEDRIVER")),
                Integer.parseInt(a.getOrDefault("export-project-years", String.valueOf(Exports.DEFAULT_PROJECT_YEARS))),
                URI.create(a.getOrDefault("scoring", "http://127.0.0.1:8083")),
                a.getOrDefault("export-formats", Exports.DEFAULT_FORMATS),
                a.get("export-department"),
                a.containsKey("profile") ? Path.of(a.get("profile")) : null);
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", System.getProperty("bench.log", "warn"));
        Options o = options(args);
        String runId = Long.toString(System.currentTimeMillis(), 36).toUpperCase(Locale.ROOT);
        long t0 = System.nanoTime();
        Report report = new Report();
        report.put("runId", runId);
        report.put("started", Instant.now().toString());
        report.put("machine", Runtime.getRuntime().availableProcessors() + " cores, "
                + Memory.totalMemoryGiB() + " GiB");
        report.put("posters", o.posters());
        report.put("secondsPerPhase", o.seconds());
        report.put("warmupSeconds", o.warmupSeconds());
        Api api = new Api(o.gateway(), o.tokenUri(), o.credentials());
        report.put("client", Api.CLIENT + " (token from " + o.tokenUri() + ")");

        double single = 0;
        if (o.runs("single")) {
            System.out.println("[1/10] single payments, " + o.posters() + " posters, " + o.seconds() + " s");
            single = new SinglePayments(api, o, runId).run(report).acceptedPerSecond();
        }
        if (o.runs("push")) {
            System.out.println("[2/10] payment -> pushed form at half the single-payment rate");
            if (single == 0) {
                throw new IllegalArgumentException("the push phase runs at half the rate measured by the single phase");
            }
            new PushLatency(api, o, runId).run(report, single / 2);
        }
        double b100 = 0;
        double b1000 = 0;
        if (o.runs("batch")) {
            System.out.println("[3/10] batches of 100 and 1,000");
            BatchPayments batches = new BatchPayments(api, o, runId);
            // warm-up of the batch path, not reported
            batches.run(Report.silent(), 100, Math.max(1, o.warmupSeconds() / 2));
            b100 = batches.run(report, 100);
            b1000 = batches.run(report, 1000);
        }
        double rebuild = 0;
        if (o.runs("rebuild")) {
            System.out.println("[4/10] projection rebuild");
            rebuild = new Rebuild(api, o, runId).run(report);
        }
        if (o.runs("limits")) {
            System.out.println("[5/10] the machine's own limits on the same PostgreSQL and Kafka");
            ratios(report, new MachineLimits(o).run(report), single, b100, b1000, rebuild);
        }
        if (o.runs("auth")) {
            System.out.println("[6/10] what authentication costs per request");
            new AuthCost(api, o, runId).run(report);
        }
        if (o.runs("chain")) {
            System.out.println("[7/10] what the SM3 event chain costs (two scratch budget-services, with and without)");
            new ChainCost(api, o, runId).run(report);
        }
        if (o.runs("dashboard")) {
            System.out.println("[8/10] the dashboard with " + o.projectYears() + " project-years: first paint and live updates in Chromium");
            new DashboardLatency(api, o, runId).run(report);
        }
        if (o.runs("exports")) {
            System.out.println("[9/10] quarterly snapshot exports with " + o.exportProjectYears() + " project-years in the year"
                    + (o.exportDepartment() == null ? "" : ", the snapshot of " + o.exportDepartment()) + " (" + o.exportFormats() + ")");
            new Exports(api, o).run(report);
        }
        if (o.runs("memory")) {
            System.out.println("[10/10] memory");
            new Memory(o.root()).run(report);
        }
        report.put("elapsedSeconds", Report.round((System.nanoTime() - t0) / 1e9, 1));
        report.write(o.out());
        System.out.println("written " + o.out().resolve("results.md") + " and results.json");
    }

    /** Each result of phases 1-4 that ran, as a share of the limit it is bounded by. */
    private static void ratios(Report report, MachineLimits.Result limits, double single, double b100, double b1000,
                               double rebuild) {
        Map<String, Object> ratios = report.section("ratios");
        if (single > 0) {
            report.row("single payments / durable single-row inserts",
                    Report.ratio(single, limits.insertsPerSecond()), "target >= 50%");
            ratios.put("singleToInserts", Report.round(single / limits.insertsPerSecond(), 4));
        }
        if (b100 > 0) {
            report.row("batch of 100 / batched insert rows", Report.ratio(b100, limits.batchedRowsPerSecond()), "");
            report.row("batch of 1,000 / batched insert rows", Report.ratio(b1000, limits.batchedRowsPerSecond()), "");
            ratios.put("batch100ToBatchedRows", Report.round(b100 / limits.batchedRowsPerSecond(), 4));
            ratios.put("batch1000ToBatchedRows", Report.round(b1000 / limits.batchedRowsPerSecond(), 4));
        }
        if (rebuild > 0) {
            report.row("rebuild / batched insert rows", Report.ratio(rebuild, limits.batchedRowsPerSecond()), "");
            report.row("rebuild / Kafka producer records", Report.ratio(rebuild, limits.kafkaRecordsPerSecond()), "");
            ratios.put("rebuildToBatchedRows", Report.round(rebuild / limits.batchedRowsPerSecond(), 4));
            ratios.put("rebuildToKafkaRecords", Report.round(rebuild / limits.kafkaRecordsPerSecond(), 4));
        }
    }
}
