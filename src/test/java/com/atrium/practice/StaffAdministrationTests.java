package com.atrium.practice;

import static com.atrium.practice.TestLogins.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.atrium.access.AccessService;
import com.atrium.access.Permission;
import com.atrium.household.ClientView;
import com.atrium.household.TeamMemberForm;
import com.atrium.household.TeamService;
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

/** Issue 12, item 2: practice managers edit, disable and enable staff users (PATCH /api/staff/{id} and the pages). */
@IntegrationTest
class StaffAdministrationTests {
    @Autowired MockMvc mvc;
    @Autowired Fixtures fixtures;
    @Autowired JdbcClient jdbc;
    @Autowired TeamService teams;
    @Autowired AccessService access;
    @Autowired ApiTokenService tokens;
    @Autowired PracticeService practices;

    TestPractice p;

    @BeforeEach
    void setUp() {
        p = fixtures.practice();
    }

    ResultActions patchStaff(Actor by, long id, String json) throws Exception {
        return mvc.perform(patch("/api/staff/" + id).with(as(by)).with(csrf()).contentType(MediaType.APPLICATION_JSON).content(json));
    }

    @Test
    void aManagerEditsDetailsTypeAndCapabilityAndEachChangeIsASecurityEvent() throws Exception {
        Actor sam = fixtures.user(p.practice, UserType.SUPPORT, false, "sam");
        String email = Fixtures.unique("sam.new").toLowerCase() + "@staff.example";
        patchStaff(p.manager, sam.userId(), "{\"firstName\": \"Samantha\", \"email\": \"" + email.toUpperCase() + "\", \"phone\": \"+61 2 9555 0111\","
                + " \"type\": \"ASSISTANT\", \"practiceManager\": true}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.firstName").value("Samantha"))
                .andExpect(jsonPath("$.email").value(email))
                .andExpect(jsonPath("$.phone").value("+61295550111"))
                .andExpect(jsonPath("$.type").value("ASSISTANT"))
                .andExpect(jsonPath("$.practiceManager").value(true))
                .andExpect(jsonPath("$.active").value(true));
        mvc.perform(get("/api/audit/security-events").with(as(p.manager)))
                .andExpect(jsonPath("$.items[0].kind").value("MANAGER_CAPABILITY_GIVEN"))
                .andExpect(jsonPath("$.items[1].kind").value("STAFF_CHANGED"))
                .andExpect(jsonPath("$.items[1].subjectUserId").value(sam.userId()))
                .andExpect(jsonPath("$.items[1].detail").value(Matchers.allOf(Matchers.containsString("Type: Support staff"),
                        Matchers.containsString("Type: Assistant"), Matchers.containsString(email))));
        // the capability takes effect at once (the actor is read fresh): the new manager may manage staff
        Actor samNow = practices.actor(sam.userId()).orElseThrow();
        patchStaff(samNow, sam.userId(), "{\"practiceManager\": false}").andExpect(status().isOk());
        mvc.perform(get("/api/audit/security-events").param("kind", "MANAGER_CAPABILITY_REMOVED").with(as(p.manager)))
                .andExpect(jsonPath("$.total").value(1));
        mvc.perform(get("/api/audit/verify").with(as(p.manager))).andExpect(jsonPath("$.ok").value(true));
    }

    @Test
    void everyProblemAtOnceWithTheColumnWidthsAndOnlyManagersOfThePractice() throws Exception {
        patchStaff(p.manager, p.support.userId(), "{\"firstName\": \"" + "x".repeat(101) + "\", \"lastName\": \"\", \"email\": \"nope\","
                        + " \"phone\": \"0412\", \"type\": \"OUTSIDER\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.firstName").value(Matchers.containsString("at most 100")))
                .andExpect(jsonPath("$.errors.lastName").exists())
                .andExpect(jsonPath("$.errors.email").exists())
                .andExpect(jsonPath("$.errors.phone").exists())
                .andExpect(jsonPath("$.errors.type").exists());
        patchStaff(p.manager, p.support.userId(), "{\"email\": \"" + p.adviser.email() + "\"}")
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors.email").value(Matchers.containsString("already")));
        patchStaff(p.manager, p.support.userId(), "{\"email\": \"" + "a".repeat(250) + "@b.org\"}")
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors.email").value(Matchers.containsString("254")));
        patchStaff(p.adviser, p.support.userId(), "{\"firstName\": \"Not allowed\"}").andExpect(status().isForbidden());
        TestPractice other = fixtures.practice();
        String foreign = patchStaff(other.manager, p.support.userId(), "{\"firstName\": \"x\"}").andExpect(status().isNotFound())
                .andReturn().getResponse().getContentAsString();
        String unknown = patchStaff(other.manager, 999_999_999L, "{\"firstName\": \"x\"}").andExpect(status().isNotFound())
                .andReturn().getResponse().getContentAsString();
        assertThat(foreign.replace("" + p.support.userId(), "X")).isEqualTo(unknown.replace("999999999", "X"));
        assertThat(jdbc.sql("SELECT first_name FROM app_user WHERE id = :id").param("id", p.support.userId()).query(String.class).single())
                .isEqualTo(p.support.name().split(" ")[0]);
    }

    @Test
    void disablingAPrimaryIsRefusedWithTheClientsToHandOverThenTheDisabledUserLosesEverything() throws Exception {
        Actor leaver = fixtures.user(p.practice, UserType.PROFESSIONAL, false, "leaver");
        ClientView first = fixtures.client(leaver, Fixtures.unique("Handover").replace("-", ""));
        ClientView second = fixtures.client(leaver, Fixtures.unique("Handover").replace("-", ""));
        ClientView team = fixtures.client(p.adviser, Fixtures.unique("Teamed").replace("-", ""));
        teams.addMember(p.manager, team.id(), new TeamMemberForm(leaver.userId(), "PARAPLANNER"));
        String token = tokens.create(leaver, "script").token();
        mvc.perform(get("/api/me").header("Authorization", "Bearer " + token)).andExpect(status().isOk());

        patchStaff(p.manager, leaver.userId(), "{\"active\": false}")
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value(Matchers.containsString("primary professional of 2 clients")))
                .andExpect(jsonPath("$.clients[*].id", Matchers.containsInAnyOrder((int) first.id(), (int) second.id())))
                .andExpect(jsonPath("$.clients[*].name", Matchers.hasItem(first.displayName())))
                .andExpect(jsonPath("$.clients[0].role").value("PRIMARY"))
                .andExpect(jsonPath("$.clients[*].handOver", Matchers.hasItem("/clients/" + first.id() + "/access")));
        // the page says so before asking, with a link to each hand-over
        mvc.perform(post("/staff/" + leaver.userId() + "/disable").with(as(p.manager)).with(csrf()))
                .andExpect(status().isConflict())
                .andExpect(content().string(Matchers.containsString("href=\"/clients/" + first.id() + "/access\"")))
                .andExpect(content().string(Matchers.containsString("href=\"/staff/" + leaver.userId() + "/reassign\"")));
        assertThat(active(leaver)).isTrue();

        for (ClientView c : new ClientView[] {first, second}) {
            mvc.perform(put("/api/clients/" + c.id() + "/primary").with(as(p.manager)).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                    .content("{\"userId\": " + p.adviser.userId() + ", \"keepFormerOnTeam\": false}")).andExpect(status().isOk());
        }
        // now: a confirmation that says what will happen, then the change
        mvc.perform(post("/staff/" + leaver.userId() + "/disable").with(as(p.manager)).with(csrf()))
                .andExpect(status().isOk()).andExpect(content().string(Matchers.containsString("lose access to every client at once")));
        mvc.perform(post("/staff/" + leaver.userId() + "/disable").with(as(p.manager)).with(csrf()).param("confirmed", "true"))
                .andExpect(redirectedUrl("/staff/" + leaver.userId() + "?disabled"));
        assertThat(active(leaver)).isFalse();

        // every path at once: the check, the list index, the session actor, the token, HTTP Basic and the login form
        assertThat(access.check(leaver.userId(), Permission.VIEW_FILE, team.id()).allowed()).isFalse();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM access_visible WHERE user_id = :u").param("u", leaver.userId()).query(Long.class).single())
                .isZero();
        mvc.perform(get("/api/clients").with(as(leaver))).andExpect(status().isUnauthorized());
        mvc.perform(get("/api/me").header("Authorization", "Bearer " + token)).andExpect(status().isUnauthorized());
        mvc.perform(get("/api/me").with(httpBasic(leaver.email(), Fixtures.PASSWORD))).andExpect(status().isUnauthorized());
        mvc.perform(formLogin("/login").user(leaver.email()).password(Fixtures.PASSWORD))
                .andExpect(redirectedUrl("/login?error=disabled")); // said only to someone who gave the right password
        mvc.perform(formLogin("/login").user(leaver.email()).password("wrong-password-1"))
                .andExpect(redirectedUrl("/login?error=bad"));
        mvc.perform(get("/api/audit/security-events").param("kind", "STAFF_DISABLED").with(as(p.manager)))
                .andExpect(jsonPath("$.items[0].detail").value(Matchers.containsString("1 API token revoked")));

        // enabled again: login works and the team path is back; the revoked token stays revoked
        patchStaff(p.manager, leaver.userId(), "{\"active\": true}").andExpect(status().isOk()).andExpect(jsonPath("$.active").value(true));
        mvc.perform(formLogin("/login").user(leaver.email()).password(Fixtures.PASSWORD)).andExpect(redirectedUrl("/"));
        assertThat(access.check(leaver.userId(), Permission.VIEW_FILE, team.id()).allowed()).isTrue();
        mvc.perform(get("/api/me").header("Authorization", "Bearer " + token)).andExpect(status().isUnauthorized());
        mvc.perform(get("/api/audit/security-events").param("kind", "STAFF_ENABLED").with(as(p.manager)))
                .andExpect(jsonPath("$.total").value(1));
    }

    @Test
    void aManagerCannotDisableThemselvesNorRemoveThePracticesLastManagerCapability() throws Exception {
        patchStaff(p.manager, p.manager.userId(), "{\"active\": false}")
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors.active").exists());
        patchStaff(p.manager, p.manager.userId(), "{\"practiceManager\": false}")
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors.practiceManager").value(Matchers.containsString("only")));
        Actor second = fixtures.user(p.practice, UserType.SUPPORT, true, "second-manager");
        patchStaff(p.manager, p.manager.userId(), "{\"practiceManager\": false}").andExpect(status().isOk());
        assertThat(jdbc.sql("SELECT COUNT(*) FROM app_user WHERE practice_id = :p AND practice_manager = TRUE AND active = TRUE")
                .param("p", p.practice.id()).query(Long.class).single()).isEqualTo(1);
        Actor secondNow = practices.actor(second.userId()).orElseThrow();
        patchStaff(secondNow, second.userId(), "{\"practiceManager\": false}").andExpect(status().isBadRequest());
    }

    @Test
    void theTypeChangesOnlyWhereNoClientNeedsThemAsTheyAre() throws Exception {
        Actor pro = fixtures.user(p.practice, UserType.PROFESSIONAL, false, "pro");
        ClientView own = fixtures.client(pro, Fixtures.unique("Typed").replace("-", ""));
        patchStaff(p.manager, pro.userId(), "{\"type\": \"SUPPORT\"}")
                .andExpect(status().isConflict()).andExpect(jsonPath("$.clients[0].id").value(own.id()));
        Actor helper = fixtures.user(p.practice, UserType.SUPPORT, false, "helper");
        ClientView advised = fixtures.client(p.adviser, Fixtures.unique("Advised").replace("-", ""));
        teams.addMember(p.manager, advised.id(), new TeamMemberForm(helper.userId(), "ADVISER"));
        patchStaff(p.manager, helper.userId(), "{\"type\": \"ASSISTANT\"}")
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value(Matchers.containsString("Adviser on the team")))
                .andExpect(jsonPath("$.clients[0].id").value(advised.id()))
                .andExpect(jsonPath("$.clients[0].role").value("ADVISER_ROLE"));
        teams.changeRole(p.manager, advised.id(), helper.userId(), new com.atrium.household.RoleForm("PARAPLANNER"));
        patchStaff(p.manager, helper.userId(), "{\"type\": \"ASSISTANT\"}").andExpect(status().isOk());
    }

    @Test
    void theEditPageKeepsWhatWasTypedAndShowsEveryError() throws Exception {
        String page = mvc.perform(post("/staff/" + p.support.userId()).with(as(p.manager)).with(csrf())
                        .param("firstName", "").param("lastName", "Kept").param("email", "typed@wrong").param("phone", "+61 2 9555 0111")
                        .param("type", "SUPPORT"))
                .andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("Enter a first name.").contains("is not an email address").contains("value=\"Kept\"")
                .contains("value=\"typed@wrong\"").contains("value=\"+61 2 9555 0111\"");
        mvc.perform(get("/staff/" + p.support.userId()).with(as(p.adviser))).andExpect(status().isForbidden());
        mvc.perform(get("/staff").with(as(p.manager)))
                .andExpect(content().string(Matchers.containsString("href=\"/staff/" + p.support.userId() + "\"")));
    }

    @Test
    void disablingEndsTheUsersOpenSessionsAtOnce() throws Exception {
        Actor rae = fixtures.user(p.practice, UserType.SUPPORT, false, "rae");
        java.util.Map<String, jakarta.servlet.http.Cookie> cookies = new java.util.HashMap<>();
        org.springframework.mock.web.MockHttpServletResponse login = mvc.perform(post("/login").with(csrf())
                .param("username", rae.email()).param("password", Fixtures.PASSWORD)).andReturn().getResponse();
        java.util.Arrays.stream(login.getCookies()).forEach(c -> cookies.put(c.getName(), c));
        assertThat(login.getRedirectedUrl()).doesNotContain("error");
        assertThat(mvc.perform(get("/profile").cookie(cookies.values().toArray(jakarta.servlet.http.Cookie[]::new)))
                .andReturn().getResponse().getStatus()).isEqualTo(200);

        patchStaff(p.manager, rae.userId(), "{\"active\": false}").andExpect(status().isOk());
        assertThat(mvc.perform(get("/profile").cookie(cookies.values().toArray(jakarta.servlet.http.Cookie[]::new)))
                .andReturn().getResponse().getRedirectedUrl()).as("the session is gone").endsWith("/login");
        mvc.perform(get("/api/audit/security-events").param("kind", "STAFF_DISABLED").with(as(p.manager)))
                .andExpect(jsonPath("$.items[0].detail").value(Matchers.containsString("1 session ended")));
    }

    boolean active(Actor a) {
        return jdbc.sql("SELECT active FROM app_user WHERE id = :id").param("id", a.userId()).query(Boolean.class).single();
    }
}
