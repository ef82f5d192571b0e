package com.atrium.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * check(actor, VIEW_FILE, client) in-process, one engine per {@code engine} parameter, over the run's pool of
 * random pairs (the same pool for the three; large enough that decision caches see realistic repeats, not one
 * hot key). Run in-process ({@code forks = 0}) by {@link BenchmarkMain}, which puts the loaded engines in
 * {@link #ENGINES} first.
 */
@State(Scope.Thread)
@BenchmarkMode({Mode.Throughput, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CheckBenchmark {
    /** Set by {@link BenchmarkMain} before JMH runs: engine name -> engine. */
    static volatile java.util.Map<String, Peer> ENGINES;
    static volatile List<Equivalence.Pair> PAIRS;

    @Param({"atrium", "acl", "casbin"})
    public String engine;

    private Peer peer;
    private long[] users;
    private long[] clients;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        peer = ENGINES.get(engine);
        users = PAIRS.stream().mapToLong(Equivalence.Pair::userId).toArray();
        clients = PAIRS.stream().mapToLong(Equivalence.Pair::clientId).toArray();
    }

    @Benchmark
    public boolean check() {
        int i = next;
        next = i + 1 == users.length ? 0 : i + 1;
        return peer.canView(users[i], clients[i]);
    }
}
