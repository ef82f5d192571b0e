package com.atrium.bench;

import com.atrium.AtriumApplication;
import com.atrium.access.ReviewQuery;
import com.atrium.compliance.AccessReviewService;
import com.atrium.compliance.Reassignment;
import com.atrium.compliance.ReassignmentForm;
import com.atrium.compliance.ReassignmentService;
import com.atrium.household.PrimaryForm;
import com.atrium.household.TeamService;
import com.atrium.practice.ApiTokenService;
import com.atrium.practice.PracticeService;
import com.atrium.shared.Actor;
import com.atrium.shared.PageRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import javax.sql.DataSource;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The compliance rows of issue 17, on the 100k-household dataset of the access benchmark (same generator, same seed),
 * written to {@code docs/benchmarks-compliance.md} by {@code .bench/compliance} (a file of its own: {@code .bench/run}
 * regenerates docs/benchmarks.md):
 * <ol>
 *   <li>the access review's first page for the largest practice's manager (what the page and the API serve), p50/p99;</li>
 *   <li>a reassignment of 500 households (one transaction, 500 hand-overs, 501 audit entries), and its preview;</li>
 *   <li>the read audit on vs off on a client detail request ({@code GET /api/clients/{id}} over HTTP, bearer token): two
 *       instances of the app on the same database, one with {@code atrium.read-audit.enabled=false}, called in
 *       alternating batches so drift in the machine's load hits both alike.</li>
 * </ol>
 */
public final class ComplianceBenchmark {

    public static void main(String[] args) throws Exception {
        int status = 0;
        try {
            run(args.length > 0 ? args[0] : "full", Path.of(args.length > 1 ? args[1] : "docs/benchmarks-compliance.md"));
        } catch (Throwable t) {
            t.printStackTrace();
            status = 1;
        }
        System.exit(status);
    }

    private static void say(String s) {
        System.err.println("[compliance bench " + OffsetDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("HH:mm:ss")) + "] " + s);
    }

    static void run(String scaleName, Path out) throws Exception {
        String started = OffsetDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"));
        String loadBefore = load();
        Dataset d = DataGenerator.generate(BenchmarkMain.DEFAULT_SEED, DataGenerator.Scale.named(scaleName));
        say(d.sizes());
        StringBuilder md = new StringBuilder();
        try (BenchDatabase db = BenchDatabase.create("compliance")) {
            try (Connection c = db.connect()) {
                AtriumLoader.Result r = AtriumLoader.load(d, c, Features.detect(c));
                say("loaded in " + r.millis() + " ms");
                try (var st = c.createStatement()) {
                    st.execute("VACUUM ANALYZE"); // what autovacuum does in a running system (index-only scans need the visibility map)
                }
            }
            ConfigurableApplicationContext on = start(db, true);
            ConfigurableApplicationContext off = start(db, false);
            try {
                PracticeService practice = on.getBean(PracticeService.class);
                Actor manager = practice.actor(d.named().manager()).orElseThrow();
                JdbcClient jdbc = JdbcClient.create(on.getBean(DataSource.class));
                long households = jdbc.sql("SELECT COUNT(*) FROM household WHERE practice_id = :p").param("p", manager.practiceId())
                        .query(Long.class).single();

                // 1. the review's first page
                AccessReviewService review = on.getBean(AccessReviewService.class);
                double[] all = time(30, 300, () -> review.review(manager, ReviewQuery.all(), PageRequest.of(0, 50)));
                long total = review.review(manager, ReviewQuery.all(), PageRequest.of(0, 50)).total();
                double[] stale = time(10, 100, () -> review.review(manager, new ReviewQuery(null, null, null, null, ReviewQuery.Stale.NOT_OPENED),
                        PageRequest.of(0, 50)));
                say("review first page p50 " + all[0] + " p99 " + all[1] + " ms (" + total + " accesses)");

                // 2. a reassignment of 500 households
                TeamService teams = on.getBean(TeamService.class);
                ReassignmentService reassignments = on.getBean(ReassignmentService.class);
                List<Long> pros = jdbc.sql("SELECT id FROM app_user WHERE practice_id = :p AND user_type = 'PROFESSIONAL' AND active"
                        + " AND id <> :m ORDER BY id LIMIT 2").param("p", manager.practiceId()).param("m", manager.userId()).query(Long.class).list();
                long a = pros.get(0);
                long b = pros.get(1);
                List<Long> ids = jdbc.sql("SELECT id FROM household WHERE practice_id = :p ORDER BY id LIMIT 500")
                        .param("p", manager.practiceId()).query(Long.class).list();
                TransactionTemplate tx = new TransactionTemplate(on.getBean(PlatformTransactionManager.class));
                long ts = System.nanoTime();
                tx.executeWithoutResult(s -> ids.forEach(id -> teams.handOver(manager, id, new PrimaryForm(a, true))));
                double setupMs = (System.nanoTime() - ts) / 1e6;
                say("setup: " + ids.size() + " households handed to #" + a + " in " + setupMs + " ms");
                long tp = System.nanoTime();
                Reassignment preview = reassignments.reassign(manager, a, new ReassignmentForm(b, null, false, null), true);
                double previewMs = (System.nanoTime() - tp) / 1e6;
                // the what-if one client at a time (before the batch form) vs set-based, alternating, the same change and data
                com.atrium.access.AccessWhatIf whatIf = on.getBean(com.atrium.access.AccessWhatIf.class);
                List<Double> perClientMs = new ArrayList<>();
                List<Double> batchMs = new ArrayList<>();
                int diffSize = -1;
                List<com.atrium.access.AccessDiff.Change> previous = null;
                for (int i = 0; i < 6; i++) {
                    boolean batch = i % 2 == 1;
                    long t = System.nanoTime();
                    var o = com.atrium.access.WhatIfProbe.preview(whatIf, manager,
                            () -> reassignments.reassign(manager, a, new ReassignmentForm(b, null, false, null), false), batch);
                    (batch ? batchMs : perClientMs).add((System.nanoTime() - t) / 1e6);
                    if (previous != null && !previous.equals(o.diff().changes())) {
                        throw new IllegalStateException("the batch and per-client what-ifs differ");
                    }
                    diffSize = o.diff().changes().size();
                    previous = o.diff().changes();
                }
                say("preview " + previewMs + " ms; what-if of the reassignment per client " + perClientMs + " ms, batch " + batchMs
                        + " ms (" + diffSize + " changes; load " + load() + ")");
                List<Double> runs = new ArrayList<>();
                long from = a;
                long to = b;
                int moved = 0;
                for (int i = 0; i < 4; i++) {
                    long t = System.nanoTime();
                    Reassignment done = reassignments.reassign(manager, from, new ReassignmentForm(to, null, false, ids), false);
                    runs.add((System.nanoTime() - t) / 1e6);
                    moved = done.moved();
                    long x = from;
                    from = to;
                    to = x;
                }
                long retry0 = System.nanoTime();
                Reassignment retry = reassignments.reassign(manager, to, new ReassignmentForm(from, null, false, ids), false);
                double retryMs = (System.nanoTime() - retry0) / 1e6;
                say("reassignment of " + moved + ": " + runs + " ms; preview " + previewMs + " ms; retry " + retryMs + " ms ("
                        + retry.alreadyMoved() + " already moved)");

                if ("review,reassign".equals(System.getenv("ATRIUM_BENCH_ONLY"))) {
                    say("ATRIUM_BENCH_ONLY=review,reassign: no read-audit rows, no file written (load " + load() + ")");
                    return;
                }
                // 3. read audit on vs off, client detail over HTTP
                String token = on.getBean(ApiTokenService.class).create(manager, "compliance-bench").token();
                List<Long> clients = jdbc.sql("SELECT id FROM household WHERE practice_id = :p ORDER BY id").param("p", manager.practiceId())
                        .query(Long.class).list();
                Random random = new Random(BenchmarkMain.DEFAULT_SEED + 17);
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                int portOn = port(on);
                int portOff = port(off);
                for (int i = 0; i < 600; i++) { // warm-up, both
                    get(http, portOn, token, clients.get(random.nextInt(clients.size())));
                    get(http, portOff, token, clients.get(random.nextInt(clients.size())));
                }
                List<Double> withAudit = new ArrayList<>();
                List<Double> without = new ArrayList<>();
                for (int round = 0; round < 20; round++) {
                    for (int i = 0; i < 200; i++) { // pairs, in alternating order, the same client for both
                        long client = clients.get(random.nextInt(clients.size()));
                        if ((round + i) % 2 == 0) {
                            withAudit.add(get(http, portOn, token, client));
                            without.add(get(http, portOff, token, client));
                        } else {
                            without.add(get(http, portOff, token, client));
                            withAudit.add(get(http, portOn, token, client));
                        }
                    }
                }
                // what the read audit adds on the request thread: the interceptor's record() (one queue offer), timed alone
                com.atrium.audit.ReadAudit readAudit = on.getBean(com.atrium.audit.ReadAudit.class);
                List<Double> recordUs = new ArrayList<>();
                for (int i = 0; i < 20_000; i++) {
                    long t = System.nanoTime();
                    readAudit.record(new com.atrium.audit.ReadAudit.Read(manager.practiceId(), clients.get(i % clients.size()),
                            manager.userId(), java.time.Instant.now(), com.atrium.shared.ClientFileRead.Kind.DETAIL, "API", "127.0.0.1",
                            "bench"));
                    if (i >= 10_000) {
                        recordUs.add((System.nanoTime() - t) / 1e3);
                    }
                }
                double[] rec = percentiles(recordUs);
                double[] onP = percentiles(withAudit);
                double[] offP = percentiles(without);
                long recorded = jdbc.sql("SELECT COUNT(*) FROM client_read").query(Long.class).single();
                say("client detail with read audit p50 " + onP[0] + " p99 " + onP[1] + "; without p50 " + offP[0] + " p99 " + offP[1]);

                String loadAfter = load();
                md.append("# Compliance benchmarks (issue 17)\n\n")
                        .append("Generated by `.bench/compliance` on ").append(started).append(" (a file of its own: `.bench/run` writes ")
                        .append("[benchmarks.md](benchmarks.md)). Dataset: the access benchmark's generator, seed ")
                        .append(BenchmarkMain.DEFAULT_SEED).append(", scale `").append(scaleName).append("`: ").append(d.sizes())
                        .append(". PostgreSQL on 127.0.0.1, the app in-process (`-Xmx3g`).\n\n")
                        .append("Machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores; load average ")
                        .append(loadBefore).append(" before the run, ").append(loadAfter).append(" at its end (other builds and test ")
                        .append("runs shared the machine: the figures are upper bounds).\n\n")
                        .append("| Row | Target | Measured | |\n|---|---|---|---|\n")
                        .append(String.format("| Access review, first page (50 rows + the practice managers + the total) for the largest practice's "
                                + "manager (%d households, %,d accesses), `AccessReviewService.review` as the page and API serve it | p99 <= 50 ms "
                                + "| p50 %.1f ms, **p99 %.1f ms** (300 calls after 30 warm-up) | %s |\n", households, total, all[0], all[1],
                                all[1] <= 50 ? "met" : "**not met**"))
                        .append(String.format("| The same, filtered `stale=NOT_OPENED` (the read audit joined per row) | | p50 %.1f ms, p99 %.1f ms "
                                + "(100 calls) | |\n", stale[0], stale[1]))
                        .append(String.format("| Reassignment of %d households (one transaction: lock, %d hand-overs through TeamService.handOverAll, %d "
                                + "audit entries), 4 runs back and forth | <= 2 s | %s ms, **max %.0f ms** | %s |\n", ids.size(), moved, moved + 1,
                                runs.stream().map(x -> String.format("%.0f", x)).toList(), max(runs), max(runs) <= 2000 ? "met" : "**not met**"))
                        .append(String.format("| Its preview (`dryRun=true`: the reassignment run and rolled back, plus the what-if over the %d "
                                + "households before and after) | | %.0f ms | |\n", ids.size(), previewMs))
                        .append(String.format("| The same reassignment retried (idempotent: %d already moved, nothing written) | | %.0f ms | |\n",
                                retry.alreadyMoved(), retryMs))
                        .append(String.format("| Client detail `GET /api/clients/{id}` over HTTP (bearer token, keep-alive, one thread), read audit "
                                + "**on**, 4,000 requests, each paired with the same request to *off* (order alternating) | | p50 %.3f ms, p99 %.3f ms | |\n", onP[0], onP[1]))
                        .append(String.format("| The same, read audit **off** (`atrium.read-audit.enabled=false`, a second app on the same "
                                + "database) | | p50 %.3f ms, p99 %.3f ms | |\n", offP[0], offP[1]))
                        .append(String.format("| Read audit's cost: on - off | p99 <= 0.2 ms added | p50 %+.3f ms, **p99 %+.3f ms** | %s |\n",
                                onP[0] - offP[0], onP[1] - offP[1], onP[1] - offP[1] <= 0.2 ? "met" : "**not met**"))
                        .append(String.format("| What it adds on the request thread: `ReadAudit.record` (one queue offer), timed alone, 10,000 calls "
                                + "after 10,000 warm-up | | p50 %.2f \u00b5s, p99 %.2f \u00b5s (%.4f ms) | %s |\n\n", rec[0], rec[1], rec[1] / 1000,
                                rec[1] / 1000 <= 0.2 ? "met" : "**not met**"))
                        .append("Setup, not a target: making one adviser primary of the 500 households with 500 single hand-overs in one transaction took ")
                        .append(String.format("%.0f ms. Reads recorded by the *on* app during the run: %,d.%n", setupMs, recorded));
            } finally {
                off.close();
                on.close();
            }
        }
        Files.writeString(out, md.toString());
        say("wrote " + out);
    }

    private static ConfigurableApplicationContext start(BenchDatabase db, boolean readAudit) {
        SpringApplication app = new SpringApplication(AtriumApplication.class);
        app.setLogStartupInfo(false);
        List<String> args = new ArrayList<>(AtriumPeer.appArguments(db));
        args.add("--server.port=0");
        args.add("--atrium.read-audit.enabled=" + readAudit);
        return app.run(args.toArray(String[]::new));
    }

    private static int port(ConfigurableApplicationContext c) {
        return Integer.parseInt(c.getEnvironment().getProperty("local.server.port"));
    }

    private static double get(HttpClient http, int port, String token, long clientId) throws Exception {
        HttpRequest r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/clients/" + clientId))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json").GET().build();
        long t = System.nanoTime();
        HttpResponse<byte[]> response = http.send(r, HttpResponse.BodyHandlers.ofByteArray());
        double ms = (System.nanoTime() - t) / 1e6;
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET /api/clients/" + clientId + " answered " + response.statusCode());
        }
        return ms;
    }

    private static double[] time(int warmup, int n, Runnable r) {
        for (int i = 0; i < warmup; i++) {
            r.run();
        }
        List<Double> ms = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long t = System.nanoTime();
            r.run();
            ms.add((System.nanoTime() - t) / 1e6);
        }
        return percentiles(ms);
    }

    private static double[] percentiles(List<Double> samples) {
        double[] s = samples.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(s);
        return new double[] {s[(int) Math.floor(0.5 * (s.length - 1))], s[(int) Math.ceil(0.99 * (s.length - 1))]};
    }

    private static double max(List<Double> xs) {
        return xs.stream().mapToDouble(Double::doubleValue).max().orElse(0);
    }

    private static String load() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return f[0] + " / " + f[1] + " / " + f[2] + " (1 / 5 / 15 min)";
        } catch (Exception e) {
            return "unknown";
        }
    }
}
