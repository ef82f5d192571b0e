package com.atrium.outsider;

import static com.atrium.outsider.OutsiderTestSupport.person;
import static com.atrium.practice.TestLogins.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import com.atrium.access.AccessLevel;
import com.atrium.access.GrantSubject;
import com.atrium.household.ClientView;
import com.atrium.household.Relationship;
import com.atrium.practice.PracticeService;
import com.atrium.shared.Actor;
import com.atrium.testsupport.Fixtures;
import com.atrium.testsupport.Fixtures.TestPractice;
import com.atrium.testsupport.IntegrationTest;
import com.atrium.testsupport.MovableClock;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import jakarta.servlet.http.Cookie;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Finding 3 of the security review: the login code's wrong tries count per account across sessions and new
 * password logins, lock with back-off, and resends are limited per hour; every step is a security event. Same
 * context as LoginThrottlingTests (movable clock, same properties).
 */
@IntegrationTest
@Import(MovableClock.Config.class)
@TestPropertySource(properties = {"atrium.security.address-max-failures=8", "atrium.security.address-window-minutes=15",
        "atrium.security.max-failed-logins=5", "atrium.security.lock-minutes=15"})
class SecondFactorLimitsTests {
    @Autowired MockMvc mvc;
    @Autowired Fixtures fixtures;
    @Autowired OutsiderService outsiders;
    @Autowired Invitations invitations;
    @Autowired PracticeService practice;
    @Autowired JdbcClient jdbc;
    @Autowired MovableClock clock;

    TestPractice p;
    Actor outsider;

    @BeforeEach
    void setUp() {
        p = fixtures.practice();
        ClientView client = fixtures.client(p.adviser, "Coded");
        outsider = OutsiderTestSupport.grantWithAccount(outsiders, invitations, practice, jdbc, p.adviser, client.id(),
                GrantSubject.FAMILY, person(client, Relationship.SPOUSE).id(), AccessLevel.READ_ONLY, null);
    }

    /** One browser: keeps the session cookie (sessions live in the database, Spring Session JDBC). */
    final class Session {
        final Map<String, Cookie> cookies = new HashMap<>();

        MockHttpServletResponse perform(MockHttpServletRequestBuilder request) throws Exception {
            if (!cookies.isEmpty()) {
                request.cookie(cookies.values().toArray(Cookie[]::new));
            }
            MockHttpServletResponse r = mvc.perform(request.with(as(outsider))).andReturn().getResponse();
            Arrays.stream(r.getCookies()).forEach(ck -> cookies.put(ck.getName(), ck));
            return r;
        }
    }

    MockHttpServletResponse get(Session s, String path) throws Exception {
        return s.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get(path));
    }

    MockHttpServletResponse post(Session s, String path, String code) throws Exception {
        var r = org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post(path).with(csrf());
        if (code != null) {
            r.param("code", code);
        }
        return s.perform(r);
    }

    int smsSent() {
        return jdbc.sql("SELECT COUNT(*) FROM mail_outbox WHERE practice_id = :p AND channel = 'SMS'").param("p", p.practice.id())
                .query(Integer.class).single();
    }

    String lastCode() {
        String body = jdbc.sql("SELECT body FROM mail_outbox WHERE practice_id = :p AND channel = 'SMS' ORDER BY id DESC FETCH FIRST 1 ROWS ONLY")
                .param("p", p.practice.id()).query(String.class).single();
        Matcher m = Pattern.compile("(\\d{6})").matcher(body);
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    static String wrong(String code) {
        return "000000".equals(code) ? "111111" : "000000";
    }

    @Test
    void wrongCodesCountPerAccountAcrossSessionsAndANewLoginGivesNoNewTries() throws Exception {
        Session first = new Session();
        assertThat(get(first, "/login/code").getStatus()).isEqualTo(200);
        String code = lastCode();
        for (int i = 0; i < 3; i++) {
            assertThat(post(first, "/login/code", wrong(code)).getContentAsString()).contains("That code is not right");
        }
        // a new password login: a new session and a new code, but not new tries
        Session second = new Session();
        get(second, "/login/code");
        String code2 = lastCode();
        assertThat(post(second, "/login/code", wrong(code2)).getContentAsString()).contains("(1 try left)");
        assertThat(post(second, "/login/code", wrong(code2)).getRedirectedUrl()).isEqualTo("/login?error=code");
        // locked: a third session gets no code and even the right code of the first session does not work there
        int sent = smsSent();
        Session third = new Session();
        assertThat(get(third, "/login/code").getContentAsString()).contains("code entry is paused");
        assertThat(smsSent()).isEqualTo(sent);
        assertThat(post(first, "/login/code", code).getRedirectedUrl()).isEqualTo("/login?error=code");
        assertThat(kinds()).contains("LOGIN_CODE_SENT", "LOGIN_CODE_FAILED", "LOGIN_CODE_LOCKED").doesNotContain("LOGIN_CODE_ACCEPTED");
    }

    @Test
    void locksBackOffAndTheRightCodeClearsThem() throws Exception {
        lockOnce();
        clock.advance(Duration.ofMinutes(16)); // the first lock lasts 15 minutes
        lockOnce();
        clock.advance(Duration.ofMinutes(16)); // the second lasts 30
        Session s = new Session();
        assertThat(get(s, "/login/code").getContentAsString()).contains("code entry is paused. Try again in 14 minutes");
        clock.advance(Duration.ofMinutes(15));
        get(s, "/login/code");
        assertThat(post(s, "/login/code", lastCode()).getRedirectedUrl()).isEqualTo("/portal");
        assertThat(jdbc.sql("SELECT locks + failures FROM login_code_state WHERE user_id = :u").param("u", outsider.userId())
                .query(Integer.class).single()).isZero();
        assertThat(kinds()).contains("LOGIN_CODE_ACCEPTED");
    }

    void lockOnce() throws Exception {
        Session s = new Session();
        get(s, "/login/code");
        String code = lastCode();
        for (int i = 0; i < 4; i++) {
            post(s, "/login/code", wrong(code));
        }
        assertThat(post(s, "/login/code", wrong(code)).getRedirectedUrl()).isEqualTo("/login?error=code");
    }

    @Test
    void resendsAreLimitedPerHourAndTheRefusalIsRecorded() throws Exception {
        Session s = new Session();
        get(s, "/login/code");
        for (int i = 0; i < 4; i++) {
            assertThat(post(s, "/login/code/resend", null).getStatus()).isEqualTo(200);
        }
        assertThat(smsSent()).isEqualTo(5);
        String code = lastCode();
        assertThat(post(s, "/login/code/resend", null).getContentAsString()).contains("you can ask for a new one in 60 minutes");
        // a new login does not get around it either
        get(new Session(), "/login/code");
        assertThat(smsSent()).isEqualTo(5);
        assertThat(kinds()).contains("LOGIN_CODE_RESEND_REFUSED");
        // the last code still works
        MockHttpServletResponse accepted = post(s, "/login/code", code);
        assertThat(accepted.getRedirectedUrl()).as(accepted.getStatus() + " " + accepted.getContentAsString()).isEqualTo("/portal");
        clock.advance(Duration.ofMinutes(61));
        assertThat(post(new Session(), "/login/code/resend", null).getStatus()).isEqualTo(200);
        assertThat(smsSent()).isEqualTo(6);
        // resending is a POST: a GET link cannot send text messages
        assertThat(get(new Session(), "/login/code/resend").getStatus()).isIn(404, 405);
    }

    List<String> kinds() {
        return jdbc.sql("SELECT action FROM audit_entry WHERE practice_id = :p AND subject_user_id = :u ORDER BY seq")
                .param("p", p.practice.id()).param("u", outsider.userId()).query(String.class).list();
    }
}
