package com.atrium.partner;

import static com.atrium.practice.TestLogins.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.atrium.testsupport.Fixtures;
import com.atrium.testsupport.Fixtures.TestPractice;
import com.atrium.testsupport.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The goal pages in the workspace (advisor mode, purple banner, every change audited as "acting in") and in the portal,
 * the form keeping what was typed with every error on its field, and the risk-insights page with its two tabs (htmx
 * fragment of the same template).
 */
@IntegrationTest
class GoalPageWebTests {
    @Autowired MockMvc mvc;
    @Autowired Fixtures fixtures;
    @Autowired PartnerService partner;
    @Autowired GoalService goals;
    @Autowired JdbcClient jdbc;

    TestPractice p;
    AccountView account;

    @BeforeEach
    void setUp() {
        p = fixtures.practice();
        account = PartnerTestSupport.account(partner, p.adviser, Licence.GOALS, 1);
    }

    @Test
    void inAdvisorModeTheAdviserCreatesAGoalAndUpdatesItsConfidenceAndEachChangeIsAuditedAsActingInTheAccount() throws Exception {
        String ws = "/workspace/" + account.id();
        // not in advisor mode: the workspace is not theirs
        mvc.perform(get(ws + "/goals").with(as(p.adviser))).andExpect(status().isNotFound());
        mvc.perform(post("/partner/accounts/" + account.id() + "/advisor-mode").with(as(p.adviser)).with(csrf()))
                .andExpect(status().is3xxRedirection());
        mvc.perform(get(ws + "/goals").with(as(p.adviser)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Advisor mode — " + account.name())))
                .andExpect(content().string(containsString("New goal")));
        // bad input: every error on its field, what was typed kept
        mvc.perform(post(ws + "/goals").with(as(p.adviser)).with(csrf()).param("title", "").param("dueOn", "31/12/2027")
                        .param("confidence", "150").param("description", "Kept text"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("A title is required.")))
                .andExpect(content().string(containsString("Use a date like 2027-03-31.")))
                .andExpect(content().string(containsString("Confidence is a whole number from 0 to 100.")))
                .andExpect(content().string(containsString("Kept text")))
                .andExpect(content().string(containsString("value=\"150\"")));
        String location = mvc.perform(post(ws + "/goals").with(as(p.adviser)).with(csrf()).param("title", "Open the Sydney office")
                        .param("ownerId", String.valueOf(account.users().get(0).userId())).param("level", "ORGANISATION")
                        .param("milestone", "true").param("dueOn", "2027-06-30").param("confidence", "75"))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrlPattern(ws + "/goals/*"))
                .andReturn().getResponse().getRedirectedUrl();
        long goalId = Long.parseLong(location.replaceAll("^.*/goals/(\\d+).*$", "$1"));
        mvc.perform(post(ws + "/goals/" + goalId + "/confidence").with(as(p.adviser)).with(csrf()).param("confidence", "abc").param("comment", "Lease fell through"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Confidence is a whole number from 0 to 100.")))
                .andExpect(content().string(containsString("Lease fell through")));
        mvc.perform(post(ws + "/goals/" + goalId + "/confidence").with(as(p.adviser)).with(csrf()).param("confidence", "45").param("comment", "Lease fell through"))
                .andExpect(status().is3xxRedirection());
        mvc.perform(get(ws + "/goals/" + goalId).with(as(p.adviser)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("At risk: below 60 %.")))
                .andExpect(content().string(containsString("Confidence 75 % → 45 %: Lease fell through")))
                .andExpect(content().string(containsString("points=\"")));
        // the channel answers an htmx post with its own fragment
        mvc.perform(post(ws + "/goals/" + goalId + "/messages").with(as(p.adviser)).with(csrf()).header("HX-Request", "true").param("body", "Shall we talk on Monday?"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Shall we talk on Monday?")))
                .andExpect(content().string(not(containsString("<html"))));
        assertThat(jdbc.sql("SELECT after_text FROM audit_entry WHERE client_id = :a AND action = 'ADVISOR_MODE_ACTION' ORDER BY seq")
                .param("a", account.id()).query(String.class).list())
                .anySatisfy(t -> assertThat(t).endsWith("created a goal"))
                .anySatisfy(t -> assertThat(t).endsWith("updated the confidence of goal #" + goalId))
                .anySatisfy(t -> assertThat(t).endsWith("posted in the channel of goal #" + goalId));
    }

    @Test
    void thePortalShowsTheGoalToStaffWhoWorkOnTheAccountAndRiskInsightsFindItByLevel() throws Exception {
        GoalView g = goals.create(p.adviser, account.id(), new GoalForm("Cut churn by half", null, null, "PERSONAL", false, null, null, "35"));
        mvc.perform(get("/partner/accounts/" + account.id() + "/goals/" + g.id()).with(as(p.adviser)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Cut churn by half")))
                .andExpect(content().string(not(containsString("advisor-banner"))));
        mvc.perform(get("/partner/accounts/" + account.id() + "/goals/" + g.id()).with(as(p.otherAdviser))).andExpect(status().isNotFound());
        mvc.perform(get("/partner/risk-insights?level=people").with(as(p.adviser)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Cut churn by half")));
        // not a milestone: not at organisation level; the tab is an htmx fragment
        mvc.perform(get("/partner/risk-insights?level=organisation").with(as(p.adviser)).header("HX-Request", "true"))
                .andExpect(status().isOk())
                .andExpect(content().string(not(containsString("Cut churn by half"))))
                .andExpect(content().string(not(containsString("<html"))));
        mvc.perform(get("/partner/risk-insights").with(as(p.support))).andExpect(status().isForbidden());
    }
}
