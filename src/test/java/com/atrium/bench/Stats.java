package com.atrium.bench;

import java.util.Arrays;

/** Percentiles of latency samples (nanoseconds in, milliseconds out) and a simple timing loop. */
final class Stats {
    private Stats() {
    }

    /** Nearest-rank percentile of sorted nanosecond samples, in ms. */
    static double percentileMs(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1e6;
    }

    /** p50, p99 and max (ms) of {@code iterations} timed calls after {@code warmup} untimed ones. */
    static double[] time(int warmup, int iterations, Runnable call) {
        for (int i = 0; i < warmup; i++) {
            call.run();
        }
        long[] samples = new long[iterations];
        for (int i = 0; i < iterations; i++) {
            long start = System.nanoTime();
            call.run();
            samples[i] = System.nanoTime() - start;
        }
        Arrays.sort(samples);
        return new double[] {percentileMs(samples, 50), percentileMs(samples, 99), samples[samples.length - 1] / 1e6};
    }

}
