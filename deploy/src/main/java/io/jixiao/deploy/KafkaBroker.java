package io.jixiao.deploy;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A single-node Kafka in KRaft mode (broker and controller in one process), run as its own JVM from the
 * {@code kafka_2.13} jars on this JVM's class path. Its data lives in {@code <dir>/data}; the cluster id is
 * written there by the storage format, which runs only once, so a restart keeps topics and offsets.
 *
 * <p>An instance is the broker of one stack ({@code <var>/kafka}, log {@code <var>/log/kafka.log}); the static
 * methods write its configuration and command.
 */
final class KafkaBroker {

    static final String MAIN_CLASS = "kafka.Kafka";
    static final String ADVERTISED_PORT = StackConfig.KAFKA_ADVERTISED_PORT;
    static final String STORAGE_TOOL = "kafka.tools.StorageTool";

    private static final Duration KAFKA_READY_TIMEOUT = Duration.ofSeconds(90);

    private final StackConfig config;
    private final Path varDir;
    private final Path log;
    private final ChildProcesses children;

    private Process kafka;
    private List<String> command;
    private int kafkaPort;
    private Duration kafkaTime = Duration.ZERO;

    KafkaBroker(StackConfig config, Path varDir, Path logDir, ChildProcesses children) {
        this.config = config;
        this.varDir = varDir;
        this.log = logDir.resolve("kafka.log");
        this.children = children;
    }

    /** Starts the broker and returns once it serves metadata. */
    void start() {
        long t0 = System.nanoTime();
        kafkaPort = config.kafkaPort() == 0 ? Processes.freePort() : config.kafkaPort();
        int controllerPort = config.kafkaControllerPort() == 0 ? Processes.freePort() : config.kafkaControllerPort();
        ChildProcesses.requireFree("Kafka", kafkaPort);
        ChildProcesses.requireFree("Kafka controller", controllerPort);
        ChildProcesses.rotate(log);
        // The kafka_2.13 jars and their dependencies are on this JVM's class path, whether it runs from
        // deploy/target/lib/* or inside the test JVM.
        String classPath = Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .filter(e -> !e.isBlank())
                .map(e -> Path.of(e).toAbsolutePath().toString())
                .collect(Collectors.joining(java.io.File.pathSeparator));
        // a proxy in front of the broker (the fault suite's) is what clients must be told to connect to
        int advertisedPort = Optional.ofNullable(config.environment().get(ADVERTISED_PORT)).map(Integer::parseInt).orElse(kafkaPort);
        Path properties = prepare(varDir.resolve("kafka"), kafkaPort, advertisedPort, controllerPort, classPath, log,
                Duration.ofSeconds(60));
        List<String> jvmOptions = new ArrayList<>(config.kafkaJvmOptions());
        jvmOptions.addAll(config.jitOptions("kafka"));
        command = command(classPath, jvmOptions, MAIN_CLASS, properties.toString());
        spawn();
        Processes.await("Kafka on port " + kafkaPort, KAFKA_READY_TIMEOUT, kafka::isAlive,
                () -> Processes.accepts("127.0.0.1", kafkaPort), Optional.of(log));
        awaitBrokerRegistered();
        kafkaTime = Duration.ofNanos(System.nanoTime() - t0);
    }

    private void spawn() {
        children.startWhileOpen(() -> {
            kafka = children.spawn(command, Map.of(), log);
            children.add("kafka", kafka.toHandle());
        });
    }

    /**
     * Starts the broker that exited again, on the same ports and data (its log appended to), for the
     * {@link Supervisor}; it does not wait for it to serve.
     */
    Supervisor.Started restart() {
        if (command == null) {
            throw new IllegalStateException("Kafka was never started");
        }
        ChildProcesses.requireFree("Kafka", kafkaPort);
        spawn();
        return Supervisor.Started.of(kafka);
    }

    /** An open port is not yet a broker that serves metadata; ask it for the cluster. */
    private void awaitBrokerRegistered() {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "30000");
        try (Admin admin = Admin.create(props)) {
            int nodes = admin.describeCluster().nodes().get(45, TimeUnit.SECONDS).size();
            if (nodes < 1) {
                throw new IllegalStateException("Kafka reports no broker; see " + log);
            }
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("Kafka did not become ready; see " + log + "\n" + Processes.tail(log, 40), e);
        }
    }

    String bootstrapServers() {
        return "127.0.0.1:" + kafkaPort;
    }

    /** The broker's JVM, once started. */
    Optional<Process> process() {
        return Optional.ofNullable(kafka);
    }

    Path log() {
        return log;
    }

    /** From the start until it served metadata; zero when it did not get there. */
    Duration startupTime() {
        return kafkaTime;
    }

    /** The broker's configuration, in file order. */
    static Map<String, String> serverProperties(int port, int controllerPort, Path logDir) {
        return serverProperties(port, port, controllerPort, logDir);
    }

    /** The same, telling clients to connect to {@code advertisedPort} (a proxy in front of {@code port}). */
    static Map<String, String> serverProperties(int port, int advertisedPort, int controllerPort, Path logDir) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + advertisedPort);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("log.dirs", logDir.toAbsolutePath().toString());
        // one node: every internal topic has a single replica, or it is never created
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "10");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("default.replication.factor", "1");
        p.put("min.insync.replicas", "1");
        p.put("num.partitions", "1");
        p.put("auto.create.topics.enable", "true");
        // consumers join at once instead of waiting 3 s for company that never comes
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("num.network.threads", "2");
        p.put("num.io.threads", "4");
        return p;
    }

    static String render(Map<String, String> properties) {
        StringBuilder out = new StringBuilder("# written by io.jixiao.deploy.Stack on every start; edit the code, not this file\n");
        // Properties files treat backslash as an escape; a Windows path would need doubling
        properties.forEach((k, v) -> out.append(k).append('=').append(v.replace("\\", "\\\\")).append('\n'));
        return out.toString();
    }

    /** Writes {@code server.properties} into {@code dir} and formats the storage when it never was. */
    static Path prepare(Path dir, int port, int advertisedPort, int controllerPort, String classPath, Path log, Duration timeout) {
        try {
            Path data = dir.resolve("data");
            Files.createDirectories(data);
            Path config = dir.resolve("server.properties");
            Files.writeString(config, render(serverProperties(port, advertisedPort, controllerPort, data)), StandardCharsets.UTF_8);
            if (!isFormatted(data)) {
                List<String> format = command(classPath, List.of("-Xmx128m", "-XX:+UseSerialGC"), STORAGE_TOOL,
                        "format", "-t", Uuid.randomUuid().toString(), "-c", config.toString(), "--ignore-formatted");
                Process process = new ProcessBuilder(format)
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                        .start();
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    throw new IllegalStateException("Kafka storage format did not finish within " + timeout + "; see " + log);
                }
                if (process.exitValue() != 0 || !isFormatted(data)) {
                    throw new IllegalStateException("Kafka storage format failed (exit " + process.exitValue() + "); see " + log);
                }
            }
            return config;
        } catch (IOException e) {
            throw new UncheckedIOException("could not prepare Kafka in " + dir, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while formatting Kafka storage", e);
        }
    }

    static boolean isFormatted(Path data) {
        return Files.isRegularFile(data.resolve("meta.properties"));
    }

    static List<String> command(String classPath, List<String> jvmOptions, String mainClass, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Processes.javaExecutable());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classPath);
        command.add(mainClass);
        command.addAll(List.of(args));
        return command;
    }
}
