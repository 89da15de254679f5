package io.dmdesk.load;

import java.util.Arrays;

/** Nearest-rank percentiles of a sample of latencies in milliseconds. */
record Percentiles(int count, long p50, long p95, long p99, long max, double mean) {

    static Percentiles of(long[] samples) {
        if (samples.length == 0) {
            return new Percentiles(0, 0, 0, 0, 0, 0);
        }
        long[] sorted = samples.clone();
        Arrays.sort(sorted);
        return new Percentiles(sorted.length, rank(sorted, 50), rank(sorted, 95), rank(sorted, 99),
                sorted[sorted.length - 1], Arrays.stream(sorted).average().orElse(0));
    }

    /** The smallest value with at least p percent of the sample at or below it. */
    static long rank(long[] sorted, double p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
