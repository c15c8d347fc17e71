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

    private record Measured(double seconds, long accepted, long failed, double rate, Percentiles p) {
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
        // warm-up at full load, not counted: until the JIT has compiled the hot paths of every service, a payment
        // costs two to three times the CPU it costs afterwards
        measure(projects, o.warmupSeconds(), "W-");
        CpuTime cpu = new CpuTime(o.root());
        Profiles profiles = o.profile() == null ? null : Profiles.start(o.root(), o.profile());
        Statements statements = Statements.start(report, o.jdbc(), o.user(), o.password());
        CpuTime.Snapshot before = cpu.take();
        Measured own = measure(projects, o.seconds(), "S-");
        CpuTime.Snapshot after = cpu.take();
        if (statements != null) {
            statements.report(report, "singlePayment", "single payments", Math.max(1, own.accepted()));
        }
        if (profiles != null) {
            profiles.report(report, "profile", "single payments");
        }
        put(report.section("singlePayments"), own);
        report.row("single payments, " + o.posters() + " posters (own project each)", Report.f(own.rate()) + " accepted/s",
                own.accepted() + " in " + Report.f(own.seconds()) + " s, " + own.failed() + " failed");
        report.row("single payment request latency", "p50 " + Report.f(own.p().p50()) + " ms, p99 " + Report.f(own.p().p99()) + " ms", "");
        cpu.report(report, "singlePayment", "single payment", before, after, own.accepted());
        // the same posters all on one project-year: its payments are serialised
        String shared = api.openProject("BSX" + runId);
        List<String> same = new ArrayList<>();
        for (int i = 0; i < o.posters(); i++) {
            same.add(shared);
        }
        Measured one = measure(same, Math.max(3, o.seconds() / 2), "X-");
        put(report.section("singlePaymentsSharedProject"), one);
        report.row("single payments, " + o.posters() + " posters on one shared project", Report.f(one.rate()) + " accepted/s",
                "p50 " + Report.f(one.p().p50()) + " ms, p99 " + Report.f(one.p().p99()) + " ms, " + one.failed() + " failed");
        double rate = own.rate();
        return new Result(rate);
    }

    private Measured measure(List<String> projects, int runSeconds, String prefix) throws InterruptedException {
        List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicLong accepted = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long start = System.nanoTime();
        long end = start + runSeconds * 1_000_000_000L;
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < projects.size(); i++) {
            String project = projects.get(i);
            String refPrefix = prefix + i + "-";
            Thread t = new Thread(() -> {
                List<Double> mine = new ArrayList<>();
                for (int k = 0; System.nanoTime() < end; k++) {
                    long t1 = System.nanoTime();
                    try {
                        HttpResponse<String> r = api.post("/api/budget/projects/" + project + "/expenditures",
                                Api.payment(refPrefix + k, "1.00"));
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
        return new Measured(seconds, accepted.get(), failed.get(), accepted.get() / seconds, Percentiles.of(latencies));
    }

    private void put(Map<String, Object> s, Measured m) {
        s.put("posters", o.posters());
        s.put("seconds", Report.round(m.seconds(), 2));
        s.put("accepted", m.accepted());
        s.put("failed", m.failed());
        s.put("acceptedPerSecond", Report.round(m.rate(), 1));
        s.put("latencyP50Ms", Report.round(m.p().p50(), 2));
        s.put("latencyP99Ms", Report.round(m.p().p99(), 2));
        s.put("latencyMaxMs", Report.round(m.p().max(), 2));
    }
}
