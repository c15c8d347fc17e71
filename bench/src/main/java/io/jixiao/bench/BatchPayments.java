package io.jixiao.bench;

import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * (3) Batches through the gateway: N posters, each posting batches to its own project-year for a fixed time; the
 * rate counts from the first request until every accepted payment is in the read model (scoring's
 * {@code fund_position.executed}, read directly from its database).
 */
final class BatchPayments {

    /** The batch size whose window {@code --profile} records. */
    private static final int PROFILED_SIZE = 1000;

    private final Api api;
    private final Benchmark.Options o;
    private final String runId;
    /** Runs so far: each registers its own project-years. */
    private int runs;

    BatchPayments(Api api, Benchmark.Options o, String runId) {
        this.api = api;
        this.o = o;
        this.runId = runId;
    }

    double run(Report report, int size) throws Exception {
        return run(report, size, o.seconds());
    }

    /** Posts batches of {@code size} for {@code seconds}, waits until all are visible, reports to {@code report}. */
    double run(Report report, int size, int postingSeconds) throws Exception {
        runs++;
        List<String> projects = new ArrayList<>();
        for (int i = 0; i < o.posters(); i++) {
            projects.add(api.openProject("BB" + size + "-" + runId + "-" + runs + "-" + i));
        }
        AtomicLong accepted = new AtomicLong();
        AtomicLong rejected = new AtomicLong();
        AtomicLong batches = new AtomicLong();
        List<Double> latencies = java.util.Collections.synchronizedList(new ArrayList<>());
        CpuTime cpu = new CpuTime(o.root());
        // the batch's own profile: a thousand payments in one request are another path than one (validation per
        // item, one command and one append per project-year)
        Profiles profiles = o.profile() == null || size != PROFILED_SIZE ? null
                : Profiles.start(o.root(), o.profile().resolve("batch-of-" + size));
        CpuTime.Snapshot before = cpu.take();
        long start = System.nanoTime();
        long end = start + postingSeconds * 1_000_000_000L;
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < o.posters(); i++) {
            String project = projects.get(i);
            Thread t = new Thread(() -> {
                for (int b = 0; System.nanoTime() < end; b++) {
                    StringBuilder body = new StringBuilder("{\"payments\":[");
                    for (int k = 0; k < size; k++) {
                        if (k > 0) {
                            body.append(',');
                        }
                        body.append(Api.batchItem(project, "B" + b + "-" + k, "1.00"));
                    }
                    body.append("]}");
                    long t1 = System.nanoTime();
                    try {
                        HttpResponse<String> r = api.post("/api/budget/expenditures/batch", body.toString());
                        latencies.add((System.nanoTime() - t1) / 1e6);
                        if (r.statusCode() == 200) {
                            JsonNode answer = Api.JSON.readTree(r.body());
                            accepted.addAndGet(answer.path("accepted").asLong());
                            rejected.addAndGet(answer.path("rejected").asLong());
                            batches.incrementAndGet();
                        } else {
                            rejected.addAndGet(size);
                        }
                    } catch (Exception e) {
                        rejected.addAndGet(size);
                    }
                }
            }, "batcher-" + i);
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        double postedSeconds = (System.nanoTime() - start) / 1e9;
        BigDecimal expected = new BigDecimal(accepted.get()).setScale(2);
        boolean visible = false;
        try (Connection c = DriverManager.getConnection(o.scoringJdbc(), o.user(), o.password());
             PreparedStatement q = c.prepareStatement(
                     "select coalesce(sum(executed), 0) from fund_position where project_id = any(?)")) {
            q.setArray(1, c.createArrayOf("varchar", projects.toArray()));
            long deadline = System.nanoTime() + 120_000_000_000L;
            while (System.nanoTime() < deadline) {
                try (ResultSet rs = q.executeQuery()) {
                    rs.next();
                    if (rs.getBigDecimal(1).compareTo(expected) >= 0) {
                        visible = true;
                        break;
                    }
                }
                Thread.sleep(20);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        CpuTime.Snapshot after = cpu.take();
        if (profiles != null) {
            profiles.report(report, "profileBatchOf" + size, "batches of " + size);
        }
        double rate = visible ? accepted.get() / seconds : Double.NaN;
        Percentiles p = Percentiles.of(latencies);
        Map<String, Object> s = report.section("batchOf" + size);
        s.put("posters", o.posters());
        s.put("batches", batches.get());
        s.put("accepted", accepted.get());
        s.put("rejected", rejected.get());
        s.put("postingSeconds", Report.round(postedSeconds, 2));
        s.put("allVisibleAfterSeconds", Report.round(seconds, 2));
        s.put("allVisible", visible);
        s.put("paymentsPerSecondEndToEnd", Report.round(rate, 1));
        s.put("paymentsPerSecondAnswered", Report.round(accepted.get() / postedSeconds, 1));
        s.put("requestP50Ms", Report.round(p.p50(), 1));
        s.put("requestP99Ms", Report.round(p.p99(), 1));
        report.row("batches of " + size + ", " + o.posters() + " posters, all visible in the read model",
                Report.f(rate) + " payments/s",
                accepted.get() + " payments in " + Report.f(seconds) + " s (answered: " + Report.f(accepted.get() / postedSeconds)
                        + "/s; request p50 " + Report.f(p.p50()) + " ms); target >= 20,000/s");
        cpu.report(report, "batchOf" + size, "payment in batches of " + size, before, after, accepted.get());
        return rate;
    }
}
