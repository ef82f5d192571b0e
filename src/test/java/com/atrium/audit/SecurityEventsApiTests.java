package com.atrium.audit;

import static com.atrium.practice.TestLogins.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.atrium.testsupport.Fixtures;
import com.atrium.testsupport.Fixtures.TestPractice;
import com.atrium.testsupport.IntegrationTest;
import com.jayway.jsonpath.JsonPath;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;

/** Security events: recorded in the hash-chained trail, listed for practice managers only, never across practices. */
@IntegrationTest
class SecurityEventsApiTests {
    @Autowired MockMvc mvc;
    @Autowired Fixtures fixtures;
    @Autowired SecurityEvents events;
    @Autowired TransactionTemplate tx;

    TestPractice p;
    TestPractice other;

    @BeforeEach
    void setUp() {
        p = fixtures.practice();
        other = fixtures.practice();
    }

    @Test
    void creatingAManagerRecordsStaffCreatedAndTheCapabilityNewestFirst() throws Exception {
        String email = Fixtures.unique("sec").toLowerCase() + "@test.example";
        String body = "{\"email\": \"" + email + "\", \"firstName\": \"Cat\", \"lastName\": \"Doe\", \"phone\": \"+61 2 9555 0199\", "
                + "\"type\": \"PROFESSIONAL\", \"practiceManager\": true, \"password\": \"a-long-password-123\"}";
        String created = mvc.perform(post("/api/staff").with(as(p.manager)).with(csrf()).contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        long id = ((Number) JsonPath.read(created, "$.id")).longValue();

        mvc.perform(get("/api/audit/security-events").with(as(p.manager)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.total").value(2))
                .andExpect(jsonPath("$.items[0].kind").value("MANAGER_CAPABILITY_GIVEN"))
                .andExpect(jsonPath("$.items[0].kindLabel").value("Manager capability given"))
                .andExpect(jsonPath("$.items[0].subjectUserId").value(id))
                .andExpect(jsonPath("$.items[0].subjectName").value("Cat Doe"))
                .andExpect(jsonPath("$.items[0].actorName").value("manager Tester"))
                .andExpect(jsonPath("$.items[1].kind").value("STAFF_CREATED"))
                .andExpect(jsonPath("$.items[1].detail").value(Matchers.containsString(email)))
                .andExpect(jsonPath("$.items[1].hash").value(Matchers.matchesPattern("[0-9a-f]{64}")));
        mvc.perform(get("/api/audit/security-events").param("kind", "staff_created").with(as(p.manager)))
                .andExpect(jsonPath("$.total").value(1))
                .andExpect(jsonPath("$.items[0].kind").value("STAFF_CREATED"));
        // the events are links of the practice's chain like every other entry
        mvc.perform(get("/api/audit/verify").with(as(p.manager))).andExpect(jsonPath("$.ok").value(true));
    }

    @Test
    void onlyManagersOfThePracticeSeeItsEvents() throws Exception {
        tx.executeWithoutResult(s -> events.record(SecurityEvent.of(SecurityEventKind.LOGIN_FAILED, p.practice.id())
                .about(p.adviser.userId()).detail("from 192.0.2.1")));
        mvc.perform(get("/api/audit/security-events").with(as(p.adviser)))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(get("/api/audit/security-events").with(as(p.support))).andExpect(status().isForbidden());
        mvc.perform(get("/api/audit/security-events").with(as(other.manager)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.total").value(0));
        mvc.perform(get("/api/audit/security-events")).andExpect(status().isUnauthorized());
        mvc.perform(get("/api/audit/security-events").with(as(p.manager)))
                .andExpect(jsonPath("$.total").value(1))
                .andExpect(jsonPath("$.items[0].actorName").value("Atrium"))
                .andExpect(jsonPath("$.items[0].detail").value("from 192.0.2.1"));
        mvc.perform(get("/api/audit/security-events").param("kind", "NOPE").with(as(p.manager)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.kind").value(Matchers.containsString("LOGIN_FAILED")));
    }

    @Test
    void aRecordedEventWithoutATransactionIsKeptAndOneInARolledBackTransactionIsNot() throws Exception {
        events.record(SecurityEvent.of(SecurityEventKind.ACCOUNT_LOCKED, p.practice.id()).about(p.support.userId()));
        try {
            tx.executeWithoutResult(s -> {
                events.record(SecurityEvent.of(SecurityEventKind.PASSWORD_CHANGED, p.practice.id()).about(p.support.userId()));
                throw new IllegalStateException("roll back");
            });
        } catch (IllegalStateException expected) {
            // the change failed, so its event must not stay
        }
        mvc.perform(get("/api/audit/security-events").with(as(p.manager)))
                .andExpect(jsonPath("$.total").value(1))
                .andExpect(jsonPath("$.items[0].kind").value("ACCOUNT_LOCKED"));
    }

    @Test
    void apiTokensCreatedAndRevokedAreRecorded() throws Exception {
        String created = mvc.perform(post("/api/me/tokens").with(as(p.adviser)).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"backup\"}"))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        long id = ((Number) JsonPath.read(created, "$.id")).longValue();
        mvc.perform(delete("/api/me/tokens/" + id).with(as(p.adviser)).with(csrf())).andExpect(status().isNoContent());
        mvc.perform(delete("/api/me/tokens/" + id).with(as(p.adviser)).with(csrf())).andExpect(status().isNoContent());
        String body = mvc.perform(get("/api/audit/security-events").with(as(p.manager)))
                .andExpect(jsonPath("$.total").value(2))
                .andExpect(jsonPath("$.items[0].kind").value("API_TOKEN_REVOKED"))
                .andExpect(jsonPath("$.items[1].kind").value("API_TOKEN_CREATED"))
                .andExpect(jsonPath("$.items[1].subjectName").value("adviser Tester"))
                .andReturn().getResponse().getContentAsString();
        assertThat(body).as("the secret is never recorded").doesNotContain((String) JsonPath.read(created, "$.token"));
    }

    @Test
    void workgroupChangesAreRecorded() throws Exception {
        String g = mvc.perform(post("/api/workgroups").with(as(p.adviser)).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"description\":\"Audited team\"}")).andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        long id = ((Number) JsonPath.read(g, "$.id")).longValue();
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch("/api/workgroups/" + id).with(as(p.adviser))
                .with(csrf()).contentType(MediaType.APPLICATION_JSON).content("{\"description\":\"Audited team 2\"}")).andExpect(status().isOk());
        for (var who : new com.atrium.shared.Actor[] {p.support, p.otherAdviser}) {
            mvc.perform(post("/api/workgroups/" + id + "/invitations").with(as(p.adviser)).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                    .content("{\"userId\":" + who.userId() + "}")).andExpect(status().is2xxSuccessful());
        }
        String mine = mvc.perform(get("/api/me/invitations").with(as(p.support))).andReturn().getResponse().getContentAsString();
        mvc.perform(post("/api/me/invitations/" + ((Number) JsonPath.read(mine, "$[0].id")).longValue() + "/join").with(as(p.support)).with(csrf()))
                .andExpect(status().is2xxSuccessful());
        String theirs = mvc.perform(get("/api/me/invitations").with(as(p.otherAdviser))).andReturn().getResponse().getContentAsString();
        mvc.perform(post("/api/me/invitations/" + ((Number) JsonPath.read(theirs, "$[0].id")).longValue() + "/ignore").with(as(p.otherAdviser))
                .with(csrf())).andExpect(status().is2xxSuccessful());
        mvc.perform(delete("/api/workgroups/" + id + "/members/" + p.support.userId()).with(as(p.adviser)).with(csrf()))
                .andExpect(status().is2xxSuccessful());
        mvc.perform(delete("/api/workgroups/" + id).with(as(p.adviser)).with(csrf())).andExpect(status().is2xxSuccessful());
        String body = mvc.perform(get("/api/audit/security-events").with(as(p.manager))).andReturn().getResponse().getContentAsString();
        java.util.List<String> kinds = JsonPath.read(body, "$.items[*].kind");
        assertThat(kinds).containsExactly("WORKGROUP_DELETED", "WORKGROUP_MEMBER_REMOVED", "WORKGROUP_INVITATION_IGNORED",
                "WORKGROUP_MEMBER_JOINED", "WORKGROUP_MEMBER_INVITED", "WORKGROUP_MEMBER_INVITED", "WORKGROUP_RENAMED", "WORKGROUP_CREATED");
        assertThat((String) JsonPath.read(body, "$.items[6].detail")).contains("Audited team", "Audited team 2");
        assertThat((String) JsonPath.read(body, "$.items[1].subjectName")).isEqualTo("support Tester");
    }

    @Test
    void theSecurityEventsPageIsForManagers() throws Exception {
        tx.executeWithoutResult(s -> events.record(SecurityEvent.of(SecurityEventKind.LOGIN_FAILED, p.practice.id())
                .about(p.adviser.userId()).detail("from 192.0.2.9")));
        mvc.perform(get("/security-events").with(as(p.manager)))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("from 192.0.2.9")))
                .andExpect(content().string(Matchers.containsString("adviser Tester")))
                .andExpect(content().string(Matchers.containsString("data-testid=\"nav-security\"")));
        mvc.perform(get("/security-events").param("kind", "LOGIN_FAILED").header("HX-Request", "true").with(as(p.manager)))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("1 event")))
                .andExpect(content().string(Matchers.not(Matchers.containsString("<html"))));
        mvc.perform(get("/security-events").with(as(p.adviser))).andExpect(status().isForbidden());
        mvc.perform(get("/clients").with(as(p.adviser)))
                .andExpect(content().string(Matchers.not(Matchers.containsString("data-testid=\"nav-security\""))));
    }
}
