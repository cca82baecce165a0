package dev.evident.bench;

import java.util.Arrays;

/** Request latencies of one measured series, and their percentiles (nearest-rank method). */
final class Latencies {

    private final long[] nanos;
    private int count;

    Latencies(int capacity) {
        this.nanos = new long[capacity];
    }

    void add(long elapsedNanos) {
        nanos[count++] = elapsedNanos;
    }

    int count() {
        return count;
    }

    /** The p-th percentile in milliseconds, p in (0, 100]: the smallest value with p % of values at or below it. */
    double percentileMillis(double p) {
        if (count == 0) {
            throw new IllegalStateException("no measurements");
        }
        long[] sorted = Arrays.copyOf(nanos, count);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * count);
        return sorted[Math.max(0, Math.min(count - 1, rank - 1))] / 1_000_000.0;
    }

    double meanMillis() {
        long sum = 0;
        for (int i = 0; i < count; i++) {
            sum += nanos[i];
        }
        return sum / (double) count / 1_000_000.0;
    }

    double maxMillis() {
        return percentileMillis(100);
    }
}
