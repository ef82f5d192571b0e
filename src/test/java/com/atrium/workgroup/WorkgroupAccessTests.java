package com.atrium.workgroup;

import static com.atrium.practice.TestLogins.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.atrium.access.AccessChanged;
import com.atrium.access.AccessService;
import com.atrium.access.ClientFilter;
import com.atrium.access.Explanation;
import com.atrium.access.PathKind;
import com.atrium.access.Permission;
import com.atrium.household.ClientView;
import com.atrium.shared.Actor;
import com.atrium.shared.UserType;
import com.atrium.testsupport.Fixtures;
import com.atrium.testsupport.Fixtures.TestPractice;
import com.atrium.testsupport.IntegrationTest;
import com.jayway.jsonpath.JsonPath;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * Access through workgroups, end to end on PostgreSQL: the workgroup owner, a member, and assistants
 * in 0, 1 and 2 workgroups, seeing and creating clients; the secondary adviser; explain; narrowing.
 */
@IntegrationTest
@RecordApplicationEvents
class WorkgroupAccessTests {
    static final Set<Permission> WORKING = EnumSet.of(Permission.VIEW_FILE, Permission.EDIT_PROFILE, Permission.EDIT_FAMILY,
            Permission.EDIT_INVENTORIES, Permission.MANAGE_NOTES, Permission.RUN_SIMULATIONS, Permission.EXPORT_PLAN,
            Permission.VIEW_ENGAGEMENT, Permission.COMPLETE_SURVEYS, Permission.RUN_VALUES_SESSION);

    @Autowired MockMvc mvc;
    @Autowired Fixtures fixtures;
    @Autowired WorkgroupService workgroups;
    @Autowired AccessService access;
    @Autowired ApplicationEvents events;

    TestPractice p;
    Actor assistant2;
    Actor assistant0;
    long okafor;      // owned by adviser, members: assistant, assistant2
    long lambert;     // owned by otherAdviser, member: assistant2
    ClientView inOkafor;
    ClientView inLambert;
    ClientView unassigned;

    @BeforeEach
    void setUp() {
        p = fixtures.practice();
        assistant2 = fixtures.user(p.practice, UserType.ASSISTANT, false, "assistant2");
        assistant0 = fixtures.user(p.practice, UserType.ASSISTANT, false, "assistant0");
        WorkgroupTestSupport support = new WorkgroupTestSupport(workgroups);
        okafor = support.group(p.adviser, "Okafor clients", p.assistant, assistant2);
        lambert = support.group(p.otherAdviser, "Lambert team", assistant2);
        inOkafor = fixtures.client(p.adviser, "Inokafor");
        inLambert = fixtures.client(p.otherAdviser, "Inlambert");
        unassigned = fixtures.client(p.adviser, "Unassigned");
        workgroups.assignClient(p.adviser, inOkafor.id(), okafor);
        workgroups.assignClient(p.otherAdviser, inLambert.id(), lambert);
    }

    @Test
    void accessMatrixForWorkgroupOwnerMemberAndAssistantsInZeroOneAndTwoGroups() throws Exception {
        record Row(String who, Actor actor, List<Long> sees, boolean canCreate) {
        }
        List<Row> rows = List.of(
                new Row("workgroup owner (and primary)", p.adviser, List.of(inOkafor.id(), unassigned.id()), true),
                new Row("owner of the other group", p.otherAdviser, List.of(inLambert.id()), true),
                new Row("assistant in 1 group", p.assistant, List.of(inOkafor.id()), true),
                new Row("assistant in 2 groups", assistant2, List.of(inOkafor.id(), inLambert.id()), true),
                new Row("assistant in no group", assistant0, List.of(), false),
                new Row("support, in no group", p.support, List.of(), true),
                new Row("practice manager", p.manager, List.of(inOkafor.id(), inLambert.id(), unassigned.id()), true));
        List<Long> all = List.of(inOkafor.id(), inLambert.id(), unassigned.id());
        for (Row r : rows) {
            String body = mvc.perform(get("/api/clients").param("size", "200").with(as(r.actor())))
                    .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
            List<Number> ids = JsonPath.read(body, "$.items[*].id");
            assertThat(ids.stream().map(Number::longValue).toList()).as(r.who()).containsExactlyInAnyOrderElementsOf(r.sees());
            for (long client : all) {
                mvc.perform(get("/api/clients/" + client).with(as(r.actor())))
                        .andExpect(r.sees().contains(client) ? status().isOk() : status().isNotFound());
            }
            assertThat(access.check(r.actor(), com.atrium.access.PracticePermission.CREATE_CLIENT)).as(r.who() + " may add clients")
                    .isEqualTo(r.canCreate());
        }
        // a member's permissions on a workgroup client are exactly the workgroup set: no access management
        assertThat(access.permissions(p.assistant, inOkafor.id())).isEqualTo(WORKING);
        assertThat(access.permissions(assistant2, inLambert.id())).isEqualTo(WORKING);
        mvc.perform(put("/api/clients/" + inOkafor.id() + "/workgroup").with(as(p.assistant)).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"workgroupId\": null}"))
                .andExpect(status().isForbidden());
    }

    @Test
    void joiningSharesNothingUntilClientsAreAssigned() throws Exception {
        Actor newcomer = fixtures.user(p.practice, UserType.SUPPORT, false, "newcomer");
        long empty = new WorkgroupTestSupport(workgroups).group(p.support, "Nothing yet", newcomer);
        mvc.perform(get("/api/clients").with(as(newcomer))).andExpect(jsonPath("$.total").value(0));
        new WorkgroupTestSupport(workgroups).join(okafor, p.adviser, newcomer);
        mvc.perform(get("/api/clients").with(as(newcomer))).andExpect(jsonPath("$.total").value(1))
                .andExpect(jsonPath("$.items[0].id").value(inOkafor.id()));
        // moving the client out ends the members' access through it; moving it in starts it
        workgroups.assignClient(p.adviser, inOkafor.id(), null);
        mvc.perform(get("/api/clients").with(as(p.assistant))).andExpect(jsonPath("$.total").value(0));
        workgroups.assignClient(p.adviser, unassigned.id(), okafor);
        mvc.perform(get("/api/clients").with(as(p.assistant))).andExpect(jsonPath("$.items[0].id").value(unassigned.id()));
        assertThat(empty).isPositive();
    }

    @Test
    void assistantInOneWorkgroupAddsAClientWhosePrimaryIsTheOwnerAndCannotChooseAnother() throws Exception {
        createAs(p.assistant, "{\"people\": [{\"firstName\": \"Ada\", \"lastName\": \"Onegroup\"}]}")
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.primaryProfessional.id").value(p.adviser.userId()))
                .andExpect(jsonPath("$.workgroup.id").value(okafor))
                .andExpect(jsonPath("$.permissions", Matchers.not(Matchers.hasItem("MANAGE_TEAM"))));
        // the owner sees it (as primary), so does the other member
        mvc.perform(get("/api/clients").param("q", "onegroup").with(as(p.adviser))).andExpect(jsonPath("$.total").value(1));
        mvc.perform(get("/api/clients").param("q", "onegroup").with(as(assistant2))).andExpect(jsonPath("$.total").value(1));
        createAs(p.assistant, "{\"primaryProfessionalId\": " + p.otherAdviser.userId()
                + ", \"people\": [{\"firstName\": \"Bo\", \"lastName\": \"Chooser\"}]}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.primaryProfessionalId").value(Matchers.startsWith("As an assistant you cannot choose the primary")));
        createAs(p.assistant, "{\"workgroupId\": " + lambert + ", \"people\": [{\"firstName\": \"Bo\", \"lastName\": \"Notmine\"}]}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.workgroupId").value("Choose a workgroup you own or belong to."));
        createAs(p.assistant, "{\"workgroupId\": 0, \"people\": [{\"firstName\": \"Bo\", \"lastName\": \"Nogroup\"}]}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.workgroupId").value(Matchers.containsString("through one of your workgroups")));
    }

    @Test
    void assistantInSeveralWorkgroupsMustPickOneWhichSetsThePrimary() throws Exception {
        createAs(assistant2, "{\"people\": [{\"firstName\": \"Ada\", \"lastName\": \"Unpicked\"}]}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.workgroupId").value(Matchers.startsWith("You are in 2 workgroups: choose the one")));
        createAs(assistant2, "{\"workgroupId\": " + lambert + ", \"people\": [{\"firstName\": \"Ada\", \"lastName\": \"Picked\"}]}")
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.primaryProfessional.id").value(p.otherAdviser.userId()))
                .andExpect(jsonPath("$.workgroup.id").value(lambert));
        // a default workgroup counts as the pick
        mvc.perform(put("/api/me/default-workgroup").with(as(assistant2)).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"workgroupId\": " + okafor + "}")).andExpect(status().isOk());
        createAs(assistant2, "{\"people\": [{\"firstName\": \"Ada\", \"lastName\": \"Defaulted\"}]}")
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.primaryProfessional.id").value(p.adviser.userId()))
                .andExpect(jsonPath("$.workgroup.id").value(okafor));
    }

    @Test
    void assistantInNoWorkgroupIsRefusedWithTheReason() throws Exception {
        createAs(assistant0, "{\"people\": [{\"firstName\": \"Ada\", \"lastName\": \"Refused\"}]}")
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.detail").value("Assistants add clients through a workgroup, and you are not in any workgroup."));
    }

    @Test
    void anAssistantsWorkgroupOwnedByANonProfessionalCannotGiveAPrimary() throws Exception {
        Actor lonely = fixtures.user(p.practice, UserType.ASSISTANT, false, "lonely");
        new WorkgroupTestSupport(workgroups).group(p.support, "Front desk", lonely);
        createAs(lonely, "{\"people\": [{\"firstName\": \"Ada\", \"lastName\": \"Nopro\"}]}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.workgroupId").value(p.support.name() + ", the owner of workgroup \u201cFront desk\u201d, is"
                        + " Support staff, not a Professional, so they cannot be a client's primary professional. Add clients through a"
                        + " workgroup owned by a Professional, or ask a Professional to add this one."));
        // an assistant owning their own group is in the same situation
        Actor owner = fixtures.user(p.practice, UserType.ASSISTANT, false, "ownsone");
        workgroups.create(owner, new WorkgroupForm("My own"));
        createAs(owner, "{\"people\": [{\"firstName\": \"Ada\", \"lastName\": \"Selfowned\"}]}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.workgroupId").value(Matchers.containsString("Assistant, not a Professional")));
    }

    @Test
    void professionalsNewClientsTakeTheirDefaultWorkgroupUnlessTheyChooseNone() throws Exception {
        mvc.perform(put("/api/me/default-workgroup").with(as(p.adviser)).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"workgroupId\": " + okafor + "}")).andExpect(status().isOk());
        createAs(p.adviser, "{\"people\": [{\"firstName\": \"Ada\", \"lastName\": \"Bydefault\"}]}")
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.primaryProfessional.id").value(p.adviser.userId()))
                .andExpect(jsonPath("$.workgroup.id").value(okafor));
        createAs(p.adviser, "{\"workgroupId\": 0, \"people\": [{\"firstName\": \"Ada\", \"lastName\": \"Nodefault\"}]}")
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.workgroup").value(Matchers.nullValue()));
        mvc.perform(get("/api/clients").param("q", "bydefault").with(as(p.assistant))).andExpect(jsonPath("$.total").value(1));
        mvc.perform(get("/api/clients").param("q", "nodefault").with(as(p.assistant))).andExpect(jsonPath("$.total").value(0));
    }

    @Test
    void searchNarrowsToOneWorkgroupOrAll() throws Exception {
        mvc.perform(get("/api/clients").param("workgroup", Long.toString(lambert)).with(as(assistant2)))
                .andExpect(jsonPath("$.total").value(1)).andExpect(jsonPath("$.items[0].id").value(inLambert.id()))
                .andExpect(jsonPath("$.items[0].workgroupDescription").value("Lambert team"));
        mvc.perform(get("/api/clients").param("workgroup", "all").with(as(assistant2))).andExpect(jsonPath("$.total").value(2));
        // "all" for the owner: the group's clients plus their own
        mvc.perform(get("/api/clients").param("workgroup", "all").with(as(p.adviser))).andExpect(jsonPath("$.total").value(2));
        mvc.perform(get("/api/clients").param("workgroup", Long.toString(okafor)).with(as(p.adviser)))
                .andExpect(jsonPath("$.total").value(1)).andExpect(jsonPath("$.items[0].id").value(inOkafor.id()));
        // narrowing never widens: the manager narrows to any group of the practice; a non-member gets 404
        mvc.perform(get("/api/clients").param("workgroup", Long.toString(okafor)).with(as(p.manager))).andExpect(jsonPath("$.total").value(1));
        mvc.perform(get("/api/clients").param("workgroup", Long.toString(okafor)).with(as(p.otherAdviser))).andExpect(status().isNotFound());
        mvc.perform(get("/api/clients").param("workgroup", "mine").with(as(p.adviser)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.workgroup").value("Narrow the search with a workgroup id, or \"all\"."));
    }

    @Test
    void theListFilterIsOneQueryWhateverTheNumberOfWorkgroups() {
        ClientFilter none = access.visibleClients(assistant0, "h.id", "h.practice_id");
        ClientFilter two = access.visibleClients(assistant2, "h.id", "h.practice_id");
        assertThat(two.predicate()).isEqualTo(none.predicate());
        assertThat(two.params().keySet()).containsExactlyInAnyOrder("acc_practice", "acc_user", "acc_today");
        assertThat(two.predicate()).contains("access_workgroup_member").contains("secondary_user_id").doesNotContain(Long.toString(okafor));
    }

    @Test
    void explainShowsTheWorkgroupPathAndWhoHasAccessListsTheGroup() throws Exception {
        Explanation e = access.explain(p.manager, inOkafor.id(), p.assistant.userId());
        assertThat(e.paths()).singleElement().satisfies(path -> {
            assertThat(path.kind()).isEqualTo(PathKind.WORKGROUP_MEMBER);
            assertThat(path.description()).startsWith("Member of workgroup \u201cOkafor clients\u201d (owner " + p.adviser.name() + ") since ");
            assertThat(path.permissions()).isEqualTo(WORKING);
        });
        assertThat(access.explain(p.manager, inOkafor.id(), p.adviser.userId()).paths())
                .extracting(com.atrium.access.AccessPath::kind).containsExactly(PathKind.PRIMARY, PathKind.WORKGROUP_MEMBER);
        assertThat(access.explain(p.manager, inOkafor.id(), p.otherAdviser.userId()).hasAccess()).isFalse();
        assertThat(access.whoHasAccess(p.adviser, inOkafor.id())).extracting(Explanation::userId)
                .contains(p.adviser.userId(), p.assistant.userId(), assistant2.userId(), p.manager.userId())
                .doesNotContain(p.otherAdviser.userId(), assistant0.userId());
        // a member may ask too: they see the client
        assertThat(access.explain(assistant2, inOkafor.id(), assistant2.userId()).paths().get(0).description())
                .contains("Okafor clients");
    }

    @Test
    void everyWorkgroupAccessChangeIsPublishedAsAnAccessChangedEvent() {
        events.clear();
        Actor joiner = fixtures.user(p.practice, UserType.SUPPORT, false, "joiner");
        new WorkgroupTestSupport(workgroups).join(okafor, p.adviser, joiner);
        workgroups.removeMember(p.adviser, okafor, joiner.userId());
        workgroups.assignClient(p.adviser, unassigned.id(), okafor);
        workgroups.assignClient(p.adviser, unassigned.id(), null);
        List<AccessChanged> changes = events.stream(AccessChanged.class).toList();
        assertThat(changes).extracting(AccessChanged::change).containsExactly(
                AccessChanged.Change.WORKGROUP_MEMBER_JOINED, AccessChanged.Change.WORKGROUP_MEMBER_LEFT,
                AccessChanged.Change.WORKGROUP_ASSIGNED, AccessChanged.Change.WORKGROUP_UNASSIGNED);
        assertThat(changes.get(0).clientId()).as("one event for the whole group, not one per client").isNull();
        assertThat(changes.get(0).subjectUserId()).isEqualTo(joiner.userId());
        assertThat(changes.get(0).after()).contains("Okafor clients").endsWith(", reaching 1 client");
        assertThat(changes.get(1).clientId()).isNull();
        assertThat(changes.get(1).before()).isEqualTo(changes.get(0).after());
        assertThat(changes.get(2).after()).isEqualTo("Workgroup \u201cOkafor clients\u201d (owner " + p.adviser.name() + ")");
        assertThat(changes.get(3).before()).isEqualTo(changes.get(2).after());
        assertThat(changes.get(3).changedBy()).isEqualTo(p.adviser.userId());
    }

    @Test
    void clientWorkgroupEndpointsAnswer404ForAnotherPracticeAndRespectWhoMayMove() throws Exception {
        TestPractice other = fixtures.practice();
        for (Actor stranger : List.of(other.manager, other.adviser)) {
            mvc.perform(get("/api/clients/" + inOkafor.id() + "/workgroup").with(as(stranger))).andExpect(status().isNotFound());
            mvc.perform(put("/api/clients/" + inOkafor.id() + "/workgroup").with(as(stranger)).with(csrf())
                    .contentType(MediaType.APPLICATION_JSON).content("{\"workgroupId\": null}")).andExpect(status().isNotFound());
        }
        mvc.perform(put("/api/clients/" + unassigned.id() + "/workgroup").with(as(p.adviser)).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"workgroupId\": " + lambert + "}"))
                .andExpect(status().isNotFound()); // not his group
        mvc.perform(put("/api/clients/" + unassigned.id() + "/workgroup").with(as(p.manager)).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"workgroupId\": " + lambert + "}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.workgroup.description").value("Lambert team"));
        mvc.perform(get("/api/clients/" + unassigned.id() + "/workgroup").with(as(assistant2)))
                .andExpect(jsonPath("$.workgroup.ownerName").value(p.otherAdviser.name()));
        mvc.perform(put("/api/clients/" + inLambert.id() + "/workgroup").with(as(p.adviser)).with(csrf())
                .contentType(MediaType.APPLICATION_JSON).content("{\"workgroupId\": " + okafor + "}")).andExpect(status().isNotFound());
    }

    private ResultActions createAs(Actor actor, String json) throws Exception {
        return mvc.perform(post("/api/clients").with(as(actor)).with(csrf()).contentType(MediaType.APPLICATION_JSON).content(json));
    }
}
