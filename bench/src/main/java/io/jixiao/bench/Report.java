package io.jixiao.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Collects the figures and writes them as {@code results.md} and {@code results.json}. */
final class Report {

    record Row(String what, String figure, String note) {
    }

    private final Map<String, Object> json = new LinkedHashMap<>();
    private final List<Row> rows = new ArrayList<>();
    private final boolean printing;

    Report() {
        this(true);
    }

    /** A report that only collects: for a warm-up whose figures are not reported. */
    static Report silent() {
        return new Report(false);
    }

    private Report(boolean printing) {
        this.printing = printing;
    }

    /** A nested JSON section, created on first use. */
    @SuppressWarnings("unchecked")
    Map<String, Object> section(String name) {
        return (Map<String, Object>) json.computeIfAbsent(name, k -> new LinkedHashMap<String, Object>());
    }

    void put(String key, Object value) {
        json.put(key, value);
    }

    void row(String what, String figure, String note) {
        rows.add(new Row(what, figure, note == null ? "" : note));
        if (printing) {
            System.out.println("  " + what + ": " + figure + (note == null || note.isEmpty() ? "" : " (" + note + ")"));
        }
    }

    static String f(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, v >= 100 ? "%,.0f" : "%,.1f", v);
    }

    static String ratio(double value, double limit) {
        return limit > 0 && !Double.isNaN(value) ? String.format(Locale.ROOT, "%.1f%%", 100 * value / limit) : "n/a";
    }

    static double round(double v, int decimals) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return v;
        }
        double m = Math.pow(10, decimals);
        return Math.round(v * m) / m;
    }

    void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("results.json"), Api.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json) + "\n");
        StringBuilder md = new StringBuilder("# Benchmark results\n\n");
        json.forEach((k, v) -> {
            if (!(v instanceof Map)) {
                md.append("- ").append(k).append(": ").append(v).append('\n');
            }
        });
        md.append("\n| what | figure | limit / note |\n|---|---|---|\n");
        for (Row r : rows) {
            md.append("| ").append(r.what()).append(" | ").append(r.figure()).append(" | ").append(r.note()).append(" |\n");
        }
        Files.writeString(dir.resolve("results.md"), md.toString());
    }
}
