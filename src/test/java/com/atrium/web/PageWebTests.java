package com.atrium.web;

import static com.atrium.practice.TestLogins.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.atrium.household.ClientView;
import com.atrium.testsupport.Fixtures;
import com.atrium.testsupport.Fixtures.TestPractice;
import com.atrium.testsupport.IntegrationTest;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

@IntegrationTest
class PageWebTests {
    @Autowired MockMvc mvc;
    @Autowired Fixtures fixtures;

    @Test
    void clientListServesTheFullPageOrJustTheRowsForHtmx() throws Exception {
        TestPractice p = fixtures.practice();
        fixtures.client(p.adviser, "Htmxson");
        String full = mvc.perform(get("/clients").with(as(p.adviser))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(full).contains("<html").contains("Htmxson, Alex &amp; Sam").contains("New client");
        String rows = mvc.perform(get("/clients").param("q", "htmx").header("HX-Request", "true").with(as(p.adviser)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(rows).doesNotContain("<html").contains("id=\"results\"").contains("Htmxson");
    }

    @Test
    void assistantsWithoutAWorkgroupSeeNoNewClientAction() throws Exception {
        TestPractice p = fixtures.practice();
        mvc.perform(get("/clients").with(as(p.assistant))).andExpect(status().isOk())
                .andExpect(content().string(Matchers.not(Matchers.containsString("data-testid=\"new-client\""))));
        mvc.perform(get("/clients/new").with(as(p.assistant))).andExpect(status().isForbidden());
    }

    @Test
    void clientDetailIs404ForAnotherPractice() throws Exception {
        TestPractice p = fixtures.practice();
        TestPractice other = fixtures.practice();
        ClientView c = fixtures.client(p.adviser, "Detailer");
        mvc.perform(get("/clients/" + c.id()).with(as(p.adviser))).andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("Detailer, Alex &amp; Sam")));
        mvc.perform(get("/clients/" + c.id()).with(as(other.manager))).andExpect(status().isNotFound());
    }

    @Test
    void newClientFormShowsTheDefaultPrimaryAndValidationMessages() throws Exception {
        TestPractice p = fixtures.practice();
        mvc.perform(get("/clients/new").with(as(p.support))).andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("first Professional")));
        mvc.perform(post("/clients").with(as(p.adviser)).with(csrf())
                        .param("people[0].firstName", "Ann").param("people[0].lastName", "Lee").param("people[0].mobile", "12345"))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("country code")));
    }

    @Test
    void managersSeeAndCreateStaffOthersCannotCreate() throws Exception {
        TestPractice p = fixtures.practice();
        mvc.perform(get("/staff").with(as(p.manager))).andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("New staff user")));
        String email = Fixtures.unique("newbie").toLowerCase() + "@test.example";
        mvc.perform(post("/staff").with(as(p.manager)).with(csrf()).param("email", email).param("firstName", "New")
                        .param("lastName", "Bie").param("type", "SUPPORT").param("password", "long-enough-pw"))
                .andExpect(status().is3xxRedirection());
        mvc.perform(get("/staff").with(as(p.manager))).andExpect(content().string(Matchers.containsString(email)));
        mvc.perform(get("/staff/new").with(as(p.adviser))).andExpect(status().isForbidden());
        mvc.perform(post("/staff").with(as(p.adviser)).with(csrf()).param("email", "x" + email).param("firstName", "New")
                .param("lastName", "Bie").param("type", "SUPPORT").param("password", "long-enough-pw")).andExpect(status().isForbidden());
    }
}
