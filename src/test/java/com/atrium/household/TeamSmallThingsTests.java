package com.atrium.household;

import static com.atrium.practice.TestLogins.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.atrium.shared.Actor;
import com.atrium.shared.UserType;
import com.atrium.testsupport.Fixtures;
import com.atrium.testsupport.Fixtures.TestPractice;
import com.atrium.testsupport.IntegrationTest;
import com.atrium.workgroup.WorkgroupForm;
import com.atrium.workgroup.WorkgroupService;
import java.util.List;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/** Issue 12, item 6: several staff added at once, assistants never Advisers, each path in its own words, the mails. */
@IntegrationTest
class TeamSmallThingsTests {
    @Autowired MockMvc mvc;
    @Autowired Fixtures fixtures;
    @Autowired JdbcClient jdbc;
    @Autowired WorkgroupService workgroups;

    TestPractice p;
    ClientView client;
    Actor ann;
    Actor bob;

    @BeforeEach
    void setUp() {
        p = fixtures.practice();
        client = fixtures.client(p.adviser, Fixtures.unique("Teamwork").replace("-", ""));
        ann = fixtures.user(p.practice, UserType.SUPPORT, false, "ann");
        bob = fixtures.user(p.practice, UserType.PROFESSIONAL, false, "bob");
    }

    long teamSize() {
        return jdbc.sql("SELECT COUNT(*) FROM access_team WHERE client_id = :c").param("c", client.id()).query(Long.class).single();
    }

    long mails(String kind, String to) {
        return jdbc.sql("SELECT COUNT(*) FROM mail_outbox WHERE kind = :k AND recipient = :r").param("k", kind).param("r", to)
                .query(Long.class).single();
    }

    @Test
    void severalStaffJoinInOneRequestAllOrNothingAndEachGetsAnEmailWithALink() throws Exception {
        // one of them is refused (an assistant as Adviser): nobody is added, the problem is on its field
        mvc.perform(post("/api/clients/" + client.id() + "/team").with(as(p.adviser)).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"userIds\": [" + ann.userId() + ", " + p.assistant.userId() + "], \"role\": \"ADVISER\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors['userIds[1]']").value(Matchers.containsString("assistants never act as advisers")));
        assertThat(teamSize()).isEqualTo(1);
        assertThat(mails("TEAM_MEMBER_ADDED", ann.email())).isZero();

        mvc.perform(post("/api/clients/" + client.id() + "/team").with(as(p.adviser)).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"userIds\": [" + ann.userId() + ", " + p.assistant.userId() + "], \"role\": \"PARAPLANNER\"}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$[*].userId", Matchers.containsInAnyOrder((int) ann.userId(), (int) p.assistant.userId())));
        assertThat(teamSize()).isEqualTo(3);
        String body = jdbc.sql("SELECT body FROM mail_outbox WHERE kind = 'TEAM_MEMBER_ADDED' AND recipient = :r")
                .param("r", ann.email()).query(String.class).single();
        assertThat(body).contains(client.displayName()).contains("Paraplanner").contains("/clients/" + client.id());

        // the page's multi-select: one form post with several userId values
        mvc.perform(post("/clients/" + client.id() + "/access/members").with(as(p.adviser)).with(csrf())
                        .param("userId", "" + bob.userId(), "" + p.support.userId()).param("role", "READ_ONLY"))
                .andExpect(status().is3xxRedirection());
        assertThat(teamSize()).isEqualTo(5);
        assertThat(mails("TEAM_MEMBER_ADDED", bob.email())).isEqualTo(1);
    }

    @Test
    void anAssistantCannotHoldTheAdviserRole() throws Exception {
        mvc.perform(post("/api/clients/" + client.id() + "/team").with(as(p.manager)).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"userId\": " + p.assistant.userId() + ", \"role\": \"ADVISER\"}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors.userId").value(Matchers.containsString("assistant")));
        mvc.perform(post("/api/clients/" + client.id() + "/team").with(as(p.manager)).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"userId\": " + p.assistant.userId() + ", \"role\": \"READ_ONLY\"}")).andExpect(status().isCreated());
        mvc.perform(patch("/api/clients/" + client.id() + "/team/" + p.assistant.userId()).with(as(p.manager)).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"role\": \"ADVISER\"}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors.role").value(Matchers.containsString("Paraplanner")));
        // Support staff and Professionals may be Advisers
        mvc.perform(post("/api/clients/" + client.id() + "/team").with(as(p.manager)).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"userId\": " + ann.userId() + ", \"role\": \"ADVISER\"}")).andExpect(status().isCreated());
    }

    @Test
    void onlyPracticeManagersShowAccessThroughThePracticeOthersTheirOwnPath() throws Exception {
        long group = workgroups.create(p.adviser, new WorkgroupForm("Path words")).id();
        workgroups.assignClient(p.adviser, client.id(), group);
        String html = mvc.perform(get("/clients/" + client.id() + "/access").with(as(p.manager)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        // the manager's row says the practice; the workgroup owner (the primary, on the team) has a role; nobody else
        assertThat(html).contains("Access through the practice");
        mvc.perform(post("/api/workgroups/" + group + "/invitations").with(as(p.adviser)).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"userId\": " + ann.userId() + "}")).andExpect(status().isCreated());
        assertThat(mails("WORKGROUP_INVITATION", ann.email())).isEqualTo(1);
        assertThat(jdbc.sql("SELECT body FROM mail_outbox WHERE kind = 'WORKGROUP_INVITATION' AND recipient = :r").param("r", ann.email())
                .query(String.class).single()).contains("Path words").contains("/profile/workgroups");
        workgroups.join(ann, workgroups.myInvitations(ann).get(0).id());
        html = mvc.perform(get("/clients/" + client.id() + "/access").with(as(p.manager))).andReturn().getResponse().getContentAsString();
        String annRow = html.substring(html.indexOf(ann.name()));
        annRow = annRow.substring(0, annRow.indexOf("</tr>"));
        assertThat(annRow).contains("Access through the workgroup").doesNotContain("Access through the practice");
        assertThat(List.of(html.split("Access through the practice", -1)).size() - 1).as("only the manager's row").isEqualTo(1);
    }
}
