package com.atrium.workgroup;

import static com.atrium.practice.TestLogins.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.atrium.household.ClientView;
import com.atrium.shared.Actor;
import com.atrium.shared.UserType;
import com.atrium.testsupport.Fixtures;
import com.atrium.testsupport.Fixtures.TestPractice;
import com.atrium.testsupport.IntegrationTest;
import com.jayway.jsonpath.JsonPath;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** Workgroups over HTTP: owning one, the invitation lifecycle with every refusal, default workgroup, deletion. */
@IntegrationTest
class WorkgroupApiTests {
    @Autowired MockMvc mvc;
    @Autowired Fixtures fixtures;
    @Autowired WorkgroupService workgroups;
    @Autowired JdbcClient jdbc;

    TestPractice harbour;
    TestPractice other;
    WorkgroupTestSupport support;

    @BeforeEach
    void setUp() {
        harbour = fixtures.practice();
        other = fixtures.practice();
        support = new WorkgroupTestSupport(workgroups);
    }

    @Test
    void anyStaffUserCreatesAWorkgroupWithATrimmedDescriptionAndOwnsIt() throws Exception {
        long id = createdId(send(post("/api/workgroups"), harbour.assistant, "{\"description\": \"  Front desk  \"}")
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", Matchers.startsWith("/api/workgroups/")))
                .andExpect(jsonPath("$.description").value("Front desk"))
                .andExpect(jsonPath("$.ownerId").value(harbour.assistant.userId()))
                .andExpect(jsonPath("$.memberCount").value(1))
                .andExpect(jsonPath("$.owned").value(true)));
        mvc.perform(get("/api/workgroups").with(as(harbour.assistant)))
                .andExpect(jsonPath("$[0].id").value(id));
        mvc.perform(get("/api/workgroups/" + id + "/members").with(as(harbour.assistant)))
                .andExpect(jsonPath("$.length()").value(1))
                .andExpect(jsonPath("$[0].userId").value(harbour.assistant.userId()))
                .andExpect(jsonPath("$[0].owner").value(true));
    }

    @Test
    void theDescriptionIsRequiredAndLengthLimitedAfterTrimming() throws Exception {
        send(post("/api/workgroups"), harbour.adviser, "{\"description\": \"   \"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.description").value("Enter a description for the workgroup."));
        send(post("/api/workgroups"), harbour.adviser, "{}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.description").value("Enter a description for the workgroup."));
        send(post("/api/workgroups"), harbour.adviser, "{\"description\": \"" + "x".repeat(101) + "\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.description").value(Matchers.startsWith("The description is at most 100 characters")));
        // 100 characters inside spaces is fine: the limit applies to the trimmed text
        send(post("/api/workgroups"), harbour.adviser, "{\"description\": \"  " + "y".repeat(100) + "  \"}")
                .andExpect(status().isCreated());
        assertThat(jdbc.sql("SELECT COUNT(*) FROM workgroup WHERE owner_id = :u").param("u", harbour.adviser.userId())
                .query(Long.class).single()).isEqualTo(1L);
    }

    @Test
    void theOwnerEditsTheDescriptionMembersMayNot() throws Exception {
        long id = support.group(harbour.adviser, "Okafor clients", harbour.assistant);
        send(patch("/api/workgroups/" + id), harbour.adviser, "{\"description\": \" Okafor households \"}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.description").value("Okafor households"));
        send(patch("/api/workgroups/" + id), harbour.assistant, "{\"description\": \"Mine now\"}")
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.detail").value(Matchers.containsString("Only the owner")));
        mvc.perform(get("/api/workgroups/" + id).with(as(harbour.assistant)))
                .andExpect(jsonPath("$.description").value("Okafor households"))
                .andExpect(jsonPath("$.memberCount").value(2))
                .andExpect(jsonPath("$.owned").value(false))
                .andExpect(jsonPath("$.canEdit").value(false));
    }

    @Test
    void invitationLifecycleJoinAddsAMemberAndIgnoreDeletesTheInvitation() throws Exception {
        long id = workgroups.create(harbour.adviser, new WorkgroupForm("Okafor clients")).id();
        long toAssistant = createdId(send(post("/api/workgroups/" + id + "/invitations"), harbour.adviser,
                "{\"userId\": " + harbour.assistant.userId() + "}")
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.inviteeId").value(harbour.assistant.userId())));
        long toSupport = createdId(send(post("/api/workgroups/" + id + "/invitations"), harbour.adviser,
                "{\"userId\": " + harbour.support.userId() + "}").andExpect(status().isCreated()));

        // the invitee sees it (with its id), the owner sees it pending
        mvc.perform(get("/api/me/invitations").with(as(harbour.assistant)))
                .andExpect(jsonPath("$.length()").value(1))
                .andExpect(jsonPath("$[0].id").value(toAssistant))
                .andExpect(jsonPath("$[0].workgroupDescription").value("Okafor clients"))
                .andExpect(jsonPath("$[0].invitedByName").value(harbour.adviser.name()));
        mvc.perform(get("/api/workgroups/" + id + "/invitations").with(as(harbour.adviser)))
                .andExpect(jsonPath("$.length()").value(2));
        // nobody else can answer it (404, not 403: it is not theirs to know about)
        mvc.perform(post("/api/me/invitations/" + toAssistant + "/join").with(as(harbour.support)).with(csrf()))
                .andExpect(status().isNotFound());
        // before joining, the group is invisible to the invitee
        mvc.perform(get("/api/workgroups/" + id).with(as(harbour.assistant))).andExpect(status().isNotFound());

        mvc.perform(post("/api/me/invitations/" + toAssistant + "/join").with(as(harbour.assistant)).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.id").value(id))
                .andExpect(jsonPath("$.memberCount").value(2));
        mvc.perform(post("/api/me/invitations/" + toSupport + "/ignore").with(as(harbour.support)).with(csrf()))
                .andExpect(status().isNoContent());

        mvc.perform(get("/api/me/invitations").with(as(harbour.assistant))).andExpect(jsonPath("$.length()").value(0));
        mvc.perform(get("/api/me/invitations").with(as(harbour.support))).andExpect(jsonPath("$.length()").value(0));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM workgroup_invitation WHERE workgroup_id = :g").param("g", id)
                .query(Long.class).single()).isZero();
        mvc.perform(get("/api/workgroups/" + id + "/members").with(as(harbour.assistant)))
                .andExpect(jsonPath("$.length()").value(2))
                .andExpect(jsonPath("$[1].userId").value(harbour.assistant.userId()))
                .andExpect(jsonPath("$[1].owner").value(false));
        // an ignored invitation is gone: answering it again is 404, and the owner may invite again
        mvc.perform(post("/api/me/invitations/" + toSupport + "/join").with(as(harbour.support)).with(csrf()))
                .andExpect(status().isNotFound());
        send(post("/api/workgroups/" + id + "/invitations"), harbour.adviser, "{\"userId\": " + harbour.support.userId() + "}")
                .andExpect(status().isCreated());
    }

    @Test
    void eachRefusedInvitationSaysWhy() throws Exception {
        long id = support.group(harbour.adviser, "Okafor clients", harbour.assistant);
        send(post("/api/workgroups/" + id + "/invitations"), harbour.adviser, "{\"userId\": " + harbour.support.userId() + "}")
                .andExpect(status().isCreated());
        String invite = "/api/workgroups/" + id + "/invitations";

        String unknown = send(post(invite), harbour.adviser, "{\"userId\": 987654321}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.userId").value(Matchers.startsWith("There is no user with id 987654321 in your practice")))
                .andReturn().getResponse().getContentAsString();
        // a user of another practice is answered exactly like an unknown id: nothing leaks across practices
        String foreign = send(post(invite), harbour.adviser, "{\"userId\": " + other.adviser.userId() + "}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.userId").value(Matchers.startsWith("There is no user with id " + other.adviser.userId()
                        + " in your practice")))
                .andReturn().getResponse().getContentAsString();
        assertThat(foreign.replace(Long.toString(other.adviser.userId()), "N")).isEqualTo(unknown.replace("987654321", "N"));
        send(post(invite), harbour.adviser, "{\"userId\": " + harbour.adviser.userId() + "}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.userId").value("You own this workgroup already: enter the user id of someone else."));
        send(post(invite), harbour.adviser, "{\"userId\": " + harbour.support.userId() + "}")
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value(harbour.support.name()
                        + " has already been invited to \u201cOkafor clients\u201d and has not answered yet."));
        send(post(invite), harbour.adviser, "{\"userId\": " + harbour.assistant.userId() + "}")
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value(harbour.assistant.name() + " is already a member of \u201cOkafor clients\u201d."));
        send(post(invite), harbour.adviser, "{}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.userId").value("Enter the user id of the person to invite."));
        // only the owner invites
        send(post(invite), harbour.assistant, "{\"userId\": " + harbour.otherAdviser.userId() + "}")
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.detail").value(Matchers.containsString("Only the owner of \u201cOkafor clients\u201d")));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM workgroup_invitation WHERE workgroup_id = :g").param("g", id)
                .query(Long.class).single()).isEqualTo(1L);
    }

    @Test
    void theOwnerRemovesMembersAMemberMayLeaveTheOwnerCannot() throws Exception {
        Actor assistant2 = fixtures.user(harbour.practice, UserType.ASSISTANT, false, "assistant2");
        long id = support.group(harbour.adviser, "Okafor clients", harbour.assistant, assistant2, harbour.support);
        mvc.perform(get("/api/workgroups/" + id + "/members").with(as(harbour.adviser))).andExpect(jsonPath("$.length()").value(4));

        mvc.perform(delete("/api/workgroups/" + id + "/members/" + harbour.assistant.userId()).with(as(harbour.adviser)).with(csrf()))
                .andExpect(status().isNoContent());
        // a member cannot remove someone else, but may leave
        mvc.perform(delete("/api/workgroups/" + id + "/members/" + harbour.support.userId()).with(as(assistant2)).with(csrf()))
                .andExpect(status().isForbidden());
        mvc.perform(delete("/api/workgroups/" + id + "/members/" + assistant2.userId()).with(as(assistant2)).with(csrf()))
                .andExpect(status().isNoContent());
        mvc.perform(delete("/api/workgroups/" + id + "/members/" + harbour.adviser.userId()).with(as(harbour.adviser)).with(csrf()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(Matchers.containsString("delete the workgroup instead")));
        mvc.perform(get("/api/workgroups/" + id).with(as(harbour.adviser))).andExpect(jsonPath("$.memberCount").value(2));
        mvc.perform(get("/api/workgroups/" + id).with(as(harbour.assistant))).andExpect(status().isNotFound());
    }

    @Test
    void theDefaultWorkgroupIsOneTheUserOwnsOrBelongsToOrNone() throws Exception {
        long own = support.group(harbour.adviser, "Own");
        long joined = support.group(harbour.otherAdviser, "Joined", harbour.adviser);
        long foreignToHim = support.group(harbour.otherAdviser, "Not his");
        long otherPractice = support.group(other.adviser, "Elsewhere");

        mvc.perform(get("/api/me/default-workgroup").with(as(harbour.adviser))).andExpect(jsonPath("$.workgroup").value(Matchers.nullValue()));
        send(put("/api/me/default-workgroup"), harbour.adviser, "{\"workgroupId\": " + joined + "}")
                .andExpect(status().isOk()).andExpect(jsonPath("$.workgroup.id").value(joined));
        send(put("/api/me/default-workgroup"), harbour.adviser, "{\"workgroupId\": " + own + "}")
                .andExpect(jsonPath("$.workgroup.description").value("Own"));
        mvc.perform(get("/api/workgroups").with(as(harbour.adviser)))
                .andExpect(jsonPath("$[?(@.id == " + own + ")].defaultGroup").value(Matchers.contains(true)))
                .andExpect(jsonPath("$[?(@.id == " + joined + ")].defaultGroup").value(Matchers.contains(false)));
        send(put("/api/me/default-workgroup"), harbour.adviser, "{\"workgroupId\": " + foreignToHim + "}").andExpect(status().isNotFound());
        send(put("/api/me/default-workgroup"), harbour.adviser, "{\"workgroupId\": " + otherPractice + "}").andExpect(status().isNotFound());
        // a practice manager sees every group but still picks only their own
        send(put("/api/me/default-workgroup"), harbour.manager, "{\"workgroupId\": " + own + "}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.workgroupId").value("Pick a workgroup you own or belong to."));
        send(put("/api/me/default-workgroup"), harbour.adviser, "{\"workgroupId\": null}")
                .andExpect(status().isOk()).andExpect(jsonPath("$.workgroup").value(Matchers.nullValue()));
        mvc.perform(get("/api/me/default-workgroup").with(as(harbour.adviser))).andExpect(jsonPath("$.workgroup").value(Matchers.nullValue()));

        // leaving a group clears it as default
        send(put("/api/me/default-workgroup"), harbour.adviser, "{\"workgroupId\": " + joined + "}").andExpect(status().isOk());
        mvc.perform(delete("/api/workgroups/" + joined + "/members/" + harbour.adviser.userId()).with(as(harbour.otherAdviser)).with(csrf()))
                .andExpect(status().isNoContent());
        mvc.perform(get("/api/me/default-workgroup").with(as(harbour.adviser))).andExpect(jsonPath("$.workgroup").value(Matchers.nullValue()));
    }

    @Test
    void deletingAWorkgroupUnassignsItsClientsInTheSameTransactionAndSaysHowMany() throws Exception {
        long id = support.group(harbour.adviser, "Okafor clients", harbour.assistant);
        ClientView a = fixtures.client(harbour.adviser, "Deleta");
        ClientView b = fixtures.client(harbour.adviser, "Deletb");
        ClientView kept = fixtures.client(harbour.adviser, "Kept");
        workgroups.assignClient(harbour.adviser, a.id(), id);
        workgroups.assignClient(harbour.adviser, b.id(), id);
        send(put("/api/me/default-workgroup"), harbour.assistant, "{\"workgroupId\": " + id + "}").andExpect(status().isOk());
        long pending = workgroups.create(harbour.adviser, new WorkgroupForm("spare")).id();
        workgroups.invite(harbour.adviser, id, new InvitationForm(harbour.support.userId()));
        mvc.perform(get("/api/clients").with(as(harbour.assistant))).andExpect(jsonPath("$.total").value(2));

        mvc.perform(delete("/api/workgroups/" + id).with(as(harbour.assistant)).with(csrf())).andExpect(status().isForbidden());
        mvc.perform(delete("/api/workgroups/" + id).with(as(harbour.adviser)).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.unassignedClients").value(2))
                .andExpect(jsonPath("$.description").value("Okafor clients"));

        mvc.perform(get("/api/workgroups/" + id).with(as(harbour.adviser))).andExpect(status().isNotFound());
        mvc.perform(get("/api/clients/" + a.id() + "/workgroup").with(as(harbour.adviser)))
                .andExpect(jsonPath("$.workgroup").value(Matchers.nullValue()));
        mvc.perform(get("/api/clients").with(as(harbour.assistant))).andExpect(jsonPath("$.total").value(0));
        mvc.perform(get("/api/me/invitations").with(as(harbour.support))).andExpect(jsonPath("$.length()").value(0));
        mvc.perform(get("/api/me/default-workgroup").with(as(harbour.assistant))).andExpect(jsonPath("$.workgroup").value(Matchers.nullValue()));
        for (String table : new String[] {"workgroup_client", "workgroup_member", "workgroup_invitation", "workgroup_default"}) {
            assertThat(jdbc.sql("SELECT COUNT(*) FROM " + table + " WHERE workgroup_id = :g").param("g", id).query(Long.class).single())
                    .as(table).isZero();
        }
        assertThat(jdbc.sql("SELECT COUNT(*) FROM access_client WHERE workgroup_id = :g").param("g", id).query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM access_workgroup_member WHERE group_id = :g").param("g", id).query(Long.class).single()).isZero();
        // the adviser keeps their own clients, another group is untouched
        mvc.perform(get("/api/clients").with(as(harbour.adviser))).andExpect(jsonPath("$.total").value(3));
        mvc.perform(get("/api/workgroups/" + pending).with(as(harbour.adviser))).andExpect(status().isOk());
        assertThat(kept.id()).isPositive();
    }

    @Test
    void workgroupsOfAnotherPracticeAnswer404OnEveryEndpoint() throws Exception {
        long foreign = support.group(other.adviser, "Elsewhere", other.assistant);
        long invitation = workgroups.invite(other.adviser, foreign, new InvitationForm(other.support.userId())).id();
        Actor me = harbour.manager; // even a practice manager
        String base = "/api/workgroups/" + foreign;
        mvc.perform(get(base).with(as(me))).andExpect(status().isNotFound());
        send(patch(base), me, "{\"description\": \"x\"}").andExpect(status().isNotFound());
        mvc.perform(delete(base).with(as(me)).with(csrf())).andExpect(status().isNotFound());
        mvc.perform(get(base + "/members").with(as(me))).andExpect(status().isNotFound());
        mvc.perform(delete(base + "/members/" + other.assistant.userId()).with(as(me)).with(csrf())).andExpect(status().isNotFound());
        mvc.perform(get(base + "/invitations").with(as(me))).andExpect(status().isNotFound());
        send(post(base + "/invitations"), me, "{\"userId\": " + harbour.adviser.userId() + "}").andExpect(status().isNotFound());
        mvc.perform(delete(base + "/invitations/" + invitation).with(as(me)).with(csrf())).andExpect(status().isNotFound());
        mvc.perform(post("/api/me/invitations/" + invitation + "/join").with(as(me)).with(csrf())).andExpect(status().isNotFound());
        mvc.perform(post("/api/me/invitations/" + invitation + "/ignore").with(as(me)).with(csrf())).andExpect(status().isNotFound());
        send(put("/api/me/default-workgroup"), me, "{\"workgroupId\": " + foreign + "}").andExpect(status().isNotFound());
        ClientView mine = fixtures.client(harbour.adviser, "Mine");
        send(put("/api/clients/" + mine.id() + "/workgroup"), me, "{\"workgroupId\": " + foreign + "}").andExpect(status().isNotFound());
        mvc.perform(get("/api/clients").param("workgroup", Long.toString(foreign)).with(as(me))).andExpect(status().isNotFound());
        // and nothing changed over there
        assertThat(workgroups.members(other.adviser, foreign)).hasSize(2);
        assertThat(workgroups.pendingInvitations(other.adviser, foreign)).hasSize(1);
    }

    @Test
    void outsidersOfTheGroupInTheSamePracticeDoNotSeeItButPracticeManagersDo() throws Exception {
        long id = support.group(harbour.adviser, "Okafor clients", harbour.assistant);
        mvc.perform(get("/api/workgroups/" + id).with(as(harbour.otherAdviser))).andExpect(status().isNotFound());
        mvc.perform(get("/api/workgroups/" + id + "/members").with(as(harbour.support))).andExpect(status().isNotFound());
        mvc.perform(get("/api/workgroups/" + id + "/members").with(as(harbour.manager)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.length()").value(2));
        mvc.perform(delete("/api/workgroups/" + id).with(as(harbour.manager)).with(csrf())).andExpect(status().isForbidden());
    }

    private ResultActions send(MockHttpServletRequestBuilder request, Actor actor, String json) throws Exception {
        return mvc.perform(request.with(as(actor)).with(csrf()).contentType(MediaType.APPLICATION_JSON).content(json));
    }

    private static long createdId(ResultActions result) throws Exception {
        return ((Number) JsonPath.read(result.andReturn().getResponse().getContentAsString(), "$.id")).longValue();
    }
}
