package io.jixiao.deploy;

import org.apache.kafka.common.Uuid;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A single-node Kafka in KRaft mode (broker and controller in one process), run as its own JVM from the
 * {@code kafka_2.13} jars on this JVM's class path. Its data lives in {@code <dir>/data}; the cluster id is
 * written there by the storage format, which runs only once, so a restart keeps topics and offsets.
 */
final class KafkaBroker {

    static final String MAIN_CLASS = "kafka.Kafka";
    static final String STORAGE_TOOL = "kafka.tools.StorageTool";

    private KafkaBroker() {
    }

    /** The broker's configuration, in file order. */
    static Map<String, String> serverProperties(int port, int controllerPort, Path logDir) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
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
    static Path prepare(Path dir, int port, int controllerPort, String classPath, Path log, Duration timeout) {
        try {
            Path data = dir.resolve("data");
            Files.createDirectories(data);
            Path config = dir.resolve("server.properties");
            Files.writeString(config, render(serverProperties(port, controllerPort, data)), StandardCharsets.UTF_8);
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
