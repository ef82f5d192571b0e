package com.atrium.web;

import static com.atrium.practice.TestLogins.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.atrium.testsupport.Fixtures;
import com.atrium.testsupport.Fixtures.TestPractice;
import com.atrium.testsupport.IntegrationTest;
import com.atrium.testsupport.MovableClock;
import jakarta.servlet.http.Cookie;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Finding 11 of the security review (the parts MockMvc can show): the idle limit is 30 minutes, a session ends 12
 * hours after the login however active, the staff/outsider gate matches the decoded path, the OpenAPI document has no
 * fake {@code actor} parameter, and no HSTS outside prod. Same context as LoginThrottlingTests (movable clock).
 */
@IntegrationTest
@Import(MovableClock.Config.class)
@TestPropertySource(properties = {"atrium.security.address-max-failures=8", "atrium.security.address-window-minutes=15",
        "atrium.security.max-failed-logins=5", "atrium.security.lock-minutes=15"})
class SessionLimitsWebTests {
    @Autowired MockMvc mvc;
    @Autowired Fixtures fixtures;
    @Autowired MovableClock clock;
    @Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc;

    TestPractice p;

    @BeforeEach
    void setUp() {
        p = fixtures.practice();
    }

    /** One browser: keeps the session cookie (sessions live in the database). */
    final class Browser {
        final Map<String, Cookie> cookies = new HashMap<>();

        MvcResult perform(MockHttpServletRequestBuilder request) throws Exception {
            if (!cookies.isEmpty()) {
                request.cookie(cookies.values().toArray(Cookie[]::new));
            }
            MvcResult r = mvc.perform(request).andReturn();
            Arrays.stream(r.getResponse().getCookies()).forEach(ck -> cookies.put(ck.getName(), ck));
            return r;
        }
    }

    @Test
    void aSessionIdlesOutAfter30MinutesAndEnds12HoursAfterTheLoginHoweverActive() throws Exception {
        Browser b = new Browser();
        MvcResult login = b.perform(post("/login").param("username", p.adviser.email()).param("password", Fixtures.PASSWORD).with(csrf()));
        assertThat(login.getResponse().getRedirectedUrl()).isEqualTo("/");
        String sessionId = new String(java.util.Base64.getDecoder().decode(b.cookies.get("SESSION").getValue()),
                java.nio.charset.StandardCharsets.UTF_8);
        assertThat(jdbc.sql("SELECT max_inactive_interval FROM spring_session WHERE session_id = :id").param("id", sessionId)
                .query(Integer.class).single()).as("idle limit in seconds").isEqualTo(30 * 60);
        assertThat(b.perform(get("/clients")).getResponse().getStatus()).isEqualTo(200);
        clock.advance(Duration.ofHours(11).plusMinutes(59));
        assertThat(b.perform(get("/clients")).getResponse().getStatus()).isEqualTo(200);
        clock.advance(Duration.ofMinutes(2));
        MockHttpServletResponse ended = b.perform(get("/clients")).getResponse();
        assertThat(ended.getRedirectedUrl()).isEqualTo("/login?expired");
        assertThat(b.perform(get("/login").param("expired", "")).getResponse().getContentAsString()).contains("Your session has ended");
        // the session is gone: the API does not know it either
        assertThat(b.perform(get("/api/me")).getResponse().getStatus()).isEqualTo(401);
    }

    @Test
    void theGateMatchesTheDecodedPath() throws Exception {
        // Spring MVC routes /%70ortal to /portal: the gate must see /portal too
        assertThat(mvc.perform(get(URI.create("/%70ortal")).with(as(p.adviser))).andReturn().getResponse().getStatus()).isEqualTo(403);
        assertThat(mvc.perform(get(URI.create("/api/%70ortal/files")).with(as(p.adviser))).andReturn().getResponse().getStatus())
                .isEqualTo(403);
        assertThat(mvc.perform(get("/portal").with(as(p.adviser))).andReturn().getResponse().getStatus()).isEqualTo(403);
    }

    @Test
    void theOpenApiDocumentHasNoActorParameter() throws Exception {
        String doc = mvc.perform(get("/v3/api-docs")).andReturn().getResponse().getContentAsString();
        assertThat(doc).contains("/api/clients").doesNotContain("\"name\":\"actor\"");
    }

    @Test
    void noHstsOutsideProd() throws Exception {
        MockHttpServletResponse r = mvc.perform(get("/login").secure(true)).andReturn().getResponse();
        assertThat(r.getHeader("Strict-Transport-Security")).isNull();
    }
}
