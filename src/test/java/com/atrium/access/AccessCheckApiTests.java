package com.atrium.access;

import static com.atrium.practice.TestLogins.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.atrium.household.ClientView;
import com.atrium.shared.Actor;
import com.atrium.testsupport.Fixtures;
import com.atrium.testsupport.Fixtures.TestPractice;
import com.atrium.testsupport.IntegrationTest;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/** GET /api/access/check: who may ask, what the answer says, and that nothing leaks across practices. */
@IntegrationTest
class AccessCheckApiTests {
    @Autowired MockMvc mvc;
    @Autowired Fixtures fixtures;
    @Autowired JdbcClient jdbc;

    TestPractice p;
    ClientView client;

    @BeforeEach
    void setUp() {
        p = fixtures.practice();
        client = fixtures.client(p.adviser, "Checked");
    }

    @Test
    void aStaffUserAsksAboutThemselves() throws Exception {
        check(p.adviser, null, "VIEW_FILE", client.id())
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.user").value(p.adviser.userId()))
                .andExpect(jsonPath("$.client").value(client.id()))
                .andExpect(jsonPath("$.permission").value("VIEW_FILE"))
                .andExpect(jsonPath("$.allowed").value(true))
                .andExpect(jsonPath("$.paths", Matchers.contains("PRIMARY")));
        check(p.otherAdviser, p.otherAdviser.userId(), "VIEW_FILE", client.id())
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.allowed").value(false))
                .andExpect(jsonPath("$.paths", Matchers.empty()));
        check(p.manager, null, "MANAGE_OUTSIDERS", client.id())
                .andExpect(jsonPath("$.allowed").value(false));
        check(p.manager, null, "MANAGE_TEAM", client.id())
                .andExpect(jsonPath("$.allowed").value(true))
                .andExpect(jsonPath("$.paths", Matchers.contains("PRACTICE_MANAGER")));
    }

    @Test
    void aPracticeManagerAsksAboutAnyoneInTheirPractice() throws Exception {
        check(p.manager, p.adviser.userId(), "EXPORT_PLAN", client.id())
                .andExpect(jsonPath("$.user").value(p.adviser.userId()))
                .andExpect(jsonPath("$.allowed").value(true))
                .andExpect(jsonPath("$.paths", Matchers.contains("PRIMARY")));
        check(p.manager, p.assistant.userId(), "VIEW_FILE", client.id())
                .andExpect(jsonPath("$.allowed").value(false));
        Actor leaver = fixtures.user(p.practice, com.atrium.shared.UserType.PROFESSIONAL, true, "leaver");
        jdbc.sql("UPDATE app_user SET active = FALSE WHERE id = :id").param("id", leaver.userId()).update();
        check(p.manager, leaver.userId(), "VIEW_FILE", client.id())
                .andExpect(jsonPath("$.allowed").value(false))
                .andExpect(jsonPath("$.paths", Matchers.empty()));
    }

    @Test
    void othersMayNotAskAboutSomeoneElse() throws Exception {
        check(p.support, p.adviser.userId(), "VIEW_FILE", client.id())
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value(Matchers.containsString("only about yourself")));
        // the same answer whether or not the id exists
        check(p.support, 987_654_321L, "VIEW_FILE", client.id()).andExpect(status().isForbidden());
    }

    @Test
    void usersAndClientsOfAnotherPracticeAnswerLikeADenial() throws Exception {
        TestPractice other = fixtures.practice();
        ClientView theirs = fixtures.client(other.adviser, "Elsewhere");
        String denied = body(check(p.manager, p.assistant.userId(), "VIEW_FILE", client.id()));
        // their user asked about our client, our user about their client, unknown user, unknown client
        assertThat(normalise(body(check(p.manager, other.adviser.userId(), "VIEW_FILE", client.id())))).isEqualTo(normalise(denied));
        assertThat(normalise(body(check(p.manager, other.adviser.userId(), "VIEW_FILE", theirs.id())))).isEqualTo(normalise(denied));
        assertThat(normalise(body(check(p.manager, 987_654_321L, "VIEW_FILE", client.id())))).isEqualTo(normalise(denied));
        assertThat(normalise(body(check(p.manager, null, "VIEW_FILE", theirs.id())))).isEqualTo(normalise(denied));
        assertThat(normalise(body(check(p.manager, null, "VIEW_FILE", 987_654_321L)))).isEqualTo(normalise(denied));
        // and their manager about their own primary still works (the answer is about their practice)
        check(other.manager, other.adviser.userId(), "VIEW_FILE", theirs.id()).andExpect(jsonPath("$.allowed").value(true));
    }

    @Test
    void badInputIsAProblemDetail() throws Exception {
        check(p.adviser, null, "READ_EVERYTHING", client.id())
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value(Matchers.containsString("Unknown permission")))
                .andExpect(jsonPath("$.detail").value(Matchers.containsString("VIEW_FILE")));
        mvc.perform(get("/api/access/check").param("permission", "VIEW_FILE").with(as(p.adviser)))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(get("/api/access/check").param("permission", "VIEW_FILE").param("client", "abc").with(as(p.adviser)))
                .andExpect(status().isBadRequest());
        mvc.perform(get("/api/access/check").param("permission", "VIEW_FILE").param("client", "1"))
                .andExpect(status().isUnauthorized());
    }

    private ResultActions check(Actor caller, Long user, String permission, long clientId) throws Exception {
        var request = get("/api/access/check").param("permission", permission).param("client", Long.toString(clientId));
        if (user != null) {
            request.param("user", Long.toString(user));
        }
        return mvc.perform(request.with(as(caller)));
    }

    private static String body(ResultActions r) throws Exception {
        return r.andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }

    /** The answer without the two ids the caller sent. */
    private static String normalise(String json) {
        return json.replaceAll("\"user\":\\d+", "\"user\":0").replaceAll("\"client\":\\d+", "\"client\":0");
    }
}
