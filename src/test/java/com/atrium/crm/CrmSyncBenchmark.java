package com.atrium.crm;

import com.atrium.AtriumApplication;
import com.atrium.bench.BenchDatabase;
import com.atrium.bench.SqlCounter;
import com.atrium.fakexplan.FakeXplan;
import com.atrium.practice.Practice;
import com.atrium.practice.PracticeService;
import com.atrium.practice.StaffForm;
import com.atrium.shared.UserType;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The CRM rows of the benchmark (issue 13): the first sync of 10,000 clients with their policies from the loopback fake
 * Xplan, then a re-sync with 1% changed, in a JVM limited to 512 MB of heap (run by {@code .bench/run}, which passes
 * {@code -Xmx512m}), on a PostgreSQL database of its own. Measured, never asserted. Appends (or replaces) the
 * "CRM sync" section of docs/benchmarks.md. Usage: {@code CrmSyncBenchmark [clients] [out]}.
 */
public final class CrmSyncBenchmark {
    private CrmSyncBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int clients = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        Path out = Path.of(args.length > 1 ? args[1] : "docs/benchmarks.md");
        try (BenchDatabase db = BenchDatabase.create("crm"); FakeXplan fake = FakeXplan.start(0, clients, 7L)) {
            SpringApplication app = new SpringApplication(AtriumApplication.class);
            boolean countSql = Boolean.getBoolean("bench.sql"); // -Dbench.sql=true: print the statements each run executed
            if (countSql) {
                app.addInitializers(SqlCounter::install);
            }
            Map<String, Object> props = (Map.of("spring.datasource.url", db.url, "spring.datasource.username", db.user,
                    "spring.datasource.password", db.password, "server.port", "0", "atrium.demo.enabled", "false",
                    "atrium.jobs.enabled", "false", "atrium.crm.encryption-key", "bench-key", "atrium.crm.encryption-salt", "0123456789abcdef",
                    "logging.level.root", "WARN", "atrium.dev-mailbox.enabled", "false"));
            // as command-line arguments: default properties rank below application.yml, which turns the demo on
            String[] runArgs = props.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
            runArgs = java.util.stream.Stream.concat(java.util.Arrays.stream(runArgs),
                    java.util.stream.Stream.of("--logging.level.com.atrium.crm.SyncEngine=INFO")).toArray(String[]::new);
            try (ConfigurableApplicationContext ctx = app.run(runArgs)) {
                PracticeService practices = ctx.getBean(PracticeService.class);
                Practice p = practices.createPractice("CRM benchmark");
                long manager = practices.createUser(p.id(), new StaffForm("manager@crm-bench.example", "Margaret", "Hale", null,
                        UserType.PROFESSIONAL, true, "bench-password-1"));
                practices.createUser(p.id(), new StaffForm("adviser1@harbour.example", "Daniel", "Okafor", null, UserType.PROFESSIONAL, false,
                        "bench-password-1"));
                IntegrationRepository integrations = ctx.getBean(IntegrationRepository.class);
                CrmSecrets secrets = ctx.getBean(CrmSecrets.class);
                Instant now = Instant.now();
                long id = integrations.insert(p.id(), CrmType.XPLAN, "Bench Xplan", manager, now);
                integrations.updateDetails(id, "Bench Xplan", fake.host(), FakeXplan.DEMO_APP_ID, secrets.encrypt(FakeXplan.DEMO_SECRET), true,
                        IntegrationStatus.CONNECTED, now);
                integrations.confirmMappings(id, now);
                integrations.saveTokens(id, null, null, null, secrets.encrypt(fake.demoRefreshToken()));
                integrations.connected(id, FakeXplan.USER_NAME, manager, now);
                SyncEngine engine = ctx.getBean(SyncEngine.class);
                CrmService crm = ctx.getBean(CrmService.class);
                var actor = practices.actor(manager).orElseThrow();

                HeapWatch heap = HeapWatch.start();
                SqlCounter.INSTANCE.reset();
                int calls0 = fake.resourcefulCalls();
                long t0 = System.nanoTime();
                long run1 = engine.runNow(integrations.findAny(id).orElseThrow(), "MANUAL", manager).orElseThrow();
                double first = (System.nanoTime() - t0) / 1e9;
                System.out.println("first sync: " + (fake.resourcefulCalls() - calls0) + " Xplan calls");
                if (countSql) {
                    System.out.println("first sync: " + SqlCounter.INSTANCE.report(40));
                    SqlCounter.INSTANCE.reset();
                }
                SyncRunView r1 = crm.run(actor, id, run1);

                List<FakeXplan.Client> all = fake.clients();
                int changed = Math.max(1, all.size() / 100);
                for (int i = 0; i < changed; i++) {
                    all.get(i * (all.size() / changed)).preferredEmail("changed" + i + "@mail.example");
                }
                int calls1 = fake.resourcefulCalls();
                long t1 = System.nanoTime();
                long run2 = engine.runNow(integrations.findAny(id).orElseThrow(), "MANUAL", manager).orElseThrow();
                double second = (System.nanoTime() - t1) / 1e9;
                System.out.println("re-sync: " + (fake.resourcefulCalls() - calls1) + " Xplan calls");
                if (countSql) {
                    System.out.println("re-sync: " + SqlCounter.INSTANCE.report(40));
                }
                SyncRunView r2 = crm.run(actor, id, run2);
                long peak = heap.stop();
                long policies = fake.clients().stream().mapToLong(c -> c.policies.size()).sum();
                String section = section(clients, policies, first, r1, second, r2, changed, peak);
                System.out.println(section);
                write(out, section);
            }
        }
    }

    static String section(int clients, long policies, double first, SyncRunView r1, double second, SyncRunView r2, int changed, long peak) {
        long maxHeap = Runtime.getRuntime().maxMemory() / (1024 * 1024);
        return "## CRM sync (issue 13)\n\n"
                + "Measured " + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")) + " by `CrmSyncBenchmark` (run by"
                + " `.bench/run`): Atrium in-process on PostgreSQL, the fake Xplan on loopback HTTP, JVM heap limit " + maxHeap + " MB,"
                + " page size 200 (batches of 33 clients' lists). " + clients + " clients with " + policies + " policies.\n\n"
                + "| Row | Target | Measured | Counts |\n|---|---|---|---|\n"
                + String.format("| First sync of %,d clients with their policies | ≤ 30 s | %.1f s (%s) | %s |%n", clients, first,
                first <= 30 ? "met" : "missed", SyncEngine.summary(new int[] {r1.created(), r1.updated(), r1.unchanged(), r1.skipped(), r1.failed()}))
                + String.format("| Re-sync with 1%% changed (%d clients) | ≤ 3 s | %.1f s (%s) | %s |%n", changed, second,
                second <= 3 ? "met" : "missed", SyncEngine.summary(new int[] {r2.created(), r2.updated(), r2.unchanged(), r2.skipped(), r2.failed()}))
                + String.format("| Heap used at most (sampled every 50 ms) | < 512 MB | %d MB (%s) | |%n", peak, peak < 512 ? "met" : "missed");
    }

    static void write(Path out, String section) throws IOException {
        String doc = Files.exists(out) ? Files.readString(out, StandardCharsets.UTF_8) : "# Benchmarks\n";
        int at = doc.indexOf("## CRM sync (issue 13)");
        if (at >= 0) {
            int next = doc.indexOf("\n## ", at + 5);
            doc = doc.substring(0, at) + (next < 0 ? "" : doc.substring(next + 1));
        }
        Files.writeString(out, doc.stripTrailing() + "\n\n" + section, StandardCharsets.UTF_8);
    }

    /** Samples the used heap (all heap pools) every 50 ms and keeps the maximum, in MB. */
    static final class HeapWatch {
        private volatile boolean running = true;
        private volatile long peak;
        private Thread thread;

        static HeapWatch start() {
            HeapWatch w = new HeapWatch();
            w.thread = new Thread(() -> {
                while (w.running) {
                    long used = 0;
                    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                        if (pool.getType() == MemoryType.HEAP) {
                            used += pool.getUsage().getUsed();
                        }
                    }
                    w.peak = Math.max(w.peak, used / (1024 * 1024));
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "heap-watch");
            w.thread.setDaemon(true);
            w.thread.start();
            return w;
        }

        long stop() throws InterruptedException {
            running = false;
            thread.join();
            return peak;
        }
    }
}
