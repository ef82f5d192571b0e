package com.atrium.outsider;

import static com.atrium.outsider.OutsiderTestSupport.person;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.atrium.access.AccessLevel;
import com.atrium.access.AccessService;
import com.atrium.access.GrantSubject;
import com.atrium.access.Permission;
import com.atrium.household.ClientView;
import com.atrium.household.Relationship;
import com.atrium.mail.OutboxJob;
import com.atrium.practice.PracticeService;
import com.atrium.shared.Actor;
import com.atrium.testsupport.Fixtures;
import com.atrium.testsupport.Fixtures.TestPractice;
import com.atrium.testsupport.IntegrationTest;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import jakarta.servlet.http.Cookie;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Invitations, reminders, the outbox against a real (GreenMail) SMTP server, expiry by the clock, and the whole
 * journey: invitation -> account -> login with password and mobile code -> only the granted file. The clock is a
 * test clock the tests move.
 */
@IntegrationTest
@Import(OutsiderMailTests.ClockConfig.class)
class OutsiderMailTests {
    static final int SMTP_PORT = freePort();
    static GreenMail smtp;

    @DynamicPropertySource
    static void mail(DynamicPropertyRegistry r) {
        r.add("spring.mail.host", () -> "127.0.0.1");
        r.add("spring.mail.port", () -> SMTP_PORT);
    }

    @BeforeAll
    static void startSmtp() {
        smtp = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", "smtp"));
        smtp.start();
    }

    @AfterAll
    static void stopSmtp() {
        smtp.stop();
    }

    /** A clock the tests move forward. */
    static final class MovableClock extends Clock {
        private Instant now = Instant.now();

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public synchronized Instant instant() {
            return now;
        }

        synchronized void advance(Duration d) {
            now = now.plus(d);
        }
    }

    @TestConfiguration
    static class ClockConfig {
        @Bean
        @Primary
        MovableClock testClock() {
            return new MovableClock();
        }
    }

    @Autowired MockMvc mvc;
    @Autowired Fixtures fixtures;
    @Autowired OutsiderService outsiders;
    @Autowired InvitationReminderJob reminders;
    @Autowired OutboxJob outbox;
    @Autowired AccessService access;
    @Autowired PracticeService practice;
    @Autowired MovableClock clock;
    @Autowired JdbcClient jdbc;

    /**
     * Other test classes share the run's database and leave mail queued (their contexts never deliver it): mark
     * it sent, so each test here delivers only its own messages (and fast).
     */
    @org.junit.jupiter.api.BeforeEach
    void forgetOtherTestsMail() {
        jdbc.sql("UPDATE mail_outbox SET sent_at = created_at WHERE sent_at IS NULL").update();
    }

    @Test
    void remindersGoOutOnDay7AndDay30_eachExactlyOnce() {
        freeTheJobsLock();
        TestPractice p = fixtures.practice();
        ClientView c = fixtures.client(p.adviser, "Girard");
        String email = OutsiderTestSupport.email("remind");
        outsiders.grant(p.adviser, c.id(), new GrantForm(GrantSubject.FAMILY, person(c, Relationship.SPOUSE).id(), AccessLevel.READ_ONLY,
                email, "+33612345678", null));
        int[] days = {6, 7, 8, 29, 30, 31, 45};
        int[] expected = {0, 1, 1, 1, 2, 2, 2};
        int at = 0;
        for (int i = 0; i < days.length; i++) {
            clock.advance(Duration.ofDays(days[i] - at).plusMinutes(1));
            at = days[i];
            reminders.run();
            reminders.run(); // a second run (or node) the same day sends nothing more
            assertThat(reminderCount(email)).as("reminders by day %d", days[i]).isEqualTo(expected[i]);
        }
        assertThat(OutsiderTestSupport.mailsTo(jdbc, email)).containsExactly("INVITATION", "REMINDER_7", "REMINDER_30");
    }

    /**
     * The job runs under a ShedLock lock: one left held by an earlier class's context (closed mid-run, up to 10 min)
     * would make every run a silent no-op, so these tests start with it free. Released, not deleted: ShedLock remembers
     * which lock rows it created and only UPDATEs those, so a deleted row would refuse every later run.
     */
    private void freeTheJobsLock() {
        jdbc.sql("UPDATE shedlock SET lock_until = now() - interval '1 second' WHERE name = 'invitation-reminders'").update();
    }

    @Test
    void aBacklogLargerThanOneBatchIsWorkedThroughInOneRun() {
        freeTheJobsLock();
        TestPractice p = fixtures.practice();
        // more stale invitations than one batch, all older than ours (lower ids) and with no grant waiting: each is cancelled
        jdbc.sql("""
                INSERT INTO outsider_invitation (practice_id, email, first_name, last_name, mobile, token_hash, token_expires_at,
                                                 invited_by, created_at)
                SELECT :p, 'backlog-' || g || '-' || :tag || '@example.com', 'Back', 'Log', '+33612345678', md5(:tag || g) || md5(g || :tag),
                       :now, :by, :now
                  FROM generate_series(1, 450) g""")
                .param("p", p.practice.id()).param("tag", String.valueOf(System.nanoTime())).param("by", p.adviser.userId())
                .param("now", java.time.OffsetDateTime.now(clock)).update();
        ClientView c = fixtures.client(p.adviser, "Perrin");
        String email = OutsiderTestSupport.email("waiting");
        outsiders.grant(p.adviser, c.id(), new GrantForm(GrantSubject.FAMILY, person(c, Relationship.SPOUSE).id(), AccessLevel.READ_ONLY,
                email, "+33612345678", null));
        clock.advance(Duration.ofDays(7).plusMinutes(1));
        reminders.run();
        assertThat(reminderCount(email)).as("the reminder behind a backlog of 450 goes out in the same run").isEqualTo(1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM outsider_invitation WHERE practice_id = :p AND email LIKE 'backlog-%' AND cancelled_at IS NULL")
                .param("p", p.practice.id()).query(Long.class).single()).isZero();
    }

    @Test
    void noReminderOnceTheAccountExists() throws Exception {
        TestPractice p = fixtures.practice();
        ClientView c = fixtures.client(p.adviser, "Chevalier");
        String email = OutsiderTestSupport.email("accepted");
        outsiders.grant(p.adviser, c.id(), new GrantForm(GrantSubject.FAMILY, person(c, Relationship.SPOUSE).id(), AccessLevel.READ_ONLY,
                email, "+33612345678", null));
        String link = lastLink(email);
        mvc.perform(post(link).with(csrf()).param("password", Fixtures.PASSWORD).param("confirm", Fixtures.PASSWORD));
        clock.advance(Duration.ofDays(8));
        reminders.run();
        assertThat(reminderCount(email)).isZero();
    }

    @Test
    void smtpDownThenUp_theMailIsDeliveredExactlyOnce() throws Exception {
        TestPractice p = fixtures.practice();
        ClientView c = fixtures.client(p.adviser, "Lambert");
        String email = OutsiderTestSupport.email("smtp");
        outsiders.grant(p.adviser, c.id(), new GrantForm(GrantSubject.FAMILY, person(c, Relationship.SPOUSE).id(), AccessLevel.READ_ONLY,
                email, "+33612345678", null));
        smtp.stop();
        try {
            outbox.deliverDue();
            assertThat(jdbc.sql("SELECT attempts FROM mail_outbox WHERE recipient = :r").param("r", email).query(Integer.class).single())
                    .isEqualTo(1);
            assertThat(jdbc.sql("SELECT sent_at IS NULL FROM mail_outbox WHERE recipient = :r").param("r", email).query(Boolean.class).single())
                    .isTrue();
        } finally {
            smtp = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", "smtp"));
            smtp.start();
        }
        outbox.deliverDue(); // not due yet: the retry waits
        assertThat(received(email)).isEmpty();
        clock.advance(Duration.ofMinutes(2));
        outbox.deliverDue();
        outbox.deliverDue();
        clock.advance(Duration.ofHours(2));
        outbox.deliverDue();
        assertThat(received(email)).hasSize(1);
        assertThat(received(email).get(0).getSubject()).contains("invites you to Atrium");
    }

    /**
     * Fault tolerance (issue 10): the SMTP server is down for an hour of simulated time while the outbox keeps trying
     * (every 5 minutes, as often as the schedule would), then comes back; two deliverers run at once (as two nodes
     * would): every queued email arrives exactly once.
     */
    @Test
    void smtpDownForAnHour_thenUp_everyEmailDeliveredExactlyOnce_withTwoDeliverersAtOnce() throws Exception {
        TestPractice p = fixtures.practice();
        List<String> emails = new java.util.ArrayList<>();
        smtp.stop();
        try {
            for (String name : List.of("Outage", "Panne", "Ausfall")) {
                ClientView c = fixtures.client(p.adviser, name);
                String email = OutsiderTestSupport.email("outage");
                emails.add(email);
                outsiders.grant(p.adviser, c.id(), new GrantForm(GrantSubject.FAMILY, person(c, Relationship.SPOUSE).id(), AccessLevel.READ_ONLY,
                        email, "+33612345678", null));
            }
            for (int minute = 0; minute < 60; minute += 5) {
                outbox.deliverDue();
                clock.advance(Duration.ofMinutes(5));
            }
            for (String email : emails) {
                assertThat(jdbc.sql("SELECT sent_at IS NULL AND attempts >= 4 FROM mail_outbox WHERE recipient = :r")
                        .param("r", email).query(Boolean.class).single()).as("still queued after an hour of failures").isTrue();
            }
        } finally {
            smtp = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", "smtp"));
            smtp.start();
        }
        clock.advance(Duration.ofMinutes(61)); // past the longest back-off
        java.util.concurrent.ExecutorService two = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<Integer>> runs = new java.util.ArrayList<>();
            for (int i = 0; i < 2; i++) {
                runs.add(two.submit(() -> {
                    go.await();
                    return outbox.deliverDue();
                }));
            }
            go.countDown();
            for (var run : runs) {
                run.get();
            }
        } finally {
            two.shutdown();
        }
        outbox.deliverDue();
        for (String email : emails) {
            assertThat(received(email)).as("mails to %s", email).hasSize(1);
            assertThat(jdbc.sql("SELECT sent_at IS NOT NULL FROM mail_outbox WHERE recipient = :r").param("r", email)
                    .query(Boolean.class).single()).isTrue();
        }
    }

    @Test
    void anExpiredGrantStopsWorkingByItself_andShowsAsExpired() {
        TestPractice p = fixtures.practice();
        ClientView c = fixtures.client(p.adviser, "Mercier");
        LocalDate lastDay = LocalDate.now(clock).plusDays(2);
        Actor spouse = OutsiderTestSupport.grantWithAccount(outsiders, new InvitationsAccess(jdbc, mvc).invitations(), practice, jdbc,
                p.adviser, c.id(), GrantSubject.FAMILY, person(c, Relationship.SPOUSE).id(), AccessLevel.READ_WRITE, lastDay);
        assertThat(access.check(spouse, Permission.VIEW_FILE, c.id()).allowed()).isTrue();
        clock.advance(Duration.ofDays(2));
        assertThat(access.check(spouse, Permission.VIEW_FILE, c.id()).allowed()).as("the last day still works").isTrue();
        clock.advance(Duration.ofDays(1));
        assertThat(access.check(spouse, Permission.VIEW_FILE, c.id()).allowed()).isFalse();
        assertThat(visibleCount(spouse)).isZero();
        assertThat(access.explain(p.adviser, c.id(), spouse.userId()).summary()).contains("read-write access expired on");
        assertThat(outsiders.grants(p.adviser, c.id())).singleElement().satisfies(g -> assertThat(g.status()).isEqualTo("EXPIRED"));
    }

    @Test
    void journey_invitationAccountLoginWithCode_seesOnlyTheGrantedFile() throws Exception {
        TestPractice p = fixtures.practice();
        ClientView granted = fixtures.client(p.adviser, "Journey");
        ClientView other = fixtures.client(p.adviser, "Notgranted");
        String email = OutsiderTestSupport.email("journey");
        outsiders.grant(p.adviser, granted.id(), new GrantForm(GrantSubject.FAMILY, person(granted, Relationship.SPOUSE).id(),
                AccessLevel.READ_WRITE, email, "+33 6 12 34 56 78", null));
        outbox.deliverDue();
        String link = linkIn(received(email).get(0).getContent().toString());

        Session s = new Session();
        assertThat(s.perform(get(link)).getContentAsString()).contains(email);
        MockHttpServletResponse created = s.perform(post(link).with(csrf()).param("password", "a-new-password-1").param("confirm", "a-new-password-1"));
        assertThat(created.getRedirectedUrl()).isEqualTo("/login?welcome");
        assertThat(s.perform(get(link)).getStatus()).as("single-use link").isEqualTo(404);

        MockHttpServletResponse login = s.perform(post("/login").with(csrf()).param("username", email).param("password", "a-new-password-1"));
        assertThat(login.getStatus()).isEqualTo(302);
        // password alone is not enough
        assertThat(s.perform(get("/portal")).getRedirectedUrl()).isEqualTo("/login/code");
        assertThat(s.perform(get("/api/portal/files")).getStatus()).isEqualTo(401);
        assertThat(s.perform(get("/login/code")).getStatus()).isEqualTo(200);
        String code = lastSmsCode("+33612345678");
        assertThat(s.perform(post("/login/code").with(csrf()).param("code", "000000".equals(code) ? "111111" : "000000")).getStatus())
                .isEqualTo(200);
        assertThat(s.perform(post("/login/code").with(csrf()).param("code", code)).getRedirectedUrl()).isEqualTo("/portal");

        String portal = s.perform(get("/portal")).getContentAsString();
        assertThat(portal).contains("Journey, Alex").doesNotContain("Notgranted");
        String api = s.perform(get("/api/portal/files")).getContentAsString();
        assertThat(api).contains("\"id\":" + granted.id()).doesNotContain("\"id\":" + other.id());
        assertThat(s.perform(get("/portal/files/" + granted.id())).getContentAsString()).contains("adviser Tester");
        assertThat(s.perform(get("/portal/files/" + other.id())).getStatus()).isEqualTo(404);
        assertThat(s.perform(get("/api/portal/files/" + other.id())).getStatus()).isEqualTo(404);
        // no staff page or API, not even for the granted client
        assertThat(s.perform(get("/clients/" + granted.id())).getStatus()).isEqualTo(403);
        assertThat(s.perform(get("/api/clients/" + granted.id())).getStatus()).isEqualTo(403);
        assertThat(s.perform(get("/staff")).getStatus()).isEqualTo(403);
    }

    // ------------------------------------------------------------------ helpers

    /** Cookies carried from one request to the next, like a browser (sessions live in the database). */
    final class Session {
        final Map<String, Cookie> cookies = new HashMap<>();

        MockHttpServletResponse perform(MockHttpServletRequestBuilder request) throws Exception {
            if (!cookies.isEmpty()) {
                request.cookie(cookies.values().toArray(Cookie[]::new));
            }
            MockHttpServletResponse r = mvc.perform(request).andReturn().getResponse();
            Arrays.stream(r.getCookies()).forEach(ck -> cookies.put(ck.getName(), ck));
            return r;
        }
    }

    /** Gives tests access to the package's Invitations bean. */
    record InvitationsAccess(JdbcClient jdbc, MockMvc mvc) {
        Invitations invitations() {
            return invitationsBean;
        }
    }

    static Invitations invitationsBean;

    @Autowired
    void setInvitations(Invitations i) {
        invitationsBean = i;
    }

    long reminderCount(String email) {
        return jdbc.sql("SELECT COUNT(*) FROM mail_outbox WHERE recipient = :r AND kind LIKE 'REMINDER%'").param("r", email)
                .query(Long.class).single();
    }

    long visibleCount(Actor actor) {
        var f = access.visibleClients(actor, "h.id", "h.practice_id");
        return jdbc.sql("SELECT COUNT(*) FROM household h WHERE " + f.predicate()).params(f.params()).query(Long.class).single();
    }

    String lastLink(String email) {
        String body = jdbc.sql("SELECT body FROM mail_outbox WHERE recipient = :r ORDER BY id DESC FETCH FIRST 1 ROWS ONLY")
                .param("r", email).query(String.class).single();
        return linkIn(body);
    }

    static String linkIn(String body) {
        Matcher m = Pattern.compile("https?://[^/\\s]+(/invitations/[A-Za-z0-9_-]+)").matcher(body);
        assertThat(m.find()).as("an invitation link in %s", body).isTrue();
        return m.group(1);
    }

    String lastSmsCode(String mobile) {
        String body = jdbc.sql("SELECT body FROM mail_outbox WHERE recipient = :r AND channel = 'SMS' ORDER BY id DESC FETCH FIRST 1 ROWS ONLY")
                .param("r", mobile).query(String.class).single();
        Matcher m = Pattern.compile("(\\d{6})").matcher(body);
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    static List<MimeMessage> received(String email) {
        return Arrays.stream(smtp.getReceivedMessages()).filter(m -> {
            try {
                return Arrays.stream(m.getAllRecipients()).anyMatch(a -> a.toString().equals(email));
            } catch (Exception e) {
                return false;
            }
        }).toList();
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
