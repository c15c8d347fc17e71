package io.jixiao.faults;

import io.jixiao.contracts.EventJson;
import io.jixiao.contracts.FundSource;
import io.jixiao.contracts.Money;
import io.jixiao.contracts.Topics;
import io.jixiao.contracts.budget.ExpenditureRecorded;
import io.jixiao.deploy.Service;
import io.jixiao.deploy.Stack;
import io.jixiao.deploy.Supervisor;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * The faults themselves, each on a running, supervised {@link Stack}: what a scenario does to it, and the condition
 * that says it healed. Each returns what it saw, for the report.
 */
final class Faults {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    static final Duration RECOVERY = Duration.ofMinutes(3);

    private final Stack stack;
    private final Invariants.Databases databases;

    Faults(Stack stack, Invariants.Databases databases) {
        this.stack = stack;
        this.databases = databases;
    }

    private Supervisor supervisor() {
        return stack.supervisor().orElseThrow(() -> new IllegalStateException("the stack is not supervised"));
    }

    /** SIGKILL of a supervised process; returns once a new one runs and every service is healthy again. */
    String kill(String process) {
        ProcessHandle before = supervisor().current().get(process);
        if (before == null) {
            throw new IllegalStateException(process + " is not running: " + supervisor().current().keySet());
        }
        long t0 = System.nanoTime();
        before.destroyForcibly();
        await(process + " restarted").atMost(RECOVERY).pollInterval(Duration.ofMillis(100)).until(() -> {
            ProcessHandle now = supervisor().current().get(process);
            return now != null && now.pid() != before.pid() && now.isAlive();
        });
        long restarted = millis(t0);
        awaitAllHealthy();
        return "SIGKILL pid " + before.pid() + "; new process after " + restarted + " ms, every service healthy after "
                + millis(t0) + " ms";
    }

    /** Kafka stopped (SIGTERM) and kept down for {@code outage}, then started again. */
    String stopKafka(Duration outage, Runnable meanwhile) {
        return holdDown("kafka", outage, meanwhile, ProcessHandle::destroy, "SIGTERM");
    }

    /** PostgreSQL stopped with {@code pg_ctl stop -m immediate} (no checkpoint: crash recovery on start), down for {@code outage}. */
    String stopPostgresImmediately(Duration outage, Runnable meanwhile) {
        return holdDown("postgres", outage, meanwhile, this::pgCtlStopImmediate, "SIGQUIT (pg_ctl stop -m immediate)");
    }

    private String holdDown(String process, Duration outage, Runnable meanwhile, java.util.function.Consumer<ProcessHandle> stop,
                            String how) {
        ProcessHandle before = supervisor().current().get(process);
        if (before == null) {
            throw new IllegalStateException(process + " is not running");
        }
        supervisor().hold(process);
        long t0 = System.nanoTime();
        try {
            stop.accept(before);
            await(process + " stopped").atMost(Duration.ofMinutes(1)).until(() -> !before.isAlive());
            long stopped = millis(t0);
            long until = System.nanoTime() + outage.toNanos();
            await(process + " kept down").atMost(outage.plusMinutes(1)).pollInterval(Duration.ofMillis(200))
                    .until(() -> System.nanoTime() >= until);
            meanwhile.run();
            supervisor().release(process);
            long t1 = System.nanoTime();
            await(process + " started again").atMost(RECOVERY).until(() -> {
                ProcessHandle now = supervisor().current().get(process);
                return now != null && now.pid() != before.pid() && now.isAlive();
            });
            long back = millis(t1);
            awaitAllHealthy();
            return how + " of pid " + before.pid() + " (gone after " + stopped + " ms), down " + outage.toSeconds()
                    + " s; running again " + back + " ms after the release, every service healthy " + millis(t1) + " ms after it";
        } finally {
            supervisor().release(process);
        }
    }

    /**
     * What {@code pg_ctl stop -m immediate} does: SIGQUIT to the postmaster, which quits its backends at once, without a
     * checkpoint (pg_ctl itself refuses to run as root, which CI is).
     */
    private void pgCtlStopImmediate(ProcessHandle postmaster) {
        run("kill", "-QUIT", Long.toString(postmaster.pid()));
    }

    /**
     * SIGSTOP of the budget-service instance whose relay holds the token claim, for {@code pause} (longer than the
     * claim timeout), while another instance is running; then SIGCONT. Returns once the other instance has taken
     * the claim and the stopped one is healthy again.
     */
    String pauseRelayHolder(Duration pause) {
        String holder = relayOwner().orElseThrow(() -> new IllegalStateException("nobody holds the relay's claim"));
        long pid = Long.parseLong(holder.substring(0, holder.indexOf('@')));
        run("kill", "-STOP", Long.toString(pid));
        long t0 = System.nanoTime();
        String taker;
        try {
            await("another instance claims the relay").atMost(pause.plusMinutes(2)).pollInterval(Duration.ofMillis(250))
                    .until(() -> relayOwner().filter(o -> !o.equals(holder)).isPresent());
            taker = relayOwner().orElseThrow();
            long taken = millis(t0);
            long until = t0 + pause.toNanos();
            await("the pause").atMost(pause.plusMinutes(1)).pollInterval(Duration.ofMillis(200)).until(() -> System.nanoTime() >= until);
            run("kill", "-CONT", Long.toString(pid));
            awaitAllHealthy();
            return "SIGSTOP of relay holder " + holder + " for " + pause.toSeconds() + " s; " + taker + " took the claim after "
                    + taken + " ms; SIGCONT, healthy after " + millis(t0) + " ms";
        } finally {
            run("kill", "-CONT", Long.toString(pid));
        }
    }

    /** The owner ({@code pid@host}) of the relay's token segment, if claimed. */
    Optional<String> relayOwner() {
        try (Connection c = DriverManager.getConnection(databases.budget(), databases.user(), databases.password());
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select owner from token_entry where processor_name = 'kafka-relay' and segment = 0")) {
            return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
        } catch (SQLException e) {
            return Optional.empty();
        }
    }

    /**
     * Holds one of budget-service's append transactions open for {@code hold}, past Axon's 60 s gap timeout: the
     * chain table is locked (EXCLUSIVE, readers pass), so the next append takes its global index, inserts its events
     * and then waits for the chain row. Returns what was held, once the lock is released.
     */
    String holdAppendTransaction(Duration hold) {
        try (Connection c = DriverManager.getConnection(databases.budget(), databases.user(), databases.password())) {
            c.setAutoCommit(false);
            long maxBefore;
            try (Statement s = c.createStatement()) {
                s.execute("lock table event_hash_chain in exclusive mode");
                try (ResultSet rs = s.executeQuery("select coalesce(max(global_index), 0) from event_hash_chain")) {
                    rs.next();
                    maxBefore = rs.getLong(1);
                }
            }
            long t0 = System.nanoTime();
            // an append of budget-service is waiting inside its transaction, its events inserted
            await("an append waiting on the chain").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                    .until(() -> waitingAppends() > 0);
            long until = t0 + hold.toNanos();
            await("the hold").atMost(hold.plusMinutes(1)).pollInterval(Duration.ofMillis(200)).until(() -> System.nanoTime() >= until);
            int waiting = waitingAppends();
            c.commit();
            return "chain locked " + hold.toSeconds() + " s after global index " + maxBefore + "; " + waiting
                    + " budget-service transaction(s) waiting in their append when released";
        } catch (SQLException e) {
            throw new IllegalStateException("holding an append transaction: " + e.getMessage(), e);
        }
    }

    private int waitingAppends() throws SQLException {
        try (Connection c = DriverManager.getConnection(databases.budget(), databases.user(), databases.password());
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("""
                     select count(*) from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'
                     and state = 'active' and pid <> pg_backend_pid() and query ilike '%event_hash_chain%'""")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /**
     * Poison records on both topics, each marked {@code marker}: bad JSON, an unknown event type, and a well-formed
     * event that conflicts with a stored one under its (stream, project, sequence) key, which the handler refuses.
     * Returns how many were sent.
     */
    int poison(String marker, String victimProject) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        for (String topic : List.of(Topics.BUDGET_EVENTS, Topics.INDICATOR_EVENTS)) {
            records.add(new ProducerRecord<>(topic, "POISON-" + marker, "{\"eventId\":\"" + marker + "-json\", not json"));
            records.add(new ProducerRecord<>(topic, "POISON-" + marker, """
                    {"eventId":"%s-type","type":"NoSuchEvent","schemaVersion":1,"projectId":"POISON-%s","sequence":0,
                     "businessDate":"2026-06-30","recordedAt":"2026-06-30T00:00:00Z","payload":{}}""".formatted(marker, marker)));
        }
        // the victim's sequence 0 on budget.events is its registration: another event under that key is a conflict
        records.add(new ProducerRecord<>(Topics.BUDGET_EVENTS, victimProject, EventJson.write(new ExpenditureRecorded(victimProject,
                marker + "-conflict", FundSource.OTHER_FUNDS, Money.of("1.00"), LocalDate.of(2026, 6, 30), "poison", "v"),
                marker + "-conflict", 0, Instant.parse("2026-06-30T00:00:00Z"))));
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            for (ProducerRecord<String, String> r : records) {
                producer.send(r).get(30, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not send the poison records: " + e.getMessage(), e);
        }
        return records.size();
    }

    /** The records of both dead-letter topics whose value contains {@code marker}. */
    List<String> deadLettered(String marker) {
        List<String> found = new ArrayList<>();
        readAll(List.of(Topics.BUDGET_EVENTS + Topics.DEAD_LETTER_SUFFIX, Topics.INDICATOR_EVENTS + Topics.DEAD_LETTER_SUFFIX), r -> {
            if (r.value() != null && r.value().contains(marker)) {
                found.add(r.topic() + "-" + r.partition() + "@" + r.offset());
            }
        });
        return found;
    }

    /** (offset, sequence, event id) of every record of {@code projectId} on budget.events, in offset order. */
    List<String> budgetRecordsOf(String projectId) {
        List<String> found = new ArrayList<>();
        readAll(List.of(Topics.BUDGET_EVENTS), r -> {
            if (projectId.equals(r.key())) {
                try {
                    var envelope = EventJson.read(r.value());
                    found.add(r.partition() + "@" + r.offset() + ":" + envelope.sequence() + ":" + envelope.eventId().substring(0, 8));
                } catch (RuntimeException e) {
                    found.add(r.partition() + "@" + r.offset() + ":unreadable");
                }
            }
        });
        return found;
    }

    /** Every record of the topics, from their first offsets to the ends they had when asked (at most a minute). */
    private void readAll(List<String> topics, java.util.function.Consumer<ConsumerRecord<String, String>> each) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers());
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                consumer.partitionsFor(topic, Duration.ofSeconds(10))
                        .forEach(info -> partitions.add(new TopicPartition(info.topic(), info.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp)) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(each);
            }
        }
    }

    /** Starts a rebuild of the read model from the topics (as admin-client) and returns once it is started. */
    String startRebuild(Client admin) {
        Client.Answer a = admin.post("/api/scoring/admin/projection/rebuild", "");
        if (a.status() != 202) {
            throw new IllegalStateException("rebuild -> " + a.status() + ": " + a.body());
        }
        return "rebuild started";
    }

    /** True once the rebuild reports CAUGHT_UP. */
    boolean rebuildCaughtUp(Client admin) {
        return admin.once("GET", "/api/scoring/admin/projection/rebuild", null)
                .filter(a -> a.status() == 200 && a.body().contains("CAUGHT_UP")).isPresent();
    }

    void awaitAllHealthy() {
        for (Service service : stack.services().keySet()) {
            // every instance the gateway routes to (./run --instances), the first one first
            for (java.net.URI url : stack.instanceUrls(service)) {
                HttpRequest health = HttpRequest.newBuilder(url.resolve("/actuator/health")).timeout(Duration.ofSeconds(3)).build();
                await(service.module() + " at " + url + " healthy").atMost(RECOVERY).ignoreExceptions()
                        .pollInterval(Duration.ofMillis(250))
                        .until(() -> HTTP.send(health, HttpResponse.BodyHandlers.ofString()).statusCode() == 200);
            }
        }
    }

    /**
     * The sum of a counter over its series, since the instance's last start, from its Prometheus endpoint, leaving
     * out requests to {@code /actuator}; 0 when unreachable. {@code http_server_requests_seconds_count}: the
     * requests it answered; {@code scoring_events_applied_total}: the events it applied.
     */
    static long counted(java.net.URI instance, String counter) {
        try {
            String metrics = HTTP.send(HttpRequest.newBuilder(instance.resolve("/actuator/prometheus")).timeout(Duration.ofSeconds(5))
                    .build(), HttpResponse.BodyHandlers.ofString()).body();
            return metrics.lines().filter(line -> line.startsWith(counter + "{"))
                    .filter(line -> !line.contains("uri=\"/actuator"))
                    .mapToLong(line -> (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    /** Runs a command to its end; returns what it printed, or throws when it fails. */
    static String run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(2, TimeUnit.MINUTES) || p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException(String.join(" ", command) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    static long millis(long since) {
        return (System.nanoTime() - since) / 1_000_000;
    }
}
