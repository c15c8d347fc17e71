package io.jixiao.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Where the CPU goes during a phase: user plus system time of every process of the stack (from /proc, as listed in
 * {@code var/stack.children}) and of the benchmark itself, taken before and after the measured window. PostgreSQL
 * is the postmaster with its children; the postmaster's {@code cutime/cstime} keeps the time of backends that
 * exited in between. Divided by the items the phase handled, it gives CPU milliseconds per payment (or event) per
 * process: on a machine of {@code cores} cores, {@code cores * 1000 / total} is the most such a phase can do.
 */
final class CpuTime {

    /** Clock ticks per second of /proc/<pid>/stat on Linux (USER_HZ, 100 on every mainstream kernel). */
    private static final double TICKS_PER_SECOND = 100;

    record Snapshot(Map<String, Long> ticks, long nanos) {
    }

    private final Path children;

    CpuTime(Path root) {
        this.children = root.resolve("var/stack.children");
    }

    Snapshot take() {
        Map<String, Long> ticks = new LinkedHashMap<>();
        try {
            if (Files.exists(children)) {
                for (String line : Files.readAllLines(children)) {
                    String[] f = line.trim().split("\\s+");
                    if (f.length >= 2) {
                        long pid = Long.parseLong(f[1]);
                        ticks.put(f[0], f[0].equals("postgres") ? postgres(pid) : ticks(pid, false));
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or the stack is gone: the report says n/a
        }
        ticks.put("bench", ticks(ProcessHandle.current().pid(), false));
        return new Snapshot(ticks, System.nanoTime());
    }

    /**
     * Adds a row with CPU ms per item for each process, and a JSON section under {@code name}. Returns the total
     * CPU ms per item, 0 when nothing could be read.
     */
    double report(Report report, String name, String what, Snapshot before, Snapshot after, long items) {
        Map<String, Object> s = cpuSection(report, name);
        double wall = (after.nanos() - before.nanos()) / 1e9;
        double total = 0;
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, Long> e : after.ticks().entrySet()) {
            Long was = before.ticks().get(e.getKey());
            if (was == null || items <= 0) {
                continue;
            }
            double ms = (e.getValue() - was) / TICKS_PER_SECOND * 1000 / items;
            total += ms;
            s.put(e.getKey(), Report.round(ms, 3));
            parts.add(e.getKey() + " " + String.format(Locale.ROOT, "%.2f", ms));
        }
        s.put("items", items);
        s.put("wallSeconds", Report.round(wall, 2));
        s.put("totalMsPerItem", Report.round(total, 3));
        int cores = Runtime.getRuntime().availableProcessors();
        String ceiling = total > 0 ? Report.f(cores * 1000 / total) + "/s" : "n/a";
        s.put("cpuCeilingPerSecond", total > 0 ? Report.round(cores * 1000 / total, 0) : null);
        report.row("CPU per " + what, String.format(Locale.ROOT, "%.2f ms", total),
                String.join(", ", parts) + "; " + cores + " cores allow at most " + ceiling);
        return total;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cpuSection(Report report, String name) {
        return (Map<String, Object>) report.section("cpuMsPerItem").computeIfAbsent(name, k -> new LinkedHashMap<>());
    }

    private static long postgres(long postmaster) {
        long sum = ticks(postmaster, true);
        Optional<ProcessHandle> handle = ProcessHandle.of(postmaster);
        if (handle.isPresent()) {
            sum += handle.get().descendants().mapToLong(p -> ticks(p.pid(), false)).sum();
        }
        return sum;
    }

    /** utime + stime (+ cutime + cstime of waited-for children), fields 14-17 of /proc/<pid>/stat. */
    private static long ticks(long pid, boolean withExitedChildren) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // the command name may hold spaces; the fields after it start after the last ')'
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long t = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            return withExitedChildren ? t + Long.parseLong(f[13]) + Long.parseLong(f[14]) : t;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
