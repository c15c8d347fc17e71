package io.jixiao.bench;

import java.util.Arrays;
import java.util.Collection;

/** Nearest-rank percentiles of a sample (milliseconds, or whatever unit the caller uses). */
public final class Percentiles {

    private final double[] sorted;

    private Percentiles(double[] sorted) {
        this.sorted = sorted;
    }

    public static Percentiles of(Collection<? extends Number> values) {
        double[] a = values.stream().mapToDouble(Number::doubleValue).toArray();
        Arrays.sort(a);
        return new Percentiles(a);
    }

    public int count() {
        return sorted.length;
    }

    /** Nearest-rank: the smallest value with at least p% of the sample at or below it; NaN when empty. */
    public double at(double p) {
        if (p < 0 || p > 100) {
            throw new IllegalArgumentException("percentile outside 0..100: " + p);
        }
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    public double p50() {
        return at(50);
    }

    public double p99() {
        return at(99);
    }

    public double max() {
        return sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1];
    }
}
