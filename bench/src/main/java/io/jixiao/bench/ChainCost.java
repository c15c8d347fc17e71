package io.jixiao.bench;

import io.jixiao.contracts.access.ClientCredentials;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * (8) What the SM3 event chain costs: two scratch budget-service processes from the same jar, each on a fresh
 * database of the stack's PostgreSQL, one with the chain and one without ({@code JIXIAO_INTEGRITY_ENABLED=false}).
 * The same posters pay into both, directly (no gateway), in interleaved blocks so the machine's drift falls on
 * both; payments per second and CPU per payment of each process, in one run. Their relays publish to the scratch
 * topic {@code bench.chain}, so the read model never sees them; the databases are dropped at the end.
 */
final class ChainCost {

    private static final String JAR = "budget-service/target/budget-service-0.1.0-SNAPSHOT-exec.jar";
    private static final int BLOCKS = 6;

    private final Api api;
    private final Benchmark.Options o;
    private final String runId;

    ChainCost(Api api, Benchmark.Options o, String runId) {
        this.api = api;
        this.o = o;
        this.runId = runId;
    }

    /** One scratch budget-service. */
    private final class Instance implements AutoCloseable {
        final boolean chained;
        final String database;
        final URI url;
        final Process process;
        final List<String> projects = new ArrayList<>();
        long accepted;
        long failed;
        double seconds;

        Instance(boolean chained) throws Exception {
            this.chained = chained;
            this.database = "bench_chain_" + (chained ? "on" : "off") + "_" + runId.toLowerCase();
            admin("create database " + database);
            int port = freePort();
            this.url = URI.create("http://127.0.0.1:" + port);
            Path logs = Files.createDirectories(o.out());
            ProcessBuilder builder = new ProcessBuilder("java", "-Xmx512m", "-jar", o.root().resolve(JAR).toString())
                    .redirectErrorStream(true)
                    .redirectOutput(logs.resolve("chain-" + (chained ? "on" : "off") + ".log").toFile());
            Map<String, String> env = builder.environment();
            env.put("SERVER_PORT", Integer.toString(port));
            env.put("BUDGET_DB_URL", jdbc(database));
            env.put("BUDGET_DB_USER", o.user());
            env.put("BUDGET_DB_PASSWORD", o.password());
            env.put("KAFKA_BOOTSTRAP_SERVERS", o.kafka());
            env.put("JIXIAO_RELAY_TOPIC", "bench.chain");
            env.put("JIXIAO_INTEGRITY_ENABLED", Boolean.toString(chained));
            env.put("JIXIAO_INTEGRITY_KEYFILE", Files.createTempDirectory("bench-chain").resolve("sm2-key.pem").toString());
            env.put("JIXIAO_TOKEN_URI", api.tokenUri().toString());
            env.put("JIXIAO_CLIENT_SECRET", ClientCredentials.secretOf(api.credentials(), "budget-service"));
            this.process = builder.start();
        }

        void awaitHealthy() throws Exception {
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("scratch budget-service (chain " + chained + ") exited; see its log in " + o.out());
                }
                try {
                    HttpResponse<String> health = api.http().send(HttpRequest.newBuilder(url.resolve("/actuator/health"))
                            .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                    if (health.statusCode() == 200) {
                        return;
                    }
                } catch (IOException notYet) {
                    // still starting
                }
                Thread.sleep(500);
            }
            throw new IllegalStateException("scratch budget-service (chain " + chained + ") not healthy after 120 s");
        }

        void reset() {
            accepted = 0;
            failed = 0;
            seconds = 0;
        }

        /** The process's CPU time so far (user and system), as the operating system counts it. */
        double cpuSeconds() {
            return process.toHandle().info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(0.0);
        }

        @Override
        public void close() throws Exception {
            process.destroy();
            process.waitFor();
            admin("drop database if exists " + database);
        }
    }

    void run(Report report) throws Exception {
        try (Instance on = new Instance(true); Instance off = new Instance(false)) {
            on.awaitHealthy();
            off.awaitHealthy();
            for (Instance instance : List.of(on, off)) {
                for (int i = 0; i < o.posters(); i++) {
                    instance.projects.add(api.openProject(instance.url, "BC" + runId + (instance.chained ? "N" : "F") + i));
                }
            }
            int warmup = Math.max(2, o.warmupSeconds() / 2);
            pay(on, warmup, "W");
            pay(off, warmup, "W");
            on.reset();
            off.reset();
            double cpuOnSpent = 0;
            double cpuOffSpent = 0;
            int block = Math.max(2, o.seconds() / BLOCKS * 2);
            for (int b = 0; b < BLOCKS; b++) {
                // alternate which goes first, so neither always follows the other's garbage collection
                Instance first = b % 2 == 0 ? on : off;
                Instance second = first == on ? off : on;
                for (Instance instance : List.of(first, second)) {
                    double before = instance.cpuSeconds();
                    pay(instance, block, "B" + b);
                    double spent = instance.cpuSeconds() - before;
                    if (instance == on) {
                        cpuOnSpent += spent;
                    } else {
                        cpuOffSpent += spent;
                    }
                }
            }
            put(report, on, off, cpuOnSpent, cpuOffSpent);
        }
    }

    private void put(Report report, Instance on, Instance off, double cpuOn, double cpuOff) {
        double rateOn = on.accepted / on.seconds;
        double rateOff = off.accepted / off.seconds;
        double cpuPerOn = on.accepted == 0 ? 0 : cpuOn * 1000 / on.accepted;
        double cpuPerOff = off.accepted == 0 ? 0 : cpuOff * 1000 / off.accepted;
        Map<String, Object> s = report.section("eventChain");
        s.put("blocks", BLOCKS);
        s.put("posters", o.posters());
        s.put("withChainPerSecond", Report.round(rateOn, 1));
        s.put("withoutChainPerSecond", Report.round(rateOff, 1));
        s.put("withChainCpuMsPerPayment", Report.round(cpuPerOn, 3));
        s.put("withoutChainCpuMsPerPayment", Report.round(cpuPerOff, 3));
        s.put("failed", on.failed + off.failed);
        report.row("single payments, budget-service directly, with the SM3 chain", Report.f(rateOn) + "/s",
                "budget-service CPU " + Report.f(cpuPerOn) + " ms per payment");
        report.row("the same without the chain", Report.f(rateOff) + "/s",
                "budget-service CPU " + Report.f(cpuPerOff) + " ms per payment");
        report.row("the chain's cost", Report.ratio(rateOn, rateOff) + " of the rate without it",
                "CPU " + Report.f(cpuPerOn - cpuPerOff) + " ms more per payment; " + (on.failed + off.failed) + " failed");
    }

    /** N posters, one project-year each, paying into one instance for that long. */
    private void pay(Instance instance, int seconds, String prefix) throws InterruptedException {
        AtomicLong accepted = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long start = System.nanoTime();
        long end = start + seconds * 1_000_000_000L;
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < instance.projects.size(); i++) {
            URI payments = instance.url.resolve("/projects/" + instance.projects.get(i) + "/expenditures");
            String references = prefix + "-" + i + "-";
            Thread poster = new Thread(() -> {
                for (int k = 0; System.nanoTime() < end; k++) {
                    try {
                        int status = api.post(payments, Api.payment(references + k, "1.00"), api.authorization()).statusCode();
                        (status == 201 ? accepted : failed).incrementAndGet();
                    } catch (IOException e) {
                        failed.incrementAndGet();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }, "chain-poster-" + i);
            threads.add(poster);
            poster.start();
        }
        for (Thread poster : threads) {
            poster.join();
        }
        instance.seconds += (System.nanoTime() - start) / 1e9;
        instance.accepted += accepted.get();
        instance.failed += failed.get();
    }

    private String jdbc(String database) {
        return o.jdbc().replaceFirst("/budget(\\?|$)", "/" + database + "$1");
    }

    private void admin(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbc("postgres"), o.user(), o.password());
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
