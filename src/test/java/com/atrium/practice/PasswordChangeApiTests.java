package com.atrium.practice;

import static com.atrium.practice.TestLogins.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.atrium.shared.Actor;
import com.atrium.testsupport.Fixtures;
import com.atrium.testsupport.Fixtures.TestPractice;
import com.atrium.testsupport.IntegrationTest;
import jakarta.servlet.http.Cookie;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Changing one's password (PUT /api/me/password and the profile form), the one password policy wherever a password is
 * chosen, and bcrypt's 72-byte limit (issue 10 finding 9: each test here failed before the fix).
 */
@IntegrationTest
class PasswordChangeApiTests {
    static final String NEW = "tall-ferns-by-the-river";

    @Autowired MockMvc mvc;
    @Autowired Fixtures fixtures;
    @Autowired PracticeService practice;
    @Autowired JdbcClient jdbc;

    @Test
    void changeNeedsTheCurrentPasswordAndThenOnlyTheNewOneLogsIn() throws Exception {
        TestPractice p = fixtures.practice();
        mvc.perform(changeAs(p.adviser, "not-my-password", NEW)).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.currentPassword").value("This is not your current password."));
        mvc.perform(changeAs(p.adviser, Fixtures.PASSWORD, NEW)).andExpect(status().isNoContent());

        mvc.perform(get("/api/me").with(httpBasic(p.adviser.email(), Fixtures.PASSWORD))).andExpect(status().isUnauthorized());
        mvc.perform(get("/api/me").with(httpBasic(p.adviser.email(), NEW))).andExpect(status().isOk());
        assertThat(auditActions(p, p.adviser)).contains("PASSWORD_CHANGED");
    }

    @Test
    void everyProblemComesBackAtOnceOnItsField() throws Exception {
        TestPractice p = fixtures.practice();
        mvc.perform(changeAs(p.adviser, "wrong-current-pw", "password1234")).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.status").value(400))
                .andExpect(jsonPath("$.errors.currentPassword").value("This is not your current password."))
                .andExpect(jsonPath("$.errors.newPassword").value(PasswordPolicy.TOO_COMMON));
        mvc.perform(changeAs(p.adviser, Fixtures.PASSWORD, "short")).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.newPassword").value(PasswordPolicy.TOO_SHORT))
                .andExpect(jsonPath("$.errors.currentPassword").doesNotExist());
        mvc.perform(changeAs(p.adviser, Fixtures.PASSWORD, Fixtures.PASSWORD)).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.newPassword").value("This is your current password: choose a new one."));
        mvc.perform(changeAs(p.adviser, Fixtures.PASSWORD, "x".repeat(40) + "-ferns-".repeat(6))).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.newPassword").value(PasswordPolicy.TOO_LONG));
        // nothing changed
        mvc.perform(get("/api/me").with(httpBasic(p.adviser.email(), Fixtures.PASSWORD))).andExpect(status().isOk());
    }

    @Test
    void wrongCurrentPasswordsCountAsFailedLoginsAndLockTheChange() throws Exception {
        TestPractice p = fixtures.practice();
        for (int i = 0; i < 5; i++) {
            mvc.perform(changeAs(p.support, "guess-number-" + i, NEW)).andExpect(status().isBadRequest());
        }
        mvc.perform(changeAs(p.support, Fixtures.PASSWORD, NEW)).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.currentPassword").value(org.hamcrest.Matchers.containsString("locked")));
    }

    @Test
    void changingEndsTheOtherSessionsAndKeepsThisOne() throws Exception {
        TestPractice p = fixtures.practice();
        Browser here = new Browser();
        Browser elsewhere = new Browser();
        assertThat(here.login(p.manager.email(), Fixtures.PASSWORD).getRedirectedUrl()).doesNotContain("error");
        assertThat(elsewhere.login(p.manager.email(), Fixtures.PASSWORD).getRedirectedUrl()).doesNotContain("error");
        assertThat(elsewhere.perform(get("/profile")).getStatus()).isEqualTo(200);

        MockHttpServletResponse changed = here.perform(post("/profile/password").with(csrf()).param("currentPassword", Fixtures.PASSWORD)
                .param("newPassword", NEW).param("confirmPassword", NEW));
        assertThat(changed.getRedirectedUrl()).isEqualTo("/profile?password=changed#password");

        assertThat(here.perform(get("/profile?password=changed")).getContentAsString()).as("this session stays").contains("Your password is changed.");
        assertThat(elsewhere.perform(get("/profile")).getRedirectedUrl()).as("the other session is over").endsWith("/login");
        assertThat(auditAfter(p, p.manager, "PASSWORD_CHANGED")).contains("1 other session ended");
    }

    @Test
    void theProfileFormShowsEveryErrorOnItsField() throws Exception {
        TestPractice p = fixtures.practice();
        String page = mvc.perform(post("/profile/password").with(as(p.adviser)).with(csrf()).param("currentPassword", "")
                        .param("newPassword", "qwertyuiop12").param("confirmPassword", "something-else"))
                .andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("Enter your current password.", PasswordPolicy.TOO_COMMON.replace("\"", "&quot;"),
                "The two new passwords are not the same.");
    }

    @Test
    void onePolicyWhereverAPasswordIsChosen_staffCreationRefusesCommonAndOverlongPasswords() throws Exception {
        TestPractice p = fixtures.practice();
        for (String[] c : new String[][] {{"password1234", PasswordPolicy.TOO_COMMON}, {"é".repeat(40), PasswordPolicy.TOO_LONG},
                {"elevenchars", PasswordPolicy.TOO_SHORT}}) {
            String body = "{\"email\": \"" + Fixtures.unique("pw").toLowerCase() + "@test.example\", \"firstName\": \"Cat\", "
                    + "\"lastName\": \"Doe\", \"type\": \"SUPPORT\", \"password\": \"" + c[0] + "\"}";
            // an overlong password answered 500 before (bcrypt refused to hash it)
            mvc.perform(post("/api/staff").with(as(p.manager)).with(csrf()).contentType(MediaType.APPLICATION_JSON).content(body))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.errors.password").value(c[1]));
        }
    }

    @Test
    void a72BytePrefixNoLongerLogsInWithAnySuffix() throws Exception {
        TestPractice p = fixtures.practice();
        String exactly72 = "k".repeat(40) + "-river-".repeat(4) + "1234";
        String email = Fixtures.unique("long").toLowerCase() + "@test.example";
        practice.createUser(p.practice.id(), new StaffForm(email, "Long", "Password", null, com.atrium.shared.UserType.SUPPORT, false,
                exactly72));
        mvc.perform(get("/api/me").with(httpBasic(email, exactly72))).andExpect(status().isOk());
        mvc.perform(get("/api/me").with(httpBasic(email, exactly72 + "-any-suffix"))).andExpect(status().isUnauthorized());
    }

    @Test
    void demoUsersKeepTheirSeededPasswordWhichThePolicyWouldRefuse() {
        assertThat(PasswordPolicy.problem("atrium-demo")).isPresent();
        TestPractice p = fixtures.practice();
        String email = Fixtures.unique("seeded").toLowerCase() + "@test.example";
        long id = practice.seedUser(p.practice.id(), new StaffForm(email, "Seed", "User", null, com.atrium.shared.UserType.SUPPORT,
                false, "atrium-demo"));
        assertThat(id).isPositive();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> practice.createUser(p.practice.id(), new StaffForm(
                        Fixtures.unique("typed").toLowerCase() + "@test.example", "Typed", "User", null,
                        com.atrium.shared.UserType.SUPPORT, false, "atrium-demo")))
                .isInstanceOf(com.atrium.shared.InvalidInputException.class);
    }

    @Test
    void outsidersChangeTheirPasswordInThePortalAndThroughTheApi() throws Exception {
        TestPractice p = fixtures.practice();
        String email = Fixtures.unique("portal").toLowerCase() + "@outsider.example";
        Actor outsider = practice.actor(practice.createOutsider(p.practice.id(), email, "Olive", "Outsider", "+33612345678",
                Fixtures.PASSWORD)).orElseThrow();
        assertThat(mvc.perform(get("/portal/password").with(TestLogins.asVerifiedOutsider(outsider))).andReturn().getResponse()
                .getContentAsString()).contains("My password");
        mvc.perform(post("/portal/password").with(TestLogins.asVerifiedOutsider(outsider)).with(csrf())
                        .param("currentPassword", Fixtures.PASSWORD).param("newPassword", NEW).param("confirmPassword", NEW))
                .andExpect(status().is3xxRedirection());
        mvc.perform(put("/api/me/password").with(TestLogins.asVerifiedOutsider(outsider)).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"currentPassword\": \"" + NEW + "\", \"newPassword\": \"harbour-lights-at-dusk\"}"))
                .andExpect(status().isNoContent());
        // before the code step the API stays closed
        mvc.perform(put("/api/me/password").with(as(outsider)).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                .content("{}")).andExpect(status().isUnauthorized());
        assertThat(auditActions(p, outsider)).containsExactly("PASSWORD_CHANGED", "PASSWORD_CHANGED");
    }

    @Test
    void staffCannotUseThePortalPasswordPage() throws Exception {
        TestPractice p = fixtures.practice();
        mvc.perform(get("/portal/password").with(as(p.adviser))).andExpect(status().isForbidden());
    }

    // ------------------------------------------------------------------ helpers

    private MockHttpServletRequestBuilder changeAs(Actor actor, String current, String next) {
        return put("/api/me/password").with(as(actor)).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"currentPassword\": \"" + current + "\", \"newPassword\": \"" + next + "\"}");
    }

    java.util.List<String> auditActions(TestPractice p, Actor subject) {
        return jdbc.sql("SELECT action FROM audit_entry WHERE practice_id = :p AND subject_user_id = :u AND action LIKE 'PASSWORD%' ORDER BY seq")
                .param("p", p.practice.id()).param("u", subject.userId()).query(String.class).list();
    }

    String auditAfter(TestPractice p, Actor subject, String action) {
        return jdbc.sql("SELECT after_text FROM audit_entry WHERE practice_id = :p AND subject_user_id = :u AND action = :a "
                        + "ORDER BY seq DESC FETCH FIRST 1 ROWS ONLY")
                .param("p", p.practice.id()).param("u", subject.userId()).param("a", action).query(String.class).single();
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
