package io.jixiao.faults;

import io.jixiao.deploy.Stack;
import io.jixiao.deploy.StackConfig;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;

/**
 * The soak: the suite's load (no faults) for a long time at half the capacity measured first, on a stack of its own.
 * Every 30 s it samples each process's resident memory and the projection lag; at the end it reports the RSS slope
 * of every process (least squares, over the run after its first quarter and over its last half), the largest lag,
 * and checks the invariants against the ledger.
 *
 * <p>What must stay flat is what a leak would grow. A JVM's RSS follows its heap as the heap expands from
 * {@code -Xms} towards {@code -Xmx}, a ceiling, so for each JVM the soak compares its live heap (used after a full
 * collection, {@code jcmd GC.run}) at the start and at the end. For PostgreSQL it is the private memory of all its
 * processes: their PSS also grows while backends first touch the shared buffers, a fixed 128 MB. budget-service's
 * live heap holds its aggregate cache, which grows with the project-years' events up to a bound: the soak fills it
 * first, with project-years outside the load.
 */
final class Soak {

    static final Duration SAMPLE = Duration.ofSeconds(30);
    static final Duration CAPACITY_RUN = Duration.ofSeconds(60);
    /** A process whose memory grows faster than this is not flat. */
    static final double FLAT_MB_PER_MINUTE = 1.0;
    /** Past budget-service's default cache bound of 100,000 events. */
    static final int FILL_PROJECT_YEARS = 22;
    static final int FILL_PAYMENTS_EACH = 5_000;
    /** At half its capacity the projection keeps up: no sample may find more stored events than this not applied. */
    static final long LAG_BOUND = 500;
    private static final Pattern HEAP_USED = Pattern.compile("total \\d+K, used (\\d+)K");

    record Outcome(boolean passed, Path report) {
    }

    static Duration duration(String text) {
        String t = text.trim().toLowerCase(java.util.Locale.ROOT);
        long n = Long.parseLong(t.replaceAll("[a-z]+$", ""));
        return t.endsWith("h") ? Duration.ofHours(n) : t.endsWith("s") ? Duration.ofSeconds(n) : Duration.ofMinutes(n);
    }

    /** @param rate requests per second to hold; 0 measures the capacity for a minute first and takes half of it */
    static Outcome run(Path root, Path var, Duration length, double rate, long seed, Path report) throws Exception {
        List<String> lines = new ArrayList<>();
        try (Stack stack = Stack.start(StackConfig.forTest(root, var))) {
            stack.supervise(new PrintStream(java.io.OutputStream.nullOutputStream()), FaultSuite.POLICY);
            Invariants.Databases databases = Invariants.Databases.of(stack);
            Client client = new Client(stack::gatewayUrl, stack.client("bench"));
            Ledger ledger = new Ledger();
            int workers = 8;
            Load load = new Load(client, ledger, "SOAK" + Long.toString(System.currentTimeMillis() % 100_000, 36).toUpperCase(),
                    seed, workers, 2);
            load.prepare();
            // budget-service's aggregate cache grows with the events of the project-years it holds, up to its bound
            // (JIXIAO_PROJECT_YEAR_CACHE_EVENTS, 100,000 by default, about 40 MB): filled first, so that the soak
            // measures it full, evicting, as a service that has run for a while has it
            long t = System.nanoTime();
            long filled = load.fill("SOAKFILL", FILL_PROJECT_YEARS, FILL_PAYMENTS_EACH);
            lines.add(String.format("budget-service's aggregate cache filled first: %d payments on %d project-years outside the load, in %d s",
                    filled, FILL_PROJECT_YEARS, Faults.millis(t) / 1000));
            Invariants invariants = new Invariants(databases, load.projectIds());
            double target = rate;
            if (target <= 0) {
                long before = load.requestsAnswered();
                long t0 = System.nanoTime();
                load.start();
                await("the capacity run").atMost(CAPACITY_RUN.plusMinutes(1)).pollInterval(Duration.ofMillis(200))
                        .until(() -> Faults.millis(t0) >= CAPACITY_RUN.toMillis());
                load.stop();
                double capacity = (load.requestsAnswered() - before) / ((System.nanoTime() - t0) / 1e9);
                target = capacity / 2;
                lines.add(String.format("capacity of the load's mix, %d workers flat out for %d s: %.1f requests/s; the soak holds %.1f/s",
                        workers, CAPACITY_RUN.toSeconds(), capacity, target));
            }
            Map<String, Long> liveBefore = liveHeapKb(stack);
            long liveBeforeAt = System.nanoTime();
            long interval = (long) (workers / target * 1e9);
            long answeredBefore = load.requestsAnswered();
            long unexpectedBefore = load.unexpected.get();
            Map<String, List<double[]>> rss = new TreeMap<>();
            List<long[]> lags = new ArrayList<>();
            long t0 = System.nanoTime();
            load.start(interval);
            long end = t0 + length.toNanos();
            long nextSample = t0;
            while (System.nanoTime() < end) {
                if (System.nanoTime() >= nextSample) {
                    double minute = (System.nanoTime() - t0) / 60e9;
                    stack.residentSetKb().forEach((process, kb) ->
                            rss.computeIfAbsent(process, p -> new ArrayList<>()).add(new double[]{minute, kb / 1024.0}));
                    try {
                        lags.add(new long[]{(long) (minute * 60), invariants.lag()});
                    } catch (Exception e) {
                        lags.add(new long[]{(long) (minute * 60), -1});
                    }
                    nextSample += SAMPLE.toNanos();
                }
                long wait = Math.min(nextSample, end) - System.nanoTime();
                if (wait > 0) {
                    java.util.concurrent.locks.LockSupport.parkNanos(wait);
                }
            }
            load.stop();
            double seconds = (System.nanoTime() - t0) / 1e9;
            long answered = load.requestsAnswered() - answeredBefore;
            long stopped = System.nanoTime();
            long catchUp;
            try {
                await("projection lag back to zero").atMost(FaultSuite.CATCH_UP).pollInterval(Duration.ofMillis(200))
                        .ignoreExceptions().until(invariants::caughtUp);
                catchUp = Faults.millis(stopped);
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                catchUp = -1;
            }
            Map<String, List<String>> checked = invariants.check(ledger);
            Map<String, Long> liveAfter = liveHeapKb(stack);
            double liveMinutes = (System.nanoTime() - liveBeforeAt) / 60e9;
            long unexpected = load.unexpected.get() - unexpectedBefore;
            boolean flat = true;
            lines.add(String.format("soak: %.0f s at %.1f requests/s held (%.1f/s achieved): %d answered, %d unexpected answers, "
                            + "%d ambiguous first answers, %d unresolved", seconds, target, answered / seconds, answered, unexpected,
                    client.ambiguous.sum(), client.unresolved.sum()));
            lines.add("statuses seen (every attempt; -1 no answer): " + new TreeMap<>(client.statuses));
            lines.add("");
            lines.add(String.format("%-34s %9s %9s %9s %15s %15s   %s", "process", "RSS first", "RSS last", "RSS max",
                    "after 1st qtr", "last half", "flat? (what is judged)"));
            double minutes = length.toSeconds() / 60.0;
            for (Map.Entry<String, List<double[]>> e : rss.entrySet()) {
                List<double[]> all = e.getValue();
                double afterQuarter = slope(since(all, minutes / 4));
                double lastHalf = slope(since(all, minutes / 2));
                double max = all.stream().mapToDouble(x -> x[1]).max().orElse(0);
                String verdict;
                if (liveBefore.containsKey(e.getKey())) {
                    double before = liveBefore.get(e.getKey()) / 1024.0;
                    Long after = liveAfter.get(e.getKey());
                    double growth = after == null ? Double.NaN : (after / 1024.0 - before) / liveMinutes;
                    boolean ok = after != null && growth < FLAT_MB_PER_MINUTE;
                    flat &= ok;
                    verdict = String.format("%s (live heap %.1f -> %s MB, %+.2f MB/min)", ok ? "flat" : "NOT FLAT", before,
                            after == null ? "?" : String.format("%.1f", after / 1024.0), growth);
                } else if (e.getKey().equals(Stack.POSTGRES_PSS)) {
                    verdict = "reported (shared buffers counted as backends touch them)";
                } else {
                    boolean ok = afterQuarter < FLAT_MB_PER_MINUTE;
                    flat &= ok;
                    verdict = (ok ? "flat" : "NOT FLAT") + " (RSS after the first quarter)";
                }
                lines.add(String.format("%-34s %6.0f MB %6.0f MB %6.0f MB %8.2f MB/min %8.2f MB/min   %s", e.getKey(), all.get(0)[1],
                        all.get(all.size() - 1)[1], max, afterQuarter, lastHalf, verdict));
            }
            long maxLag = lags.stream().mapToLong(l -> l[1]).max().orElse(0);
            boolean lagBounded = maxLag <= LAG_BOUND && catchUp >= 0;
            lines.add("");
            lines.add("projection lag (stored events not yet applied), every " + SAMPLE.toSeconds() + " s: max " + maxLag
                    + " (bound " + LAG_BOUND + ")" + ", samples " + lags.stream().map(l -> Long.toString(l[1])).toList());
            lines.add(catchUp >= 0 ? "lag zero " + catchUp + " ms after the load stopped"
                    : "lag NOT zero " + FaultSuite.CATCH_UP.toSeconds() + " s after the load stopped");
            checked.forEach((name, v) -> lines.add(name + ": " + (v.isEmpty() ? "holds" : "VIOLATED " + v)));
            boolean passed = unexpected == 0 && client.unresolved.sum() == 0 && flat && lagBounded && load.failures().isEmpty()
                    && checked.values().stream().allMatch(List::isEmpty);
            lines.add(0, "# soak, " + length.toMinutes() + " min, seed " + seed + ": " + (passed ? "passed" : "FAILED"));
            Files.createDirectories(report.toAbsolutePath().getParent());
            Files.writeString(report, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
            System.out.println(String.join("\n", lines));
            FaultSuite.keepLogs(stack.varDir().resolve("log"), report.toAbsolutePath().resolveSibling("soak-logs"));
            return new Outcome(passed, report);
        }
    }

    /** The samples from {@code minute} on; all of them when fewer than two are that late. */
    static List<double[]> since(List<double[]> samples, double minute) {
        List<double[]> late = samples.stream().filter(x -> x[0] >= minute).toList();
        return late.size() >= 2 ? late : samples;
    }

    /**
     * Live heap of every JVM of the stack in kB: {@code jcmd GC.run}, then the generations' used space from
     * {@code jcmd GC.heap_info}. PostgreSQL is not a JVM and has no entry.
     */
    static Map<String, Long> liveHeapKb(Stack stack) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Map<String, Long> live = new TreeMap<>();
        stack.supervisor().orElseThrow().current().forEach((name, process) -> {
            boolean jvm = process.info().command().map(c -> c.endsWith("/java")).orElse(false);
            if (jvm) {
                String pid = Long.toString(process.pid());
                Faults.run(jcmd.toString(), pid, "GC.run");
                live.put(name, heapUsedKb(Faults.run(jcmd.toString(), pid, "GC.heap_info")));
            }
        });
        return live;
    }

    /** The used space of every generation (or of G1's one heap) that {@code jcmd GC.heap_info} prints; not metaspace. */
    static long heapUsedKb(String heapInfo) {
        Matcher used = HEAP_USED.matcher(heapInfo);
        long kb = 0;
        while (used.find()) {
            kb += Long.parseLong(used.group(1));
        }
        return kb;
    }

    /** Least-squares slope of (minute, MB) samples, in MB per minute. */
    static double slope(List<double[]> samples) {
        int n = samples.size();
        if (n < 2) {
            return 0;
        }
        double mx = samples.stream().mapToDouble(s -> s[0]).average().orElse(0);
        double my = samples.stream().mapToDouble(s -> s[1]).average().orElse(0);
        double num = 0;
        double den = 0;
        for (double[] s : samples) {
            num += (s[0] - mx) * (s[1] - my);
            den += (s[0] - mx) * (s[0] - mx);
        }
        return den == 0 ? 0 : num / den;
    }
}
