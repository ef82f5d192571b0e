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
        return time(warmup, 0, iterations, 0, call);
    }

    /**
     * p50, p99 and max (ms) of timed calls: first untimed calls until both {@code warmup} calls and
     * {@code warmupMillis} have passed, then timed calls until both {@code iterations} calls and {@code millis} have
     * passed (at most {@link #MAX_SAMPLES}). Bounding by time as well as by count gives a fast call as many samples as
     * a slow one gets time: its p99 is then the 1% slowest of thousands of calls made after the JIT has settled, not
     * the third slowest of a few hundred made while it compiles.
     */
    static double[] time(int warmup, long warmupMillis, int iterations, long millis, Runnable call) {
        long warmEnd = System.nanoTime() + warmupMillis * 1_000_000;
        for (int i = 0; i < warmup || System.nanoTime() < warmEnd; i++) {
            call.run();
        }
        long[] samples = new long[Math.max(iterations, 1024)];
        int n = 0;
        long end = System.nanoTime() + millis * 1_000_000;
        while (n < iterations || (System.nanoTime() < end && n < MAX_SAMPLES)) {
            long start = System.nanoTime();
            call.run();
            if (n == samples.length) {
                samples = Arrays.copyOf(samples, samples.length * 2);
            }
            samples[n++] = System.nanoTime() - start;
        }
        samples = Arrays.copyOf(samples, n);
        Arrays.sort(samples);
        return new double[] {percentileMs(samples, 50), percentileMs(samples, 99), samples[samples.length - 1] / 1e6};
    }

    /** The most samples a time-bounded measurement keeps. */
    static final int MAX_SAMPLES = 200_000;

}
