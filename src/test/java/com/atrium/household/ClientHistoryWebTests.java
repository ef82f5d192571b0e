package com.atrium.household;

import static com.atrium.practice.TestLogins.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.atrium.access.AccessFacts;
import com.atrium.access.AccessService;
import com.atrium.access.Relation;
import com.atrium.access.TeamRole;
import com.atrium.testsupport.Fixtures;
import com.atrium.testsupport.Fixtures.TestPractice;
import com.atrium.testsupport.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;

@IntegrationTest
class ClientHistoryWebTests {
    @Autowired MockMvc mvc;
    @Autowired Fixtures fixtures;
    @Autowired AccessService access;
    @Autowired AccessFacts facts;
    @Autowired TransactionTemplate tx;

    @Test
    void historyTabShowsWhenWhoWhatAndBeforeAfter() throws Exception {
        TestPractice p = fixtures.practice();
        ClientView c = fixtures.client(p.adviser, "Tabbed");
        tx.executeWithoutResult(s -> facts.add(p.manager.userId(), new Relation.Team(c.id(), TeamRole.PARAPLANNER, p.support.userId())));
        tx.executeWithoutResult(s -> facts.add(p.manager.userId(), new Relation.Team(c.id(), TeamRole.READ_ONLY, p.support.userId())));

        String page = mvc.perform(get("/clients/" + c.id() + "/history").with(as(p.support)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("<html").contains("Tabbed, Alex &amp; Sam").contains("3 recorded changes")
                .contains("data-testid=\"tab-history\" class=\"active\"")
                .contains("Team role changed").contains("support Tester as Paraplanner").contains("support Tester as Read-only")
                .contains("manager Tester").contains("Client registered").contains("Primary professional: adviser Tester");
        assertThat(page.indexOf("Team role changed")).isLessThan(page.indexOf("Client registered")); // newest first

        String fragment = mvc.perform(get("/clients/" + c.id() + "/history").header("HX-Request", "true").with(as(p.support)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(fragment).doesNotContain("<html").contains("id=\"entries\"").contains("Team role changed");
    }

    @Test
    void historyPageIs404ForAnotherPractice() throws Exception {
        TestPractice p = fixtures.practice();
        TestPractice other = fixtures.practice();
        ClientView c = fixtures.client(p.adviser, "Private");
        mvc.perform(get("/clients/" + c.id() + "/history").with(as(other.manager))).andExpect(status().isNotFound());
        mvc.perform(get("/clients/" + c.id() + "/history").with(as(p.otherAdviser))).andExpect(status().isNotFound());
    }
}
