package com.atrium.access;

import static org.assertj.core.api.Assertions.assertThat;

import com.atrium.AtriumApplication;
import com.atrium.household.ClientView;
import com.atrium.household.HouseholdService;
import com.atrium.household.Relationship;
import com.atrium.mail.OutboxJob;
import com.atrium.outsider.GrantForm;
import com.atrium.outsider.InvitationReminderJob;
import com.atrium.outsider.OutsiderService;
import com.atrium.practice.ApiTokenService;
import com.atrium.practice.PracticeService;
import com.atrium.shared.Actor;
import com.atrium.testsupport.Fixtures;
import com.atrium.testsupport.Fixtures.TestPractice;
import com.atrium.testsupport.TcpProxy;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Fault tolerance (issue 10), on PostgreSQL: two application nodes (two Spring contexts with their own web servers,
 * pools, caches and listeners) on one database, reached through a TCP proxy this test controls, so "PostgreSQL
 * restarts" for these nodes only (every connection dies, new ones are refused, then it is back) without disturbing
 * the shared server other tests use. Over real HTTP: a session made on one node is used on the other; the scheduled
 * jobs run once across both; an access change on one is seen by the other's cache; a burst of writes across an
 * outage answers success or a clean 503, leaves nothing half-written, and the nodes and their cache listeners recover
 * by themselves. No timing assertion: the test waits for conditions (bounded), never for a duration to hold.
 */
class FaultToleranceIntegrationTests {
    static TcpProxy proxy;
    static GreenMail smtp;
    static ConfigurableApplicationContext a;
    static ConfigurableApplicationContext b;
    static final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeAll
    static void startTwoNodes() throws Exception {
        String url = System.getProperty("spring.datasource.url");
        Matcher m = Pattern.compile("jdbc:postgresql://([^:/]+):(\\d+)/(.+)").matcher(url);
        assertThat(m.matches()).as("the run's PostgreSQL URL %s", url).isTrue();
        proxy = new TcpProxy(m.group(1), Integer.parseInt(m.group(2)));
        String proxied = "jdbc:postgresql://127.0.0.1:" + proxy.port() + "/" + m.group(3);
        int smtpPort = freePort();
        smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", "smtp"));
        smtp.start();
        a = node(proxied, smtpPort);
        b = node(proxied, smtpPort);
    }

    static ConfigurableApplicationContext node(String url, int smtpPort) {
        return new SpringApplicationBuilder(AtriumApplication.class).profiles("test").run(
                "--server.port=0", "--spring.datasource.url=" + url, "--spring.mail.host=127.0.0.1", "--spring.mail.port=" + smtpPort,
                "--spring.datasource.hikari.connection-timeout=3000", "--spring.datasource.hikari.maximum-pool-size=4",
                "--spring.datasource.hikari.minimum-idle=1",
                "--spring.main.banner-mode=off", "--atrium.access.cache.enabled=true");
    }

    @AfterAll
    static void stop() {
        for (ConfigurableApplicationContext c : new ConfigurableApplicationContext[]{a, b}) {
            if (c != null) {
                c.close();
            }
        }
        if (smtp != null) {
            smtp.stop();
        }
        if (proxy != null) {
            proxy.close();
        }
    }

    @Test
    void aSessionMadeOnOneNodeWorksOnTheOther_andUnknownPathsAnswerLikeEverythingElse() throws Exception {
        TestPractice p = fixtures().practice();
        ClientView c = fixtures().client(p.adviser, "Twonodes");
        // log in on node A (form login with its CSRF token)
        HttpResponse<String> loginPage = send(a, "GET", "/login", null, null, null);
        String cookie = sessionCookie(loginPage);
        String csrf = csrfToken(loginPage.body());
        HttpResponse<String> login = send(a, "POST", "/login", cookie, "application/x-www-form-urlencoded",
                "username=" + p.adviser.email() + "&password=" + Fixtures.PASSWORD + "&_csrf=" + csrf);
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location").orElse("")).doesNotContain("error");
        String session = sessionCookie(login) != null ? sessionCookie(login) : cookie;
        // ... and use it on node B
        HttpResponse<String> list = send(b, "GET", "/clients", session, null, null);
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains("Twonodes");
        assertThat(send(b, "GET", "/api/clients/" + c.id(), session, null, null).statusCode()).isEqualTo(200);

        // finding 10 over a real container: unknown path and wrong method under /api are problem details, pages the error page
        HttpResponse<String> unknown = send(b, "GET", "/api/no-such-thing", session, null, null);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(unknown.body()).contains("\"status\":404").doesNotContain("\"error\"").doesNotContain("timestamp");
        HttpResponse<String> wrongMethod = send(b, "DELETE", "/api/clients", session, null, null);
        assertThat(wrongMethod.statusCode()).isIn(403, 405); // 403: a session without its CSRF token is refused first
        HttpResponse<String> wrongMethodToken = send(b, "PUT", "/api/clients", null, null, null, bearer(p.adviser));
        assertThat(wrongMethodToken.statusCode()).isEqualTo(405);
        assertThat(wrongMethodToken.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        HttpResponse<String> page = send(b, "GET", "/no-such-page", session, null, null);
        assertThat(page.statusCode()).isEqualTo(404);
        assertThat(page.body()).contains("Not found").contains("<html");
    }

    @Test
    void theScheduledJobsRunOnceAcrossBothNodes() throws Exception {
        // the suite shares one database: mail that earlier test classes queued (thousands, jobs are off in tests) is put
        // out of reach first, so the two nodes' outbox runs below deliver this test's mail only (not the whole backlog)
        a.getBean(JdbcClient.class).sql("UPDATE mail_outbox SET next_attempt_at = next_attempt_at + INTERVAL '36500 days'"
                + " WHERE sent_at IS NULL").update();
        TestPractice p = fixtures().practice();
        OutsiderService outsiders = a.getBean(OutsiderService.class);
        List<String> emails = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ClientView c = fixtures().client(p.adviser, "Jobs" + i);
            String email = Fixtures.unique("jobs").toLowerCase() + "@test.example";
            emails.add(email);
            long spouse = c.people().stream().filter(x -> x.relationship() == Relationship.SPOUSE).findFirst().orElseThrow().id();
            outsiders.grant(p.adviser, c.id(), new GrantForm(com.atrium.access.GrantSubject.FAMILY, spouse, AccessLevel.READ_ONLY, email,
                    "+33612345678", null));
        }
        JdbcClient jdbc = a.getBean(JdbcClient.class);
        // the invitations are 8 days old: the 7-day reminder is due
        jdbc.sql("UPDATE outsider_invitation SET created_at = created_at - INTERVAL '8 days' WHERE email IN (:e)").param("e", emails).update();
        bothAtOnce(() -> a.getBean(InvitationReminderJob.class).run(), () -> b.getBean(InvitationReminderJob.class).run());
        bothAtOnce(() -> a.getBean(InvitationReminderJob.class).run(), () -> b.getBean(InvitationReminderJob.class).run());
        for (String email : emails) {
            assertThat(jdbc.sql("SELECT COUNT(*) FROM mail_outbox WHERE recipient = :r AND kind = 'REMINDER_7'").param("r", email)
                    .query(Long.class).single()).as("7-day reminders to %s", email).isEqualTo(1L);
        }
        bothAtOnce(() -> a.getBean(OutboxJob.class).deliverDue(), () -> b.getBean(OutboxJob.class).deliverDue());
        bothAtOnce(() -> a.getBean(OutboxJob.class).deliverDue(), () -> b.getBean(OutboxJob.class).deliverDue());
        for (String email : emails) {
            assertThat(received(email)).as("invitation + reminder to %s, each once", email).isEqualTo(2);
        }
    }

    @Test
    void anAccessChangeOnOneNodeIsSeenByTheOthersCache() throws Exception {
        TestPractice p = fixtures().practice();
        ClientView c = fixtures().client(p.adviser, "Cachetwo");
        AccessCache cacheB = b.getBean(AccessCache.class);
        waitUntil("node B's listener is connected", cacheB::listening);
        HttpResponse<String> added = send(a, "POST", "/api/clients/" + c.id() + "/team", null, "application/json",
                "{\"userId\": " + p.support.userId() + ", \"role\": \"READ_ONLY\"}", bearer(p.adviser));
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        String support = bearer(p.support);
        assertThat(send(b, "GET", "/api/clients/" + c.id(), null, null, null, support).statusCode()).isEqualTo(200);
        assertThat(send(b, "GET", "/api/clients/" + c.id(), null, null, null, support).statusCode()).isEqualTo(200);
        assertThat(cacheB.size()).as("node B answered from its cache").isPositive();
        long heard = cacheB.notificationsHandled();
        assertThat(send(a, "DELETE", "/api/clients/" + c.id() + "/team/" + p.support.userId(), null, null, null, bearer(p.adviser))
                .statusCode()).isEqualTo(204);
        waitUntil("node B heard the change", () -> cacheB.notificationsHandled() > heard);
        assertThat(send(b, "GET", "/api/clients/" + c.id(), null, null, null, support).statusCode()).isEqualTo(404);
    }

    @Test
    void postgresqlRestartedDuringABurstOfWrites_everyRequestAnswersCleanly_nothingHalfWritten_andBothNodesRecover() throws Exception {
        TestPractice p = fixtures().practice();
        String token = bearer(p.adviser);
        AccessCache cacheB = b.getBean(AccessCache.class);
        waitUntil("node B's listener is connected", cacheB::listening);
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        List<Long> created = new CopyOnWriteArrayList<>();
        List<String> unclean = new CopyOnWriteArrayList<>();
        AtomicInteger successes = new AtomicInteger();
        CountDownLatch someDone = new CountDownLatch(6);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> writers = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            ConfigurableApplicationContext node = w % 2 == 0 ? a : b;
            int writer = w;
            writers.add(pool.submit(() -> {
                for (int i = 0; i < 12; i++) {
                    String name = "Burst" + writer + "x" + i;
                    HttpResponse<String> r = send(node, "POST", "/api/clients", null, "application/json", """
                            {"people": [{"firstName": "Ann", "lastName": "%s", "relationship": "HOLDER"},
                                        {"firstName": "Bob", "lastName": "%s", "relationship": "SPOUSE"}]}""".formatted(name, name), token);
                    statuses.computeIfAbsent(r.statusCode(), k -> new AtomicInteger()).incrementAndGet();
                    if (r.statusCode() == 201) {
                        successes.incrementAndGet();
                        Matcher id = Pattern.compile("\"id\":(\\d+)").matcher(r.body());
                        if (id.find()) {
                            created.add(Long.parseLong(id.group(1)));
                        }
                    } else if (r.statusCode() != 503 || !r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json")) {
                        unclean.add(r.statusCode() + " " + r.body());
                    }
                    someDone.countDown();
                }
                return null;
            }));
        }
        someDone.await();
        proxy.cut(); // "PostgreSQL restarts": every connection of both nodes dies, new ones are refused
        waitUntil("node B's listener noticed", () -> !cacheB.listening());
        assertThat(cacheB.size()).as("while it cannot hear, node B remembers nothing (every check goes to the database)").isZero();
        Thread.sleep(2000); // the outage lasts a moment (not an assertion)
        proxy.restore();
        for (Future<?> f : writers) {
            f.get();
        }
        pool.shutdown();
        System.out.println("Burst across the outage, answers by status: " + statuses);
        assertThat(unclean).as("every answer is a success or a clean 503 problem detail").isEmpty();
        assertThat(statuses.keySet()).as("answers %s", statuses).isSubsetOf(201, 503);

        // recovery without a restart: both nodes write again, B's listener is back
        for (ConfigurableApplicationContext node : List.of(a, b)) {
            waitUntil("the node answers again", () -> send(node, "GET", "/api/clients?size=1", null, null, null, token).statusCode() == 200);
            HttpResponse<String> r = send(node, "POST", "/api/clients", null, "application/json",
                    "{\"people\": [{\"firstName\": \"Ann\", \"lastName\": \"After\", \"relationship\": \"HOLDER\"}]}", token);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        }
        waitUntil("node B's listener reconnected", cacheB::listening);

        // nothing half-written: every household of the practice is whole (people, access index, primary, audit), and
        // every 201 is there (a 503 may or may not have committed: the outage can fall between commit and answer)
        JdbcClient db = a.getBean(JdbcClient.class); // through the restored proxy (the shared server has few spare connections)
        List<Long> all = db.sql("SELECT id FROM household WHERE practice_id = :p").param("p", p.practice.id()).query(Long.class).list();
        assertThat(all).containsAll(created);
        List<Long> broken = db.sql("""
                SELECT h.id FROM household h WHERE h.practice_id = :p AND (
                    (SELECT COUNT(*) FROM person x WHERE x.household_id = h.id) = 0
                 OR NOT EXISTS (SELECT 1 FROM access_client ac WHERE ac.client_id = h.id)
                 OR (SELECT COUNT(*) FROM access_team t WHERE t.client_id = h.id AND t.primary_marker = TRUE) <> 1
                 OR NOT EXISTS (SELECT 1 FROM audit_entry e WHERE e.client_id = h.id))""").param("p", p.practice.id()).query(Long.class).list();
        assertThat(broken).as("half-written households").isEmpty();
        assertThat(db.sql("SELECT COUNT(*) FROM household h WHERE h.practice_id = :p AND h.display_name LIKE 'Burst%' AND "
                + "(SELECT COUNT(*) FROM person x WHERE x.household_id = h.id) <> 2").param("p", p.practice.id()).query(Long.class).single())
                .isZero();
        assertThat(successes.get()).as("some writes went through before and after the outage").isPositive();
    }

    // ------------------------------------------------------------------ helpers

    static Fixtures fixtures() {
        return new Fixtures(a.getBean(PracticeService.class), a.getBean(HouseholdService.class));
    }

    static String bearer(Actor actor) {
        return a.getBean(ApiTokenService.class).create(actor, "fault test").token();
    }

    static HttpResponse<String> send(ConfigurableApplicationContext node, String method, String path, String cookie, String type,
                                     String body) {
        return send(node, method, path, cookie, type, body, null);
    }

    static HttpResponse<String> send(ConfigurableApplicationContext node, String method, String path, String cookie, String type,
                                     String body, String token) {
        String port = node.getEnvironment().getProperty("local.server.port");
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (cookie != null) {
            r.header("Cookie", cookie);
        }
        if (type != null) {
            r.header("Content-Type", type);
        }
        if (token != null) {
            r.header("Authorization", "Bearer " + token);
        }
        try {
            return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(method + " " + path + " got no answer", e);
        }
    }

    static String sessionCookie(HttpResponse<?> r) {
        return r.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("SESSION=")).map(c -> c.split(";", 2)[0])
                .findFirst().orElse(null);
    }

    static String csrfToken(String html) {
        Matcher m = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"").matcher(html);
        assertThat(m.find()).as("a CSRF token on the login page").isTrue();
        return m.group(1);
    }

    static long received(String email) {
        return Arrays.stream(smtp.getReceivedMessages()).filter(msg -> {
            try {
                return Arrays.stream(msg.getAllRecipients()).anyMatch(x -> x.toString().equals(email));
            } catch (Exception e) {
                return false;
            }
        }).count();
    }

    static void bothAtOnce(Callable<?> one, Callable<?> two) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> runs = new ArrayList<>();
            for (Callable<?> c : List.of(one, two)) {
                runs.add(pool.submit(() -> {
                    go.await();
                    return c.call();
                }));
            }
            go.countDown();
            for (Future<?> f : runs) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    /** Waits (bounded, 60 s) for a condition; fails with its description if it never holds. Not a timing assertion. */
    static void waitUntil(String what, BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
            } catch (RuntimeException e) {
                // not yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError("Gave up waiting until " + what);
    }

    static int freePort() throws java.io.IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
