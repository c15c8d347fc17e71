package io.jixiao.bench;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Flight recordings of the stack's JVMs over one measured window ({@code --profile DIR}): {@code jcmd JFR.start} on
 * every Java process of {@code var/stack.children} when the window opens, {@code JFR.stop} when it closes, one
 * {@code <process>.jfr} each. Then, per process, where its CPU samples fall: the methods on top of the stack (self
 * time) and the components (package prefixes) anywhere on it (inclusive), as shares of the process's samples.
 */
final class Profiles {

    /** Components worth naming on the write path, by package prefix; a sample counts once per component. */
    static final Map<String, String> COMPONENTS = componentMap();

    private static Map<String, String> componentMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("org.hibernate.", "Hibernate");
        m.put("org.axonframework.", "Axon");
        m.put("org.postgresql.", "PostgreSQL driver");
        m.put("com.zaxxer.hikari.", "Hikari");
        m.put("com.fasterxml.jackson.", "Jackson");
        m.put("tools.jackson.", "Jackson");
        m.put("org.springframework.security.", "Spring Security");
        m.put("org.springframework.cloud.gateway.", "Spring Cloud Gateway");
        m.put("reactor.netty.", "Reactor Netty");
        m.put("io.netty.", "Netty");
        m.put("org.apache.catalina.", "Tomcat");
        m.put("org.apache.coyote.", "Tomcat");
        m.put("io.micrometer.", "Micrometer");
        m.put("ch.qos.logback.", "Logback");
        m.put("org.apache.kafka.", "Kafka client");
        m.put("kafka.", "Kafka broker");
        m.put("com.nimbusds.", "Nimbus JOSE (token check)");
        m.put("io.jixiao.", "jixiao");
        return m;
    }

    private static final String RECORDING = "bench";

    private final Map<String, Long> javaProcesses;
    private final Path dir;

    private Profiles(Map<String, Long> javaProcesses, Path dir) {
        this.javaProcesses = javaProcesses;
        this.dir = dir;
    }

    /** Starts a recording in every Java process of the stack (PostgreSQL is not one). */
    static Profiles start(Path root, Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Map<String, Long> java = new LinkedHashMap<>();
        for (String line : Files.readAllLines(root.resolve("var/stack.children"))) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 2 && !f[0].equals("postgres")) {
                java.put(f[0], Long.parseLong(f[1]));
            }
        }
        Profiles p = new Profiles(java, dir.toAbsolutePath());
        for (Map.Entry<String, Long> e : java.entrySet()) {
            p.jcmd(e.getValue(), "JFR.start", "name=" + RECORDING, "settings=profile",
                    "filename=" + p.dir.resolve(e.getKey() + ".jfr"));
        }
        return p;
    }

    /** Stops every recording (each is written to its file) and returns the files. */
    Map<String, Path> stop() throws IOException, InterruptedException {
        Map<String, Path> files = new LinkedHashMap<>();
        for (Map.Entry<String, Long> e : javaProcesses.entrySet()) {
            jcmd(e.getValue(), "JFR.stop", "name=" + RECORDING);
            Path file = dir.resolve(e.getKey() + ".jfr");
            if (Files.exists(file)) {
                files.put(e.getKey(), file);
            }
        }
        return files;
    }

    private void jcmd(long pid, String... command) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(pid)));
        cmd.addAll(List.of(command));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("jcmd.log").toFile())
                .start();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException("jcmd " + pid + " " + String.join(" ", command) + " failed; see " + dir.resolve("jcmd.log"));
        }
    }

    /** Where one process's CPU samples fall. */
    record Summary(long samples, Map<String, Long> topMethods, Map<String, Long> components) {

        String share(long n) {
            return samples == 0 ? "0%" : String.format(Locale.ROOT, "%.1f%%", 100.0 * n / samples);
        }

        String topMethodsText(int n) {
            return topMethods.entrySet().stream().limit(n).map(e -> e.getKey() + " " + share(e.getValue()))
                    .collect(Collectors.joining(", "));
        }

        String componentsText() {
            return components.entrySet().stream().map(e -> e.getKey() + " " + share(e.getValue()))
                    .collect(Collectors.joining(", "));
        }
    }

    /** Reads a recording's {@code jdk.ExecutionSample} events. */
    static Summary summarize(Path recording) throws IOException {
        Map<String, Long> self = new LinkedHashMap<>();
        Map<String, Long> components = new LinkedHashMap<>();
        long samples = 0;
        try (RecordingFile file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                RecordedEvent event = file.readEvent();
                if (!event.getEventType().getName().equals("jdk.ExecutionSample")) {
                    continue;
                }
                RecordedStackTrace stack = event.getStackTrace();
                if (stack == null || stack.getFrames().isEmpty()) {
                    continue;
                }
                samples++;
                self.merge(method(stack.getFrames().get(0)), 1L, Long::sum);
                Set<String> seen = new HashSet<>();
                for (RecordedFrame frame : stack.getFrames()) {
                    String type = frame.getMethod().getType().getName();
                    for (Map.Entry<String, String> c : COMPONENTS.entrySet()) {
                        if (type.startsWith(c.getKey()) && seen.add(c.getValue())) {
                            components.merge(c.getValue(), 1L, Long::sum);
                        }
                    }
                }
            }
        }
        return new Summary(samples, sortedByCount(self), sortedByCount(components));
    }

    static String method(RecordedFrame frame) {
        String type = frame.getMethod().getType().getName();
        return type.substring(type.lastIndexOf('.') + 1) + "." + frame.getMethod().getName();
    }

    private static Map<String, Long> sortedByCount(Map<String, Long> counts) {
        return counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
    }

    /** Stops the recordings and adds, per process, its top methods and components to the report. */
    /** Stops the recordings and adds their summaries to {@code report}, under {@code section} of results.json. */
    void report(Report report, String section, String phase) throws IOException, InterruptedException {
        Map<String, Object> processes = report.section(section);
        for (Map.Entry<String, Path> e : stop().entrySet()) {
            Summary s = summarize(e.getValue());
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("samples", s.samples());
            p.put("recording", e.getValue().getFileName().toString());
            p.put("topMethods", s.topMethodsText(8));
            p.put("components", s.componentsText());
            processes.put(e.getKey(), p);
            report.row("profile of " + e.getKey() + " (" + phase + ", " + s.samples() + " CPU samples)",
                    "top: " + s.topMethodsText(5), "on the stack: " + s.componentsText());
        }
    }
}
