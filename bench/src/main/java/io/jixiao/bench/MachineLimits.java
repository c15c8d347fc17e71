package io.jixiao.bench;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * (5) What this machine's PostgreSQL and Kafka do without the services: durable single-row insert transactions
 * into a table shaped like Axon's {@code domain_event_entry} (one connection per poster), batched inserts of
 * 1,000 rows per transaction, and a producer with {@code acks=all} and idempotence sending 1 KB records.
 */
final class MachineLimits {

    record Result(double insertsPerSecond, double batchedRowsPerSecond, double kafkaRecordsPerSecond) {
    }

    static final String TABLE = "bench_event_entry";
    static final String TOPIC = "bench.scratch";
    private static final int KAFKA_RECORDS = 200_000;
    private static final int BATCH = 1_000;

    private final Benchmark.Options o;

    MachineLimits(Benchmark.Options o) {
        this.o = o;
    }

    private Connection connect() throws Exception {
        return DriverManager.getConnection(o.jdbc(), o.user(), o.password());
    }

    Result run(Report report) throws Exception {
        Map<String, Object> s = report.section("machineLimits");
        String syncCommit;
        try (Connection c = connect(); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("show synchronous_commit")) {
                rs.next();
                syncCommit = rs.getString(1);
            }
            st.execute("drop table if exists " + TABLE);
            st.execute("drop sequence if exists " + TABLE + "_seq");
            st.execute("create sequence " + TABLE + "_seq");
            // the real event store's shape, constraints and indexes, so the limit is measured on the same table
            st.execute("create table " + TABLE + " (like domain_event_entry including all)");
            st.execute("alter table " + TABLE + " alter column global_index set default nextval('" + TABLE + "_seq')");
        }
        s.put("synchronousCommit", syncCommit);
        double inserts;
        double batched;
        try {
            inserts = singleRowInserts(s);
            batched = batchedInserts(s);
        } finally {
            try (Connection c = connect(); Statement st = c.createStatement()) {
                st.execute("drop table if exists " + TABLE);
                st.execute("drop sequence if exists " + TABLE + "_seq");
            }
        }
        report.row("durable single-row insert transactions, " + o.posters() + " connections (synchronous_commit "
                + syncCommit + ")", Report.f(inserts) + " tx/s", "table shaped like domain_event_entry");
        report.row("batched inserts, 1,000 rows per transaction", Report.f(batched) + " rows/s", "");
        double kafka = kafkaProducer(s);
        report.row("Kafka producer, acks=all, idempotent, 1 KB records", Report.f(kafka) + " records/s",
                KAFKA_RECORDS + " records to " + TOPIC);
        return new Result(inserts, batched, kafka);
    }

    private static byte[] payload() {
        byte[] b = new byte[400];
        ThreadLocalRandom.current().nextBytes(b);
        return b;
    }

    private static void bind(PreparedStatement ps, String aggregate, long sequence, byte[] payload) throws Exception {
        ps.setString(1, UUID.randomUUID().toString());
        ps.setBytes(2, new byte[]{'{', '}'});
        ps.setBytes(3, payload);
        ps.setString(4, "1");
        ps.setString(5, "io.jixiao.contracts.budget.ExpenditureRecorded");
        ps.setString(6, java.time.Instant.now().toString());
        ps.setString(7, aggregate);
        ps.setLong(8, sequence);
        ps.setString(9, "ProjectYear");
    }

    private static final String INSERT = "insert into " + TABLE + " (event_identifier, meta_data, payload, payload_revision,"
            + " payload_type, time_stamp, aggregate_identifier, sequence_number, type) values (?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private double singleRowInserts(Map<String, Object> s) throws Exception {
        int seconds = Math.max(3, o.seconds() / 2);
        AtomicLong done = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        List<Exception> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (int i = 0; i < o.posters(); i++) {
            String aggregate = "single-" + i;
            Thread t = new Thread(() -> {
                try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(INSERT)) {
                    c.setAutoCommit(true);
                    byte[] payload = payload();
                    for (long k = 0; System.nanoTime() < end; k++) {
                        bind(ps, aggregate, k, payload);
                        ps.executeUpdate();
                        done.incrementAndGet();
                    }
                } catch (Exception e) {
                    errors.add(e);
                }
            });
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        if (!errors.isEmpty()) {
            throw errors.get(0);
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        double rate = done.get() / elapsed;
        s.put("singleRowInsertConnections", o.posters());
        s.put("singleRowInserts", done.get());
        s.put("singleRowInsertsPerSecond", Report.round(rate, 1));
        return rate;
    }

    private double batchedInserts(Map<String, Object> s) throws Exception {
        int seconds = Math.max(3, o.seconds() / 2);
        long rows = 0;
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(INSERT)) {
            c.setAutoCommit(false);
            byte[] payload = payload();
            for (int b = 0; System.nanoTime() < end; b++) {
                for (int k = 0; k < BATCH; k++) {
                    bind(ps, "batched-" + b, k, payload);
                    ps.addBatch();
                }
                ps.executeBatch();
                c.commit();
                rows += BATCH;
            }
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        double rate = rows / elapsed;
        s.put("batchedRows", rows);
        s.put("batchedRowsPerTransaction", BATCH);
        s.put("batchedRowsPerSecond", Report.round(rate, 1));
        return rate;
    }

    private double kafkaProducer(Map<String, Object> s) throws Exception {
        Properties admin = new Properties();
        admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, o.kafka());
        int partitions;
        try (Admin a = Admin.create(admin)) {
            partitions = a.describeTopics(Set.of("budget.events")).allTopicNames().get(30, TimeUnit.SECONDS)
                    .get("budget.events").partitions().size();
            if (a.listTopics().names().get(30, TimeUnit.SECONDS).contains(TOPIC)) {
                a.deleteTopics(Set.of(TOPIC)).all().get(30, TimeUnit.SECONDS);
                Thread.sleep(1000);
            }
            a.createTopics(Set.of(new NewTopic(TOPIC, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, o.kafka());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        byte[] value = new byte[1024];
        ThreadLocalRandom.current().nextBytes(value);
        AtomicLong failed = new AtomicLong();
        double rate;
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p)) {
            producer.partitionsFor(TOPIC);
            long start = System.nanoTime();
            for (int i = 0; i < KAFKA_RECORDS; i++) {
                producer.send(new ProducerRecord<>(TOPIC, "k" + (i % 1000), value), (m, e) -> {
                    if (e != null) {
                        failed.incrementAndGet();
                    }
                });
            }
            producer.flush();
            double elapsed = (System.nanoTime() - start) / 1e9;
            rate = (KAFKA_RECORDS - failed.get()) / elapsed;
        } finally {
            try (Admin a = Admin.create(admin)) {
                a.deleteTopics(Set.of(TOPIC)).all().get(30, TimeUnit.SECONDS);
            }
        }
        s.put("kafkaPartitions", partitions);
        s.put("kafkaRecords", KAFKA_RECORDS);
        s.put("kafkaRecordBytes", value.length);
        s.put("kafkaFailed", failed.get());
        s.put("kafkaRecordsPerSecond", Report.round(rate, 1));
        return rate;
    }
}
