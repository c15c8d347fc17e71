package io.jixiao.bench;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** (1) Single payments through the gateway: N posters, each on its own project-year, for a fixed time. */
final class SinglePayments {

    record Result(double acceptedPerSecond) {
    }

    private final Api api;
    private final Benchmark.Options o;
    private final String runId;

    SinglePayments(Api api, Benchmark.Options o, String runId) {
        this.api = api;
        this.o = o;
        this.runId = runId;
    }

    Result run(Report report) throws Exception {
        List<String> projects = new ArrayList<>();
        for (int i = 0; i < o.posters(); i++) {
            projects.add(api.openProject("BS" + runId + "-" + i));
        }
        // warm-up: a few payments per poster, not counted
        for (String p : projects) {
            for (int k = 0; k < 5; k++) {
                api.post("/api/budget/projects/" + p + "/expenditures", Api.payment("W-" + k, "1.00"));
            }
        }
        List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicLong accepted = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long start = System.nanoTime();
        long end = start + o.seconds() * 1_000_000_000L;
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < o.posters(); i++) {
            String project = projects.get(i);
            Thread t = new Thread(() -> {
                List<Double> mine = new ArrayList<>();
                for (int k = 0; System.nanoTime() < end; k++) {
                    long t1 = System.nanoTime();
                    try {
                        HttpResponse<String> r = api.post("/api/budget/projects/" + project + "/expenditures",
                                Api.payment("S-" + k, "1.00"));
                        mine.add((System.nanoTime() - t1) / 1e6);
                        if (r.statusCode() == 201) {
                            accepted.incrementAndGet();
                        } else {
                            failed.incrementAndGet();
                        }
                    } catch (Exception e) {
                        failed.incrementAndGet();
                    }
                }
                latencies.addAll(mine);
            }, "poster-" + i);
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double rate = accepted.get() / seconds;
        Percentiles p = Percentiles.of(latencies);
        Map<String, Object> s = report.section("singlePayments");
        s.put("posters", o.posters());
        s.put("seconds", Report.round(seconds, 2));
        s.put("accepted", accepted.get());
        s.put("failed", failed.get());
        s.put("acceptedPerSecond", Report.round(rate, 1));
        s.put("latencyP50Ms", Report.round(p.p50(), 2));
        s.put("latencyP99Ms", Report.round(p.p99(), 2));
        s.put("latencyMaxMs", Report.round(p.max(), 2));
        report.row("single payments, " + o.posters() + " posters (own project each)", Report.f(rate) + " accepted/s",
                accepted.get() + " in " + Report.f(seconds) + " s, " + failed.get() + " failed");
        report.row("single payment request latency", "p50 " + Report.f(p.p50()) + " ms, p99 " + Report.f(p.p99()) + " ms", "");
        return new Result(rate);
    }
}
