package io.jixiao.deploy;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Restarts a stack's process that exits while the stack runs: a service, the auth-server, Kafka or PostgreSQL's
 * postmaster. Each exit is told on the launcher's output and recorded in {@code <var>/supervision.txt}, which
 * {@code ./run status} prints.
 *
 * <p>A process is restarted after a backoff that doubles with each exit inside the window ({@link Policy}: 1 s, 2 s,
 * 4 s, … at most 30 s). One that exits {@code maxExits} times within the window (5 in a minute) is left down and
 * reported: a crash loop (a port taken, a broken configuration, a full disk) is not cured by restarting it forever.
 * Once the stack stops ({@link #close}), exits are the stop's own and nothing is restarted.
 */
public final class Supervisor implements AutoCloseable {

    /** When to give up, and how long to wait before each restart. */
    public record Policy(int maxExits, Duration window, Duration firstBackoff, Duration maxBackoff) {

        public static final Policy DEFAULT = new Policy(5, Duration.ofMinutes(1), Duration.ofSeconds(1), Duration.ofSeconds(30));

        /** The wait before the restart that follows the {@code exits}-th exit inside the window. */
        Duration backoff(int exits) {
            long millis = firstBackoff.toMillis() << Math.min(Math.max(exits - 1, 0), 20);
            return Duration.ofMillis(Math.min(millis, maxBackoff.toMillis()));
        }
    }

    /** Starts a process anew and returns it; throws when it cannot. */
    interface Restart {
        Started start() throws Exception;
    }

    /** A started process: its handle, and the {@code Process} itself when this JVM started it (for its exit code). */
    record Started(ProcessHandle handle, Optional<Process> process) {

        static Started of(Process process) {
            return new Started(process.toHandle(), Optional.of(process));
        }

        static Started of(ProcessHandle handle) {
            return new Started(handle, Optional.empty());
        }

        String exit() {
            return process.map(p -> "exit code " + p.exitValue()).orElse("exited");
        }
    }

    /** HELD: stopped on purpose ({@link #hold}), and started again only by {@link #release}. */
    public enum State { RUNNING, RESTARTING, DOWN, HELD }

    /** One exit: when, and how. */
    public record Exit(Instant at, String how) {
    }

    /** What is known of one supervised process. */
    private static final class Watched {
        final String name;
        final Restart restart;
        final Deque<Instant> recent = new ArrayDeque<>();
        final List<Exit> exits = new ArrayList<>();
        Started current;
        boolean held;
        State state = State.RUNNING;
        Instant since;
        int restarts;

        Watched(String name, Restart restart, Started current, Instant since) {
            this.name = name;
            this.restart = restart;
            this.current = current;
            this.since = since;
        }
    }

    private final Clock clock;
    private final Policy policy;
    private final Path statusFile;
    private final PrintStream out;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "stack-supervisor");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, Watched> watched = new LinkedHashMap<>();
    private boolean closed;

    Supervisor(Clock clock, Policy policy, Path statusFile, PrintStream out) {
        this.clock = clock;
        this.policy = policy;
        this.statusFile = statusFile;
        this.out = out;
    }

    /** Watches {@code started}, restarting it with {@code restart} whenever it exits while the stack runs. */
    void watch(String name, Started started, Restart restart) {
        Watched w;
        synchronized (this) {
            if (closed) {
                return;
            }
            w = new Watched(name, restart, started, clock.instant());
            watched.put(name, w);
            writeStatus();
        }
        onExit(w, started);
    }

    private void onExit(Watched w, Started started) {
        started.handle().onExit().thenRun(() -> exited(w, started));
    }

    private void exited(Watched w, Started started) {
        synchronized (this) {
            if (closed || w.current != started) {
                return;
            }
            w.current = null;
            if (w.held) {
                // stopped on purpose: neither an exit that counts towards giving up, nor one to restart from
                w.state = State.HELD;
                w.since = clock.instant();
                out.println(time(w.since) + " " + w.name + " " + started.exit() + " (pid " + started.handle().pid()
                        + "), held down on purpose");
                writeStatus();
                return;
            }
        }
        recordExit(w, started.exit() + " (pid " + started.handle().pid() + ")");
    }

    /**
     * From now on, an exit of {@code name} is not restarted until {@link #release}: for stopping a process on purpose
     * for a while (a fault suite's broker outage) without the supervisor undoing it.
     */
    public synchronized void hold(String name) {
        watchedOrThrow(name).held = true;
    }

    /** Ends {@link #hold}: a held process that exited meanwhile is started again now. */
    public void release(String name) {
        Watched w;
        synchronized (this) {
            w = watchedOrThrow(name);
            w.held = false;
            if (closed || w.current != null) {
                return;
            }
            w.state = State.RESTARTING;
            writeStatus();
        }
        scheduler.execute(() -> restart(w));
    }

    private Watched watchedOrThrow(String name) {
        Watched w = watched.get(name);
        if (w == null) {
            throw new IllegalArgumentException(name + " is not supervised; supervised: " + watched.keySet());
        }
        return w;
    }

    /** An exit, or a restart that failed: restart after the backoff, or give up. */
    private void recordExit(Watched w, String how) {
        Duration wait;
        synchronized (this) {
            if (closed) {
                return;
            }
            Instant now = clock.instant();
            w.exits.add(new Exit(now, how));
            w.recent.addLast(now);
            while (!w.recent.isEmpty() && w.recent.peekFirst().isBefore(now.minus(policy.window()))) {
                w.recent.removeFirst();
            }
            w.since = now;
            if (w.recent.size() >= policy.maxExits()) {
                w.state = State.DOWN;
                out.println(time(now) + " " + w.name + " " + how + ": " + w.recent.size() + " exits within "
                        + policy.window().toSeconds() + " s, left down (see its log; ./run status)");
                writeStatus();
                return;
            }
            w.state = State.RESTARTING;
            wait = policy.backoff(w.recent.size());
            out.println(time(now) + " " + w.name + " " + how + "; restarting in " + wait.toMillis() + " ms (exit "
                    + w.recent.size() + " of at most " + policy.maxExits() + " within " + policy.window().toSeconds() + " s)");
            writeStatus();
        }
        scheduler.schedule(() -> restart(w), wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void restart(Watched w) {
        synchronized (this) {
            if (closed) {
                return;
            }
        }
        Started started;
        try {
            started = w.restart.start();
        } catch (Exception e) {
            // counted as an exit: a process that cannot even start is given up on as quickly as one that dies
            recordExit(w, "did not start again: " + e.getMessage());
            return;
        }
        synchronized (this) {
            if (closed) {
                started.handle().destroy();
                return;
            }
            w.current = started;
            w.state = State.RUNNING;
            w.since = clock.instant();
            w.restarts++;
            out.println(time(w.since) + " " + w.name + " restarted (pid " + started.handle().pid() + ", restart "
                    + w.restarts + ")");
            writeStatus();
        }
        onExit(w, started);
    }

    /** The supervised processes' current handles, by name. */
    public synchronized Map<String, ProcessHandle> current() {
        Map<String, ProcessHandle> handles = new LinkedHashMap<>();
        watched.forEach((name, w) -> {
            if (w.current != null) {
                handles.put(name, w.current.handle());
            }
        });
        return handles;
    }

    public synchronized State state(String name) {
        Watched w = watched.get(name);
        return w == null ? null : w.state;
    }

    public synchronized int restarts(String name) {
        Watched w = watched.get(name);
        return w == null ? 0 : w.restarts;
    }

    public synchronized List<Exit> exits(String name) {
        Watched w = watched.get(name);
        return w == null ? List.of() : List.copyOf(w.exits);
    }

    /** From now on exits are the stack's own stop: none is restarted. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        scheduler.shutdownNow();
    }

    /** The table {@code ./run status} prints, rewritten (atomically) after every change. */
    private void writeStatus() {
        StringBuilder text = new StringBuilder();
        text.append("# processes of the stack, as ./run supervises them; updated ").append(time(clock.instant())).append('\n');
        text.append(String.format(Locale.ROOT, "%-18s %-10s %-8s %-22s %-8s %s%n", "process", "state", "pid", "since",
                "restarts", "exits (latest last)"));
        for (Watched w : watched.values()) {
            List<Exit> latest = w.exits.subList(Math.max(0, w.exits.size() - 5), w.exits.size());
            String exits = latest.isEmpty() ? "-" : String.join("; ", latest.stream()
                    .map(e -> time(e.at()) + " " + e.how()).toList()) + (w.exits.size() > 5 ? " (" + w.exits.size() + " in all)" : "");
            text.append(String.format(Locale.ROOT, "%-18s %-10s %-8s %-22s %-8d %s%n", w.name, w.state,
                    w.state == State.RUNNING && w.current != null ? Long.toString(w.current.handle().pid()) : "-", time(w.since), w.restarts, exits));
        }
        try {
            Path temporary = statusFile.resolveSibling(statusFile.getFileName() + ".tmp");
            Files.writeString(temporary, text, StandardCharsets.UTF_8);
            Files.move(temporary, statusFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + statusFile, e);
        }
    }

    private static String time(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** What {@code ./run status} prints: the table, or why there is none. */
    static String status(Path varDir) {
        Path file = varDir.resolve(FILE);
        if (!Files.exists(file)) {
            return "no supervised stack has run from " + varDir + "\n";
        }
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static final String FILE = "supervision.txt";
}
