package dev.peersteam.bench;

import java.util.Arrays;
import java.util.Collection;
import java.util.Locale;

/**
 * A sample of durations (nanoseconds) and its order statistics. Percentiles are nearest-rank on the sorted sample,
 * so p99 of 100 samples is the 99th smallest: with fewer than 100 samples p99 is close to the maximum.
 */
public record Stats(long[] sorted) {

    public Stats {
        sorted = sorted.clone();
        Arrays.sort(sorted);
    }

    public static Stats of(long[] nanos) {
        return new Stats(nanos);
    }

    public static Stats of(Collection<Long> nanos) {
        return new Stats(nanos.stream().mapToLong(Long::longValue).toArray());
    }

    public int count() {
        return sorted.length;
    }

    /** Nearest-rank percentile, {@code p} in (0, 100]. */
    public long percentile(double p) {
        if (sorted.length == 0) {
            throw new IllegalStateException("no samples");
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    public long median() {
        return percentile(50);
    }

    public long p90() {
        return percentile(90);
    }

    public long p99() {
        return percentile(99);
    }

    public long min() {
        return sorted[0];
    }

    public long max() {
        return sorted[sorted.length - 1];
    }

    public double mean() {
        return Arrays.stream(sorted).average().orElseThrow();
    }

    /** A duration in the unit that reads best: µs below 1 ms, ms below 10 s, else s. */
    public static String time(long nanos) {
        double abs = Math.abs(nanos);
        if (abs < 1_000_000) {
            return String.format(Locale.ROOT, "%.0f µs", nanos / 1e3);
        }
        if (abs < 10_000_000_000L) {
            return String.format(Locale.ROOT, abs < 100_000_000 ? "%.2f ms" : "%.0f ms", nanos / 1e6);
        }
        return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
    }

    /** Milliseconds with the precision that matters at that size: 0.42 ms, 12.4 ms, 1642 ms. */
    public static String ms(long nanos) {
        double ms = nanos / 1e6;
        double abs = Math.abs(ms);
        return String.format(Locale.ROOT, abs < 10 ? "%.2f ms" : abs < 100 ? "%.1f ms" : "%.0f ms", ms);
    }

    public static String number(double value) {
        return String.format(Locale.ROOT, value >= 100 ? "%,.0f" : "%,.1f", value);
    }

    /** "median 1.2 ms, p90 …, p99 …, max … (n = 500)". */
    public String summary() {
        return "median " + time(median()) + ", p90 " + time(p90()) + ", p99 " + time(p99()) + ", max " + time(max())
                + " (n = " + count() + ")";
    }

    /** The median of a few repeated figures (for throughputs measured several times). */
    public static double median(double[] values) {
        double[] copy = values.clone();
        Arrays.sort(copy);
        int n = copy.length;
        return n % 2 == 1 ? copy[n / 2] : (copy[n / 2 - 1] + copy[n / 2]) / 2;
    }
}
