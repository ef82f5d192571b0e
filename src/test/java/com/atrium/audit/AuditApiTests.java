package com.atrium.audit;

import static com.atrium.practice.TestLogins.as;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.atrium.access.AccessFacts;
import com.atrium.access.AccessService;
import com.atrium.access.Relation;
import com.atrium.access.TeamRole;
import com.atrium.household.ClientView;
import com.atrium.testsupport.Fixtures;
import com.atrium.testsupport.Fixtures.TestPractice;
import com.atrium.testsupport.IntegrationTest;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;

@IntegrationTest
class AuditApiTests {
    @Autowired MockMvc mvc;
    @Autowired Fixtures fixtures;
    @Autowired AccessService access;
    @Autowired AccessFacts facts;
    @Autowired TransactionTemplate tx;

    TestPractice p;
    TestPractice other;
    ClientView client;

    @BeforeEach
    void setUp() {
        p = fixtures.practice();
        other = fixtures.practice();
        client = fixtures.client(p.adviser, "Historic");
        tx.executeWithoutResult(s -> facts.add(p.adviser.userId(), new Relation.Team(client.id(), TeamRole.READ_ONLY, p.support.userId())));
    }

    @Test
    void anyoneWhoMaySeeTheClientReadsItsHistoryNewestFirst() throws Exception {
        for (var who : new com.atrium.shared.Actor[] {p.adviser, p.manager, p.support}) {
            mvc.perform(get("/api/clients/" + client.id() + "/history").with(as(who)))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.total").value(2))
                    .andExpect(jsonPath("$.items[0].seq").value(2))
                    .andExpect(jsonPath("$.items[0].action").value("TEAM_MEMBER_ADDED"))
                    .andExpect(jsonPath("$.items[0].actionLabel").value("Team member added"))
                    .andExpect(jsonPath("$.items[0].actorName").value("adviser Tester"))
                    .andExpect(jsonPath("$.items[0].after").value("support Tester as Read-only"))
                    .andExpect(jsonPath("$.items[0].hash").value(Matchers.matchesPattern("[0-9a-f]{64}")))
                    .andExpect(jsonPath("$.items[1].action").value("CLIENT_REGISTERED"));
        }
        mvc.perform(get("/api/clients/" + client.id() + "/history").param("size", "1").param("page", "1").with(as(p.adviser)))
                .andExpect(jsonPath("$.total").value(2))
                .andExpect(jsonPath("$.items.length()").value(1))
                .andExpect(jsonPath("$.items[0].seq").value(1));
    }

    @Test
    void historyIs404ForOtherPracticesAndStaffWithoutAccess() throws Exception {
        mvc.perform(get("/api/clients/" + client.id() + "/history").with(as(other.manager)))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(get("/api/clients/" + client.id() + "/history").with(as(p.otherAdviser))).andExpect(status().isNotFound());
        mvc.perform(get("/api/clients/" + client.id() + "/history").with(as(p.assistant))).andExpect(status().isNotFound());
        mvc.perform(get("/api/clients/999999999/history").with(as(p.manager))).andExpect(status().isNotFound());
        mvc.perform(get("/api/clients/" + client.id() + "/history")).andExpect(status().isUnauthorized());
    }

    @Test
    void managersVerifyTheChainOthersAreRefused() throws Exception {
        mvc.perform(get("/api/audit/verify").with(as(p.manager)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.ok").value(true))
                .andExpect(jsonPath("$.entries").value(2))
                .andExpect(jsonPath("$.practiceId").value(p.practice.id()))
                .andExpect(jsonPath("$.lastHash").value(Matchers.matchesPattern("[0-9a-f]{64}")));
        mvc.perform(get("/api/audit/verify").with(as(p.adviser)))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.detail").value(Matchers.containsString("practice managers")));
        mvc.perform(get("/api/audit/verify").with(as(p.support))).andExpect(status().isForbidden());
        // the other practice's manager verifies their own (empty) chain, never this one
        mvc.perform(get("/api/audit/verify").with(as(other.manager)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.entries").value(0));
    }

    @Test
    void verifyWorksWithHttpBasicForScripts() throws Exception {
        mvc.perform(get("/api/audit/verify").with(httpBasic(p.manager.email(), Fixtures.PASSWORD)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.ok").value(true));
    }

    @Test
    void managersPageThroughThePracticeWideTrail() throws Exception {
        fixtures.client(p.otherAdviser, "Second");
        fixtures.client(other.adviser, "Elsewhere");
        mvc.perform(get("/api/audit").param("page", "0").with(as(p.manager)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.total").value(3))
                .andExpect(jsonPath("$.items[0].seq").value(3))
                .andExpect(jsonPath("$.items[0].actorName").value("adviser2 Tester"))
                .andExpect(jsonPath("$.items[2].clientId").value(client.id()));
        mvc.perform(get("/api/audit").with(as(p.adviser))).andExpect(status().isForbidden());
        mvc.perform(get("/api/audit").param("page", "-1").with(as(p.manager))).andExpect(status().isBadRequest());
    }
}
