package com.atrium.practice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.atrium.audit.SecurityEventKind;
import com.atrium.testsupport.Fixtures;
import com.atrium.testsupport.Fixtures.TestPractice;
import com.atrium.testsupport.IntegrationTest;
import com.atrium.testsupport.MovableClock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Finding 4 of the security review: the account lock expires for good, a client address has its own limit, and a
 * lock (or a throttled address) answers exactly like a wrong password. Runs with a clock the test moves and a small
 * per-address limit, in its own context (shared with the second-factor limit tests).
 */
@IntegrationTest
@Import(MovableClock.Config.class)
@TestPropertySource(properties = {"atrium.security.address-max-failures=8", "atrium.security.address-window-minutes=15",
        "atrium.security.max-failed-logins=5", "atrium.security.lock-minutes=15"})
class LoginThrottlingTests {
    private static final AtomicInteger ADDRESS = new AtomicInteger(10);

    @Autowired MockMvc mvc;
    @Autowired Fixtures fixtures;
    @Autowired MovableClock clock;
    @Autowired JdbcClient jdbc;

    TestPractice p;
    String address;

    @BeforeEach
    void setUp() {
        p = fixtures.practice();
        address = nextAddress();
    }

    static String nextAddress() {
        int n = ADDRESS.incrementAndGet();
        return "198.51." + (n / 250) + "." + (n % 250 + 1);
    }

    static RequestPostProcessor from(String address) {
        return r -> {
            r.setRemoteAddr(address);
            return r;
        };
    }

    ResultActions login(String email, String password, String from) throws Exception {
        return mvc.perform(post("/login").param("username", email).param("password", password).with(csrf()).with(from(from)));
    }

    @Test
    void oneWrongPasswordAfterTheLockHasExpiredDoesNotLockAgain() throws Exception {
        String email = p.support.email();
        for (int i = 0; i < 5; i++) {
            login(email, "wrong-" + i, address).andExpect(redirectedUrl("/login?error=bad"));
        }
        login(email, Fixtures.PASSWORD, address).andExpect(redirectedUrl("/login?error=bad"));
        clock.advance(Duration.ofMinutes(16));
        String other = nextAddress();
        login(email, "one-more-typo", other).andExpect(redirectedUrl("/login?error=bad"));
        login(email, Fixtures.PASSWORD, other).andExpect(redirectedUrl("/"));
    }

    @Test
    void guessingDuringTheLockDoesNotExtendIt() throws Exception {
        String email = p.support.email();
        for (int i = 0; i < 5; i++) {
            login(email, "wrong-" + i, address);
        }
        clock.advance(Duration.ofMinutes(10));
        login(email, "still-guessing", nextAddress()).andExpect(redirectedUrl("/login?error=bad"));
        clock.advance(Duration.ofMinutes(6));
        login(email, Fixtures.PASSWORD, nextAddress()).andExpect(redirectedUrl("/"));
    }

    @Test
    void aLockedAccountAnswersExactlyLikeAWrongPasswordOrAnUnknownEmail() throws Exception {
        String email = p.adviser.email();
        for (int i = 0; i < 5; i++) {
            login(email, "wrong-" + i, address);
        }
        String other = nextAddress();
        String locked = login(email, Fixtures.PASSWORD, other).andReturn().getResponse().getRedirectedUrl();
        String wrong = login(p.manager.email(), "not-the-password", other).andReturn().getResponse().getRedirectedUrl();
        String unknown = login("nobody-" + Fixtures.unique("x") + "@test.example", "whatever-pw", other).andReturn()
                .getResponse().getRedirectedUrl();
        assertThat(List.of(locked, wrong, unknown)).containsOnly("/login?error=bad");
        String page = mvc.perform(get("/login").param("error", "bad")).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("Email or password is not right.").doesNotContain("locked");
        // the API answers the locked account's right password like any wrong one
        String lockedApi = mvc.perform(get("/api/me").with(httpBasic(email, Fixtures.PASSWORD)).with(from(nextAddress())))
                .andExpect(status().isUnauthorized()).andReturn().getResponse().getContentAsString();
        String wrongApi = mvc.perform(get("/api/me").with(httpBasic(p.manager.email(), "not-the-password")).with(from(nextAddress())))
                .andExpect(status().isUnauthorized()).andReturn().getResponse().getContentAsString();
        assertThat(lockedApi).isEqualTo(wrongApi);
    }

    @Test
    void oneAddressTryingManyAccountsIsStoppedWhateverTheAccount() throws Exception {
        for (int i = 0; i < 8; i++) {
            login("sprayed-" + Fixtures.unique("x") + "@test.example", "Password123!", address)
                    .andExpect(redirectedUrl("/login?error=bad"));
        }
        // the next login from that address is refused, even with the right password of a real account...
        login(p.otherAdviser.email(), Fixtures.PASSWORD, address).andExpect(redirectedUrl("/login?error=bad"));
        // ...which is not held against the account: from another address it logs in
        login(p.otherAdviser.email(), Fixtures.PASSWORD, nextAddress()).andExpect(redirectedUrl("/"));
        assertThat(jdbc.sql("SELECT failed_logins FROM app_user WHERE id = :id").param("id", p.otherAdviser.userId())
                .query(Integer.class).single()).isZero();
        // the address's window ends
        clock.advance(Duration.ofMinutes(16));
        login(p.otherAdviser.email(), Fixtures.PASSWORD, address).andExpect(redirectedUrl("/"));
    }

    @Test
    void loginsFailuresAndLocksAreSecurityEvents() throws Exception {
        login(p.assistant.email(), Fixtures.PASSWORD, address).andExpect(redirectedUrl("/"));
        for (int i = 0; i < 5; i++) {
            login(p.assistant.email(), "wrong-" + i, address);
        }
        List<String> kinds = jdbc.sql("SELECT action FROM audit_entry WHERE practice_id = :p AND subject_user_id = :u ORDER BY seq")
                .param("p", p.practice.id()).param("u", p.assistant.userId()).query(String.class).list();
        assertThat(kinds).containsExactly(SecurityEventKind.LOGIN_SUCCEEDED.name(), "LOGIN_FAILED", "LOGIN_FAILED", "LOGIN_FAILED",
                "LOGIN_FAILED", "LOGIN_FAILED", SecurityEventKind.ACCOUNT_LOCKED.name());
        assertThat(jdbc.sql("SELECT after_text FROM audit_entry WHERE practice_id = :p AND action = 'LOGIN_FAILED' ORDER BY seq LIMIT 1")
                .param("p", p.practice.id()).query(String.class).single()).isEqualTo("from " + address + ", failure 1 of 5");
    }
}
