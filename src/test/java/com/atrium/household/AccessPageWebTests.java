package com.atrium.household;

import static com.atrium.practice.TestLogins.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.atrium.access.TeamRole;
import com.atrium.testsupport.Fixtures;
import com.atrium.testsupport.Fixtures.TestPractice;
import com.atrium.testsupport.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/** The Team &amp; access tab: the page, its htmx fragments, and what each viewer is offered. */
@IntegrationTest
class AccessPageWebTests {
    @Autowired MockMvc mvc;
    @Autowired Fixtures fixtures;
    @Autowired TeamService teams;

    TestPractice p;
    ClientView client;
    String page;

    @BeforeEach
    void setUp() {
        p = fixtures.practice();
        client = fixtures.client(p.adviser, "Pageant");
        teams.addMember(p.manager, client.id(), new TeamMemberForm(p.assistant.userId(), "READ_ONLY"));
        page = "/clients/" + client.id() + "/access";
    }

    @Test
    void managersSeeTheTeamWithPathsInWordsAndTheFormsToChangeIt() throws Exception {
        String html = body(mvc.perform(get(page).with(as(p.manager))).andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
        assertThat(html).contains("<html").contains("Team &amp; access").contains("data-testid=\"staff-access\"")
                .contains("data-testid=\"hand-over\"").contains("data-testid=\"why-form\"")
                // the primary, the practice manager (access through the practice) and the member, each with how
                .contains("Primary professional (file manager) since").contains("Practice manager of " + p.practice.name())
                .contains("Team member as Read-only since").contains("Access through the practice")
                .contains("data-testid=\"role-select\"").contains("Remove and hand over");
        // the staff select offers staff not on the team yet, the hand-over select only other Professionals
        String staffSelect = between(html, "id=\"add-user\"", "</select>");
        assertThat(staffSelect).contains("support Tester").contains("adviser2 Tester").doesNotContain("assistant Tester")
                .doesNotContain(">adviser Tester");
        String primarySelect = between(html, "id=\"new-primary\"", "</select>");
        assertThat(primarySelect).contains("adviser2 Tester").contains("manager Tester").doesNotContain("support Tester")
                .doesNotContain("assistant Tester");
    }

    @Test
    void teamMembersSeeTheTeamButNoFormsToChangeIt() throws Exception {
        String html = mvc.perform(get(page).with(as(p.assistant))).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(html).contains("Team member as Read-only since").contains("data-testid=\"read-only-note\"")
                .contains("data-testid=\"why-form\"")
                .doesNotContain("data-testid=\"staff-access\"").doesNotContain("data-testid=\"hand-over\"")
                .doesNotContain("data-testid=\"role-select\"").doesNotContain("data-testid=\"remove\"");
        String detail = mvc.perform(get("/clients/" + client.id()).with(as(p.assistant))).andReturn().getResponse().getContentAsString();
        assertThat(detail).doesNotContain("data-testid=\"manage-access\"");
        String managerDetail = mvc.perform(get("/clients/" + client.id()).with(as(p.manager))).andReturn().getResponse().getContentAsString();
        assertThat(managerDetail).contains("data-testid=\"manage-access\"").contains("Manage household access");
    }

    @Test
    void aRoleChangedThroughHtmxAnswersWithThePanelAlone() throws Exception {
        String fragment = mvc.perform(post(page + "/members/" + p.assistant.userId() + "/role").param("role", "PARAPLANNER")
                        .header("HX-Request", "true").with(as(p.adviser)).with(csrf()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(fragment).doesNotContain("<html").startsWith("<div id=\"access-panel\"")
                .contains("assistant Tester&#39;s role is now Paraplanner.").contains("Team member as Paraplanner since");
        assertThat(teams.team(p.manager, client.id()).get(1).role()).isEqualTo(TeamRole.PARAPLANNER);
        // the same GET with HX-Request gives the panel alone too
        assertThat(mvc.perform(get(page).header("HX-Request", "true").with(as(p.adviser))).andReturn().getResponse().getContentAsString())
                .startsWith("<div id=\"access-panel\"");
    }

    @Test
    void plainFormPostsRedirectBackWithAMessageAndErrorsAreShownOnThePage() throws Exception {
        mvc.perform(post(page + "/members").param("userId", String.valueOf(p.support.userId())).param("role", "ADMINISTRATOR")
                        .with(as(p.manager)).with(csrf()))
                .andExpect(redirectedUrl(page))
                .andExpect(flash().attribute("message", "support Tester now has access as Administrator."));
        String refused = mvc.perform(post(page + "/members/" + p.adviser.userId() + "/remove").with(as(p.manager)).with(csrf()))
                .andExpect(status().isConflict()).andReturn().getResponse().getContentAsString();
        assertThat(refused).contains("data-testid=\"error\"").contains("cannot be removed without a replacement");
        mvc.perform(post(page + "/members/" + p.adviser.userId() + "/remove").param("replacement", String.valueOf(p.otherAdviser.userId()))
                        .with(as(p.manager)).with(csrf()))
                .andExpect(redirectedUrl(page))
                .andExpect(flash().attribute("message", "adviser Tester was removed from the team; adviser2 Tester is now the primary professional."));
        String htmxError = mvc.perform(post(page + "/primary").param("userId", String.valueOf(p.support.userId()))
                        .header("HX-Request", "true").with(as(p.manager)).with(csrf()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(htmxError).startsWith("<div id=\"access-panel\"").contains("Only Professionals can be primary professional");
    }

    @Test
    void whyExplainsAnyoneInWordsAlsoThoseWithoutAccess() throws Exception {
        String why = mvc.perform(get(page + "/why").param("user", String.valueOf(p.assistant.userId())).header("HX-Request", "true")
                        .with(as(p.assistant)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(why).doesNotContain("<html").contains("data-testid=\"why-panel\"")
                .contains("assistant Tester has access: team member as Read-only since").contains("This lets them:").contains("View the client file");
        String none = mvc.perform(get(page + "/why").param("user", String.valueOf(p.support.userId())).header("HX-Request", "true")
                        .with(as(p.assistant)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(none).contains("support Tester has no access to this client").doesNotContain("lets them");
        // without htmx: the whole page with the explanation open
        String full = mvc.perform(get(page + "/why").param("user", String.valueOf(p.manager.userId())).with(as(p.assistant)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(full).contains("<html").contains("manager Tester has access: practice manager of");
    }

    @Test
    void theTabIs404ForAnotherPracticeAndForStaffWithoutAccess() throws Exception {
        TestPractice other = fixtures.practice();
        mvc.perform(get(page).with(as(other.manager))).andExpect(status().isNotFound());
        mvc.perform(get(page).with(as(p.support))).andExpect(status().isNotFound());
        mvc.perform(get(page + "/why").param("user", String.valueOf(p.adviser.userId())).with(as(other.manager)))
                .andExpect(status().isNotFound());
        mvc.perform(post(page + "/members").param("userId", String.valueOf(p.support.userId())).param("role", "ADVISER")
                .with(as(other.manager)).with(csrf())).andExpect(status().isNotFound());
        mvc.perform(post(page + "/members").param("userId", String.valueOf(p.support.userId())).param("role", "ADVISER")
                .with(as(p.assistant)).with(csrf())).andExpect(status().isForbidden());
        assertThat(teams.team(p.manager, client.id())).hasSize(2);
    }

    private static String body(String html) {
        return html;
    }

    private static String between(String html, String from, String to) {
        int start = html.indexOf(from);
        assertThat(start).as(from).isNotNegative();
        return html.substring(start, html.indexOf(to, start));
    }
}
