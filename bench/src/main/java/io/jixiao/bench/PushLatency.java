package io.jixiao.bench;

import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * (2) Payment accepted → updated form pushed (SSE through the gateway), at a paced rate. Each poster has its own
 * project-year and its own subscriber; payments of 100.00 元 move the form's executed figure by 0.01 万元, so the
 * n-th payment is visible in the first pushed form whose executed figure is at least n × 0.01.
 */
final class PushLatency {

    private static final BigDecimal STEP = new BigDecimal("0.01");

    private record Push(long at, long count) {
    }

    private final Api api;
    private final Benchmark.Options o;
    private final String runId;

    PushLatency(Api api, Benchmark.Options o, String runId) {
        this.api = api;
        this.o = o;
        this.runId = runId;
    }

    void run(Report report, double rate) throws Exception {
        int posters = (int) Math.max(1, Math.min(o.posters(), Math.ceil(rate)));
        if (rate <= 0) {
            rate = 1;
        }
        long intervalNanos = (long) (1e9 * posters / rate);
        List<String> projects = new ArrayList<>();
        List<List<Push>> pushes = new ArrayList<>();
        List<Stream<String>> streams = new ArrayList<>();
        for (int i = 0; i < posters; i++) {
            String project = api.openProject("BP" + runId + "-" + i);
            api.awaitForm(project, Duration.ofSeconds(30));
            projects.add(project);
            List<Push> mine = new CopyOnWriteArrayList<>();
            pushes.add(mine);
            HttpResponse<Stream<String>> stream = api.http().send(HttpRequest.newBuilder(
                            api.uri("/api/scoring/projects/" + project + "/form/stream")).header("Accept", "text/event-stream")
                            .header("Authorization", api.authorization()).build(),
                    HttpResponse.BodyHandlers.ofLines());
            if (stream.statusCode() != 200) {
                throw new IllegalStateException("form stream of " + project + " -> " + stream.statusCode());
            }
            streams.add(stream.body());
            Thread reader = new Thread(() -> {
                try {
                    stream.body().forEach(line -> {
                        if (line.startsWith("data:")) {
                            long at = System.nanoTime();
                            JsonNode form = Api.JSON.readTree(line.substring(5));
                            String executed = form.path("funds").path("total").path("executed").asString();
                            long count = executed == null || executed.isEmpty() ? 0
                                    : new BigDecimal(executed).divide(STEP).longValue();
                            mine.add(new Push(at, count));
                        }
                    });
                } catch (RuntimeException closed) {
                    // the stream was closed at the end
                }
            }, "sse-" + i);
            reader.setDaemon(true);
            reader.start();
        }
        // every subscriber has its current form before the first payment
        long ready = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (pushes.stream().anyMatch(List::isEmpty) && System.nanoTime() < ready) {
            Thread.sleep(20);
        }
        List<List<Long>> acceptedAt = new ArrayList<>();
        long start = System.nanoTime();
        long end = start + o.seconds() * 1_000_000_000L;
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < posters; i++) {
            String project = projects.get(i);
            List<Long> mine = new ArrayList<>();
            acceptedAt.add(mine);
            long offset = intervalNanos * i / posters;
            Thread t = new Thread(() -> {
                long next = start + offset;
                for (int k = 0; next < end; k++, next += intervalNanos) {
                    long wait = next - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    }
                    try {
                        HttpResponse<String> r = api.post("/api/budget/projects/" + project + "/expenditures",
                                Api.payment("L-" + k, "100.00"));
                        long at = System.nanoTime();
                        if (r.statusCode() == 201) {
                            mine.add(at);
                        }
                    } catch (Exception e) {
                        // counted as not accepted
                    }
                }
            }, "paced-" + i);
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        // let the last pushes arrive
        long settle = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < settle) {
            boolean all = true;
            for (int i = 0; i < posters; i++) {
                List<Push> p = pushes.get(i);
                if (p.isEmpty() || p.get(p.size() - 1).count() < acceptedAt.get(i).size()) {
                    all = false;
                }
            }
            if (all) {
                break;
            }
            Thread.sleep(50);
        }
        streams.forEach(Stream::close);
        List<Double> latencies = new ArrayList<>();
        long accepted = 0;
        long unseen = 0;
        for (int i = 0; i < posters; i++) {
            List<Long> acc = acceptedAt.get(i);
            List<Push> p = pushes.get(i);
            accepted += acc.size();
            int j = 0;
            for (int k = 0; k < acc.size(); k++) {
                long n = k + 1;
                while (j < p.size() && p.get(j).count() < n) {
                    j++;
                }
                if (j == p.size()) {
                    unseen += acc.size() - k;
                    break;
                }
                latencies.add(Math.max(0, p.get(j).at() - acc.get(k)) / 1e6);
            }
        }
        Collections.sort(latencies);
        Percentiles pc = Percentiles.of(latencies);
        Map<String, Object> s = report.section("pushLatency");
        s.put("targetPaymentsPerSecond", Report.round(rate, 1));
        s.put("achievedPaymentsPerSecond", Report.round(accepted / seconds, 1));
        s.put("posters", posters);
        s.put("accepted", accepted);
        s.put("notPushedWithin15s", unseen);
        s.put("p50Ms", Report.round(pc.p50(), 2));
        s.put("p99Ms", Report.round(pc.p99(), 2));
        s.put("maxMs", Report.round(pc.max(), 2));
        report.row("payment accepted -> form pushed, at " + Report.f(accepted / seconds) + " payments/s (target "
                        + Report.f(rate) + ")",
                "p50 " + Report.f(pc.p50()) + " ms, p99 " + Report.f(pc.p99()) + " ms, max " + Report.f(pc.max()) + " ms",
                accepted + " payments, " + unseen + " not pushed within 15 s; target p99 <= 250 ms");
    }
}
