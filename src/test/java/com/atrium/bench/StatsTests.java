package com.atrium.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The benchmark's timing loop: bounded by count, and by time when asked. */
class StatsTests {

    @Test
    void aCountBoundLoopMakesExactlyTheWarmUpAndTheTimedCalls() {
        int[] calls = {0};
        double[] r = Stats.time(7, 40, () -> calls[0]++);
        assertThat(calls[0]).isEqualTo(47);
        assertThat(r[0]).isLessThanOrEqualTo(r[1]);
        assertThat(r[1]).isLessThanOrEqualTo(r[2]);
    }

    @Test
    void aTimeBoundLoopKeepsCallingUntilBothItsCountAndItsTimeHavePassed() {
        int[] calls = {0};
        long start = System.nanoTime();
        Stats.time(3, 30, 10, 40, () -> {
            calls[0]++;
            java.util.concurrent.locks.LockSupport.parkNanos(100_000); // about 0.1 ms a call
        });
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        assertThat(elapsedMs).isGreaterThanOrEqualTo(70); // 30 ms of warm-up, then 40 ms timed
        assertThat(calls[0]).isGreaterThan(13); // far more than the 3 + 10 calls the counts alone ask for
    }

    @Test
    void aSlowCallStillGetsItsMinimumNumberOfSamples() {
        int[] calls = {0};
        Stats.time(0, 0, 5, 1, () -> {
            calls[0]++;
            java.util.concurrent.locks.LockSupport.parkNanos(2_000_000); // 2 ms, longer than the 1 ms asked for
        });
        assertThat(calls[0]).isEqualTo(5);
    }
}
