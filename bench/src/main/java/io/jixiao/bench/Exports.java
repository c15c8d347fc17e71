package io.jixiao.bench;

import io.jixiao.contracts.access.ClientCredentials;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * (9) Quarterly snapshot exports with many project-years (issue 14): {@link DashboardLoad} first brings the current
 * fiscal year to {@code --export-project-years} (10,000 by default; the monitoring list's project-years of other
 * years are added to its target, so the snapshot holds that many). Then, as client {@code auditor-client}
 * (role auditor), through the gateway:
 * <ul>
 *   <li>{@code POST /api/scoring/snapshots {"quarter":…}} for the last quarter that is over (Asia/Shanghai), timed;</li>
 *   <li>each export of it downloaded twice ({@code yitihua.csv}, {@code yitihua.json}, {@code export.pdf},
 *       {@code export.xlsx}, or {@code --export-formats}), streamed into a counting sink that keeps only the byte count and a SHA-256 (never the
 *       file): seconds to the first byte and to the last, bytes, forms per second, and whether both downloads'
 *       digests are equal (reproducible bytes);</li>
 *   <li>while each download runs, scoring-service's heap every 200 ms from its Prometheus endpoint (open, no token):
 *       the sum of the {@code jvm_memory_used_bytes{area="heap"}} lines (and the old generation's line alone), its
 *       value just before the download, its peak, and the sum of {@code jvm_memory_max_bytes{area="heap"}} (the
 *       limit); the collections in between and scoring-service's CPU time (from /proc);</li>
 *   <li>during each second download, one {@code GET …/snapshots/{id}/exports} at 40% of the first one's time: the
 *       progress the API reports mid-way.</li>
 * </ul>
 * {@code --export-department} takes the snapshot of one department instead of all. A benchmark result, not a test
 * assertion: a failed download is reported and the next format still runs.
 */
final class Exports {

    static final int DEFAULT_PROJECT_YEARS = 10_000;
    static final String AUDITOR = "auditor-client";
    static final String DEFAULT_FORMATS = "csv,json,pdf,xlsx";
    static final long SAMPLE_MS = 200;
    private static final Duration SNAPSHOT_TIMEOUT = Duration.ofMinutes(20);
    private static final Duration DOWNLOAD_TIMEOUT = Duration.ofMinutes(30);
    private static final double MB = 1024.0 * 1024.0;

    /** The four exports of a snapshot: the path after {@code /snapshots/{id}/}, and how its bytes begin. */
    enum Format {
        XLSX("export.xlsx", "PK"),
        PDF("export.pdf", "%PDF-"),
        CSV("yitihua.csv", "\uFEFF"),
        JSON("yitihua.json", null);

        final String path;
        final String magic;

        Format(String path, String magic) {
            this.path = path;
            this.magic = magic;
        }

        boolean looksRight(byte[] head) {
            if (magic == null) {
                String s = new String(head, StandardCharsets.UTF_8).stripLeading();
                return s.startsWith("{") || s.startsWith("[");
            }
            byte[] m = magic.getBytes(StandardCharsets.UTF_8);
            if (head.length < m.length) {
                return false;
            }
            for (int i = 0; i < m.length; i++) {
                if (head[i] != m[i]) {
                    return false;
                }
            }
            return true;
        }
    }

    /** One reading of the Prometheus endpoint: heap used (all pools, and the old generation), limit, collections. */
    record Heap(long used, long old, long max, long gcCount, double gcSeconds) {
    }

    /**
     * One download, with scoring-service's heap around it.
     *
     * @param progress the one mid-way {@code /exports} sample taken during it (null when none was taken)
     */
    record Download(Format format, int status, String contentType, long bytes, double firstByteSeconds, double seconds,
                    String sha256, boolean looksRight, String error, Heap before, long peakUsed, long peakOld,
                    Heap after, int samples, int failedSamples, double scoringCpuSeconds, JsonNode progress,
                    double progressAtSeconds) {

        boolean ok() {
            return status == 200 && error == null;
        }
    }

    record Snapshot(String id, int projectYears, String digest, double seconds, int status, String note) {
    }

    private final Api api;
    private final Benchmark.Options o;
    private final ClientCredentials auditor;
    private final URI metrics;

    Exports(Api api, Benchmark.Options o) {
        this.api = api;
        this.o = o;
        this.auditor = ClientCredentials.fromFile(api.tokenUri(), api.credentials(), AUDITOR);
        this.metrics = o.scoring().resolve("/actuator/prometheus");
    }

    /** The last quarter that is over on {@code today}: {@code 2026-Q3} on any day of the fourth quarter. */
    static String lastQuarterOver(LocalDate today) {
        int q = (today.getMonthValue() - 1) / 3 + 1;
        return q == 1 ? (today.getYear() - 1) + "-Q4" : today.getYear() + "-Q" + (q - 1);
    }

    void run(Report report) throws Exception {
        Map<String, Object> s = report.section("exports");
        int wanted = o.exportProjectYears();
        LocalDate today = LocalDate.now(DashboardLoad.SHANGHAI);
        int year = today.getYear();
        String quarter = lastQuarterOver(today);
        if (!quarter.startsWith(year + "-")) {
            System.out.println("  exports: the last quarter over, " + quarter + ", is of an earlier year than the generated"
                    + " project-years (" + year + "); the snapshot will not hold them");
        }

        // 1. the data set: DashboardLoad counts every year in the monitoring list, the snapshot only this fiscal year
        int total = monitoringTotal("");
        int inYear = monitoringTotal("&year=" + year);
        int otherYears = total - inYear;
        Report loadReport = Report.silent();
        DashboardLoad.Result loaded = new DashboardLoad(api, wanted + otherYears, o.seed(), o.loadThreads()).run(loadReport);
        int inYearAfter = monitoringTotal("&year=" + year);
        s.put("projectYearsWanted", wanted);
        s.put("fiscalYear", year);
        s.put("projectYearsInYearBefore", inYear);
        s.put("projectYearsInYearAfter", inYearAfter);
        s.put("projectYearsOfOtherYears", otherYears);
        s.put("load", loadReport.section("dashboardLoad"));
        report.row("exports data set: project-years of fiscal year " + year + " in the monitoring list",
                String.format(Locale.ROOT, "%,d", inYearAfter),
                "target " + String.format(Locale.ROOT, "%,d", wanted) + "; " + String.format(Locale.ROOT, "%,d", inYear)
                        + " before, " + loaded.created() + " registered and " + loaded.completed() + " completed by this run in "
                        + Report.f(loaded.seconds()) + " s (DashboardLoad, seed " + o.seed() + "; " + loaded.recorded()
                        + " payments recorded, " + loaded.rejected() + " refused, " + loaded.failures() + " failures)"
                        + (loaded.reached() ? "" : "; NOT reached within 5 min"));

        // 2. the snapshot
        List<Format> chosen = formats(o.exportFormats());
        String department = o.exportDepartment() == null || o.exportDepartment().isBlank() ? null : o.exportDepartment().strip();
        Snapshot snapshot = takeSnapshot(quarter, department);
        Map<String, Object> sn = new LinkedHashMap<>();
        sn.put("quarter", quarter);
        sn.put("department", department);
        sn.put("id", snapshot.id());
        sn.put("status", snapshot.status());
        sn.put("projectYears", snapshot.projectYears());
        sn.put("digest", snapshot.digest());
        sn.put("seconds", Report.round(snapshot.seconds(), 2));
        if (snapshot.note() != null) {
            sn.put("note", snapshot.note());
        }
        s.put("snapshot", sn);
        report.row("snapshot " + quarter + (department == null ? "" : " of " + department) + ", "
                        + String.format(Locale.ROOT, "%,d", snapshot.projectYears())
                        + " project-years (POST /api/scoring/snapshots as " + AUDITOR + ")",
                Report.f(snapshot.seconds()) + " s",
                "id " + snapshot.id() + ", SM3 " + abbreviate(snapshot.digest())
                        + (snapshot.note() == null ? "" : "; " + snapshot.note()));

        // 3. and 4. every export, twice
        Map<String, Object> formats = new LinkedHashMap<>();
        s.put("formats", formats);
        for (Format format : chosen) {
            System.out.println("  exports: " + format.path + " of " + snapshot.id() + " (twice)");
            Download first = download(snapshot, format, -1);
            Download second = download(snapshot, format, first.ok() ? first.seconds() * 0.4 : 5);
            reportFormat(report, formats, snapshot, first, second);
        }
    }

    // --- the snapshot -------------------------------------------------------------------------------------------------

    /**
     * {@code --export-formats}: a comma-separated subset of xlsx, pdf, csv, json, in the order to run them. The default,
     * {@link #DEFAULT_FORMATS}, runs the light ones first, so that an export that takes scoring-service down (the XLSX
     * of 10,000 on 2026-12-02) does not hide the others' figures.
     */
    static List<Format> formats(String list) {
        List<Format> chosen = new ArrayList<>();
        for (String name : list.split(",")) {
            if (!name.isBlank()) {
                chosen.add(Format.valueOf(name.strip().toUpperCase(Locale.ROOT)));
            }
        }
        return chosen;
    }

    private Snapshot takeSnapshot(String quarter, String department) throws IOException, InterruptedException {
        Instant asked = Instant.now();
        long t0 = System.nanoTime();
        HttpResponse<String> r = api.http().send(HttpRequest.newBuilder(api.uri("/api/scoring/snapshots"))
                        .timeout(SNAPSHOT_TIMEOUT).header("Content-Type", "application/json")
                        .header("Authorization", auditor.authorization())
                        .POST(HttpRequest.BodyPublishers.ofString(department == null ? "{\"quarter\":\"" + quarter + "\"}"
                                : Api.JSON.writeValueAsString(Map.of("quarter", quarter, "department", department)))).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (r.statusCode() == 201) {
            JsonNode body = Api.JSON.readTree(r.body());
            return new Snapshot(body.path("id").asString(), body.path("projectYears").asInt(), body.path("digest").asString(),
                    seconds, 201, null);
        }
        if (r.statusCode() != 504 && r.statusCode() != 502) {
            throw new IllegalStateException("POST /api/scoring/snapshots -> " + r.statusCode() + ": " + r.body());
        }
        // the gateway gave up waiting; scoring-service may still take it: wait for it to be listed
        System.out.println("  exports: the snapshot's POST answered " + r.statusCode() + " after " + Report.f(seconds)
                + " s; waiting for it to appear in the list");
        long deadline = System.nanoTime() + SNAPSHOT_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            for (JsonNode one : getAsAuditor("/api/scoring/snapshots?quarter=" + quarter + "&size=50")) {
                Instant taken = OffsetDateTime.parse(one.path("takenAt").asString()).toInstant();
                boolean sameDepartment = department == null ? one.path("department").isNull() || one.path("department").isMissingNode()
                        : department.equals(one.path("department").asString());
                if (AUDITOR.equals(one.path("takenBy").asString()) && sameDepartment && !taken.isBefore(asked.minusSeconds(1))) {
                    double until = (System.nanoTime() - t0) / 1e9;
                    return new Snapshot(one.path("id").asString(), one.path("projectYears").asInt(),
                            one.path("digest").asString(), until, r.statusCode(),
                            "the POST answered " + r.statusCode() + " after " + Report.f(seconds)
                                    + " s; the snapshot was listed " + Report.f(until) + " s after the request");
                }
            }
            TimeUnit.SECONDS.sleep(5);
        }
        throw new IllegalStateException("POST /api/scoring/snapshots -> " + r.statusCode() + " and no snapshot listed within "
                + SNAPSHOT_TIMEOUT.toMinutes() + " min: " + r.body());
    }

    // --- one download -------------------------------------------------------------------------------------------------

    /**
     * Downloads one export into a counting, digesting sink while sampling the heap; when {@code progressAt} is not
     * negative, reads the export progress once at that many seconds after the request.
     */
    Download download(Snapshot snapshot, Format format, double progressAt) throws InterruptedException {
        Heap before = heap();
        CpuTime cpu = new CpuTime(o.root());
        CpuTime.Snapshot cpuBefore = cpu.take();
        AtomicLong peakUsed = new AtomicLong(before == null ? 0 : before.used());
        AtomicLong peakOld = new AtomicLong(before == null ? 0 : before.old());
        AtomicLong samples = new AtomicLong();
        AtomicLong failedSamples = new AtomicLong();
        AtomicReference<JsonNode> progress = new AtomicReference<>();
        ScheduledExecutorService sampler = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "exports-sampler");
            t.setDaemon(true);
            return t;
        });
        sampler.scheduleAtFixedRate(() -> {
            Heap h = heap();
            if (h == null) {
                failedSamples.incrementAndGet();
                return;
            }
            samples.incrementAndGet();
            peakUsed.accumulateAndGet(h.used(), Math::max);
            peakOld.accumulateAndGet(h.old(), Math::max);
        }, SAMPLE_MS, SAMPLE_MS, TimeUnit.MILLISECONDS);
        // the progress poll runs on a thread of its own, so the end of a short download does not interrupt it
        Thread poll = null;
        if (progressAt >= 0) {
            long wait = Math.round(progressAt * 1000);
            poll = new Thread(() -> {
                try {
                    TimeUnit.MILLISECONDS.sleep(wait);
                    progress.set(progressSample(snapshot.id(), format));
                } catch (Exception e) {
                    progress.set(Api.JSON.createObjectNode().put("error", e.getClass().getSimpleName() + ": " + e.getMessage()));
                }
            }, "exports-progress");
            poll.setDaemon(true);
            poll.start();
        }
        long t0 = System.nanoTime();
        int status = 0;
        String contentType = null;
        long bytes = 0;
        double firstByte = Double.NaN;
        String sha = null;
        String error = null;
        byte[] head = new byte[0];
        try {
            HttpResponse<InputStream> r = api.http().send(HttpRequest.newBuilder(
                                    api.uri("/api/scoring/snapshots/" + snapshot.id() + "/" + format.path))
                            .timeout(DOWNLOAD_TIMEOUT).header("Authorization", auditor.authorization()).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            status = r.statusCode();
            contentType = r.headers().firstValue("Content-Type").orElse(null);
            MessageDigest digest = sha256();
            byte[] buffer = new byte[64 * 1024];
            try (InputStream in = r.body()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    if (n == 0) {
                        continue;
                    }
                    if (bytes == 0) {
                        firstByte = (System.nanoTime() - t0) / 1e9;
                    }
                    if (head.length < 512) {
                        int take = (int) Math.min(n, 512 - head.length);
                        byte[] more = new byte[head.length + take];
                        System.arraycopy(head, 0, more, 0, head.length);
                        System.arraycopy(buffer, 0, more, head.length, take);
                        head = more;
                    }
                    digest.update(buffer, 0, n);
                    bytes += n;
                }
            }
            sha = HexFormat.of().formatHex(digest.digest());
            if (status != 200) {
                error = "HTTP " + status + ": " + new String(head, StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + " after "
                    + bytes + " bytes";
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        sampler.shutdownNow();
        sampler.awaitTermination(5, TimeUnit.SECONDS);
        if (poll != null) {
            poll.join(TimeUnit.SECONDS.toMillis(35));
        }
        CpuTime.Snapshot cpuAfter = cpu.take();
        Heap after = heap();
        if (after != null) {
            peakUsed.accumulateAndGet(after.used(), Math::max);
            peakOld.accumulateAndGet(after.old(), Math::max);
        }
        double scoringCpu = cpuSeconds(cpuBefore, cpuAfter, "scoring-service");
        if (after == null && error != null) {
            error += "; scoring-service's metrics no longer answer (did it exit? see var/log/scoring-service.log)";
        } else if (before == null && error != null) {
            error += "; scoring-service's metrics did not answer before the download";
        }
        Download d = new Download(format, status, contentType, bytes, firstByte, seconds, sha,
                error == null && format.looksRight(head), error, before, peakUsed.get(), peakOld.get(), after,
                (int) samples.get(), (int) failedSamples.get(), scoringCpu, progress.get(), progressAt);
        System.out.printf(Locale.ROOT, "  exports: %s %s: %.2f s, %,d bytes, heap %s -> peak %s MB%s%n", format.path,
                status, seconds, bytes, before == null ? "n/a" : mb(before.used()), mb(d.peakUsed()),
                error == null ? "" : " (" + error + ")");
        return d;
    }

    private static double cpuSeconds(CpuTime.Snapshot before, CpuTime.Snapshot after, String process) {
        Long a = before.ticks().get(process);
        Long b = after.ticks().get(process);
        // 0 or less: the process was gone (or restarted) when the second reading was taken
        return a == null || b == null || b == 0 || b < a ? Double.NaN : (b - a) / 100.0;
    }

    /** One {@code GET …/exports} as the auditor: the newest running export of this format, else the newest of it. */
    private JsonNode progressSample(String id, Format format) throws IOException, InterruptedException {
        JsonNode all = getAsAuditor("/api/scoring/snapshots/" + URLEncoder.encode(id, StandardCharsets.UTF_8) + "/exports");
        String extension = format.path.substring(format.path.lastIndexOf('.') + 1);
        JsonNode newest = null;
        for (JsonNode one : all) {
            if (extension.equals(one.path("format").asString())) {
                if ("RUNNING".equals(one.path("state").asString())) {
                    return one;
                }
                if (newest == null) {
                    newest = one;
                }
            }
        }
        return newest != null ? newest : all;
    }

    private JsonNode getAsAuditor(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = api.http().send(HttpRequest.newBuilder(api.uri(path)).timeout(Duration.ofSeconds(30))
                        .header("Authorization", auditor.authorization()).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (r.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " -> " + r.statusCode() + ": " + r.body());
        }
        return Api.JSON.readTree(r.body());
    }

    private int monitoringTotal(String filter) throws IOException, InterruptedException {
        return api.get("/api/scoring/monitoring?page=0&size=1" + filter).path("total").asInt();
    }

    // --- scoring-service's heap ---------------------------------------------------------------------------------------

    /** scoring-service's heap now, from its Prometheus endpoint; null when it cannot be read. */
    Heap heap() {
        try {
            HttpResponse<String> r = api.http().send(HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return r.statusCode() == 200 ? parseHeap(r.body()) : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /**
     * The heap in a Prometheus text exposition: the sum of every {@code jvm_memory_used_bytes} line with
     * {@code area="heap"}, the old generation's (Tenured Gen or G1/PS Old Gen) alone, the sum of the positive
     * {@code jvm_memory_max_bytes} of the heap (a pool without a limit says -1), and the collections so far.
     */
    static Heap parseHeap(String exposition) {
        long used = 0;
        long old = 0;
        long max = 0;
        long gcCount = 0;
        double gcSeconds = 0;
        for (String line : exposition.split("\n")) {
            if (line.startsWith("#")) {
                continue;
            }
            boolean heap = line.contains("area=\"heap\"");
            if (heap && line.startsWith("jvm_memory_used_bytes{")) {
                long v = (long) value(line);
                used += v;
                if (line.contains("Tenured") || line.contains("Old Gen")) {
                    old += v;
                }
            } else if (heap && line.startsWith("jvm_memory_max_bytes{")) {
                double v = value(line);
                if (v > 0) {
                    max += (long) v;
                }
            } else if (line.startsWith("jvm_gc_pause_seconds_count{")) {
                gcCount += (long) value(line);
            } else if (line.startsWith("jvm_gc_pause_seconds_sum{")) {
                gcSeconds += value(line);
            }
        }
        return new Heap(used, old, max, gcCount, gcSeconds);
    }

    /** The sample's value: the first field after the labels (a timestamp may follow). */
    private static double value(String line) {
        String rest = line.substring(line.lastIndexOf('}') + 1).trim();
        int space = rest.indexOf(' ');
        return Double.parseDouble(space < 0 ? rest : rest.substring(0, space));
    }

    // --- the report ---------------------------------------------------------------------------------------------------

    private void reportFormat(Report report, Map<String, Object> formats, Snapshot snapshot, Download first, Download second) {
        Map<String, Object> f = new LinkedHashMap<>();
        List<Object> runs = new ArrayList<>();
        for (Download d : List.of(first, second)) {
            runs.add(json(d, snapshot.projectYears()));
        }
        f.put("downloads", runs);
        boolean equal = first.ok() && second.ok() && first.sha256().equals(second.sha256()) && first.bytes() == second.bytes();
        f.put("reproducible", equal);
        JsonNode progress = second.progress() != null ? second.progress() : first.progress();
        if (progress != null) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("atSeconds", Report.round(second.progressAtSeconds(), 2));
            p.put("sample", progress);
            f.put("progressMidway", p);
        }
        formats.put(first.format().name().toLowerCase(Locale.ROOT), f);
        String name = first.format().path;
        if (!first.ok() || !second.ok()) {
            report.row("export " + name + " of " + String.format(Locale.ROOT, "%,d", snapshot.projectYears()) + " project-years",
                    "FAILED", describe("first", first) + "; " + describe("second", second));
            return;
        }
        long limit = first.before() != null ? first.before().max() : 0;
        String heapBefore = (first.before() == null ? "n/a" : mb(first.before().used())) + " / "
                + (second.before() == null ? "n/a" : mb(second.before().used()));
        report.row("export " + name + " of " + String.format(Locale.ROOT, "%,d", snapshot.projectYears())
                        + " project-years, two downloads",
                String.format(Locale.ROOT, "%.1f / %.1f s; %s bytes; %s / %s forms/s", first.seconds(), second.seconds(),
                        String.format(Locale.ROOT, "%,d", first.bytes()),
                        Report.f(snapshot.projectYears() / first.seconds()), Report.f(snapshot.projectYears() / second.seconds())),
                "scoring heap before " + heapBefore + " MB, peak " + mb(first.peakUsed()) + " / " + mb(second.peakUsed())
                        + " MB (+" + mb(first.peakUsed() - (first.before() == null ? 0 : first.before().used())) + " / +"
                        + mb(second.peakUsed() - (second.before() == null ? 0 : second.before().used()))
                        + "; old gen peak " + mb(first.peakOld()) + " / " + mb(second.peakOld()) + ") of " + mb(limit)
                        + " MB" + collections(first) + "; first byte " + String.format(Locale.ROOT, "%.2f", first.firstByteSeconds())
                        + " s; scoring CPU " + String.format(Locale.ROOT, "%.1f", first.scoringCpuSeconds()) + " s"
                        + "; SHA-256 equal: " + (equal ? "yes" : "NO") + (first.looksRight() && second.looksRight() ? "" : "; unexpected first bytes")
                        + (progress == null ? "" : "; progress mid-way: " + progressText(progress)));
    }

    /** One download in a line: its outcome, time, bytes and the heap around it. */
    private static String describe(String which, Download d) {
        StringBuilder b = new StringBuilder(which).append(": ")
                .append(d.ok() ? "200" : d.error())
                .append(String.format(Locale.ROOT, " after %.1f s, %,d bytes", d.seconds(), d.bytes()));
        if (d.before() != null) {
            b.append(", scoring heap before ").append(mb(d.before().used())).append(" MB, peak ").append(mb(d.peakUsed()))
                    .append(" MB (old gen ").append(mb(d.before().old())).append(" -> ").append(mb(d.peakOld()))
                    .append(") of ").append(mb(d.before().max())).append(" MB");
            if (d.after() != null) {
                b.append(String.format(Locale.ROOT, ", %d collections taking %.1f s", d.after().gcCount() - d.before().gcCount(),
                        d.after().gcSeconds() - d.before().gcSeconds()));
            }
        }
        if (!Double.isNaN(d.scoringCpuSeconds())) {
            b.append(String.format(Locale.ROOT, ", scoring CPU %.1f s", d.scoringCpuSeconds()));
        }
        return b.toString();
    }

    private static Map<String, Object> json(Download d, int forms) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", d.status());
        m.put("contentType", d.contentType());
        m.put("bytes", d.bytes());
        m.put("firstByteSeconds", Report.round(d.firstByteSeconds(), 3));
        m.put("seconds", Report.round(d.seconds(), 3));
        m.put("formsPerSecond", d.seconds() > 0 ? Report.round(forms / d.seconds(), 1) : null);
        m.put("sha256", d.sha256());
        m.put("looksRight", d.looksRight());
        if (d.error() != null) {
            m.put("error", d.error());
        }
        if (d.before() != null) {
            m.put("heapBeforeMB", Report.round(d.before().used() / MB, 1));
            m.put("oldGenBeforeMB", Report.round(d.before().old() / MB, 1));
            m.put("heapMaxMB", Report.round(d.before().max() / MB, 1));
        }
        m.put("heapPeakMB", Report.round(d.peakUsed() / MB, 1));
        m.put("heapIncreaseMB", d.before() == null ? null : Report.round((d.peakUsed() - d.before().used()) / MB, 1));
        m.put("oldGenPeakMB", Report.round(d.peakOld() / MB, 1));
        if (d.after() != null) {
            m.put("heapAfterMB", Report.round(d.after().used() / MB, 1));
            if (d.before() != null) {
                m.put("collections", d.after().gcCount() - d.before().gcCount());
                m.put("collectionSeconds", Report.round(d.after().gcSeconds() - d.before().gcSeconds(), 3));
            }
        }
        m.put("heapSamples", d.samples());
        m.put("heapSamplesFailed", d.failedSamples());
        m.put("scoringCpuSeconds", Report.round(d.scoringCpuSeconds(), 2));
        return m;
    }

    private static String collections(Download d) {
        return d.before() == null || d.after() == null ? ""
                : String.format(Locale.ROOT, ", %d collections (%.2f s)", d.after().gcCount() - d.before().gcCount(),
                d.after().gcSeconds() - d.before().gcSeconds());
    }

    private static String progressText(JsonNode p) {
        if (p.has("state")) {
            return p.path("state").asString() + " " + p.path("done").asInt() + "/" + p.path("total").asInt();
        }
        return p.toString();
    }

    private static String mb(long bytes) {
        return String.format(Locale.ROOT, "%.0f", bytes / MB);
    }

    private static String abbreviate(String digest) {
        return digest == null || digest.length() <= 16 ? String.valueOf(digest) : digest.substring(0, 16) + "…";
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
