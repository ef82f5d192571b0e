package com.atrium.household;

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

import com.atrium.shared.Actor;
import com.atrium.shared.UserType;
import com.atrium.testsupport.Fixtures;
import com.atrium.testsupport.Fixtures.TestPractice;
import com.atrium.testsupport.IntegrationTest;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

@IntegrationTest
class TeamApiTests {
    @Autowired MockMvc mvc;
    @Autowired Fixtures fixtures;
    @Autowired TeamService teams;
    @Autowired JdbcClient jdbc;

    TestPractice p;
    ClientView client;

    @BeforeEach
    void setUp() {
        p = fixtures.practice();
        client = fixtures.client(p.adviser, "Teamson");
    }

    @Test
    void theTeamListsEachMemberWithRolePrimarySinceAndAddedBy() throws Exception {
        teams.addMember(p.manager, client.id(), new TeamMemberForm(p.support.userId(), "PARAPLANNER"));
        mvc.perform(get("/api/clients/" + client.id() + "/team").with(as(p.support)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(2))
                .andExpect(jsonPath("$[0].userId").value(p.adviser.userId()))
                .andExpect(jsonPath("$[0].name").value("adviser Tester"))
                .andExpect(jsonPath("$[0].primary").value(true))
                .andExpect(jsonPath("$[1].userId").value(p.support.userId()))
                .andExpect(jsonPath("$[1].role").value("PARAPLANNER"))
                .andExpect(jsonPath("$[1].primary").value(false))
                .andExpect(jsonPath("$[1].addedBy").value("manager Tester"))
                .andExpect(jsonPath("$[1].since").exists());
    }

    @Test
    void everyTeamAndAccessEndpointIs404ForAnotherPracticeAndForAnInvisibleClient() throws Exception {
        TestPractice other = fixtures.practice();
        long id = client.id();
        for (Actor outsiderToIt : new Actor[] {other.manager, p.otherAdviser}) {
            expectNotFound(mvc.perform(get("/api/clients/" + id + "/team").with(as(outsiderToIt))));
            expectNotFound(mvc.perform(get("/api/clients/" + id + "/access").with(as(outsiderToIt))));
            expectNotFound(mvc.perform(get("/api/clients/" + id + "/access/explain").param("user", String.valueOf(p.adviser.userId()))
                    .with(as(outsiderToIt))));
            expectNotFound(mvc.perform(post("/api/clients/" + id + "/team").with(as(outsiderToIt)).with(csrf())
                    .contentType(MediaType.APPLICATION_JSON).content(json(p.support.userId(), "ADVISER"))));
            expectNotFound(mvc.perform(patch("/api/clients/" + id + "/team/" + p.adviser.userId()).with(as(outsiderToIt)).with(csrf())
                    .contentType(MediaType.APPLICATION_JSON).content("{\"role\": \"READ_ONLY\"}")));
            expectNotFound(mvc.perform(delete("/api/clients/" + id + "/team/" + p.adviser.userId()).with(as(outsiderToIt)).with(csrf())));
            expectNotFound(mvc.perform(put("/api/clients/" + id + "/primary").with(as(outsiderToIt)).with(csrf())
                    .contentType(MediaType.APPLICATION_JSON).content("{\"userId\": " + p.manager.userId() + "}")));
        }
        assertThat(teams.team(p.manager, id)).hasSize(1);
    }

    @Test
    void managersAndThePrimaryManageTeamMembersOnlyView() throws Exception {
        teams.addMember(p.manager, client.id(), new TeamMemberForm(p.otherAdviser.userId(), "PARAPLANNER"));
        mvc.perform(post("/api/clients/" + client.id() + "/team").with(as(p.otherAdviser)).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content(json(p.support.userId(), "ADVISER")))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.detail").value(Matchers.containsString("may not manage household access")));
        mvc.perform(post("/api/clients/" + client.id() + "/team").with(as(p.adviser)).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content(json(p.support.userId(), "administrator")))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", "/api/clients/" + client.id() + "/team/" + p.support.userId()))
                .andExpect(jsonPath("$.role").value("ADMINISTRATOR"))
                .andExpect(jsonPath("$.addedBy").value("adviser Tester"));
    }

    @Test
    void addingSomeoneWhoCannotJoinGetsAClearMessage() throws Exception {
        TestPractice other = fixtures.practice();
        Actor outsider = fixtures.user(p.practice, UserType.OUTSIDER, false, "outsider");
        Actor disabled = fixtures.user(p.practice, UserType.SUPPORT, false, "disabled");
        jdbc.sql("UPDATE app_user SET active = FALSE WHERE id = :id").param("id", disabled.userId()).update();
        String url = "/api/clients/" + client.id() + "/team";
        mvc.perform(post(url).with(as(p.manager)).with(csrf()).contentType(MediaType.APPLICATION_JSON).content(json(other.adviser.userId(), "ADVISER")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.userId").value("There is no user with id " + other.adviser.userId() + " in your practice."));
        mvc.perform(post(url).with(as(p.manager)).with(csrf()).contentType(MediaType.APPLICATION_JSON).content(json(outsider.userId(), "ADVISER")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.userId").value(Matchers.containsString("is an outsider")));
        mvc.perform(post(url).with(as(p.manager)).with(csrf()).contentType(MediaType.APPLICATION_JSON).content(json(disabled.userId(), "ADVISER")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.userId").value(Matchers.containsString("account is disabled")));
        mvc.perform(post(url).with(as(p.manager)).with(csrf()).contentType(MediaType.APPLICATION_JSON).content(json(p.adviser.userId(), "ADVISER")))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value("adviser Tester is already on the team as primary professional. "
                        + "Change their role instead of adding them again."));
        mvc.perform(post(url).with(as(p.manager)).with(csrf()).contentType(MediaType.APPLICATION_JSON).content(json(p.support.userId(), "BOSS")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.role").value(Matchers.startsWith("\"BOSS\" is not a team role. Choose one of: ADVISER (Adviser)")));
        mvc.perform(post(url).with(as(p.manager)).with(csrf()).contentType(MediaType.APPLICATION_JSON).content("{\"role\": \"ADVISER\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.userId").value("Choose the staff user to add."));
        assertThat(teams.team(p.manager, client.id())).hasSize(1);
    }

    @Test
    void aRoleChangesInPlace() throws Exception {
        TeamMemberView before = teams.addMember(p.manager, client.id(), new TeamMemberForm(p.support.userId(), "ADVISER"));
        mvc.perform(patch("/api/clients/" + client.id() + "/team/" + p.support.userId()).with(as(p.manager)).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"role\": \"READ_ONLY\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.role").value("READ_ONLY"));
        TeamMemberView after = teams.team(p.manager, client.id()).get(1);
        assertThat(after.role()).isEqualTo(com.atrium.access.TeamRole.READ_ONLY);
        assertThat(after.since()).as("still the same membership").isEqualTo(before.since());
        mvc.perform(patch("/api/clients/" + client.id() + "/team/" + p.adviser.userId()).with(as(p.manager)).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"role\": \"READ_ONLY\"}"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value(Matchers.containsString("is the primary professional")));
        mvc.perform(patch("/api/clients/" + client.id() + "/team/" + p.assistant.userId()).with(as(p.manager)).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"role\": \"READ_ONLY\"}"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.detail").value("Team member not found"));
    }

    @Test
    void thePrimaryIsRemovedOnlyByNamingAReplacement() throws Exception {
        teams.addMember(p.manager, client.id(), new TeamMemberForm(p.support.userId(), "ADVISER"));
        String url = "/api/clients/" + client.id() + "/team/";
        mvc.perform(delete(url + p.adviser.userId()).with(as(p.manager)).with(csrf()))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value(Matchers.startsWith(
                        "adviser Tester is the primary professional and cannot be removed without a replacement.")));
        mvc.perform(delete(url + p.adviser.userId()).param("replacement", String.valueOf(p.support.userId())).with(as(p.manager)).with(csrf()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.replacement").value(Matchers.containsString("Only Professionals can be primary")));
        mvc.perform(delete(url + p.adviser.userId()).param("replacement", String.valueOf(p.otherAdviser.userId())).with(as(p.manager)).with(csrf()))
                .andExpect(status().isNoContent());
        mvc.perform(get("/api/clients/" + client.id() + "/team").with(as(p.manager)))
                .andExpect(jsonPath("$[0].userId").value(p.otherAdviser.userId()))
                .andExpect(jsonPath("$[0].primary").value(true))
                .andExpect(jsonPath("$[*].userId", Matchers.not(Matchers.hasItem((int) p.adviser.userId()))));
        mvc.perform(delete(url + p.support.userId()).with(as(p.manager)).with(csrf())).andExpect(status().isNoContent());
        mvc.perform(delete(url + p.support.userId()).with(as(p.manager)).with(csrf())).andExpect(status().isNotFound());
        mvc.perform(get("/api/clients/" + client.id()).with(as(p.adviser))).andExpect(status().isNotFound());
    }

    @Test
    void handOverMakesTheNewPrimaryAndRefusesNonProfessionals() throws Exception {
        String url = "/api/clients/" + client.id() + "/primary";
        mvc.perform(put(url).with(as(p.manager)).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"userId\": " + p.assistant.userId() + "}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.userId").value("Only Professionals can be primary professional: assistant Tester is an Assistant."));
        mvc.perform(put(url).with(as(p.adviser)).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"userId\": " + p.otherAdviser.userId() + ", \"keepFormerOnTeam\": true}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.previousPrimaryId").value(p.adviser.userId()))
                .andExpect(jsonPath("$.primaryId").value(p.otherAdviser.userId()))
                .andExpect(jsonPath("$.changed").value(true));
        mvc.perform(get("/api/clients/" + client.id()).with(as(p.manager)))
                .andExpect(jsonPath("$.primaryProfessional.id").value(p.otherAdviser.userId()));
        // the former primary stayed as Adviser and can no longer manage
        mvc.perform(put(url).with(as(p.adviser)).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"userId\": " + p.adviser.userId() + "}"))
                .andExpect(status().isForbidden());
    }

    @Test
    void aFormerPrimaryKeptOnTheTeamIsAnAdviserAddedByWhoeverHandedOver() throws Exception {
        mvc.perform(put("/api/clients/" + client.id() + "/primary").with(as(p.manager)).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"userId\": " + p.otherAdviser.userId() + ", \"keepFormerOnTeam\": true}"))
                .andExpect(status().isOk());
        mvc.perform(get("/api/clients/" + client.id() + "/team").with(as(p.manager)))
                .andExpect(jsonPath("$[?(@.userId == " + p.adviser.userId() + ")].role").value("ADVISER"))
                .andExpect(jsonPath("$[?(@.userId == " + p.adviser.userId() + ")].addedBy").value("manager Tester"));
        mvc.perform(get("/api/clients/" + client.id() + "/access/explain").param("user", String.valueOf(p.adviser.userId())).with(as(p.manager)))
                .andExpect(jsonPath("$.paths[0].description").value(Matchers.matchesPattern(
                        "Team member as Adviser since \\d{1,2} [A-Z][a-z]{2} \\d{4}, added by manager Tester")));
    }

    @Test
    void explainGivesEveryPathInWordsAndSaysSoWhenThereIsNone() throws Exception {
        teams.addMember(p.adviser, client.id(), new TeamMemberForm(p.manager.userId(), "PARAPLANNER"));
        String url = "/api/clients/" + client.id() + "/access/explain";
        mvc.perform(get(url).param("user", String.valueOf(p.manager.userId())).with(as(p.adviser)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.hasAccess").value(true))
                .andExpect(jsonPath("$.paths.length()").value(2))
                .andExpect(jsonPath("$.paths[0].kind").value("PRACTICE_MANAGER"))
                .andExpect(jsonPath("$.paths[0].description").value("Practice manager of " + p.practice.name()))
                .andExpect(jsonPath("$.paths[1].kind").value("TEAM"))
                .andExpect(jsonPath("$.paths[1].description").value(Matchers.matchesPattern(
                        "Team member as Paraplanner since \\d{1,2} [A-Z][a-z]{2} \\d{4}, added by adviser Tester")))
                .andExpect(jsonPath("$.permissions", Matchers.hasItem("MANAGE_TEAM")))
                .andExpect(jsonPath("$.permissions", Matchers.not(Matchers.hasItem("MANAGE_OUTSIDERS"))));
        mvc.perform(get(url).param("user", String.valueOf(p.support.userId())).with(as(p.adviser)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.hasAccess").value(false))
                .andExpect(jsonPath("$.paths.length()").value(0))
                .andExpect(jsonPath("$.permissions.length()").value(0))
                .andExpect(jsonPath("$.summary").value("support Tester has no access to this client: they are not a practice manager, "
                        + "not the primary professional and not on the team."));
        TestPractice other = fixtures.practice();
        mvc.perform(get(url).param("user", String.valueOf(other.manager.userId())).with(as(p.adviser)))
                .andExpect(status().isNotFound());
    }

    @Test
    void whoHasAccessListsThePrimaryThenManagersThenMembers() throws Exception {
        teams.addMember(p.manager, client.id(), new TeamMemberForm(p.assistant.userId(), "READ_ONLY"));
        mvc.perform(get("/api/clients/" + client.id() + "/access").with(as(p.assistant)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(3))
                .andExpect(jsonPath("$[0].userId").value(p.adviser.userId()))
                .andExpect(jsonPath("$[0].paths[0].kind").value("PRIMARY"))
                .andExpect(jsonPath("$[1].userId").value(p.manager.userId()))
                .andExpect(jsonPath("$[1].paths[0].kind").value("PRACTICE_MANAGER"))
                .andExpect(jsonPath("$[2].userId").value(p.assistant.userId()))
                .andExpect(jsonPath("$[2].paths[0].role").value("READ_ONLY"))
                .andExpect(jsonPath("$[2].permissions").value(Matchers.containsInAnyOrder("VIEW_FILE", "VIEW_ENGAGEMENT")));
    }

    private static void expectNotFound(ResultActions result) throws Exception {
        result.andExpect(status().isNotFound()).andExpect(jsonPath("$.detail").value("Client not found"));
    }

    private static String json(long userId, String role) {
        return "{\"userId\": " + userId + ", \"role\": \"" + role + "\"}";
    }
}
