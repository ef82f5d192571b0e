package com.atrium.partner;

import static com.atrium.practice.TestLogins.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
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

/** The partner portal API: accounts, licences, users one by one, who sees what (other practice -> 404). */
@IntegrationTest
class PartnerApiTests {
    @Autowired MockMvc mvc;
    @Autowired Fixtures fixtures;
    @Autowired PartnerService partner;
    @Autowired JdbcClient jdbc;

    TestPractice p;
    TestPractice other;

    @BeforeEach
    void setUp() {
        p = fixtures.practice();
        other = fixtures.practice();
    }

    @Test
    void anAdviserCreatesAnAccountWithItsPrimaryContactAndUsersAndItStartsInFreeTrialRelatedToThem() throws Exception {
        String contact = PartnerTestSupport.email("contact");
        String body = """
                {"name": "Acme Tools", "licence": "ESSENTIALS",
                 "primaryContact": {"firstName": "Ada", "lastName": "Lovelace", "email": "%s"},
                 "users": [{"firstName": "Bob", "lastName": "Builder", "email": "%s"},
                           {"firstName": "Cy", "lastName": "Young", "email": "%s"}]}"""
                .formatted(contact.toUpperCase(), PartnerTestSupport.email("bob"), PartnerTestSupport.email("cy"));
        String json = mvc.perform(post("/api/partner/accounts").with(as(p.adviser)).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                        .content(body))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.name").value("Acme Tools"))
                .andExpect(jsonPath("$.licence").value("ESSENTIALS"))
                .andExpect(jsonPath("$.paid").value(false))
                .andExpect(jsonPath("$.adviserId").value(p.adviser.userId()))
                .andExpect(jsonPath("$.diagnosticRound").value(1))
                .andExpect(jsonPath("$.workspaceOpen").value(false))
                .andExpect(jsonPath("$.users.length()").value(3))
                .andExpect(jsonPath("$.users[0].email").value(contact))
                .andExpect(jsonPath("$.users[0].admin").value(true))
                .andExpect(jsonPath("$.users[1].admin").value(false))
                .andExpect(jsonPath("$.users[0].invitation").value("Invitation on its way"))
                .andReturn().getResponse().getContentAsString();
        long id = Long.parseLong(json.replaceAll("^\\{\"id\":(\\d+).*$", "$1").trim());
        mvc.perform(get("/api/partner/accounts").with(as(p.adviser)))
                .andExpect(jsonPath("$[?(@.id == %d)].paid".formatted(id)).value(Matchers.contains(false)));
        // who sees it: the related adviser and the practice manager; not another adviser, not another practice
        mvc.perform(get("/api/partner/accounts/" + id).with(as(p.manager))).andExpect(status().isOk());
        mvc.perform(get("/api/partner/accounts/" + id).with(as(p.otherAdviser))).andExpect(status().isNotFound());
        mvc.perform(get("/api/partner/accounts/" + id).with(as(other.manager))).andExpect(status().isNotFound());
        mvc.perform(get("/api/partner/accounts").with(as(p.otherAdviser))).andExpect(jsonPath("$.length()").value(0));
        mvc.perform(get("/api/partner/accounts").with(as(other.manager))).andExpect(jsonPath("$.length()").value(0));
        // every user is invited: three invitations queued for the job
        assertThat(jdbc.sql("SELECT COUNT(*) FROM partner_invitation WHERE account_id = :a AND sent_at IS NULL").param("a", id)
                .query(Long.class).single()).isEqualTo(3);
        // the creation is in the audit trail, as the account's registration and its members (one event for all of them)
        assertThat(jdbc.sql("SELECT action FROM audit_entry WHERE client_id = :a ORDER BY seq").param("a", id).query(String.class).list())
                .containsExactly("CLIENT_REGISTERED", "ACCOUNT_MEMBER_ADDED", "BUSINESS_ACCOUNT_CREATED");
        // ... and the access module knows them: the primary contact as administrator, the others as members
        assertThat(jdbc.sql("SELECT member_role FROM access_account_member WHERE client_id = :a ORDER BY member_role").param("a", id)
                .query(String.class).list()).containsExactly("ADMIN", "MEMBER", "MEMBER");
    }

    @Test
    void aHalfFilledUserOrAMissingPrimaryContactIsRefusedWithEveryErrorAndNothingIsCreated() throws Exception {
        long before = jdbc.sql("SELECT COUNT(*) FROM partner_account").query(Long.class).single();
        String body = """
                {"name": " ", "primaryContact": {"firstName": "Ada", "lastName": "", "email": "not-an-email"},
                 "users": [{"firstName": "Bob", "lastName": "", "email": ""}]}""";
        mvc.perform(post("/api/partner/accounts").with(as(p.adviser)).with(csrf()).contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.name").value("Enter the business name."))
                .andExpect(jsonPath("$.errors.licence").value("Choose a licence."))
                .andExpect(jsonPath("$.errors['primaryContact.lastName']").value("Last name is missing."))
                .andExpect(jsonPath("$.errors['primaryContact.email']").value(Matchers.containsString("is not an email address")))
                .andExpect(jsonPath("$.errors['users[0].lastName']").value("Last name is missing."))
                .andExpect(jsonPath("$.errors['users[0].email']").value("Email is missing."));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM partner_account").query(Long.class).single()).isEqualTo(before);
    }

    @Test
    void anEmailThatAlreadyBelongsToSomeoneIsRefused() throws Exception {
        String body = """
                {"name": "Dup Ltd", "licence": "GOALS", "primaryContact": {"firstName": "Ada", "lastName": "L", "email": "%s"}}"""
                .formatted(p.adviser.email());
        mvc.perform(post("/api/partner/accounts").with(as(p.adviser)).with(csrf()).contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.users").value(p.adviser.email() + " is already a user of Atrium."));
    }

    @Test
    void onlyProfessionalsCreateAccounts() throws Exception {
        String body = """
                {"name": "X", "licence": "GOALS", "primaryContact": {"firstName": "Ada", "lastName": "L", "email": "%s"}}"""
                .formatted(PartnerTestSupport.email("x"));
        mvc.perform(post("/api/partner/accounts").with(as(p.support)).with(csrf()).contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isForbidden());
        mvc.perform(post("/api/partner/accounts").with(as(p.assistant)).with(csrf()).contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isForbidden());
    }

    @Test
    void theLicenceChangesAndTheAccountBecomesPaidWithEveryChangeRecordedAndPaidNeverGoesBack() throws Exception {
        AccountView a = PartnerTestSupport.account(partner, p.adviser, Licence.ESSENTIALS, 0);
        mvc.perform(patch("/api/partner/accounts/" + a.id()).with(as(p.adviser)).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"licence\": \"FULL_BUSINESS\"}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.licence").value("FULL_BUSINESS")).andExpect(jsonPath("$.paid").value(false));
        mvc.perform(patch("/api/partner/accounts/" + a.id()).with(as(p.manager)).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"paid\": true}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.paid").value(true)).andExpect(jsonPath("$.paidSince").isNotEmpty())
                .andExpect(jsonPath("$.licenceChanges.length()").value(3))
                .andExpect(jsonPath("$.licenceChanges[0].text").value("Full Business, free trial → Full Business, paid"))
                .andExpect(jsonPath("$.licenceChanges[1].text").value("Essentials, free trial → Full Business, free trial"))
                .andExpect(jsonPath("$.licenceChanges[2].text").value("created → Essentials, free trial"));
        mvc.perform(patch("/api/partner/accounts/" + a.id()).with(as(p.adviser)).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"paid\": false}"))
                .andExpect(status().isConflict());
        // someone who does not see the account: 404, whatever the body
        mvc.perform(patch("/api/partner/accounts/" + a.id()).with(as(other.manager)).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"paid\": true}"))
                .andExpect(status().isNotFound());
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_entry WHERE client_id = :a AND action = 'BUSINESS_LICENCE_CHANGED'")
                .param("a", a.id()).query(Long.class).single()).isEqualTo(2);
    }

    @Test
    void usersAreAddedAndRemovedButTheAdministratorStays() throws Exception {
        AccountView a = PartnerTestSupport.account(partner, p.adviser, Licence.GOALS, 0);
        String email = PartnerTestSupport.email("new");
        String json = mvc.perform(post("/api/partner/accounts/" + a.id() + "/users").with(as(p.adviser)).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"firstName\": \"Nia\", \"lastName\": \"New\", \"email\": \"" + email + "\"}"))
                .andExpect(status().isCreated()).andExpect(jsonPath("$.email").value(email)).andExpect(jsonPath("$.admin").value(false))
                .andReturn().getResponse().getContentAsString();
        long userId = Long.parseLong(json.replaceAll("^\\{\"userId\":(\\d+).*$", "$1").trim());
        mvc.perform(post("/api/partner/accounts/" + a.id() + "/users").with(as(p.adviser)).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"firstName\": \"\", \"lastName\": \"New\", \"email\": \"" + email + "\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.firstName").value("First name is missing."))
                .andExpect(jsonPath("$.errors.email").value(email + " is already a user of Atrium."));
        long admin = a.users().get(0).userId();
        mvc.perform(delete("/api/partner/accounts/" + a.id() + "/users/" + admin).with(as(p.adviser)).with(csrf()))
                .andExpect(status().isConflict());
        mvc.perform(delete("/api/partner/accounts/" + a.id() + "/users/" + userId).with(as(p.otherAdviser)).with(csrf()))
                .andExpect(status().isNotFound());
        mvc.perform(delete("/api/partner/accounts/" + a.id() + "/users/" + userId).with(as(p.adviser)).with(csrf()))
                .andExpect(status().isNoContent());
        mvc.perform(get("/api/partner/accounts/" + a.id()).with(as(p.adviser))).andExpect(jsonPath("$.users.length()").value(1));
        assertThat(jdbc.sql("SELECT active FROM app_user WHERE id = :u").param("u", userId).query(Boolean.class).single()).isFalse();
    }

    @Test
    void theBulkTemplateDownloads() throws Exception {
        mvc.perform(get("/api/partner/users/bulk-template.csv").with(as(p.adviser)))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.startsWith("first name,last name,email")));
    }
}
