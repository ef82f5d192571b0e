package com.atrium.crm;

import static com.atrium.practice.TestLogins.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.atrium.household.ClientForm;
import com.atrium.household.ClientStatus;
import com.atrium.household.ClientView;
import com.atrium.household.HouseholdService;
import com.atrium.household.PersonForm;
import com.atrium.household.Relationship;
import com.atrium.testsupport.Fixtures;
import com.atrium.testsupport.Fixtures.TestPractice;
import com.atrium.testsupport.IntegrationTest;
import java.util.List;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** /api/integrations: who may, what is never shown, input checks, and the id-mapping import (all-or-nothing). */
@IntegrationTest
class IntegrationApiTests {
    @Autowired MockMvc mvc;
    @Autowired Fixtures fixtures;
    @Autowired HouseholdService households;
    @Autowired JdbcClient jdbc;

    TestPractice p;
    ClientView lee;
    ClientView kim;
    long id;

    @BeforeEach
    void setUp() throws Exception {
        p = fixtures.practice();
        lee = client("Alex", "Lee", Fixtures.unique("alex").toLowerCase() + "@mail.example");
        kim = client("Sam", "Kim", Fixtures.unique("sam").toLowerCase() + "@mail.example");
        String body = mvc.perform(json(post("/api/integrations"), "{\"type\": \"XPLAN\", \"name\": \"Harbour Xplan\"}").with(as(p.manager)))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.status").value("DRAFT"))
                .andReturn().getResponse().getContentAsString();
        id = Long.parseLong(body.replaceAll(".*\"id\":(\\d+).*", "$1"));
    }

    ClientView client(String first, String last, String email) {
        return households.create(p.adviser, new ClientForm(null, ClientStatus.ACTIVE, null,
                List.of(new PersonForm(first, null, last, null, email, null, Relationship.HOLDER))));
    }

    static MockHttpServletRequestBuilder json(MockHttpServletRequestBuilder b, String body) {
        return b.contentType(MediaType.APPLICATION_JSON).content(body).with(csrf());
    }

    MockHttpServletRequestBuilder csv(String body, boolean dryRun) {
        return post("/api/integrations/" + id + "/id-mappings" + (dryRun ? "?dryRun=true" : "")).contentType("text/csv").content(body)
                .with(csrf()).with(as(p.manager));
    }

    String email(ClientView c) {
        return c.people().get(0).email();
    }

    long links() {
        return jdbc.sql("SELECT COUNT(*) FROM crm_client_link WHERE integration_id = :i").param("i", id).query(Long.class).single();
    }

    @Test
    void onlyPracticeManagersOfThePractice() throws Exception {
        mvc.perform(get("/api/integrations").with(as(p.adviser))).andExpect(status().isForbidden())
                .andExpect(jsonPath("$.detail").value(Matchers.containsString("Only practice managers")));
        mvc.perform(get("/api/integrations/" + id).with(as(p.support))).andExpect(status().isForbidden());
        TestPractice other = fixtures.practice();
        mvc.perform(get("/api/integrations/" + id).with(as(other.manager))).andExpect(status().isNotFound());
        mvc.perform(json(patch("/api/integrations/" + id), "{\"name\": \"x\"}").with(as(other.manager))).andExpect(status().isNotFound());
        mvc.perform(delete("/api/integrations/" + id).with(csrf()).with(as(other.manager))).andExpect(status().isNotFound());
        mvc.perform(post("/api/integrations/" + id + "/runs").with(csrf()).with(as(other.manager))).andExpect(status().isNotFound());
        mvc.perform(get("/api/integrations/" + id + "/runs/1").with(as(other.manager))).andExpect(status().isNotFound());
        mvc.perform(get("/api/integrations").with(as(other.manager))).andExpect(jsonPath("$.length()").value(0));
        // the consent URL of another practice's integration does not exist for this manager
        mvc.perform(get("/oauth2/authorization/crm-" + id).with(as(other.manager))).andExpect(status().isNotFound());
    }

    @Test
    void detailsNeedTheConfirmationFirstAndTheSecretIsNeverShownBack() throws Exception {
        String details = "{\"forwardHost\": \"harbour.xplan.example\", \"appId\": \"app-1\", \"clientSecret\": \"s3cret-value\", \"enabled\": true}";
        mvc.perform(json(patch("/api/integrations/" + id), details).with(as(p.manager)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.mappingsConfirmed").value(Matchers.containsString("duplicates")));
        mvc.perform(json(patch("/api/integrations/" + id), details.replace("}", ", \"mappingsConfirmed\": true}")).with(as(p.manager)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("CONFIGURED"))
                .andExpect(jsonPath("$.secretSet").value(true))
                .andExpect(jsonPath("$.consentUrl").value("/oauth2/authorization/crm-" + id))
                .andExpect(content -> assertThat(content.getResponse().getContentAsString()).doesNotContain("s3cret-value"));
        String stored = jdbc.sql("SELECT client_secret_enc FROM crm_integration WHERE id = :i").param("i", id).query(String.class).single();
        assertThat(stored).isNotBlank().doesNotContain("s3cret");
        mvc.perform(get("/api/integrations/" + id).with(as(p.manager)))
                .andExpect(jsonPath("$.forwardHost").value("harbour.xplan.example"))
                .andExpect(content -> assertThat(content.getResponse().getContentAsString()).doesNotContain("s3cret-value"));
    }

    @Test
    void theForwardHostIsAHostName() throws Exception {
        for (String bad : List.of("https://harbour.xplan.example", "harbour.xplan.example/path", "bad host", "user@harbour.example")) {
            mvc.perform(json(patch("/api/integrations/" + id), "{\"forwardHost\": \"" + bad + "\", \"mappingsConfirmed\": true}")
                            .with(as(p.manager)))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.errors.forwardHost").exists());
        }
    }

    @Test
    void aGoodMappingFilePreviewsThenLinksEveryLine() throws Exception {
        String file = "First Name;Last Name;Email;Xplan ID\nAlex;Lee;" + email(lee).toUpperCase() + ";1001\nSam;Kim;" + email(kim) + ";1002\n";
        mvc.perform(csv(file, true)).andExpect(status().isOk())
                .andExpect(jsonPath("$.applied").value(false))
                .andExpect(jsonPath("$.newLinks").value(2))
                .andExpect(jsonPath("$.rows[0].clientId").value(lee.id()));
        assertThat(links()).isZero();
        mvc.perform(csv(file, false)).andExpect(status().isOk()).andExpect(jsonPath("$.applied").value(true));
        assertThat(links()).isEqualTo(2);
        // the same file again changes nothing (already linked)
        mvc.perform(csv(file, false)).andExpect(status().isOk()).andExpect(jsonPath("$.newLinks").value(0));
        mvc.perform(get("/api/integrations/" + id).with(as(p.manager))).andExpect(status().isOk());
    }

    @Test
    void aFileWithBadLinesImportsNothingAndNamesEveryLine() throws Exception {
        String file = """
                first name,last name,email,CRM id
                Alex,Lee,%s,1001
                Sam,Kim,nobody@nowhere.example,1002
                Sam,Kim,%s,1001
                Sam,Wrong,%s,1003
                ,Kim,%s,
                Alex,Lee,%s,1004
                """.formatted(email(lee), email(kim), email(kim), email(kim), email(lee));
        mvc.perform(csv(file, false)).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.title").value("The file has errors"))
                .andExpect(jsonPath("$.lineErrors[?(@.line == 3)].message").value(Matchers.hasItem(Matchers.containsString("No client of the practice has the email"))))
                .andExpect(jsonPath("$.lineErrors[?(@.line == 4)].message").value(Matchers.hasItem("CRM id 1001 is also on line 2.")))
                .andExpect(jsonPath("$.lineErrors[?(@.line == 5)].message").value(Matchers.hasItem(Matchers.containsString("not Sam Wrong"))))
                .andExpect(jsonPath("$.lineErrors[?(@.line == 6)].message").value(Matchers.hasItems("the first name is missing", "the CRM id is missing")))
                .andExpect(jsonPath("$.lineErrors[?(@.line == 7)].message").value(Matchers.hasItem("This client is also on line 2.")));
        assertThat(links()).as("all-or-nothing: the good line 2 was not applied either").isZero();
    }

    @Test
    void aCrmIdAlreadyUsedOrAMissingColumnIsRefused() throws Exception {
        mvc.perform(csv("first name,last name,email,CRM id\nAlex,Lee," + email(lee) + ",2001\n", false)).andExpect(status().isOk());
        mvc.perform(csv("first name,last name,email,CRM id\nSam,Kim," + email(kim) + ",2001\n", false)).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.lineErrors[0].message").value("CRM id 2001 is already the id of another client in this integration."));
        mvc.perform(csv("first name,last name,email,CRM id\nAlex,Lee," + email(lee) + ",2002\n", false)).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.lineErrors[0].message").value(Matchers.containsString("already has CRM id 2001")));
        mvc.perform(csv("first name,email,CRM id\nAlex," + email(lee) + ",1\n", false)).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.file").value(Matchers.containsString("missing: last name")));
        assertThat(links()).isEqualTo(1);
    }

    @Test
    void deletingSaysWhatItRemovesAndKeepsTheClients() throws Exception {
        mvc.perform(csv("first name,last name,email,CRM id\nAlex,Lee," + email(lee) + ",3001\n", false)).andExpect(status().isOk());
        mvc.perform(get("/settings/integrations/" + id + "/delete").with(as(p.manager))).andExpect(status().isOk())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
                        .string(Matchers.containsString("the CRM ids of 1 clients")));
        mvc.perform(delete("/api/integrations/" + id).with(csrf()).with(as(p.manager))).andExpect(status().isNoContent());
        assertThat(links()).isZero();
        assertThat(households.get(p.manager, lee.id()).displayName()).isNotBlank();
        mvc.perform(get("/api/integrations/" + id).with(as(p.manager))).andExpect(status().isNotFound());
    }

    @Test
    void settingsPagesRenderForManagers() throws Exception {
        mvc.perform(get("/settings/integrations").with(as(p.manager))).andExpect(status().isOk())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content().string(Matchers.containsString("Harbour Xplan")));
        mvc.perform(get("/settings/integrations/" + id).with(as(p.manager))).andExpect(status().isOk())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
                        .string(Matchers.containsString("have no Xplan id yet")));
        mvc.perform(get("/settings/integrations").with(as(p.adviser))).andExpect(status().isForbidden());
    }
}
