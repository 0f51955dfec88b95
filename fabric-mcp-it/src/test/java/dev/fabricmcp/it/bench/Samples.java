package dev.fabricmcp.it.bench;

import java.util.Arrays;

/** A growable list of {@code long} samples (microseconds, nanoseconds...) and their percentiles. */
final class Samples {

    private long[] values = new long[1024];
    private int size;

    synchronized void add(long value) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = value;
    }

    synchronized void addAll(Samples other) {
        long[] theirs = other.toArray();
        for (long v : theirs) {
            add(v);
        }
    }

    synchronized int size() {
        return size;
    }

    synchronized long[] toArray() {
        return Arrays.copyOf(values, size);
    }

    /** The nearest-rank percentile ({@code p} in 0..100) of the samples; NaN when there are none. */
    double percentile(double p) {
        long[] sorted = toArray();
        if (sorted.length == 0) {
            return Double.NaN;
        }
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    double median() {
        return percentile(50);
    }

    double max() {
        return percentile(100);
    }
}
