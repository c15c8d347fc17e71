package io.jixiao.deploy;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * PostgreSQL and Kafka alone, as {@code ./run --services ""} starts them: durable settings, the three databases,
 * a working broker, data kept across a restart, and every process gone after {@link Stack#close()}.
 */
class InfrastructureTest {

    @TempDir
    Path var;

    @Test
    void startsDurablePostgresAndKafkaThatKeepTheirDataAcrossARestart() throws Exception {
        StackConfig config = StackConfig.forTest(Path.of("").toAbsolutePath(), var).withServices(Set.of());
        List<ProcessHandle> started = new ArrayList<>();

        try (Stack stack = Stack.start(config)) {
            String url = stack.embeddedJdbcUrlFor("postgres");
            assertThat(query(url, "show fsync")).isEqualTo("on");
            assertThat(query(url, "show synchronous_commit")).isEqualTo("on");
            assertThat(query(url, "show full_page_writes")).isEqualTo("on");
            // loaded, so that an operator (or the benchmark) can create the extension and read per-statement times
            assertThat(query(url, "show shared_preload_libraries")).isEqualTo("pg_stat_statements");
            execute(url, "create extension pg_stat_statements");
            assertThat(query(url, "select count(*) > 0 from pg_stat_statements where query like 'show fsync%'")).isEqualTo("t");
            assertThat(query(url, "select string_agg(datname, ',' order by datname) from pg_database where datname in ('budget','indicator','scoring')"))
                    .isEqualTo("budget,indicator,scoring");
            assertThat(stack.database(Service.BUDGET).url()).isEqualTo(stack.embeddedJdbcUrlFor("budget"));

            execute(stack.embeddedJdbcUrlFor("budget"), "create table kept (v text)", "insert into kept values ('committed')");
            produce(stack.kafkaBootstrapServers(), "kept", "k", "v1");

            assertThatThrownBy(() -> Stack.start(config)).hasMessageContaining("already runs");
            assertThat(stack.processes()).containsOnlyKeys("postgres", "kafka");
            started.addAll(stack.processes().values());
            started.addAll(stack.processes().get("postgres").descendants().toList());
            assertThat(stack.residentSetKb()).containsKeys("kafka", "postgres (postmaster)");
        }
        assertThat(started).hasSizeGreaterThan(2);
        // pg_ctl returns when postmaster.pid is gone, a moment before the last backend has exited
        await().atMost(Duration.ofSeconds(10)).until(() -> started.stream().noneMatch(Processes::isRunning));

        try (Stack again = Stack.start(config)) {
            assertThat(query(again.embeddedJdbcUrlFor("budget"), "select v from kept")).isEqualTo("committed");
            assertThat(consumeAll(again.kafkaBootstrapServers(), "kept")).containsExactly("v1");
        }
    }

    static String query(String url, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, "postgres", "");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static void execute(String url, String... statements) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, "postgres", "");
             Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    private static void produce(String bootstrap, String topic, String key, String value) throws Exception {
        Map<String, Object> props = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        }
    }

    private static List<String> consumeAll(String bootstrap, String topic) {
        Map<String, Object> props = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    values.add(r.value());
                }
                return !values.isEmpty();
            });
        }
        return values;
    }
}
