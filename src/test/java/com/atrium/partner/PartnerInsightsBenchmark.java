package com.atrium.partner;

import com.atrium.AtriumApplication;
import com.atrium.bench.BenchDatabase;
import com.atrium.practice.ApiTokenService;
import com.atrium.practice.Practice;
import com.atrium.practice.PracticeService;
import com.atrium.practice.StaffForm;
import com.atrium.shared.UserType;
import com.atrium.shared.Actor;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 16's speed rows: risk insights and My Business over HTTP for an adviser with 100 business accounts, on a
 * dataset of 2,000 accounts, 50,000 goals and 200,000 tasks (20 advisers x 100 accounts; 25 goals and 100 tasks per
 * account). Accounts are created through {@link PartnerService} (so the access facts are the real ones); goals, boards
 * and tasks are inserted with set-based SQL. Each endpoint gets 200 warm-up requests then 1,000 measured ones, one at a
 * time, with an API token. Appends its section to docs/benchmarks.md (or the file given). Never a test: run it with
 * {@code .bench/run} (ATRIUM_BENCH_PARTNER=only runs just these rows) or directly:
 * {@code PartnerInsightsBenchmark [accountsPerAdviser] [out]}.
 */
public final class PartnerInsightsBenchmark {
    private PartnerInsightsBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int perAdviser = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        Path out = Path.of(args.length > 1 ? args[1] : "docs/benchmarks.md");
        int advisers = 20;
        try (BenchDatabase db = BenchDatabase.create("partner")) {
            String[] runArgs = {"--spring.datasource.url=" + db.url, "--spring.datasource.username=" + db.user,
                    "--spring.datasource.password=" + db.password, "--server.port=0", "--atrium.demo.enabled=false",
                    "--atrium.jobs.enabled=false", "--atrium.dev-mailbox.enabled=false", "--atrium.mail.demo-smtp.enabled=false",
                    "--logging.level.root=WARN", "--atrium.crm.demo.enabled=false"};
            try (ConfigurableApplicationContext ctx = new SpringApplication(AtriumApplication.class).run(runArgs)) {
                PracticeService practices = ctx.getBean(PracticeService.class);
                PartnerService partner = ctx.getBean(PartnerService.class);
                JdbcClient jdbc = ctx.getBean(JdbcClient.class);
                Practice p = practices.createPractice("Partner benchmark");
                Actor manager = practices.actor(practices.createUser(p.id(), new StaffForm("manager@partner-bench.example", "Maya",
                        "Manager", null, UserType.PROFESSIONAL, true, "bench-password-1"))).orElseThrow();
                List<Actor> staff = new ArrayList<>();
                for (int a = 0; a < advisers; a++) {
                    staff.add(practices.actor(practices.createUser(p.id(), new StaffForm("adviser" + a + "@partner-bench.example",
                            "Adviser", "No" + a, null, UserType.PROFESSIONAL, false, "bench-password-1"))).orElseThrow());
                }
                long t0 = System.nanoTime();
                Licence[] licences = Licence.values();
                for (int a = 0; a < advisers; a++) {
                    for (int i = 0; i < perAdviser; i++) {
                        int n = a * perAdviser + i;
                        partner.create(staff.get(a), new AccountForm("Business " + n, licences[n % licences.length],
                                new UserForm("Owner", "No" + n, "owner" + n + "@partner-bench.example"), List.of()), null);
                    }
                }
                long accountsMs = (System.nanoTime() - t0) / 1_000_000;
                // 25 goals per account (a third milestones, half organisation level, confidence spread over 0-100)
                jdbc.sql("""
                        INSERT INTO partner_goal (account_id, practice_id, title, owner_id, goal_level, milestone, due_on, status,
                                                  confidence, previous_confidence, confidence_at, created_by, created_at)
                        SELECT a.id, a.practice_id, 'Goal ' || g, m.user_id, CASE WHEN g % 2 = 0 THEN 'ORGANISATION' ELSE 'PERSONAL' END,
                               g % 3 = 0, CURRENT_DATE + g, 'IN_PROGRESS', (a.id * 7 + g * 13) % 101, (a.id * 7 + g * 11) % 101,
                               CURRENT_TIMESTAMP, m.user_id, CURRENT_TIMESTAMP
                        FROM partner_account a JOIN partner_member m ON m.account_id = a.id AND m.admin_marker
                        CROSS JOIN generate_series(1, 25) g""").update();
                jdbc.sql("""
                        INSERT INTO partner_board (account_id, practice_id, name, created_by, created_at)
                        SELECT a.id, a.practice_id, 'Operations', m.user_id, CURRENT_TIMESTAMP
                        FROM partner_account a JOIN partner_member m ON m.account_id = a.id AND m.admin_marker""").update();
                jdbc.sql("""
                        INSERT INTO partner_board_column (board_id, account_id, stage, name)
                        SELECT b.id, b.account_id, s.stage, s.name FROM partner_board b
                        CROSS JOIN (VALUES ('TODO', 'To do'), ('IN_PROGRESS', 'In progress'), ('DONE', 'Done')) AS s (stage, name)""").update();
                // 100 tasks per account, spread over the three columns, assigned to the account's owner
                jdbc.sql("""
                        INSERT INTO partner_task (account_id, practice_id, board_id, column_id, stage, title, assignee_id, due_on,
                                                  position, created_by, created_at, updated_at)
                        SELECT b.account_id, b.practice_id, b.id, c.id, c.stage, 'Task ' || t, m.user_id, CURRENT_DATE + t, t,
                               m.user_id, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP
                        FROM partner_board b JOIN partner_member m ON m.account_id = b.account_id AND m.admin_marker
                        CROSS JOIN generate_series(1, 100) t
                        JOIN partner_board_column c ON c.board_id = b.id
                             AND c.stage = (ARRAY['TODO', 'IN_PROGRESS', 'DONE'])[1 + t % 3]""").update();
                jdbc.sql("ANALYZE").update();
                long accounts = count(jdbc, "partner_account");
                long goals = count(jdbc, "partner_goal");
                long tasks = count(jdbc, "partner_task");

                Actor adviser = staff.get(0);
                String adviserToken = ctx.getBean(ApiTokenService.class).create(adviser, "bench").token();
                String managerToken = ctx.getBean(ApiTokenService.class).create(manager, "bench").token();
                String base = "http://127.0.0.1:" + ctx.getEnvironment().getProperty("local.server.port");
                // every endpoint warmed up first (JIT, pools, plans), so the order of the rows does not favour the later ones
                String[][] warm = {{adviserToken, "/api/partner/risk-insights?level=organisation"}, {adviserToken, "/api/partner/risk-insights?level=people"},
                        {adviserToken, "/api/partner/my-business"}, {managerToken, "/api/partner/my-business"},
                        {managerToken, "/api/partner/my-business?adviser=" + adviser.userId()}};
                for (int round = 0; round < 3; round++) {
                    for (String[] w : warm) {
                        measure(base, w[0], w[1], "warm-up");
                    }
                }
                List<String[]> rows = new ArrayList<>();
                rows.add(measure(base, adviserToken, "/api/partner/risk-insights?level=organisation",
                        "Risk insights, organisation (milestone goals < 60 %), adviser with " + perAdviser + " accounts"));
                rows.add(measure(base, adviserToken, "/api/partner/risk-insights?level=people",
                        "Risk insights, people (any goal < 60 %), adviser with " + perAdviser + " accounts"));
                rows.add(measure(base, adviserToken, "/api/partner/my-business",
                        "My Business, adviser with " + perAdviser + " accounts"));
                rows.add(measure(base, managerToken, "/api/partner/my-business",
                        "My Business, practice manager (all " + accounts + " accounts)"));
                rows.add(measure(base, managerToken, "/api/partner/my-business?adviser=" + adviser.userId(),
                        "My Business, practice manager filtering one adviser"));
                String section = report(accounts, goals, tasks, accountsMs, rows);
                System.out.println(section);
                Files.writeString(out, section, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            }
        }
    }

    static long count(JdbcClient jdbc, String table) {
        return jdbc.sql("SELECT COUNT(*) FROM " + table).query(Long.class).single();
    }

    static String[] measure(String base, String token, String path, String label) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token).GET().build();
        String sample = null;
        for (int i = 0; i < 200; i++) {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException(path + " answered " + r.statusCode() + ": " + r.body());
            }
            sample = r.body();
        }
        long[] nanos = new long[1000];
        for (int i = 0; i < nanos.length; i++) {
            long s = System.nanoTime();
            http.send(request, HttpResponse.BodyHandlers.discarding());
            nanos[i] = System.nanoTime() - s;
        }
        Arrays.sort(nanos);
        return new String[] {label, path, ms(nanos[nanos.length / 2]), ms(nanos[(int) (nanos.length * 0.99) - 1]),
                sample.length() / 1024 + " KB"};
    }

    static String ms(long nanos) {
        return String.format(Locale.ROOT, "%.1f", nanos / 1e6);
    }

    static String report(long accounts, long goals, long tasks, long accountsMs, List<String[]> rows) throws IOException, InterruptedException {
        StringBuilder b = new StringBuilder("\n## Partner portal: risk insights and My Business (issue 16)\n\n");
        b.append("Run on ").append(LocalDate.now()).append(", ").append(Runtime.getRuntime().availableProcessors())
                .append(" cores, load average before the run ").append(loadAverage()).append(". Dataset: ").append(accounts)
                .append(" business accounts (20 advisers x ").append(accounts / 20).append(", created through PartnerService in ")
                .append(accountsMs / 1000).append(" s), ").append(goals).append(" goals, ").append(tasks)
                .append(" tasks. Over HTTP with an API token, one request at a time, every endpoint warmed up (3 x 1,200 requests each, interleaved), then 200 warm-up and 1,000 measured requests per row;")
                .append(" target p99 <= 20 ms.\n\n| measure | request | p50 ms | p99 ms | answer | target |\n|---|---|---|---|---|---|\n");
        for (String[] r : rows) {
            double p99 = Double.parseDouble(r[3]);
            b.append("| ").append(r[0]).append(" | `").append(r[1]).append("` | ").append(r[2]).append(" | ").append(r[3]).append(" | ")
                    .append(r[4]).append(" | ").append(p99 <= 20 ? "met" : "missed").append(" |\n");
        }
        return b.toString();
    }

    static String loadAverage() throws IOException {
        Path p = Path.of("/proc/loadavg");
        return Files.exists(p) ? Files.readString(p).trim().split(" ")[0] : "unknown";
    }
}
