package com.atrium.workgroup;

import static com.atrium.practice.TestLogins.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.atrium.household.ClientView;
import com.atrium.shared.Actor;
import com.atrium.shared.UserType;
import com.atrium.testsupport.Fixtures;
import com.atrium.testsupport.Fixtures.TestPractice;
import com.atrium.testsupport.IntegrationTest;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/** The workgroup screens: the profile panel (full page and htmx fragment), a group's page, the client administration section. */
@IntegrationTest
class WorkgroupPageWebTests {
    @Autowired MockMvc mvc;
    @Autowired Fixtures fixtures;
    @Autowired WorkgroupService workgroups;

    TestPractice p;
    WorkgroupTestSupport support;

    @BeforeEach
    void setUp() {
        p = fixtures.practice();
        support = new WorkgroupTestSupport(workgroups);
    }

    @Test
    void theProfilePageLoadsTheWorkgroupsPanelWhichIsAlsoAFullPage() throws Exception {
        long id = support.group(p.adviser, "Okafor clients", p.assistant);
        workgroups.invite(p.otherAdviser, support.group(p.otherAdviser, "Lambert team"), new InvitationForm(p.adviser.userId()));
        mvc.perform(get("/profile").with(as(p.adviser))).andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("hx-get=\"/profile/workgroups\"")));
        String fragment = mvc.perform(get("/profile/workgroups").header("HX-Request", "true").with(as(p.adviser)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(fragment).doesNotContain("<html").contains("id=\"workgroups\"")
                .contains("Workgroups you created").contains("(2)").contains("Okafor clients")
                .contains("Invitations").contains("Lambert team").contains(">Join<").contains(">Ignore<")
                .contains("Default workgroup for clients you create");
        String full = mvc.perform(get("/profile/workgroups").with(as(p.assistant))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(full).contains("<html").contains("Workgroups you belong to").contains("owner " + p.adviser.name())
                .contains("/workgroups/" + id);
    }

    @Test
    void createInviteJoinAndIgnoreThroughTheScreens() throws Exception {
        mvc.perform(post("/workgroups").with(as(p.adviser)).with(csrf()).param("description", "   "))
                .andExpect(redirectedUrl("/profile/workgroups"))
                .andExpect(flash().attribute("error", "Enter a description for the workgroup."));
        mvc.perform(post("/workgroups").with(as(p.adviser)).with(csrf()).param("description", " Okafor clients "))
                .andExpect(redirectedUrl("/profile/workgroups"))
                .andExpect(flash().attribute("message", Matchers.containsString("\u201cOkafor clients\u201d created")));
        long id = workgroups.mine(p.adviser).get(0).id();

        mvc.perform(post("/workgroups/" + id + "/invitations").with(as(p.adviser)).with(csrf()).param("userId", "abc"))
                .andExpect(flash().attribute("error", Matchers.startsWith("A user id is a number")));
        mvc.perform(post("/workgroups/" + id + "/invitations").with(as(p.adviser)).with(csrf()).param("userId", Long.toString(p.adviser.userId())))
                .andExpect(flash().attribute("error", Matchers.startsWith("You own this workgroup already")));
        mvc.perform(post("/workgroups/" + id + "/invitations").with(as(p.adviser)).with(csrf()).param("userId", Long.toString(p.assistant.userId())))
                .andExpect(redirectedUrl("/workgroups/" + id + "#invite"))
                .andExpect(flash().attribute("message", Matchers.containsString("is invited")));
        mvc.perform(post("/workgroups/" + id + "/invitations").with(as(p.adviser)).with(csrf()).param("userId", Long.toString(p.support.userId())))
                .andExpect(status().is3xxRedirection());
        mvc.perform(get("/workgroups/" + id).with(as(p.adviser))).andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("Waiting for an answer")))
                .andExpect(content().string(Matchers.containsString(p.assistant.name() + " (id " + p.assistant.userId() + ")")));

        long toAssistant = workgroups.myInvitations(p.assistant).get(0).id();
        long toSupport = workgroups.myInvitations(p.support).get(0).id();
        mvc.perform(post("/invitations/" + toAssistant + "/join").with(as(p.assistant)).with(csrf()))
                .andExpect(redirectedUrl("/profile/workgroups"))
                .andExpect(flash().attribute("message", Matchers.startsWith("You joined \u201cOkafor clients\u201d")));
        mvc.perform(post("/invitations/" + toSupport + "/ignore").with(as(p.support)).with(csrf()))
                .andExpect(flash().attribute("message", "Invitation ignored."));
        assertThat(workgroups.myInvitations(p.support)).isEmpty();
        mvc.perform(get("/workgroups/" + id).with(as(p.assistant))).andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("Members (2)")))
                .andExpect(content().string(Matchers.containsString(">Leave<")))
                .andExpect(content().string(Matchers.not(Matchers.containsString("id=\"invite\""))));
        mvc.perform(get("/workgroups/" + id).with(as(p.support))).andExpect(status().isNotFound());
    }

    @Test
    void theDeleteButtonSaysHowManyClientsBecomeUnassigned() throws Exception {
        long id = support.group(p.adviser, "Okafor clients");
        ClientView a = fixtures.client(p.adviser, "Pagea");
        ClientView b = fixtures.client(p.adviser, "Pageb");
        workgroups.assignClient(p.adviser, a.id(), id);
        workgroups.assignClient(p.adviser, b.id(), id);
        mvc.perform(get("/workgroups/" + id).with(as(p.adviser)))
                .andExpect(content().string(Matchers.containsString("Delete workgroup and unassign its 2 clients")))
                .andExpect(content().string(Matchers.containsString("Its 2 clients will be in no workgroup afterwards")));
        mvc.perform(post("/workgroups/" + id + "/delete").with(as(p.adviser)).with(csrf()))
                .andExpect(redirectedUrl("/profile/workgroups"))
                .andExpect(flash().attribute("message", "Workgroup \u201cOkafor clients\u201d deleted. Its 2 clients are now in no workgroup."));
    }

    @Test
    void theClientPageHasAnAdministrationSectionToMoveTheClientAndSetTheSecondary() throws Exception {
        long id = support.group(p.adviser, "Okafor clients", p.assistant);
        ClientView c = fixtures.client(p.adviser, "Adminpage");
        mvc.perform(get("/clients/" + c.id()).with(as(p.adviser))).andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("Administration")))
                .andExpect(content().string(Matchers.containsString("data-testid=\"move-workgroup\"")))
                .andExpect(content().string(Matchers.containsString("data-testid=\"secondary-select\"")));
        mvc.perform(post("/clients/" + c.id() + "/workgroup").with(as(p.adviser)).with(csrf()).param("workgroupId", Long.toString(id)))
                .andExpect(redirectedUrl("/clients/" + c.id() + "#administration"))
                .andExpect(flash().attribute("adminMessage", "The client is now in workgroup \u201cOkafor clients\u201d."));
        mvc.perform(post("/clients/" + c.id() + "/secondary-adviser").with(as(p.adviser)).with(csrf())
                        .param("userId", Long.toString(p.otherAdviser.userId())))
                .andExpect(flash().attribute("adminMessage", p.otherAdviser.name() + " is now the secondary adviser."));
        // the assistant works on it through the workgroup but cannot change the administration
        String page = mvc.perform(get("/clients/" + c.id()).with(as(p.assistant))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("\u201cOkafor clients\u201d (owner " + p.adviser.name() + ")").contains(p.otherAdviser.name())
                .doesNotContain("data-testid=\"move-workgroup\"");
        mvc.perform(post("/clients/" + c.id() + "/workgroup").with(as(p.assistant)).with(csrf()).param("workgroupId", ""))
                .andExpect(status().isForbidden());
        mvc.perform(post("/clients/" + c.id() + "/workgroup").with(as(p.adviser)).with(csrf()).param("workgroupId", ""))
                .andExpect(flash().attribute("adminMessage", "The client is now in no workgroup."));
        TestPractice other = fixtures.practice();
        mvc.perform(post("/clients/" + c.id() + "/workgroup").with(as(other.manager)).with(csrf()).param("workgroupId", ""))
                .andExpect(status().isNotFound());
        mvc.perform(post("/clients/" + c.id() + "/secondary-adviser").with(as(other.manager)).with(csrf()).param("userId", ""))
                .andExpect(status().isNotFound());
    }

    @Test
    void theClientListNarrowsByWorkgroupAndTheNewClientFormFollowsTheAssistantRules() throws Exception {
        Actor assistant2 = fixtures.user(p.practice, UserType.ASSISTANT, false, "assistant2");
        long okafor = support.group(p.adviser, "Okafor clients", p.assistant, assistant2);
        long lambert = support.group(p.otherAdviser, "Lambert team", assistant2);
        ClientView c = fixtures.client(p.adviser, "Listed");
        workgroups.assignClient(p.adviser, c.id(), okafor);

        mvc.perform(get("/clients").with(as(assistant2)))
                .andExpect(content().string(Matchers.containsString("data-testid=\"workgroup-filter\"")))
                .andExpect(content().string(Matchers.containsString("Listed, Alex &amp; Sam")))
                .andExpect(content().string(Matchers.containsString("data-testid=\"new-client\"")));
        String rows = mvc.perform(get("/clients").param("workgroup", Long.toString(lambert)).header("HX-Request", "true").with(as(assistant2)))
                .andReturn().getResponse().getContentAsString();
        assertThat(rows).doesNotContain("<html").contains("0 clients");

        // one workgroup: the owner is the primary, not choosable
        mvc.perform(get("/clients/new").with(as(p.assistant)))
                .andExpect(content().string(Matchers.containsString(p.adviser.name() + " owns your workgroup \u201cOkafor clients\u201d")));
        // two: choose the workgroup, each labelled with the primary it gives
        mvc.perform(get("/clients/new").with(as(assistant2)))
                .andExpect(content().string(Matchers.containsString("Choose a workgroup")))
                .andExpect(content().string(Matchers.containsString("Lambert team (primary: " + p.otherAdviser.name() + ")")));
        mvc.perform(post("/clients").with(as(assistant2)).with(csrf())
                        .param("people[0].firstName", "Ann").param("people[0].lastName", "Picky").param("workgroupId", ""))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("You are in 2 workgroups")));
        mvc.perform(post("/clients").with(as(assistant2)).with(csrf())
                        .param("people[0].firstName", "Ann").param("people[0].lastName", "Picky").param("workgroupId", Long.toString(lambert)))
                .andExpect(status().is3xxRedirection());
        mvc.perform(get("/clients").param("q", "picky").with(as(p.otherAdviser)))
                .andExpect(content().string(Matchers.containsString("Picky, Ann")));
    }
}
