package io.jixiao.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The processes one stack starts. Each starts under one lock, only while the stack is open, and is written to
 * {@code stack.children} at once: {@link Stack#close()} (also run by the shutdown hook) sees every process that
 * got started, none starts after it, and a later start finds what a killed stack left behind.
 */
final class ChildProcesses {

    private final StackConfig config;
    private final PidFiles pidFiles;
    private final Object lock = new Object();
    private final Map<String, ProcessHandle> children = new LinkedHashMap<>();

    private boolean closed;

    ChildProcesses(StackConfig config, PidFiles pidFiles) {
        this.config = config;
        this.pidFiles = pidFiles;
    }

    /**
     * Runs {@code start} under the lock unless the stack is stopping, then rewrites the children file; what
     * {@code start} starts, it records with {@link #add}.
     */
    void startWhileOpen(Runnable start) {
        synchronized (lock) {
            ensureOpen();
            start.run();
            pidFiles.writeChildrenFile(children);
        }
    }

    /** Records a started process; called from within {@link #startWhileOpen}. */
    void add(String name, ProcessHandle process) {
        synchronized (lock) {
            children.put(name, process);
        }
    }

    /**
     * Marks the stack as stopping: nothing starts from now on. False when it already was. Whatever a start under
     * way recorded is visible once this returns, since both hold the same lock.
     */
    boolean markClosed() {
        synchronized (lock) {
            if (closed) {
                return false;
            }
            closed = true;
            return true;
        }
    }

    boolean isClosed() {
        synchronized (lock) {
            return closed;
        }
    }

    /** Every process started, by name, in start order. */
    Map<String, ProcessHandle> snapshot() {
        synchronized (lock) {
            return new LinkedHashMap<>(children);
        }
    }

    Process spawn(List<String> command, Map<String, String> extraEnv, Path log) {
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(config.root().toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        // children see the configured environment (tests drop external-database variables), plus their own
        builder.environment().clear();
        builder.environment().putAll(config.environment());
        builder.environment().putAll(extraEnv);
        try {
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + command.get(0), e);
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the stack is stopping");
        }
    }

    static void requireFree(String what, int port) {
        if (Processes.accepts("127.0.0.1", port)) {
            throw new IllegalStateException(what + ": port " + port + " is already in use (another stack running? ./run stop)");
        }
    }

    /** Keeps the previous run's log as {@code .log.1}: after a crash, that is the one worth reading. */
    static void rotate(Path log) {
        try {
            if (Files.exists(log)) {
                Files.move(log, log.resolveSibling(log.getFileName() + ".1"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
