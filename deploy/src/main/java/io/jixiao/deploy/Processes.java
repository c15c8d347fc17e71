package io.jixiao.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/** Small process and socket helpers; every wait here is bounded. */
final class Processes {

    private Processes() {
    }

    /** The {@code java} of the JDK running this launcher, so children run on the same version. */
    static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * Asks each process and its descendants to stop (SIGTERM), waits up to {@code grace} for all of them
     * together, then kills what is left. Only the handles given, and their descendants, are touched.
     */
    static void stop(Collection<ProcessHandle> processes, Duration grace) {
        List<ProcessHandle> all = new ArrayList<>();
        for (ProcessHandle p : processes) {
            // descendants first: once the parent is gone they are reparented and no longer found
            p.descendants().forEach(all::add);
            all.add(p);
        }
        all.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroy);
        CompletableFuture<?>[] exits = all.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(exits).get(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            all.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
            CompletableFuture.allOf(exits).completeOnTimeout(null, 5, TimeUnit.SECONDS).join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            all.forEach(ProcessHandle::destroyForcibly);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Resident set size in kB from {@code /proc/<pid>/status}; empty when the process is gone or not on Linux. */
    static OptionalLong residentSetKb(long pid) {
        return procField(Path.of("/proc", Long.toString(pid), "status"), "VmRSS:");
    }

    /**
     * Proportional set size in kB: shared pages divided among the processes sharing them. The honest figure for
     * PostgreSQL, whose shared buffers appear in the RSS of every backend.
     */
    static OptionalLong proportionalSetKb(long pid) {
        return procField(Path.of("/proc", Long.toString(pid), "smaps_rollup"), "Pss:");
    }

    /**
     * Private memory in kB (clean and dirty pages no other process maps): what a process holds of its own, without the
     * shared buffers it has touched.
     */
    static OptionalLong privateKb(long pid) {
        Path rollup = Path.of("/proc", Long.toString(pid), "smaps_rollup");
        OptionalLong clean = procField(rollup, "Private_Clean:");
        OptionalLong dirty = procField(rollup, "Private_Dirty:");
        return clean.isPresent() && dirty.isPresent() ? OptionalLong.of(clean.getAsLong() + dirty.getAsLong()) : OptionalLong.empty();
    }

    /** The private memory of a process plus all its descendants. */
    static long privateKbWithDescendants(ProcessHandle process) {
        long sum = privateKb(process.pid()).orElse(0);
        for (ProcessHandle child : process.descendants().toList()) {
            sum += privateKb(child.pid()).orElse(0);
        }
        return sum;
    }

    private static OptionalLong procField(Path file, String field) {
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.startsWith(field)) {
                    return OptionalLong.of(Long.parseLong(line.substring(field.length()).replace("kB", "").trim()));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // gone, or no procfs: nothing to report
        }
        return OptionalLong.empty();
    }

    /** The PSS of a process plus all its descendants (PostgreSQL forks one backend per connection). */
    static long proportionalSetKbWithDescendants(ProcessHandle process) {
        long sum = proportionalSetKb(process.pid()).orElse(0);
        for (ProcessHandle child : process.descendants().toList()) {
            sum += proportionalSetKb(child.pid()).orElse(0);
        }
        return sum;
    }

    /**
     * Alive and not a zombie: a killed process whose parent has not reaped it yet still answers to its pid.
     */
    static boolean isRunning(ProcessHandle process) {
        if (!process.isAlive()) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            // the state follows the command name, which is in parentheses and may itself contain spaces
            String afterName = stat.substring(stat.lastIndexOf(')') + 1).trim();
            return !afterName.startsWith("Z") && !afterName.startsWith("X");
        } catch (IOException | RuntimeException e) {
            return process.isAlive();
        }
    }

    static boolean accepts(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Polls {@code condition} until true; fails when {@code alive} turns false or the time is up. */
    static void await(String what, Duration timeout, BooleanSupplier alive, BooleanSupplier condition,
                      Optional<Path> log) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (!alive.getAsBoolean()) {
                throw new IllegalStateException(what + ": the process exited" + tailOf(log));
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(what + ": not ready within " + timeout.toSeconds() + " s" + tailOf(log));
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(what + ": interrupted", e);
            }
        }
    }

    private static String tailOf(Optional<Path> log) {
        return log.map(l -> "; last lines of " + l + ":\n" + tail(l, 60)).orElse("");
    }

    static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** A port free right now on loopback. Another process may take it before use; tests accept that small race. */
    /**
     * A port free now, below the kernel's ephemeral range (32768-60999 on Linux): a port handed out from that range
     * can be taken meanwhile by any outgoing connection of the machine, and a stack chooses its gateway's port a minute
     * before the gateway binds it (a run failed that way: "gateway: port … is already in use").
     */
    static int freePort() {
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = random.nextInt(20_000, 32_000);
            try (ServerSocket socket = new ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
                return socket.getLocalPort();
            } catch (IOException taken) {
                // another one
            }
        }
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }
}
