package com.atrium.practice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.atrium.practice.PasswordService.ResetRequestAnswer;
import com.atrium.shared.Actor;
import com.atrium.shared.InvalidInputException;
import com.atrium.shared.NotFoundException;
import com.atrium.shared.UserType;
import com.atrium.testsupport.Fixtures;
import com.atrium.testsupport.Fixtures.TestPractice;
import com.atrium.testsupport.IntegrationTest;
import jakarta.servlet.http.Cookie;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Forgotten passwords on PostgreSQL: the same answer and the same work for every address (no account enumeration),
 * single-use expiring hashed tokens, limits, sessions ended, audit, and outsiders keeping their second factor.
 */
@IntegrationTest
class PasswordResetIntegrationTests {
    static final String NEW = "quiet-harbour-lanterns";

    @Autowired MockMvc mvc;
    @Autowired Fixtures fixtures;
    @Autowired PracticeService practice;
    @Autowired PasswordService passwords;
    @Autowired JdbcClient jdbc;
    @Autowired TransactionTemplate tx;

    /** Requests of other tests in the shared database are processed first, so each test sees only its own work. */
    @BeforeEach
    void drainOtherRequests() {
        passwords.processPendingResets();
    }

    @Test
    void theAnswerAndTheWorkBeforeItAreTheSameForAKnownAndAnUnknownAddress() throws Exception {
        TestPractice p = fixtures.practice();
        String unknown = Fixtures.unique("nobody").toLowerCase() + "@nowhere.example";
        String known = p.adviser.email();

        MockHttpServletResponse a = mvc.perform(post("/password-reset").with(csrf()).param("email", known)).andReturn().getResponse();
        MockHttpServletResponse b = mvc.perform(post("/password-reset").with(csrf()).param("email", unknown)).andReturn().getResponse();
        assertThat(a.getStatus()).isEqualTo(b.getStatus()).isEqualTo(302);
        assertThat(a.getRedirectedUrl()).isEqualTo(b.getRedirectedUrl()).isEqualTo("/password-reset?sent");
        String sentPage = mvc.perform(get("/password-reset?sent=")).andReturn().getResponse().getContentAsString();
        assertThat(sentPage).contains("If an account uses this address");

        // the request path itself: one row of the same shape for both, no token, no mail, no account looked up yet
        passwords.processPendingResets(); // (waits for the background thread's claim on those two)
        assertThat(outcomes(known)).containsExactly("SENT");
        assertThat(outcomes(unknown)).containsExactly("NO_ACCOUNT");
        long tokensBefore = tokensOf(p.adviser);
        List<String> mailBefore = mailsTo(known);

        // the request path itself: one row of the same shape for both, no token, no mail, no account looked up yet
        assertThat(passwords.requestReset(known.toUpperCase(), "198.51.100.7").answer()).isEqualTo(ResetRequestAnswer.ACCEPTED);
        assertThat(passwords.requestReset(unknown, "198.51.100.7").answer()).isEqualTo(ResetRequestAnswer.ACCEPTED);
        assertThat(pendingRows(known)).isEqualTo(pendingRows(unknown)).isEqualTo(1);
        assertThat(tokensOf(p.adviser)).isEqualTo(tokensBefore);
        assertThat(mailsTo(known)).isEqualTo(mailBefore);

        passwords.processPendingResets();
        assertThat(outcomes(known)).containsExactly("SENT", "SENT");
        assertThat(outcomes(unknown)).containsExactly("NO_ACCOUNT", "NO_ACCOUNT");
        assertThat(mailsTo(known)).containsExactly("PASSWORD_RESET", "PASSWORD_RESET");
        assertThat(mailsTo(unknown)).isEmpty();
        assertThat(auditActions(p, p.adviser)).containsExactly("PASSWORD_RESET_REQUESTED", "PASSWORD_RESET_REQUESTED");
    }

    @Test
    void theLinkSetsANewPasswordOnceAndEndsEverySession() throws Exception {
        TestPractice p = fixtures.practice();
        Browser loggedIn = new Browser();
        loggedIn.login(p.support.email(), Fixtures.PASSWORD);
        assertThat(loggedIn.perform(get("/profile")).getStatus()).isEqualTo(200);

        String link = requestLink(p.support.email());
        assertThat(mvc.perform(get(link)).andReturn().getResponse().getContentAsString()).contains("Choose a new password");
        assertThat(tokenHashes(p.support)).as("only the hash is stored").singleElement()
                .isEqualTo(PasswordService.hash(link.substring(link.lastIndexOf('/') + 1)))
                .satisfies(h -> assertThat(link).doesNotContain(h));

        // a bad password leaves the link working
        mvc.perform(post(link).with(csrf()).param("newPassword", "password1234").param("confirmPassword", "password1234"))
                .andExpect(status().isBadRequest());
        MockHttpServletResponse done = mvc.perform(post(link).with(csrf()).param("newPassword", NEW).param("confirmPassword", NEW))
                .andReturn().getResponse();
        assertThat(done.getRedirectedUrl()).isEqualTo("/login?reset");

        assertThat(mvc.perform(get(link)).andReturn().getResponse().getStatus()).as("single use").isEqualTo(404);
        mvc.perform(post(link).with(csrf()).param("newPassword", "another-new-password").param("confirmPassword", "another-new-password"))
                .andExpect(status().isNotFound());
        assertThat(loggedIn.perform(get("/profile")).getRedirectedUrl()).as("sessions ended").endsWith("/login");
        mvc.perform(get("/api/me").with(httpBasic(p.support.email(), Fixtures.PASSWORD))).andExpect(status().isUnauthorized());
        mvc.perform(get("/api/me").with(httpBasic(p.support.email(), NEW))).andExpect(status().isOk());
        assertThat(auditActions(p, p.support)).containsExactly("PASSWORD_RESET_REQUESTED", "PASSWORD_RESET");
    }

    @Test
    void anExpiredOrReplacedLinkDoesNotWork() throws Exception {
        TestPractice p = fixtures.practice();
        String first = requestLink(p.assistant.email());
        String second = requestLink(p.assistant.email());
        assertThat(mvc.perform(get(first)).andReturn().getResponse().getStatus()).as("replaced by the newer link").isEqualTo(404);
        assertThat(mvc.perform(get(second)).andReturn().getResponse().getStatus()).isEqualTo(200);

        jdbc.sql("UPDATE password_reset_token SET created_at = created_at - INTERVAL '31 minutes', "
                        + "expires_at = expires_at - INTERVAL '31 minutes' WHERE user_id = :u")
                .param("u", p.assistant.userId()).update();
        MockHttpServletResponse expired = mvc.perform(get(second)).andReturn().getResponse();
        assertThat(expired.getStatus()).isEqualTo(404);
        assertThat(expired.getContentAsString()).contains("This link does not work any more");
        assertThatThrownBy(() -> passwords.completeReset(second.substring(second.lastIndexOf('/') + 1), NEW, NEW, "t"))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void twoConcurrentSubmitsOfOneLink_exactlyOneWins() throws Exception {
        TestPractice p = fixtures.practice();
        String link = requestLink(p.otherAdviser.email());
        String token = link.substring(link.lastIndexOf('/') + 1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<String>> results = new ArrayList<>();
        for (String pw : List.of("first-racer-password", "second-racer-password")) {
            results.add(pool.submit(() -> {
                start.await();
                try {
                    passwords.completeReset(token, pw, pw, "test");
                    return "ok";
                } catch (NotFoundException e) {
                    return "refused";
                }
            }));
        }
        start.countDown();
        List<String> outcomes = new ArrayList<>();
        for (Future<String> f : results) {
            outcomes.add(f.get());
        }
        pool.shutdown();
        assertThat(outcomes).containsExactlyInAnyOrder("ok", "refused");
        assertThat(auditActions(p, p.otherAdviser)).filteredOn("PASSWORD_RESET"::equals).hasSize(1);
    }

    @Test
    void atMostThreeLinksAnHourToOneAddress_theAnswerStaysTheSame() throws Exception {
        TestPractice p = fixtures.practice();
        for (int i = 0; i < 5; i++) {
            assertThat(mvc.perform(post("/password-reset").with(csrf()).param("email", p.manager.email()))
                    .andReturn().getResponse().getRedirectedUrl()).isEqualTo("/password-reset?sent");
            passwords.processPendingResets();
        }
        assertThat(outcomes(p.manager.email())).containsExactly("SENT", "SENT", "SENT", "RATE_LIMITED", "RATE_LIMITED");
        assertThat(mailsTo(p.manager.email())).hasSize(3);
        assertThat(auditAfterTexts(p, p.manager)).last().asString().contains("No link sent: 3 links were already sent in the last hour");
    }

    @Test
    void oneNetworkAddressIsLimitedWhateverAddressesItAsksFor() throws Exception {
        String client = "203.0.113." + (int) (Math.random() * 200 + 1);
        jdbc.sql("DELETE FROM password_reset_request WHERE client_address = :c").param("c", client).update();
        for (int i = 0; i < 20; i++) {
            mvc.perform(post("/password-reset").with(csrf()).with(from(client)).param("email", Fixtures.unique("n") + "@x.example"))
                    .andExpect(status().isFound());
        }
        String page = mvc.perform(post("/password-reset").with(csrf()).with(from(client)).param("email", "someone@x.example"))
                .andExpect(status().isTooManyRequests()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("Too many reset requests from your network", "someone@x.example");
    }

    @Test
    void aBadAddressIsAFieldErrorAndKeepsWhatWasTyped() throws Exception {
        String page = mvc.perform(post("/password-reset").with(csrf()).param("email", "not an address"))
                .andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("is not an email address", "value=\"not an address\"");
    }

    @Test
    void aDisabledAccountGetsNoLink() {
        TestPractice p = fixtures.practice();
        jdbc.sql("UPDATE app_user SET active = FALSE WHERE id = :id").param("id", p.support.userId()).update();
        passwords.requestReset(p.support.email(), "t");
        passwords.processPendingResets();
        assertThat(outcomes(p.support.email())).containsExactly("DISABLED");
        assertThat(mailsTo(p.support.email())).isEmpty();
    }

    @Test
    void theNewPasswordFollowsThePolicyAndBothCopiesMustMatch() throws Exception {
        TestPractice p = fixtures.practice();
        String link = requestLink(p.adviser.email());
        String token = link.substring(link.lastIndexOf('/') + 1);
        assertThatThrownBy(() -> passwords.completeReset(token, "qwertyuiop123", "different", "t"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.fieldErrors())
                        .containsEntry("newPassword", PasswordPolicy.TOO_COMMON)
                        .containsEntry("confirmPassword", "The two new passwords are not the same."));
        assertThat(passwords.resetLinkWorks(token)).isTrue();
    }

    @Test
    void aResetLiftsTheFailedLoginLock() throws Exception {
        TestPractice p = fixtures.practice();
        jdbc.sql("UPDATE app_user SET failed_logins = 5, locked_until = CURRENT_TIMESTAMP + INTERVAL '1 hour' WHERE id = :id")
                .param("id", p.manager.userId()).update();
        mvc.perform(get("/api/me").with(httpBasic(p.manager.email(), Fixtures.PASSWORD))).andExpect(status().isUnauthorized());
        String link = requestLink(p.manager.email());
        passwords.completeReset(link.substring(link.lastIndexOf('/') + 1), NEW, NEW, "t");
        mvc.perform(get("/api/me").with(httpBasic(p.manager.email(), NEW))).andExpect(status().isOk());
    }

    @Test
    void anOutsiderKeepsTheSecondFactorAfterAReset() throws Exception {
        TestPractice p = fixtures.practice();
        String email = Fixtures.unique("outsider").toLowerCase() + "@outsider.example";
        practice.createOutsider(p.practice.id(), email, "Olive", "Outsider", "+33612345678", Fixtures.PASSWORD);
        String link = requestLink(email);
        assertThat(lastMailBody(email)).contains("You will still need the code we send to your mobile");
        passwords.completeReset(link.substring(link.lastIndexOf('/') + 1), NEW, NEW, "t");

        Browser b = new Browser();
        assertThat(b.login(email, NEW).getRedirectedUrl()).doesNotContain("error");
        assertThat(b.perform(get("/portal")).getRedirectedUrl()).as("the code is still asked").isEqualTo("/login/code");
        assertThat(b.perform(get("/api/portal/files")).getStatus()).isEqualTo(401);
    }

    @Test
    void theLoginPageLinksToTheResetPage() throws Exception {
        assertThat(mvc.perform(get("/login")).andReturn().getResponse().getContentAsString()).contains("href=\"/password-reset\"");
        assertThat(mvc.perform(get("/password-reset")).andReturn().getResponse().getStatus()).isEqualTo(200);
    }

    // ------------------------------------------------------------------ helpers

    private String requestLink(String email) {
        passwords.requestReset(email, "192.0.2.1");
        passwords.processPendingResets();
        Matcher m = Pattern.compile("https?://[^/\\s]+(/password-reset/[A-Za-z0-9_-]+)").matcher(lastMailBody(email));
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    private String lastMailBody(String email) {
        return jdbc.sql("SELECT body FROM mail_outbox WHERE recipient = :r ORDER BY id DESC FETCH FIRST 1 ROWS ONLY")
                .param("r", email).query(String.class).single();
    }

    private List<String> mailsTo(String email) {
        return jdbc.sql("SELECT kind FROM mail_outbox WHERE recipient = :r ORDER BY id").param("r", email).query(String.class).list();
    }

    private long pendingRows(String email) {
        return jdbc.sql("SELECT COUNT(*) FROM password_reset_request WHERE email = :e AND processed_at IS NULL AND outcome IS NULL")
                .param("e", email).query(Long.class).single();
    }

    private List<String> outcomes(String email) {
        return jdbc.sql("SELECT outcome FROM password_reset_request WHERE email = :e ORDER BY id").param("e", email)
                .query(String.class).list();
    }

    private long tokensOf(Actor a) {
        return jdbc.sql("SELECT COUNT(*) FROM password_reset_token WHERE user_id = :u").param("u", a.userId()).query(Long.class).single();
    }

    private List<String> tokenHashes(Actor a) {
        return jdbc.sql("SELECT token_hash FROM password_reset_token WHERE user_id = :u AND used_at IS NULL").param("u", a.userId())
                .query(String.class).list();
    }

    private List<String> auditActions(TestPractice p, Actor subject) {
        return jdbc.sql("SELECT action FROM audit_entry WHERE practice_id = :p AND subject_user_id = :u AND action LIKE 'PASSWORD%' ORDER BY seq")
                .param("p", p.practice.id()).param("u", subject.userId()).query(String.class).list();
    }

    private List<String> auditAfterTexts(TestPractice p, Actor subject) {
        return jdbc.sql("SELECT after_text FROM audit_entry WHERE practice_id = :p AND subject_user_id = :u AND action LIKE 'PASSWORD%' ORDER BY seq")
                .param("p", p.practice.id()).param("u", subject.userId()).query(String.class).list();
    }

    private static org.springframework.test.web.servlet.request.RequestPostProcessor from(String address) {
        return request -> {
            request.setRemoteAddr(address);
            return request;
        };
    }

    /** Cookies carried from one request to the next, like a browser (sessions live in the database). */
    final class Browser {
        final Map<String, Cookie> cookies = new HashMap<>();

        MockHttpServletResponse login(String email, String password) throws Exception {
            return perform(post("/login").with(csrf()).param("username", email).param("password", password));
        }

        MockHttpServletResponse perform(MockHttpServletRequestBuilder request) throws Exception {
            if (!cookies.isEmpty()) {
                request.cookie(cookies.values().toArray(Cookie[]::new));
            }
            MockHttpServletResponse r = mvc.perform(request).andReturn().getResponse();
            Arrays.stream(r.getCookies()).forEach(ck -> cookies.put(ck.getName(), ck));
            return r;
        }
    }
}
