package com.atrium.household;

import static com.atrium.practice.TestLogins.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
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
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** Issue 12, item 1: the client profile (name, status, people's details) over PATCH and the Edit profile form; archiving. */
@IntegrationTest
class ClientProfileApiTests {
    @Autowired MockMvc mvc;
    @Autowired Fixtures fixtures;
    @Autowired JdbcClient jdbc;
    @Autowired TeamService teams;

    TestPractice p;
    ClientView client;
    String name;

    @BeforeEach
    void setUp() {
        p = fixtures.practice();
        name = Fixtures.unique("Profiled").replace("-", "");
        client = fixtures.client(p.adviser, name);
    }

    MockHttpServletRequestBuilder patchJson(long id, String json) {
        return patch("/api/clients/" + id).contentType(MediaType.APPLICATION_JSON).content(json).with(csrf());
    }

    @Test
    void renamesChangesStatusAndPeopleDetailsMergeStyleAndRecordsEachInTheHistory() throws Exception {
        long holder = client.people().get(0).id();
        mvc.perform(patchJson(client.id(), "{\"displayName\": \"  " + name + " family \", \"status\": \"PROSPECT\", \"people\": [{\"id\": "
                        + holder + ", \"email\": \"New.Address@Example.org\", \"mobile\": \"+61 412 555 201\", \"dateOfBirth\": \"1970-02-03\"}]}")
                        .with(as(p.adviser)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.displayName").value(name + " family"))
                .andExpect(jsonPath("$.status").value("PROSPECT"))
                .andExpect(jsonPath("$.people[0].email").value("new.address@example.org"))
                .andExpect(jsonPath("$.people[0].mobile").value("+61412555201"))
                .andExpect(jsonPath("$.people[0].dateOfBirth").value("1970-02-03"))
                .andExpect(jsonPath("$.people[0].firstName").value(client.people().get(0).firstName()));
        // the list finds it by the new name and the new email (the search text follows), in the practice and the index path
        mvc.perform(get("/api/clients").param("q", "new.address@example").with(as(p.adviser)))
                .andExpect(jsonPath("$.total").value(1)).andExpect(jsonPath("$.items[0].displayName").value(name + " family"));
        mvc.perform(get("/api/clients").param("q", name + " family").with(as(p.manager))).andExpect(jsonPath("$.total").value(1));
        mvc.perform(get("/api/clients/" + client.id() + "/history").with(as(p.manager)))
                .andExpect(jsonPath("$.items[*].action", Matchers.hasItems("CLIENT_PROFILE_CHANGED", "CLIENT_STATUS_CHANGED")))
                .andExpect(jsonPath("$.items[?(@.action == 'CLIENT_PROFILE_CHANGED')].before",
                        Matchers.hasItem(Matchers.containsString("Name: " + client.displayName()))))
                .andExpect(jsonPath("$.items[?(@.action == 'CLIENT_PROFILE_CHANGED')].after",
                        Matchers.hasItem(Matchers.containsString("new.address@example.org"))));
        // "" clears an optional field; a field left out stays
        mvc.perform(patchJson(client.id(), "{\"people\": [{\"id\": " + holder + ", \"email\": \"\"}]}").with(as(p.adviser)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.people[0].email").doesNotExist())
                .andExpect(jsonPath("$.people[0].mobile").value("+61412555201"))
                .andExpect(jsonPath("$.displayName").value(name + " family"));
    }

    @Test
    void everyProblemAtOnceOnItsFieldWithTheDatabaseWidthsAndNothingChanged() throws Exception {
        long holder = client.people().get(0).id();
        String tooLong = "x".repeat(201);
        mvc.perform(patchJson(client.id(), "{\"displayName\": \"" + tooLong + "\", \"status\": \"GONE\", \"people\": [{\"id\": " + holder
                        + ", \"firstName\": \"" + "y".repeat(101) + "\", \"lastName\": \" \", \"email\": \"not-an-email\", \"mobile\": \"0412\","
                        + " \"dateOfBirth\": \"2999-01-01\"}, {\"id\": 999999999}, {\"firstName\": \"Nobody\"}]}").with(as(p.manager)))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors.displayName").value(Matchers.containsString("at most 200 characters")))
                .andExpect(jsonPath("$.errors.status").exists())
                .andExpect(jsonPath("$.errors['people[0].firstName']").value(Matchers.containsString("at most 100")))
                .andExpect(jsonPath("$.errors['people[0].lastName']").exists())
                .andExpect(jsonPath("$.errors['people[0].email']").exists())
                .andExpect(jsonPath("$.errors['people[0].mobile']").exists())
                .andExpect(jsonPath("$.errors['people[0].dateOfBirth']").exists())
                .andExpect(jsonPath("$.errors['people[1].id']").exists())
                .andExpect(jsonPath("$.errors['people[2].id']").exists());
        // the widest values the columns take are accepted (200 / 100 / 254 / 32), never a 409 or 500
        String email = "a".repeat(64) + "@" + "b".repeat(185) + ".org";
        assertThat(email).hasSize(254);
        mvc.perform(patchJson(client.id(), "{\"displayName\": \"" + "n".repeat(200) + "\", \"people\": [{\"id\": " + holder
                        + ", \"firstName\": \"" + "f".repeat(100) + "\", \"middleName\": \"" + "m".repeat(100) + "\", \"lastName\": \""
                        + "l".repeat(100) + "\", \"email\": \"" + email + "\"}]}").with(as(p.manager)))
                .andExpect(status().isOk());
        mvc.perform(patchJson(client.id(), "{\"people\": [{\"id\": " + holder + ", \"email\": \"" + "a".repeat(250) + "@b.org\","
                        + " \"mobile\": \"+61 412 555 201 000 000 000 000 000 000 00\"}]}").with(as(p.manager)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors['people[0].email']").value(Matchers.containsString("254")))
                .andExpect(jsonPath("$.errors['people[0].mobile']").value(Matchers.containsString("32")));
        assertThat(jdbc.sql("SELECT display_name FROM household WHERE id = :id").param("id", client.id()).query(String.class).single())
                .isEqualTo("n".repeat(200));
    }

    @Test
    void editingTheProfileNeedsEditProfileAndOtherPracticesSeeNothing() throws Exception {
        Actor para = fixtures.user(p.practice, UserType.PROFESSIONAL, false, "para");
        Actor admin = fixtures.user(p.practice, UserType.SUPPORT, false, "admin");
        teams.addMember(p.manager, client.id(), new TeamMemberForm(para.userId(), "PARAPLANNER"));
        teams.addMember(p.manager, client.id(), new TeamMemberForm(admin.userId(), "ADMINISTRATOR"));
        mvc.perform(patchJson(client.id(), "{\"displayName\": \"By para\"}").with(as(para)))
                .andExpect(status().isForbidden());
        mvc.perform(patchJson(client.id(), "{\"displayName\": \"By admin\"}").with(as(admin)))
                .andExpect(status().isOk());
        TestPractice other = fixtures.practice();
        String foreign = mvc.perform(patchJson(client.id(), "{\"displayName\": \"x\"}").with(as(other.manager)))
                .andExpect(status().isNotFound()).andReturn().getResponse().getContentAsString();
        String unknown = mvc.perform(patchJson(999_999_999L, "{\"displayName\": \"x\"}").with(as(other.manager)))
                .andExpect(status().isNotFound()).andReturn().getResponse().getContentAsString();
        assertThat(foreign.replace("" + client.id(), "X")).isEqualTo(unknown.replace("999999999", "X"));
    }

    @Test
    void archivedClientsLeaveTheDefaultListTheFilterShowsThemAndTheyKeepTheirFileAndHistory() throws Exception {
        Actor member = fixtures.user(p.practice, UserType.SUPPORT, false, "member");
        teams.addMember(p.manager, client.id(), new TeamMemberForm(member.userId(), "READ_ONLY"));
        ClientView stays = fixtures.client(p.adviser, name + "b");
        mvc.perform(patchJson(client.id(), "{\"status\": \"ARCHIVED\"}").with(as(p.adviser))).andExpect(status().isOk());
        for (Actor a : new Actor[] {p.manager, p.adviser, member}) { // the practice index path and the visibility index path
            String who = a.name();
            mvc.perform(get("/api/clients").param("q", name).with(as(a)))
                    .andExpect(jsonPath("$.items[*].id", Matchers.not(Matchers.hasItem((int) client.id()))));
            mvc.perform(get("/api/clients").param("q", name).param("archived", "only").with(as(a)))
                    .andExpect(jsonPath("$.total").value(1)).andExpect(jsonPath("$.items[0].status").value("ARCHIVED"));
            mvc.perform(get("/api/clients").param("q", name).param("archived", "include").with(as(a)))
                    .andExpect(jsonPath("$.items[*].id", Matchers.hasItem((int) client.id())));
            mvc.perform(get("/api/clients/" + client.id()).with(as(a))).andExpect(status().isOk());
            assertThat(who).isNotBlank();
        }
        mvc.perform(get("/api/clients").param("q", name).with(as(p.adviser)))
                .andExpect(jsonPath("$.total").value(1)).andExpect(jsonPath("$.items[0].id").value(stays.id()));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM access_visible WHERE client_id = :c AND archived = TRUE").param("c", client.id())
                .query(Long.class).single()).as("the index rows carry archived").isEqualTo(2);
        mvc.perform(get("/api/clients").param("archived", "sometimes").with(as(p.adviser)))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors.archived").exists());
        // the pages: the default list hides it, the filter shows it
        mvc.perform(get("/clients").param("q", name).with(as(p.adviser)))
                .andExpect(content().string(Matchers.not(Matchers.containsString("href=\"/clients/" + client.id() + "\""))));
        mvc.perform(get("/clients").param("q", name).param("archived", "only").with(as(p.adviser)))
                .andExpect(content().string(Matchers.containsString("href=\"/clients/" + client.id() + "\"")));
        // restore: back in the list; both steps in the history
        mvc.perform(patchJson(client.id(), "{\"status\": \"ACTIVE\"}").with(as(p.adviser))).andExpect(status().isOk());
        mvc.perform(get("/api/clients").param("q", name).with(as(member))).andExpect(jsonPath("$.total").value(1));
        mvc.perform(get("/api/clients/" + client.id() + "/history").with(as(p.adviser)))
                .andExpect(jsonPath("$.items[0].action").value("CLIENT_RESTORED"))
                .andExpect(jsonPath("$.items[1].action").value("CLIENT_ARCHIVED"))
                .andExpect(jsonPath("$.items[1].after").value("Status: Archived"));
    }

    @Test
    void theFormKeepsWhatWasTypedShowsEveryErrorAndConfirmsArchiving() throws Exception {
        long holder = client.people().get(0).id();
        String page = mvc.perform(post("/clients/" + client.id() + "/profile").with(csrf()).with(as(p.adviser))
                        .param("displayName", "").param("status", "ACTIVE")
                        .param("people[0].id", "" + holder).param("people[0].firstName", "Kept").param("people[0].lastName", "")
                        .param("people[0].email", "typed@wrong").param("people[0].mobile", "+61 412 555 201"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("Enter the client&#39;s name.").contains("Enter a last name.").contains("is not an email address")
                .contains("value=\"Kept\"").contains("value=\"typed@wrong\"").contains("value=\"+61 412 555 201\"");
        // choosing Archived asks first, saying what will happen, with the typed values kept
        String confirm = mvc.perform(post("/clients/" + client.id() + "/profile").with(csrf()).with(as(p.adviser))
                        .param("displayName", "Renamed on archive").param("status", "ARCHIVED")
                        .param("people[0].id", "" + holder).param("people[0].firstName", "Kept").param("people[0].lastName", "Holder"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(confirm).contains("leaves the default client list").contains("value=\"Renamed on archive\"");
        assertThat(jdbc.sql("SELECT status FROM household WHERE id = :id").param("id", client.id()).query(String.class).single())
                .isEqualTo("ACTIVE");
        mvc.perform(post("/clients/" + client.id() + "/profile").with(csrf()).with(as(p.adviser))
                        .param("displayName", "Renamed on archive").param("status", "ARCHIVED").param("confirmed", "true")
                        .param("people[0].id", "" + holder).param("people[0].firstName", "Kept").param("people[0].lastName", "Holder"))
                .andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/clients/" + client.id() + "?saved"));
        mvc.perform(get("/clients/" + client.id()).with(as(p.adviser)))
                .andExpect(content().string(Matchers.containsString("data-testid=\"archived-banner\"")))
                .andExpect(content().string(Matchers.containsString("Restore…")));
        // the Restore button: a confirmation first, then the change
        mvc.perform(post("/clients/" + client.id() + "/status").with(csrf()).with(as(p.adviser)).param("status", "ACTIVE"))
                .andExpect(status().isOk()).andExpect(content().string(Matchers.containsString("comes back to the default client list")));
        mvc.perform(post("/clients/" + client.id() + "/status").with(csrf()).with(as(p.adviser)).param("status", "ACTIVE")
                        .param("confirmed", "true"))
                .andExpect(redirectedUrl("/clients/" + client.id() + "?restored"));
        assertThat(jdbc.sql("SELECT status FROM household WHERE id = :id").param("id", client.id()).query(String.class).single())
                .isEqualTo("ACTIVE");
    }
}
