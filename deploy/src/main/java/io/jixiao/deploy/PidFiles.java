package io.jixiao.deploy;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The pid files of a var directory: one stack per var directory, and {@code stop} from another shell.
 * {@code stack.pid} names the stack's own JVM, {@code stack.children} every process it started.
 */
final class PidFiles {

    private static final String PID_FILE = "stack.pid";
    private static final String CHILDREN_FILE = "stack.children";

    private final Path varDir;
    private boolean wrotePidFile;

    PidFiles(Path varDir) {
        this.varDir = varDir;
    }

    /** A process identified by pid and start time, so a reused pid is never mistaken for ours. */
    record ProcessId(String name, long pid, long startMillis) {

        static ProcessId of(String name, ProcessHandle handle) {
            return new ProcessId(name, handle.pid(), startMillis(handle));
        }

        static ProcessId parse(String line) {
            String[] f = line.trim().split("\\s+");
            return new ProcessId(f[0], Long.parseLong(f[1]), Long.parseLong(f[2]));
        }

        String line() {
            return name + " " + pid + " " + startMillis;
        }

        Optional<ProcessHandle> live() {
            return ProcessHandle.of(pid).filter(Processes::isRunning).filter(h -> startMillis(h) == startMillis);
        }

        private static long startMillis(ProcessHandle handle) {
            return handle.info().startInstant().map(Instant::toEpochMilli).orElse(-1L);
        }
    }

    void writePidFile() {
        write(varDir.resolve(PID_FILE), ProcessId.of("stack", ProcessHandle.current()).line() + "\n");
        wrotePidFile = true;
    }

    void writeChildrenFile(Map<String, ProcessHandle> children) {
        write(varDir.resolve(CHILDREN_FILE), children.entrySet().stream()
                .map(e -> ProcessId.of(e.getKey(), e.getValue()).line() + "\n").collect(Collectors.joining()));
    }

    void guardSingleInstance() {
        for (ProcessId id : readIds(varDir.resolve(PID_FILE))) {
            if (id.live().isPresent()) { // this very JVM too: two stacks on one data directory cannot work
                throw new IllegalStateException("a stack already runs from " + varDir + " (pid " + id.pid()
                        + "); stop it with ./run stop");
            }
        }
    }

    /** Removes both files when this stack wrote them. */
    void delete() {
        try {
            // only our own files: a start refused because another stack runs must leave that one's alone
            if (wrotePidFile) {
                Files.deleteIfExists(varDir.resolve(CHILDREN_FILE));
                Files.deleteIfExists(varDir.resolve(PID_FILE));
            }
        } catch (IOException e) {
            System.err.println("could not remove " + varDir.resolve(PID_FILE) + ": " + e.getMessage());
        }
    }

    /**
     * Stops processes an earlier stack started and left behind (its JVM was killed with SIGKILL), matched by pid
     * and start time. Services first, PostgreSQL last.
     */
    static void stopLeftovers(Path varDir, PrintStream out) {
        Path file = varDir.resolve(CHILDREN_FILE);
        List<ProcessId> ids = new ArrayList<>(readIds(file));
        java.util.Collections.reverse(ids);
        for (ProcessId id : ids) {
            id.live().ifPresent(handle -> {
                out.println("stopping " + id.name() + " (pid " + id.pid() + ") left over from an earlier run");
                Processes.stop(List.of(handle), Duration.ofSeconds(30));
            });
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code Stack stop}: asks the stack running from {@code varDir} to stop, and waits for it. */
    /** Whether the stack recorded in {@code varDir}'s pid file is alive. */
    static boolean running(Path varDir) {
        return readIds(varDir.resolve(PID_FILE)).stream().findFirst().flatMap(ProcessId::live).isPresent();
    }

    static int stopRunning(Path varDir, PrintStream out) {
        List<ProcessId> ids = readIds(varDir.resolve(PID_FILE));
        Optional<ProcessHandle> stack = ids.stream().findFirst().flatMap(ProcessId::live);
        if (stack.isEmpty()) {
            out.println("no stack running from " + varDir);
            stopLeftovers(varDir, out);
            return 0;
        }
        out.println("stopping the stack (pid " + stack.get().pid() + ")");
        stack.get().destroy(); // SIGTERM: its shutdown hook stops its children
        try {
            stack.get().onExit().get(120, TimeUnit.SECONDS);
        } catch (Exception e) {
            out.println("the stack did not stop within 120 s: " + e);
            return 1;
        }
        stopLeftovers(varDir, out);
        out.println("stopped");
        return 0;
    }

    private static List<ProcessId> readIds(Path file) {
        try {
            if (!Files.isRegularFile(file)) {
                return List.of();
            }
            return Files.readAllLines(file).stream().filter(l -> !l.isBlank()).map(ProcessId::parse).toList();
        } catch (IOException | RuntimeException e) {
            return List.of(); // unreadable or from another format: nothing we can safely act on
        }
    }

    private static void write(Path file, String content) {
        try {
            Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
