package io.dmdesk.load;

import org.HdrHistogram.Histogram;

/**
 * Percentiles of latencies in milliseconds, read from an HdrHistogram (3 significant digits: within 0.1% of the
 * exact value, exact below 2,048 ms). A percentile is the smallest recorded value with at least p percent of the
 * sample at or below it.
 */
record Percentiles(int count, long p50, long p90, long p95, long p99, long max, double mean) {

    /** Up to an hour, the longest DM-to-acknowledgement the harness waits for. */
    static final long HIGHEST_MS = 3_600_000;

    static Histogram histogram() {
        return new Histogram(1, HIGHEST_MS, 3);
    }

    static Percentiles of(long[] samples) {
        Histogram h = histogram();
        for (long s : samples) {
            h.recordValue(Math.max(0, Math.min(HIGHEST_MS, s)));
        }
        return of(h);
    }

    static Percentiles of(Histogram h) {
        if (h.getTotalCount() == 0) {
            return new Percentiles(0, 0, 0, 0, 0, 0, 0);
        }
        return new Percentiles(
                (int) h.getTotalCount(),
                h.getValueAtPercentile(50),
                h.getValueAtPercentile(90),
                h.getValueAtPercentile(95),
                h.getValueAtPercentile(99),
                h.getMaxValue(),
                h.getMean());
    }
}
