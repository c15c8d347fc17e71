package io.jixiao.bench;

import io.jixiao.contracts.EventJson;
import io.jixiao.contracts.FundSource;
import io.jixiao.contracts.Money;
import io.jixiao.contracts.Topics;
import io.jixiao.contracts.budget.ExpenditureRecorded;
import io.jixiao.contracts.budget.ProjectYearRegistered;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * (4) Projection rebuild from Kafka. Only with {@code --rebuild-events N} (N > 0): N synthetic, valid envelopes
 * are produced to {@code budget.events} first (this adds synthetic project-years to the system's data for good),
 * then the rebuild is started and polled until CAUGHT_UP; events/s is the whole topic (the rebuild's target) over
 * the time from the start request to CAUGHT_UP.
 */
final class Rebuild {

    private static final int EVENTS_PER_PROJECT = 1_000;

    private final Api api;
    private final Benchmark.Options o;
    private final String runId;

    Rebuild(Api api, Benchmark.Options o, String runId) {
        this.api = api;
        this.o = o;
        this.runId = runId;
    }

    double run(Report report) throws Exception {
        Map<String, Object> s = report.section("rebuild");
        if (o.rebuildEvents() <= 0) {
            s.put("skipped", "no --rebuild-events given");
            report.row("projection rebuild", "skipped", "run with --rebuild-events 1000000 (adds synthetic events to budget.events)");
            return Double.NaN;
        }
        long produced = produce(o.rebuildEvents());
        s.put("syntheticEventsProduced", produced);
        CpuTime cpu = new CpuTime(o.root());
        CpuTime.Snapshot before = cpu.take();
        HttpResponse<String> started = api.postAsAdmin("/api/scoring/admin/projection/rebuild", "");
        if (started.statusCode() != 202) {
            throw new IllegalStateException("rebuild start -> " + started.statusCode() + ": " + started.body());
        }
        long t0 = System.nanoTime();
        JsonNode progress;
        long deadline = t0 + TimeUnit.MINUTES.toNanos(8);
        do {
            Thread.sleep(200);
            progress = api.getAsAdmin("/api/scoring/admin/projection/rebuild");
        } while (!"CAUGHT_UP".equals(progress.path("state").asString()) && System.nanoTime() < deadline);
        double seconds = (System.nanoTime() - t0) / 1e9;
        CpuTime.Snapshot after = cpu.take();
        long target = progress.path("target").asLong();
        boolean caughtUp = "CAUGHT_UP".equals(progress.path("state").asString());
        double rate = caughtUp ? target / seconds : Double.NaN;
        s.put("target", target);
        s.put("done", progress.path("done").asLong());
        s.put("caughtUp", caughtUp);
        s.put("seconds", Report.round(seconds, 2));
        s.put("eventsPerSecond", Report.round(rate, 1));
        s.put("serviceReportedEventsPerSecond", progress.path("eventsPerSecond").asLong());
        report.row("projection rebuild from Kafka", Report.f(rate) + " events/s",
                target + " records in " + Report.f(seconds) + " s" + (caughtUp ? "" : " (NOT caught up)") + "; target >= 50,000/s");
        cpu.report(report, "rebuildEvent", "rebuilt event", before, after, target);
        return rate;
    }

    private long produce(long events) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, o.kafka());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        AtomicLong failed = new AtomicLong();
        long sent = 0;
        Money amount = Money.of("1.00");
        LocalDate date = LocalDate.parse(Api.BUSINESS_DATE);
        long t0 = System.nanoTime();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            for (int project = 0; sent < events; project++) {
                String code = "BR" + runId + "-" + project;
                String id = Api.FISCAL_YEAR + "-" + code;
                Instant now = Instant.now();
                producer.send(new ProducerRecord<>(Topics.BUDGET_EVENTS, id, EventJson.write(
                        new ProjectYearRegistered(id, code, "benchmark " + code, "bench", "bench", Api.FISCAL_YEAR, "shanghai-2023"),
                        UUID.randomUUID().toString(), 0, now)), callback(failed));
                sent++;
                for (long seq = 1; seq < EVENTS_PER_PROJECT && sent < events; seq++, sent++) {
                    producer.send(new ProducerRecord<>(Topics.BUDGET_EVENTS, id, EventJson.write(
                            new ExpenditureRecorded(id, "R-" + seq, FundSource.OTHER_FUNDS, amount, date, "bench", "v"),
                            UUID.randomUUID().toString(), seq, now)), callback(failed));
                }
            }
            producer.flush();
        }
        if (failed.get() > 0) {
            throw new IllegalStateException(failed.get() + " synthetic events not acknowledged");
        }
        System.out.printf("  produced %d synthetic events in %.1f s%n", sent, (System.nanoTime() - t0) / 1e9);
        return sent;
    }

    private static org.apache.kafka.clients.producer.Callback callback(AtomicLong failed) {
        return (m, e) -> {
            if (e != null) {
                failed.incrementAndGet();
            }
        };
    }
}
