package com.atrium.practice;

import static com.atrium.practice.TestLogins.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.atrium.access.CacheNotifications;
import com.atrium.shared.Actor;
import java.time.OffsetDateTime;
import com.atrium.testsupport.Fixtures;
import com.atrium.testsupport.Fixtures.TestPractice;
import com.atrium.testsupport.IntegrationTest;
import com.jayway.jsonpath.JsonPath;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;

/** Personal API tokens: created once-shown, used statelessly as Bearer, revoked or disabled → 401 at once. */
@IntegrationTest
class ApiTokenApiTests {
    @Autowired MockMvc mvc;
    @Autowired Fixtures fixtures;
    @Autowired JdbcClient jdbc;
    @Autowired org.springframework.context.ApplicationContext context;

    TestPractice p;

    @BeforeEach
    void setUp() {
        p = fixtures.practice();
    }

    @Test
    void aTokenIsShownOnceStoredHashedAndAuthenticatesStatelessly() throws Exception {
        MvcResult created = mvc.perform(post("/api/me/tokens").with(as(p.adviser)).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"nightly export\"}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.name").value("nightly export"))
                .andExpect(jsonPath("$.token").value(Matchers.startsWith("atr_")))
                .andReturn();
        String token = JsonPath.read(created.getResponse().getContentAsString(), "$.token");
        long id = ((Number) JsonPath.read(created.getResponse().getContentAsString(), "$.id")).longValue();
        assertThat(jdbc.sql("SELECT token_hash FROM api_token WHERE id = :id").param("id", id).query(String.class).single())
                .hasSize(64).doesNotContain(token).isEqualTo(ApiTokenService.hash(token));

        MvcResult me = bearer(get("/api/me"), token)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.email").value(p.adviser.email()))
                .andReturn();
        assertThat(me.getRequest().getSession(false)).as("no session for a Bearer call").isNull();
        assertThat(me.getResponse().getHeader("Set-Cookie")).isNull();

        // the list never shows the secret, and records the last use
        mvc.perform(get("/api/me/tokens").with(as(p.adviser)))
                .andExpect(jsonPath("$[0].id").value(id))
                .andExpect(jsonPath("$[0].lastUsedAt").isNotEmpty())
                .andExpect(jsonPath("$[0].token").doesNotExist())
                .andExpect(content().string(Matchers.not(Matchers.containsString(token))));
        // a token cannot mint tokens (they would survive its revocation)
        bearer(post("/api/me/tokens").contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"second\"}"), token)
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value(Matchers.containsString("cannot create API tokens")));
        mvc.perform(get("/api/me/tokens").with(as(p.adviser))).andExpect(jsonPath("$.length()").value(1));
        // ...while HTTP Basic (the password) can
        mvc.perform(post("/api/me/tokens").with(httpBasic(p.adviser.email(), Fixtures.PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"third\"}"))
                .andExpect(status().isCreated());
    }

    @Test
    void tokensExpireAfter90DaysByDefaultAndSaySo() throws Exception {
        OffsetDateTime before = OffsetDateTime.now();
        String body = mvc.perform(post("/api/me/tokens").with(as(p.adviser)).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"default\"}"))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        OffsetDateTime expires = OffsetDateTime.parse(JsonPath.read(body, "$.expiresAt"));
        assertThat(expires).isBetween(before.plusDays(90).minusMinutes(1), OffsetDateTime.now().plusDays(90).plusMinutes(1));
        mvc.perform(get("/api/me/tokens").with(as(p.adviser))).andExpect(jsonPath("$[0].expiresAt").isNotEmpty());
        mvc.perform(post("/api/me/tokens").with(as(p.adviser)).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"short\",\"expiresInDays\":7}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.expiresAt").value(Matchers.startsWith(before.plusDays(7).toLocalDate().toString().substring(0, 7))));
        mvc.perform(post("/api/me/tokens").with(as(p.adviser)).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"forever\",\"neverExpires\":true}"))
                .andExpect(status().isCreated()).andExpect(jsonPath("$.expiresAt").doesNotExist());
        mvc.perform(post("/api/me/tokens").with(as(p.adviser)).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"bad\",\"expiresInDays\":0}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors.expiresInDays").exists());
        String page = mvc.perform(get("/profile").with(as(p.adviser))).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("expires " + expires.format(java.time.format.DateTimeFormatter.ofPattern("d MMM yyyy",
                java.util.Locale.ENGLISH)), "never expires", "Expires in 90 days");
    }

    @Test
    void anExpiredTokenIsRefused() throws Exception {
        String token = create(p.adviser, "expiring");
        bearer(get("/api/me"), token).andExpect(status().isOk());
        jdbc.sql("UPDATE api_token SET expires_at = :t WHERE id = :id").param("t", OffsetDateTime.now().minusSeconds(1))
                .param("id", tokenId(token)).update();
        // by hand (plain SQL): a node's token cache hears of it at the commit, by NOTIFY (changes through the
        // application evict at once: see aTokenStopsAtOnceWhenTheApplicationDisablesOrLocksItsUser)
        CacheNotifications.settle(context);
        bearer(get("/api/me"), token).andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(get("/api/me/tokens").with(as(p.adviser))).andExpect(jsonPath("$.length()").value(0));
    }

    @Test
    void aLockedUsersTokenStopsWorkingUntilTheLockEnds() throws Exception {
        String token = create(p.otherAdviser, "while locked");
        bearer(get("/api/me"), token).andExpect(status().isOk());
        jdbc.sql("UPDATE app_user SET locked_until = :t WHERE id = :id").param("t", OffsetDateTime.now().plusMinutes(15))
                .param("id", p.otherAdviser.userId()).update();
        CacheNotifications.settle(context); // a change by hand reaches the token cache by NOTIFY, at the commit
        bearer(get("/api/me"), token).andExpect(status().isUnauthorized());
        jdbc.sql("UPDATE app_user SET locked_until = :t WHERE id = :id").param("t", OffsetDateTime.now().minusSeconds(1))
                .param("id", p.otherAdviser.userId()).update();
        bearer(get("/api/me"), token).andExpect(status().isOk());
    }

    @Test
    void aRevokedTokenIsRefusedAtOnce() throws Exception {
        String token = create(p.adviser, "to revoke");
        long id = tokenId(token);
        bearer(get("/api/clients"), token).andExpect(status().isOk());
        bearer(delete("/api/me/tokens/" + id), token).andExpect(status().isNoContent());
        bearer(get("/api/clients"), token)
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(header().string("WWW-Authenticate", Matchers.startsWith("Bearer")))
                .andExpect(jsonPath("$.detail").value(Matchers.containsString("revoked")));
        mvc.perform(get("/api/me/tokens").with(as(p.adviser))).andExpect(jsonPath("$.length()").value(0));
    }

    @Test
    void aDisabledUsersTokenIsRefused() throws Exception {
        String token = create(p.support, "support script");
        bearer(get("/api/me"), token).andExpect(status().isOk());
        jdbc.sql("UPDATE app_user SET active = FALSE WHERE id = :id").param("id", p.support.userId()).update();
        CacheNotifications.settle(context); // a change by hand reaches the token cache by NOTIFY, at the commit
        MvcResult r = bearer(get("/api/me"), token).andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).andReturn();
        assertThat(r.getRequest().getSession(false)).isNull();
    }

    @Test
    void someoneElsesTokenIdIsNotFoundAndKeepsWorking() throws Exception {
        String token = create(p.adviser, "mine");
        long id = tokenId(token);
        mvc.perform(delete("/api/me/tokens/" + id).with(as(p.otherAdviser)).with(csrf()))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(delete("/api/me/tokens/987654321").with(as(p.otherAdviser)).with(csrf())).andExpect(status().isNotFound());
        bearer(get("/api/me"), token).andExpect(jsonPath("$.id").value(p.adviser.userId()));
        mvc.perform(get("/api/me/tokens").with(as(p.otherAdviser))).andExpect(jsonPath("$.length()").value(0));
    }

    @Test
    void badTokensAndBadNamesAreProblemDetails() throws Exception {
        bearer(get("/api/me"), "atr_not-a-real-token").andExpect(status().isUnauthorized());
        bearer(get("/api/me"), "something-else").andExpect(status().isUnauthorized());
        mvc.perform(post("/api/me/tokens").with(as(p.adviser)).with(csrf()).contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"  \"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.name").value(Matchers.containsString("name")));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM api_token WHERE user_id = :u").param("u", p.adviser.userId()).query(Long.class).single())
                .isZero();
    }

    @Test
    void theProfilePageCreatesShowsOnceAndRevokes() throws Exception {
        MvcResult r = mvc.perform(post("/profile/tokens").param("name", "from the page").with(as(p.manager)).with(csrf()))
                .andExpect(status().isOk())
                .andReturn();
        String token = ((NewApiToken) r.getModelAndView().getModel().get("newToken")).token();
        assertThat(r.getResponse().getContentAsString()).contains(token, "not shown again");
        mvc.perform(post("/profile/tokens").param("name", "").with(as(p.manager)).with(csrf()))
                .andExpect(content().string(Matchers.containsString("Give the token a name")));
        String page = mvc.perform(get("/profile").with(as(p.manager))).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("API tokens", "from the page").doesNotContain(token);
        mvc.perform(post("/profile/tokens/" + tokenId(token) + "/revoke").with(as(p.manager)).with(csrf()))
                .andExpect(status().is3xxRedirection());
        bearer(get("/api/me"), token).andExpect(status().isUnauthorized());
    }

    @Test
    void aTokenStopsAtOnceWhenTheApplicationDisablesOrLocksItsUser() throws Exception {
        // the listener is held back: the application's own changes must evict this node's token cache in their
        // transaction, without waiting for the NOTIFY
        String token = create(p.support, "disabled by the manager");
        String locked = create(p.otherAdviser, "locked by wrong passwords");
        CacheNotifications.withListenerHeld(context, () -> {
            bearer(get("/api/me"), token).andExpect(status().isOk());
            bearer(get("/api/me"), token).andExpect(status().isOk()); // now answered from the cache (when it is on)
            mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch("/api/staff/" + p.support.userId())
                            .with(as(p.manager)).with(csrf()).contentType(MediaType.APPLICATION_JSON).content("{\"active\":false}"))
                    .andExpect(status().isOk());
            bearer(get("/api/me"), token).andExpect(status().isUnauthorized());

            bearer(get("/api/me"), locked).andExpect(status().isOk());
            bearer(get("/api/me"), locked).andExpect(status().isOk());
            for (int i = 0; i < 5; i++) { // atrium.security.max-failed-logins
                mvc.perform(post("/login").param("username", p.otherAdviser.email()).param("password", "wrong-" + i).with(csrf())
                        .with(r -> { // an address of its own: the login throttle by address must not hit other tests' logins
                            r.setRemoteAddr("10.11.0." + (1 + (int) (p.otherAdviser.userId() % 250)));
                            return r;
                        }));
            }
            bearer(get("/api/me"), locked).andExpect(status().isUnauthorized());
        });
    }

    @Test
    void aBearerCallIsStatelessAndASessionCallStillNeedsItsCsrfToken() throws Exception {
        String token = create(p.adviser, "stateless");
        long sessions = jdbc.sql("SELECT COUNT(*) FROM spring_session").query(Long.class).single();
        for (int i = 0; i < 3; i++) {
            MvcResult r = bearer(get("/api/clients"), token).andExpect(status().isOk()).andReturn();
            assertThat(r.getRequest().getSession(false)).as("no session for a Bearer call").isNull();
            assertThat(r.getResponse().getHeader("Set-Cookie")).as("no session cookie for a Bearer call").isNull();
        }
        MvcResult refused = bearer(get("/api/clients"), "atr_unknown").andExpect(status().isUnauthorized()).andReturn();
        assertThat(refused.getRequest().getSession(false)).as("no session for a refused Bearer call either").isNull();
        assertThat(refused.getResponse().getHeader("Set-Cookie")).isNull();

        // a browser's session (a real form login: the session cookie, no Bearer token) must send the CSRF token
        MvcResult login = mvc.perform(post("/login").param("username", p.adviser.email()).param("password", Fixtures.PASSWORD).with(csrf()))
                .andExpect(status().is3xxRedirection()).andReturn();
        jakarta.servlet.http.Cookie cookie = login.getResponse().getCookie("SESSION");
        assertThat(cookie).as("the form login's session cookie").isNotNull();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM spring_session").query(Long.class).single()).as("only the form login made a session")
                .isEqualTo(sessions + 1);
        String other = create(p.adviser, "revoked through the session");
        mvc.perform(delete("/api/me/tokens/" + tokenId(other)).cookie(cookie))
                .andExpect(status().isForbidden());
        bearer(get("/api/me"), other).andExpect(status().isOk()); // the refused request changed nothing
        mvc.perform(delete("/api/me/tokens/" + tokenId(other)).cookie(cookie).with(csrf()))
                .andExpect(status().isNoContent());
        bearer(get("/api/me"), other).andExpect(status().isUnauthorized());
        // a Bearer call needs no CSRF token, session cookie or not: the token decides who calls
        String third = create(p.adviser, "revoked by token");
        bearer(delete("/api/me/tokens/" + tokenId(third)).cookie(cookie), token).andExpect(status().isNoContent());
        bearer(get("/api/me"), third).andExpect(status().isUnauthorized());
    }

    private String create(Actor actor, String name) throws Exception {
        String body = mvc.perform(post("/api/me/tokens").with(as(actor)).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"" + name + "\"}"))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        return JsonPath.read(body, "$.token");
    }

    private long tokenId(String token) {
        return jdbc.sql("SELECT id FROM api_token WHERE token_hash = :h").param("h", ApiTokenService.hash(token)).query(Long.class).single();
    }

    private ResultActions bearer(org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request, String token)
            throws Exception {
        return mvc.perform(request.header("Authorization", "Bearer " + token));
    }
}
