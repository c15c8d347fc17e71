package io.jixiao.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * (6) RSS of every process of the stack after the run, from /proc, as listed in {@code var/stack.children}
 * (name pid startMillis). PostgreSQL is the postmaster and all its children: the sum of their RSS counts the
 * shared buffers once per process, so their PSS sum is reported too.
 */
final class Memory {

    private final Path root;

    Memory(Path root) {
        this.root = root;
    }

    static long totalMemoryGiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    return Math.round(kb(line) / 1024.0 / 1024.0);
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return -1;
    }

    private static long kb(String line) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
    }

    private static long field(Path file, String name) {
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith(name + ":")) {
                    return kb(line);
                }
            }
        } catch (IOException | RuntimeException e) {
            // gone, or not readable
        }
        return 0;
    }

    void run(Report report) throws IOException {
        Map<String, Object> s = report.section("memoryMB");
        Path file = root.resolve("var/stack.children");
        if (!Files.exists(file)) {
            s.put("skipped", file + " not found (run from the repository root, or --root)");
            report.row("memory", "n/a", file + " not found");
            return;
        }
        long totalKb = 0;
        List<String> parts = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 2) {
                continue;
            }
            String name = f[0];
            long pid = Long.parseLong(f[1]);
            Optional<ProcessHandle> h = ProcessHandle.of(pid);
            if (h.isEmpty()) {
                s.put(name, "not running");
                continue;
            }
            if (name.equals("postgres")) {
                List<ProcessHandle> all = new ArrayList<>();
                all.add(h.get());
                h.get().descendants().forEach(all::add);
                long rss = 0;
                long pss = 0;
                for (ProcessHandle p : all) {
                    rss += field(Path.of("/proc", Long.toString(p.pid()), "status"), "VmRSS");
                    pss += field(Path.of("/proc", Long.toString(p.pid()), "smaps_rollup"), "Pss");
                }
                Map<String, Object> pg = new LinkedHashMap<>();
                pg.put("processes", all.size());
                pg.put("rssSum", rss / 1024);
                pg.put("pssSum", pss / 1024);
                s.put(name, pg);
                long counted = pss > 0 ? pss : rss;
                totalKb += counted;
                parts.add("postgres " + counted / 1024 + " (PSS of " + all.size() + " processes; RSS sum " + rss / 1024 + ")");
            } else {
                long rss = field(Path.of("/proc", Long.toString(pid), "status"), "VmRSS");
                s.put(name, rss / 1024);
                totalKb += rss;
                parts.add(name + " " + rss / 1024);
            }
        }
        s.put("total", totalKb / 1024);
        report.row("memory after the run (RSS, MB; PostgreSQL as PSS)", totalKb / 1024 + " MB in all",
                String.join(", ", parts) + "; target <= 2,560 MB");
    }
}
