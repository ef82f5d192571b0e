package com.atrium.bench;

import com.atrium.access.AccessService;
import com.atrium.access.ClientFilter;
import com.atrium.bench.Dataset.Household;
import com.atrium.bench.Dataset.NamedActors;
import com.atrium.bench.Dataset.User;
import com.atrium.shared.Actor;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import javax.sql.DataSource;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The whole benchmark in one run ({@code .bench/run [--quick]}): generate, load Atrium and both peers, prove the
 * three agree (or stop without a report), measure in-process (JMH for check; timed loops for lists, searches and
 * explain), measure over HTTP against the real app, and write {@code docs/benchmarks.md}.
 *
 * <p>Options: {@code --quick} (the 1/5 "quick" dataset and short measurements), {@code --scale=full|quick|small},
 * {@code --seed=N}, {@code --out=path}, {@code --no-http}, {@code --only-writes} (load Atrium alone, print the write
 * costs, no report).
 */
public final class BenchmarkMain {
    static final long DEFAULT_SEED = 20260601L;

    /**
     * One row of the list table: {@code total} is the answer's total (all engines agree, see {@link Equivalence});
     * {@code byEngine} times {@link Peer#list} (page + total, what the API serves) per engine, {@code earlyExit} times
     * the peers' {@link Peer#firstPage} (page only, stops at the 50th visible client, no total).
     */
    record ListRow(String kind, long userId, long visible, String what, long total, Map<String, double[]> byEngine,
                   Map<String, double[]> earlyExit) {
    }

    private final boolean quick;
    private final DataGenerator.Scale scale;
    private final long seed;
    private final Path out;
    private final boolean http;
    private final boolean onlyWrites;
    private final boolean onlyHttp;
    private final boolean onlyCheck;
    private final Map<String, String> notes = new LinkedHashMap<>();

    private BenchmarkMain(String[] args) {
        boolean q = false;
        String scaleName = null;
        long s = DEFAULT_SEED;
        Path o = Path.of("docs/benchmarks.md");
        boolean h = true;
        boolean w = false;
        boolean oh = false;
        boolean oc = false;
        for (String a : args) {
            if (a.equals("--quick")) {
                q = true;
            } else if (a.startsWith("--scale=")) {
                scaleName = a.substring(8);
            } else if (a.startsWith("--seed=")) {
                s = Long.parseLong(a.substring(7));
            } else if (a.startsWith("--out=")) {
                o = Path.of(a.substring(6));
            } else if (a.equals("--no-http")) {
                h = false;
            } else if (a.equals("--only-writes")) {
                w = true;
            } else if (a.equals("--only-http")) {
                oh = true;
            } else if (a.equals("--only-check")) {
                oc = true;
            } else {
                throw new IllegalArgumentException("Unknown option " + a + " (--quick, --scale=, --seed=, --out=, --no-http, --only-writes, --only-http, --only-check)");
            }
        }
        quick = q;
        scale = DataGenerator.Scale.named(scaleName != null ? scaleName : q ? "quick" : "full");
        seed = s;
        out = o;
        http = h;
        onlyWrites = w;
        onlyHttp = oh;
        onlyCheck = oc;
    }

    public static void main(String[] args) throws Exception {
        int status;
        try {
            status = new BenchmarkMain(args).run();
        } catch (Throwable t) {
            t.printStackTrace();
            status = 1;
        }
        System.exit(status);
    }

    private static void say(String s) {
        System.err.println("[bench " + OffsetDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("HH:mm:ss")) + "] " + s);
    }

    private int run() throws Exception {
        String started = OffsetDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"));
        say("generating the " + scale.name() + " dataset, seed " + seed);
        long t0 = System.nanoTime();
        Dataset d = DataGenerator.generate(seed, scale);
        long genMs = (System.nanoTime() - t0) / 1_000_000;
        say(d.sizes() + " in " + genMs + " ms");
        try (BenchDatabase db = BenchDatabase.create("bench")) {
            Features features;
            AtriumLoader.Result loaded;
            try (var c = db.connect()) {
                features = Features.detect(c);
                say("loading Atrium (" + db.name + "), outsider grants " + (features.outsiderGrants() ? "on" : "off"));
                loaded = AtriumLoader.load(d, c, features);
            }
            say("Atrium loaded in " + loaded.millis() + " ms: " + loaded.rows());
            if (onlyWrites) { // a quick look at the write side alone (no peers, no report)
                AtriumPeer atrium = new AtriumPeer(db);
                writeCosts(atrium, d, quick).forEach((k, v) -> say("write " + k + ": " + fmt(v) + ", max " + String.format(Locale.ROOT, "%.3f ms", v[2])));
                atrium.close();
                return 0;
            }
            if (onlyHttp) { // the HTTP rows alone (Atrium only, no peers, no report): for profiling the request path
                AtriumPeer atrium = new AtriumPeer(db);
                NamedActors named = d.named();
                Map<Long, String> terms = new LinkedHashMap<>();
                for (long user : List.of(named.manager(), named.adviser(), named.assistant())) {
                    terms.put(user, Equivalence.searchTerm(d, atrium.list(user, null, 50).page()));
                }
                atrium.close(); // the app under load runs in its own JVM
                Http h = http(db, d, named, terms, Equivalence.pairs(d, 10_000, seed + 1));
                say("heap after start " + h.heapAfterStart() + " MB, after the load " + h.heapAfterLoad() + " MB");
                if ("true".equals(System.getenv("ATRIUM_BENCH_WRK"))) {
                    wrkCrossCheck(db, d, named, Equivalence.pairs(d, 10_000, seed + 1));
                }
                return 0;
            }
            AclPeer acl = new AclPeer(d, db, features);
            say("ACL loaded in " + acl.loadMillis() + " ms: " + acl.loaded());
            CasbinPeer casbin = new CasbinPeer(d, db.pool(), features);
            say("jCasbin loaded in " + casbin.loadMillis() + " ms: " + casbin.policyLines() + " policies, " + casbin.links() + " links");
            settle(db);
            AtriumPeer atrium = new AtriumPeer(db);
            Oracle oracle = new Oracle(d, features);
            NamedActors named = d.named();
            List<Long> actors = List.of(named.manager(), named.adviser(), named.assistant(), named.outsider());
            List<Peer> engines = List.of(atrium, acl, casbin);

            say("equivalence on 10,000 random pairs and the named actors' pages");
            long te = System.nanoTime();
            List<Equivalence.Pair> pairs = Equivalence.pairs(d, 10_000, seed + 1);
            Equivalence.Result eq = Equivalence.check(d, oracle, pairs, engines, actors);
            long eqMs = (System.nanoTime() - te) / 1_000_000;
            if (!eq.ok()) {
                System.err.println("The engines disagree; no report is written:");
                eq.mismatches().forEach(m -> System.err.println("  " + m));
                return 2;
            }
            say("all three agree: " + eq.pairs() + " pairs (" + eq.allowed() + " allowed), " + eq.pagesCompared());
            if (onlyCheck) { // the in-process check rows alone (JMH, all three engines), no report
                say("check: " + fmtMap(checkRows(engines, d, atrium, acl, casbin)));
                atrium.close();
                acl.close();
                return 0;
            }

            // ---- check: JMH, in-process
            Map<String, Double> coldMeanUs = new LinkedHashMap<>();
            Map<String, double[]> check = checkRows(engines, d, atrium, acl, casbin, coldMeanUs);
            say("check: " + fmtMap(check));

            // ---- lists and searches, in-process
            int warm = quick ? 10 : 30;
            int iters = quick ? 60 : 300;
            // and at least this long (ms): a fast call gets thousands of samples after the JIT has settled
            long warmMs = quick ? 200 : 1000;
            long measureMs = quick ? 500 : 2000;
            List<ListRow> lists = new ArrayList<>();
            Map<String, Long> kinds = new LinkedHashMap<>();
            kinds.put("manager", named.manager());
            kinds.put("adviser (~" + scale.adviserClients() + " clients)", named.adviser());
            kinds.put("assistant (5 workgroups)", named.assistant());
            if (features.outsiderGrants()) {
                kinds.put("outsider (external adviser)", named.outsider());
            }
            Map<Long, String> searchTerms = new LinkedHashMap<>();
            for (Map.Entry<String, Long> k : kinds.entrySet()) {
                long user = k.getValue();
                long visible = oracle.visibleCount(user);
                String term = Equivalence.searchTerm(d, atrium.list(user, null, 50).page());
                searchTerms.put(user, term);
                for (String what : List.of("first page", "search \u201c" + term + "\u201d")) {
                    String q = what.startsWith("search") ? term : null;
                    long total = atrium.list(user, q, 50).total();
                    Map<String, double[]> row = new LinkedHashMap<>();
                    Map<String, double[]> early = new LinkedHashMap<>();
                    for (Peer p : engines) {
                        row.put(p.name(), Stats.time(warm, warmMs, iters, measureMs, () -> p.list(user, q, 50)));
                        if (p != atrium) {
                            early.put(p.name(), Stats.time(warm, warmMs, iters, measureMs, () -> p.firstPage(user, q, 50)));
                        }
                    }
                    lists.add(new ListRow(k.getKey(), user, visible, what, total, row, early));
                    say(k.getKey() + " " + what + " (total " + total + "): " + fmtMap(row) + " early exit: " + fmtMap(early));
                }
            }

            // ---- explain, in-process (asked by the practice's manager about random clients and people of practice 1)
            SplittableRandom rnd = new SplittableRandom(seed + 3);
            List<Household> p1 = d.households.stream().filter(h -> h.practiceId() == 1).toList();
            List<User> u1 = d.users.stream().filter(u -> u.practiceId() == 1 && u.active() && u.staff()).toList();
            long[][] explainPairs = new long[1000][];
            for (int i = 0; i < explainPairs.length; i++) {
                explainPairs[i] = new long[] {p1.get(rnd.nextInt(p1.size())).id(), u1.get(rnd.nextInt(u1.size())).id()};
            }
            int[] next = {0};
            double[] explain = Stats.time(warm * 3, warmMs, iters * 3, measureMs, () -> {
                long[] pr = explainPairs[next[0]++ % explainPairs.length];
                atrium.explain(named.manager(), pr[0], pr[1]);
            });
            say("explain: " + fmt(explain));

            // ---- query plans for the list, for the report
            Map<String, List<String>> plans = new LinkedHashMap<>();
            DataSource appDs = atrium.context().getBean(DataSource.class);
            AccessService access = atrium.context().getBean(AccessService.class);
            for (Map.Entry<String, Long> k : kinds.entrySet()) {
                Actor a = atrium.actor(k.getValue()).orElseThrow();
                for (String q : java.util.Arrays.asList(null, searchTerms.get(k.getValue()))) {
                    // the statement /api/clients runs (page, total and the household row), without the names' fragments
                    com.atrium.access.ClientRows rows = access.visibleRows(a, new com.atrium.access.ClientRows.Table("household h", "h.id",
                            "h.practice_id", "h.sort_name", "h.search_text", "h.status = 'ARCHIVED'"), q, null,
                            com.atrium.access.AccessFacts.ClientKind.HOUSEHOLD, false);
                    plans.put(k.getKey() + (q == null ? ", first page" : ", search \u201c" + q + "\u201d"), JdbcClient.create(appDs)
                            .sql("EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) " + rows.pageSql(", h.display_name",
                                    "LEFT JOIN household h ON h.id = pg.client_id"))
                            .params(rows.params()).param("acc_limit", 50).param("acc_offset", 0)
                            .query(String.class).list());
                }
            }

            // ---- HTTP, against the real app in its own JVM. The in-process engines are let go first: the load generator
            // runs in this JVM, and its paced schedule must not wait for collections of a heap full of the peers' caches
            // (nor compete with the in-process app's background jobs); the writes below start a fresh in-process app.
            if (http) {
                acl.release();
                casbin.release();
                atrium.close();
                System.gc();
            }
            Http h = http ? http(db, d, named, searchTerms, pairs) : new Http(new ArrayList<>(), -1, -1, "");
            AtriumPeer writer = http ? new AtriumPeer(db) : atrium;
            List<HttpLoad.Figures> httpFigures = h.figures();
            double heapAfterStart = h.heapAfterStart();
            double heapAfterLoad = h.heapAfterLoad();
            String authMode = h.authMode();

            // ---- writes: what keeping the visibility index exact costs, through AccessFacts (each in its own transaction,
            // the AccessChanged events and their audit rows included), measured last because it changes the data
            Map<String, double[]> writes = writeCosts(writer, d, quick);
            writes.forEach((k, v) -> say("write " + k + ": " + fmt(v)));

            String report = Report.render(new Report.Input(started, quick, scale, seed, d, genMs, loaded, acl, casbin, features, eq, eqMs,
                    check, coldMeanUs, lists, explain, plans, httpFigures, heapAfterStart, heapAfterLoad, authMode, notes,
                    ManagementFactory.getRuntimeMXBean(), writes));
            Files.createDirectories(out.toAbsolutePath().getParent());
            Files.writeString(out, report + keptSections(out, report));
            say("wrote " + out);
            writer.close();
            if (!http) {
                atrium.close();
                acl.close();
            }
        }
        return 0;
    }

    private Map<String, double[]> checkRows(List<Peer> engines, Dataset d, AtriumPeer atrium, AclPeer acl, CasbinPeer casbin) throws Exception {
        return checkRows(engines, d, atrium, acl, casbin, new LinkedHashMap<>());
    }

    /** check(actor, VIEW_FILE, client) with JMH: engine -> {ops/s, p50 us, p99 us}; fills each engine's cold mean (us). */
    private Map<String, double[]> checkRows(List<Peer> engines, Dataset d, AtriumPeer atrium, AclPeer acl, CasbinPeer casbin,
                                            Map<String, Double> coldMeanUs) throws Exception {
        Map<String, Peer> byKey = new LinkedHashMap<>();
        byKey.put("atrium", atrium);
        byKey.put("acl", acl);
        byKey.put("casbin", casbin);
        CheckBenchmark.ENGINES = byKey;
        CheckBenchmark.PAIRS = Equivalence.pairs(d, quick ? 20_000 : 100_000, seed + 2);
        // every engine has a cache (ACL: ACLs, jCasbin: decisions, Atrium: per (user, client) facts): one pass over the
        // pool first, timed, is each engine's cold cost; JMH then measures the warm steady state
        for (Map.Entry<String, Peer> e : byKey.entrySet()) {
            long tc = System.nanoTime();
            for (Equivalence.Pair p : CheckBenchmark.PAIRS) {
                e.getValue().canView(p.userId(), p.clientId());
            }
            coldMeanUs.put(e.getKey(), (System.nanoTime() - tc) / 1000.0 / CheckBenchmark.PAIRS.size());
            say("cold pass " + e.getKey() + ": " + coldMeanUs.get(e.getKey()) + " us/check");
        }
        Options options = new OptionsBuilder().include(CheckBenchmark.class.getName()).forks(0).threads(1)
                .warmupIterations(quick ? 1 : 3).warmupTime(TimeValue.seconds(quick ? 2 : 3))
                .measurementIterations(quick ? 2 : 5).measurementTime(TimeValue.seconds(quick ? 2 : 3))
                // a full collection before every iteration: no engine's iteration pays for the garbage of the one before
                // it (at 1M the peers' caches keep gigabytes live, and G1's concurrent cycles then share the 2 cores)
                .shouldDoGC(true)
                .verbosity(VerboseMode.SILENT).shouldFailOnError(true).build();
        say("JMH: check throughput and sample time, forks 0, a GC before each iteration");
        Collection<RunResult> results = new Runner(options).run();
        Map<String, double[]> check = new LinkedHashMap<>(); // engine -> {ops/s, p50 us, p99 us}
        for (RunResult r : results) {
            String engine = r.getParams().getParam("engine");
            double[] row = check.computeIfAbsent(engine, k -> new double[3]);
            String mode = r.getParams().getMode().shortLabel();
            if (mode.equals("thrpt")) {
                row[0] = r.getPrimaryResult().getScore() * 1_000_000; // ops/us -> ops/s
            } else {
                row[1] = r.getPrimaryResult().getStatistics().getPercentile(50);
                row[2] = r.getPrimaryResult().getStatistics().getPercentile(99);
            }
        }
        return check;
    }

    record Http(List<HttpLoad.Figures> figures, double heapAfterStart, double heapAfterLoad, String authMode) {
    }

    /** The HTTP rows: the real app in its own JVM on the loaded database, 16 clients, saturation then paced at half. */
    private Http http(BenchDatabase db, Dataset d, NamedActors named, Map<Long, String> searchTerms, List<Equivalence.Pair> pairs)
            throws Exception {
        List<HttpLoad.Figures> httpFigures = new ArrayList<>();
        double heapAfterStart;
        double heapAfterLoad;
        String authMode;
        String cp = System.getProperty("bench.classpath", System.getProperty("java.class.path"));
        settle(db);
        say("starting the app (-Xms512m -Xmx512m) for the HTTP load");
        try (HttpLoad load = new HttpLoad(db, cp)) {
            List<long[]> who = List.of(new long[] {named.manager()}, new long[] {named.adviser()}, new long[] {named.assistant()});
            List<String[]> auths = new ArrayList<>();
            List<String> listPaths = new ArrayList<>();
            List<String> searchPaths = new ArrayList<>();
            for (long[] w : who) {
                auths.add(load.login(d.user(w[0]).email(), AtriumLoader.PASSWORD));
                listPaths.add("/api/clients?page=0&size=50");
                searchPaths.add("/api/clients?q=" + searchTerms.get(w[0]) + "&page=0&size=50");
            }
            authMode = load.authMode;
            heapAfterStart = load.heapUsedAfterGcMb();
            int warmS = quick ? 3 : 5;
            int runS = quick ? 8 : 30;
            say("HTTP: list");
            // per-thread auth and path must line up: thread i uses auths[i % 3] and paths[i % 3]
            HttpLoad.Figures listSat = load.run("GET /api/clients?page=0&size=50", auths, listPaths, 16, warmS, runS);
            httpFigures.add(listSat);
            say("HTTP: list, paced at half of that throughput");
            httpFigures.add(load.run("GET /api/clients?page=0&size=50", auths, listPaths, 16, warmS, runS, paced(listSat)));
            say("HTTP: search");
            HttpLoad.Figures searchSat = load.run("GET /api/clients?q=<name>&page=0&size=50", auths, searchPaths, 16, warmS, runS);
            httpFigures.add(searchSat);
            say("HTTP: search, paced at half of that throughput");
            httpFigures.add(load.run("GET /api/clients?q=<name>&page=0&size=50", auths, searchPaths, 16, warmS, runS, paced(searchSat)));
            List<String> checkPaths = new ArrayList<>();
            // asked by practice 1's manager (a manager may ask about anyone of the practice) about its people and clients
            List<Equivalence.Pair> practice1 = pairs.stream().filter(p -> d.user(p.userId()).practiceId() == 1
                    && d.household(p.clientId()).practiceId() == 1).limit(16).toList();
            for (Equivalence.Pair p : practice1) {
                checkPaths.add("/api/access/check?user=" + p.userId() + "&permission=VIEW_FILE&client=" + p.clientId());
            }
            int status = load.status(checkPaths.get(0), auths.get(0));
            if (status / 100 == 2) {
                say("HTTP: access check");
                HttpLoad.Figures checkSat = load.run("GET /api/access/check?user=&permission=VIEW_FILE&client=", List.<String[]>of(auths.get(0)),
                        checkPaths, 16, warmS, runS);
                httpFigures.add(checkSat);
                say("HTTP: access check, paced at half of that throughput");
                httpFigures.add(load.run("GET /api/access/check?user=&permission=VIEW_FILE&client=", List.<String[]>of(auths.get(0)),
                        checkPaths, 16, warmS, runS, paced(checkSat)));
            } else {
                notes.put("check endpoint", "`GET /api/access/check` answered " + status + " in this build (not merged yet): not measured.");
            }
            heapAfterLoad = load.heapUsedAfterGcMb();
            httpFigures.forEach(f -> say(f.toString()));
        }
        return new Http(httpFigures, heapAfterStart, heapAfterLoad, authMode);
    }

    /**
     * Brings the database to the state a running system is in, before measuring: after the bulk loads (1.5 M Atrium rows,
     * 0.5 M ACL rows) autovacuum would vacuum and analyse the new tables and the checkpointer would write the loads out.
     * Left to happen on their own they land in the middle of the measured rows (autovacuum workers and checkpoint writes
     * on the same 2 cores; index-only scans reading the heap until the visibility map is set). So: VACUUM ANALYZE, a
     * CHECKPOINT (needs pg_checkpoint, granted by .ci/setup-env.sh; skipped if refused), and a wait for any autovacuum
     * worker still busy on this database (at most two minutes). Done once after the loads and again before the HTTP rows.
     */
    private static void settle(BenchDatabase db) throws java.sql.SQLException, InterruptedException {
        long t0 = System.nanoTime();
        try (java.sql.Connection c = db.connect(); java.sql.Statement s = c.createStatement()) {
            c.setAutoCommit(true);
            s.execute("VACUUM ANALYZE");
            String checkpoint = "done";
            try {
                s.execute("CHECKPOINT");
            } catch (java.sql.SQLException e) {
                checkpoint = "refused (" + e.getMessage().lines().findFirst().orElse("") + ")";
            }
            int waited = 0;
            while (waited < 120) {
                try (java.sql.ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM pg_stat_activity WHERE backend_type = 'autovacuum worker'"
                        + " AND datname = current_database()")) {
                    rs.next();
                    if (rs.getInt(1) == 0) {
                        break;
                    }
                }
                Thread.sleep(1000);
                waited++;
            }
            say("settled the database in " + (System.nanoTime() - t0) / 1_000_000 + " ms (VACUUM ANALYZE, CHECKPOINT " + checkpoint
                    + ", waited " + waited + " s for autovacuum)");
        }
    }

    /**
     * Cross-checks the load client with {@code wrk} (issue 11, step 6): for the manager's first page and one access
     * check, the Java client and wrk each drive the same path with the same Bearer token over 16 connections, closed loop,
     * one after the other against the same app; their requests/s and latency percentiles should agree.
     */
    private void wrkCrossCheck(BenchDatabase db, Dataset d, NamedActors named, List<Equivalence.Pair> pairs) throws Exception {
        String cp = System.getProperty("bench.classpath", System.getProperty("java.class.path"));
        try (HttpLoad load = new HttpLoad(db, cp)) {
            String[] auth = load.login(d.user(named.manager()).email(), AtriumLoader.PASSWORD);
            Equivalence.Pair p = pairs.stream().filter(x -> d.user(x.userId()).practiceId() == 1 && d.household(x.clientId()).practiceId() == 1)
                    .findFirst().orElseThrow();
            Map<String, String> paths = new LinkedHashMap<>();
            paths.put("list first page", "/api/clients?page=0&size=50");
            paths.put("access check", "/api/access/check?user=" + p.userId() + "&permission=VIEW_FILE&client=" + p.clientId());
            int seconds = quick ? 8 : 20;
            for (Map.Entry<String, String> e : paths.entrySet()) {
                for (int round = 1; round <= 2; round++) { // alternating, twice, so drift of the machine shows
                    HttpLoad.Figures java = load.run(e.getKey(), List.<String[]>of(auth), List.of(e.getValue()), 16, 3, seconds);
                    say("cross-check " + e.getKey() + " round " + round + ", Java client: " + String.format(Locale.ROOT,
                            "%.0f req/s, p50 %.3f ms, p99 %.3f ms", java.perSecond(), java.p50(), java.p99()));
                    List<String> wrk = load.wrk(List.of(auth), e.getValue(), 16, seconds);
                    say("cross-check " + e.getKey() + " round " + round + ", wrk: " + (wrk == null ? "not installed" : String.join(" | ", wrk)));
                }
            }
        }
    }

    /**
     * The write side of the visibility index, p50 / p99 / max in ms: a member joins and leaves a workgroup of 1,000
     * clients, a client moves between two workgroups, a user is disabled and enabled again. Each call is one transaction
     * through {@link com.atrium.access.AccessFacts} as a feature would make it (practice 1, the largest).
     */
    static Map<String, double[]> writeCosts(AtriumPeer atrium, Dataset d, boolean quick) {
        var ctx = atrium.context();
        com.atrium.access.AccessFacts facts = ctx.getBean(com.atrium.access.AccessFacts.class);
        org.springframework.transaction.support.TransactionTemplate tx = new org.springframework.transaction.support.TransactionTemplate(
                ctx.getBean(org.springframework.transaction.PlatformTransactionManager.class));
        JdbcClient jdbc = JdbcClient.create(ctx.getBean(DataSource.class));
        NamedActors named = d.named();
        long owner = named.adviser();
        long big = 900_000_001L;
        long a = 900_000_002L;
        long b = 900_000_003L;
        List<Long> clients = d.households.stream().filter(h -> h.practiceId() == 1).map(Household::id).limit(1001).toList();
        List<Long> candidates = d.users.stream().filter(u -> u.practiceId() == 1 && u.active() && u.staff() && u.id() != owner && !u.manager())
                .map(User::id).limit((quick ? 20 : 200) + 10L).toList();
        // the first ten only warm the code paths up (JIT, statement caches): with no warm-up the first, cold call was
        // the p99 of the join and leave rows
        List<Long> warmUp = candidates.subList(0, 10);
        List<Long> people = candidates.subList(10, candidates.size());
        tx.executeWithoutResult(s -> {
            facts.workgroupDefined(big, 1, owner, "Benchmark: 1,000 clients");
            facts.workgroupDefined(a, 1, owner, "Benchmark: moves A");
            facts.workgroupDefined(b, 1, owner, "Benchmark: moves B");
            clients.subList(0, 1000).forEach(c -> facts.add(owner, new com.atrium.access.Relation.ClientWorkgroup(c, big)));
            facts.add(owner, new com.atrium.access.Relation.ClientWorkgroup(clients.get(1000), a));
        });
        for (long w : warmUp) {
            tx.executeWithoutResult(s -> facts.add(owner, new com.atrium.access.Relation.WorkgroupMember(big, w)));
            tx.executeWithoutResult(s -> facts.remove(owner, new com.atrium.access.Relation.WorkgroupMember(big, w)));
            tx.executeWithoutResult(s -> {
                jdbc.sql("UPDATE app_user SET active = FALSE WHERE id = :u").param("u", w).update();
                facts.subjectChanged(w);
            });
            tx.executeWithoutResult(s -> {
                jdbc.sql("UPDATE app_user SET active = TRUE WHERE id = :u").param("u", w).update();
                facts.subjectChanged(w);
            });
        }
        Map<String, double[]> out = new LinkedHashMap<>();
        int[] i = {0};
        out.put("a member joins a workgroup of 1,000 clients", Stats.time(0, people.size(), () -> tx.executeWithoutResult(s ->
                facts.add(owner, new com.atrium.access.Relation.WorkgroupMember(big, people.get(i[0]++))))));
        i[0] = 0;
        out.put("the member leaves it", Stats.time(0, people.size(), () -> tx.executeWithoutResult(s ->
                facts.remove(owner, new com.atrium.access.Relation.WorkgroupMember(big, people.get(i[0]++))))));
        long moved = clients.get(1000);
        int[] flip = {0};
        out.put("a client moves to another workgroup", Stats.time(10, quick ? 20 : 200, () -> tx.executeWithoutResult(s ->
                facts.add(owner, new com.atrium.access.Relation.ClientWorkgroup(moved, flip[0]++ % 2 == 0 ? b : a)))));
        i[0] = 0;
        out.put("a user is disabled", Stats.time(0, people.size(), () -> tx.executeWithoutResult(s -> {
            long u = people.get(i[0]++);
            jdbc.sql("UPDATE app_user SET active = FALSE WHERE id = :u").param("u", u).update();
            facts.subjectChanged(u);
        })));
        i[0] = 0;
        out.put("and enabled again", Stats.time(0, people.size(), () -> tx.executeWithoutResult(s -> {
            long u = people.get(i[0]++);
            jdbc.sql("UPDATE app_user SET active = TRUE WHERE id = :u").param("u", u).update();
            facts.subjectChanged(u);
        })));
        long drift = jdbc.sql("SELECT COUNT(*) FROM ((SELECT user_id, client_id, paths FROM access_visible_def EXCEPT SELECT user_id, "
                + "client_id, paths FROM access_visible) UNION ALL (SELECT user_id, client_id, paths FROM access_visible EXCEPT SELECT "
                + "user_id, client_id, paths FROM access_visible_def)) x").query(Long.class).single();
        if (drift != 0) {
            throw new IllegalStateException("the visibility index drifted from its definition after the write benchmark: " + drift + " rows");
        }
        return out;
    }

    /**
     * The sections other benchmarks wrote into the report (e.g. compliance's rows): every top-level section of the current
     * file that this run does not write itself, kept verbatim at the end. The CRM and partner sections are kept only when
     * {@code .bench/run} is told not to rerun their benchmarks ({@code ATRIUM_BENCH_CRM=off}, {@code ATRIUM_BENCH_PARTNER=off}).
     */
    static String keptSections(Path out, String report) throws java.io.IOException {
        if (!Files.exists(out)) {
            return "";
        }
        java.util.Set<String> ours = new java.util.HashSet<>();
        for (String line : report.split("\n")) {
            if (line.startsWith("## ")) {
                ours.add(line.trim());
            }
        }
        StringBuilder kept = new StringBuilder();
        boolean keeping = false;
        for (String line : Files.readString(out).split("\n", -1)) {
            if (line.startsWith("## ")) {
                keeping = !ours.contains(line.trim()) && !line.startsWith("## Targets (issue")
                        && !(line.startsWith("## CRM sync") && !"off".equals(System.getenv("ATRIUM_BENCH_CRM")))
                        && !(line.startsWith("## Partner portal") && !"off".equals(System.getenv("ATRIUM_BENCH_PARTNER")));
            }
            if (keeping) {
                kept.append(line).append('\n');
            }
        }
        return kept.length() == 0 ? "" : "\n" + kept;
    }

    static String fmt(double[] v) {
        return String.format(Locale.ROOT, "p50 %.3f ms, p99 %.3f ms", v[0], v[1]);
    }

    static String fmtMap(Map<String, double[]> m) {
        StringBuilder sb = new StringBuilder();
        m.forEach((k, v) -> sb.append(k).append(' ').append(java.util.Arrays.toString(v)).append("; "));
        return sb.toString();
    }

    /**
     * The offered rate for the paced (open-loop) HTTP run: half of the throughput the closed loop reached, so
     * latency is measured with the machine at about 50 % of its capacity for that endpoint, not saturated.
     */
    static double paced(HttpLoad.Figures saturation) {
        return Math.max(1, Math.floor(saturation.perSecond() / 2));
    }
}
