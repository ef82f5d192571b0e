package com.atrium.household;

import static com.atrium.practice.TestLogins.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

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

@IntegrationTest
class ClientApiTests {
    @Autowired MockMvc mvc;
    @Autowired Fixtures fixtures;
    @Autowired JdbcClient jdbc;

    TestPractice harbour;
    TestPractice other;
    ClientView adviserClient;
    ClientView otherAdviserClient;
    ClientView foreignClient;

    @BeforeEach
    void setUp() {
        harbour = fixtures.practice();
        other = fixtures.practice();
        adviserClient = fixtures.client(harbour.adviser, "Zephyr");
        otherAdviserClient = fixtures.client(harbour.otherAdviser, "Albright");
        foreignClient = fixtures.client(other.adviser, "Foreign");
    }

    @Test
    void managerSeesEveryClientOfThePracticeSortedByNameAndNothingElse() throws Exception {
        mvc.perform(get("/api/clients").with(as(harbour.manager)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.total").value(2))
                .andExpect(jsonPath("$.items[0].displayName").value("Albright, Alex & Sam"))
                .andExpect(jsonPath("$.items[1].id").value(adviserClient.id()));
    }

    @Test
    void primaryProfessionalSeesOnlyTheirOwnClients() throws Exception {
        mvc.perform(get("/api/clients").with(as(harbour.adviser)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.total").value(1))
                .andExpect(jsonPath("$.items[0].id").value(adviserClient.id()));
        mvc.perform(get("/api/clients/" + otherAdviserClient.id()).with(as(harbour.adviser)))
                .andExpect(status().isNotFound());
    }

    @Test
    void supportStaffAndAssistantsWithoutAPathSeeNothing() throws Exception {
        mvc.perform(get("/api/clients").with(as(harbour.support))).andExpect(jsonPath("$.total").value(0));
        mvc.perform(get("/api/clients").with(as(harbour.assistant))).andExpect(jsonPath("$.total").value(0));
        mvc.perform(get("/api/clients/" + adviserClient.id()).with(as(harbour.support))).andExpect(status().isNotFound());
    }

    @Test
    void anotherPracticesClientAnswers404ExactlyLikeAnUnknownId() throws Exception {
        String foreign = mvc.perform(get("/api/clients/" + foreignClient.id()).with(as(harbour.manager)))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andReturn().getResponse().getContentAsString();
        String unknown = mvc.perform(get("/api/clients/999999999").with(as(harbour.manager)))
                .andExpect(status().isNotFound()).andReturn().getResponse().getContentAsString();
        assertThat(foreign.replace("/api/clients/" + foreignClient.id(), "X")).isEqualTo(unknown.replace("/api/clients/999999999", "X"));
        mvc.perform(get("/api/clients").param("q", "Foreign").with(as(harbour.manager)))
                .andExpect(jsonPath("$.total").value(0));
    }

    @Test
    void searchMatchesNamesCaseInsensitivelyAndTreatsWildcardsLiterally() throws Exception {
        mvc.perform(get("/api/clients").param("q", "zePHyr").with(as(harbour.manager)))
                .andExpect(jsonPath("$.total").value(1))
                .andExpect(jsonPath("$.items[0].id").value(adviserClient.id()));
        mvc.perform(get("/api/clients").param("q", "%").with(as(harbour.manager)))
                .andExpect(jsonPath("$.total").value(0));
    }

    @Test
    void pagesAreComputedInSqlWithTheTotal() throws Exception {
        for (int i = 0; i < 5; i++) {
            fixtures.client(harbour.adviser, "Pager" + i);
        }
        mvc.perform(get("/api/clients").param("q", "pager").param("size", "2").param("page", "2").with(as(harbour.adviser)))
                .andExpect(jsonPath("$.total").value(5))
                .andExpect(jsonPath("$.items.length()").value(1))
                .andExpect(jsonPath("$.items[0].displayName").value("Pager4, Alex & Sam"));
        mvc.perform(get("/api/clients").param("size", "500").with(as(harbour.adviser)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("Page size must be between 1 and 200."));
    }

    @Test
    void professionalCreatingAClientBecomesItsPrimary() throws Exception {
        mvc.perform(post("/api/clients").with(as(harbour.otherAdviser)).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"displayName": "Okoye Family", "people": [{"firstName": "Ada", "lastName": "Okoye",
                                 "email": " Ada@Example.COM ", "mobile": "+44 7911 123456"}]}"""))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", Matchers.startsWith("/api/clients/")))
                .andExpect(jsonPath("$.displayName").value("Okoye Family"))
                .andExpect(jsonPath("$.primaryProfessional.id").value(harbour.otherAdviser.userId()))
                .andExpect(jsonPath("$.people[0].email").value("ada@example.com"))
                .andExpect(jsonPath("$.people[0].mobile").value("+447911123456"));
    }

    @Test
    void supportStaffCreateForThePracticesFirstProfessionalAndJoinTheTeam() throws Exception {
        mvc.perform(post("/api/clients").with(as(harbour.support)).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"people\": [{\"firstName\": \"Bo\", \"lastName\": \"Lind\"}]}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.displayName").value("Lind, Bo"))
                // the manager was the first Professional created in the fixture practice
                .andExpect(jsonPath("$.primaryProfessional.id").value(harbour.manager.userId()));
        mvc.perform(get("/api/clients").with(as(harbour.support))).andExpect(jsonPath("$.total").value(1));
    }

    @Test
    void badInputGetsFieldMessagesAndCreatesNothing() throws Exception {
        long before = jdbc.sql("SELECT COUNT(*) FROM household").query(Long.class).single();
        mvc.perform(post("/api/clients").with(as(harbour.adviser)).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"people": [{"firstName": "Ada", "lastName": "Okoye", "mobile": "0412 345 678"},
                                            {"firstName": "", "lastName": "Okoye", "dateOfBirth": "2999-01-01"}]}"""))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors['people[1].firstName']").value("Enter a first name."))
                .andExpect(jsonPath("$.errors['people[1].dateOfBirth']").value("Date of birth cannot be in the future."));
        mvc.perform(post("/api/clients").with(as(harbour.adviser)).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"people\": [{\"firstName\": \"Ada\", \"lastName\": \"Okoye\", \"mobile\": \"0412 345 678\"}]}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors['people[0].mobile']").value(Matchers.containsString("country code")));
        mvc.perform(post("/api/clients").with(as(harbour.adviser)).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"people\": []}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.people").value("Add at least one person."));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM household").query(Long.class).single()).isEqualTo(before);
    }

    @Test
    void aPrimaryFromAnotherPracticeIsRefused() throws Exception {
        mvc.perform(post("/api/clients").with(as(harbour.manager)).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"primaryProfessionalId\": " + other.adviser.userId()
                                + ", \"people\": [{\"firstName\": \"Ada\", \"lastName\": \"Okoye\"}]}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.primaryProfessionalId").exists());
    }

    @Test
    void assistantsWithoutAWorkgroupCannotAddClients() throws Exception {
        mvc.perform(post("/api/clients").with(as(harbour.assistant)).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"people\": [{\"firstName\": \"Ada\", \"lastName\": \"Okoye\"}]}"))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.detail").value(Matchers.containsString("workgroup")));
    }

    @Test
    void scriptsUseHttpBasicWithoutCsrfAndAnonymousCallsGet401Problems() throws Exception {
        mvc.perform(get("/api/me").with(httpBasic(harbour.adviser.email(), Fixtures.PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.id").value(harbour.adviser.userId()))
                .andExpect(jsonPath("$.type").value("PROFESSIONAL"))
                .andExpect(jsonPath("$.practiceManager").value(false));
        mvc.perform(post("/api/clients").with(httpBasic(harbour.adviser.email(), Fixtures.PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"people\": [{\"firstName\": \"Basic\", \"lastName\": \"Script\"}]}"))
                .andExpect(status().isCreated());
        mvc.perform(get("/api/me")).andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(get("/api/clients").with(httpBasic(harbour.adviser.email(), "wrong-password"))).andExpect(status().isUnauthorized());
    }

    @Test
    void aBrowserSessionMustSendTheCsrfTokenToTheApi() throws Exception {
        mvc.perform(post("/api/clients").with(as(harbour.adviser)).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"people\": [{\"firstName\": \"No\", \"lastName\": \"Token\"}]}"))
                .andExpect(status().isForbidden());
    }
}
