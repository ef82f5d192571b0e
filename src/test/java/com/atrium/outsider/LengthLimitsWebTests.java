package com.atrium.outsider;

import static com.atrium.outsider.OutsiderTestSupport.person;
import static com.atrium.practice.TestLogins.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.atrium.access.AccessLevel;
import com.atrium.access.GrantSubject;
import com.atrium.household.ClientView;
import com.atrium.household.FamilyPersonForm;
import com.atrium.household.FamilyService;
import com.atrium.household.Relationship;
import com.atrium.testsupport.Fixtures;
import com.atrium.testsupport.Fixtures.TestPractice;
import com.atrium.testsupport.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Issue 12, item 7a: length limits agree across form, API and database. Names of 100 characters each (what the forms
 * allow) make a client, a grant and an external adviser without a database error; one character more is a field message
 * (400), on the page with everything typed kept, never a 500 or a 409.
 */
@IntegrationTest
class LengthLimitsWebTests {
    static final String A100 = "A".repeat(100);
    static final String B100 = "B".repeat(100);

    @Autowired MockMvc mvc;
    @Autowired Fixtures fixtures;
    @Autowired OutsiderService outsiders;
    @Autowired FamilyService family;
    @Autowired JdbcClient jdbc;

    @Test
    void aNewClientWithTwoNamesOf100Characters_isCreatedByFormAndApi_oneMoreIsAFieldMessage() throws Exception {
        TestPractice p = fixtures.practice();
        MockHttpServletResponse page = mvc.perform(post("/clients").with(as(p.adviser)).with(csrf())
                        .param("people[0].firstName", A100).param("people[0].lastName", B100).param("people[0].relationship", "HOLDER"))
                .andReturn().getResponse();
        assertThat(page.getStatus()).as(page.getContentAsString()).isEqualTo(302);
        String api = mvc.perform(post("/api/clients").with(as(p.adviser)).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"people\": [{\"firstName\": \"" + A100 + "\", \"lastName\": \"" + B100 + "\"}]}"))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        assertThat(api).contains(B100 + ", " + "A".repeat(40));
        mvc.perform(post("/api/clients").with(as(p.adviser)).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"people\": [{\"firstName\": \"" + A100 + "A\", \"lastName\": \"" + B100 + "\"}]}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors['people[0].firstName']").value("First name is at most 100 characters."));
        MockHttpServletResponse tooLong = mvc.perform(post("/clients").with(as(p.adviser)).with(csrf())
                        .param("people[0].firstName", A100 + "A").param("people[0].lastName", "Keep").param("people[0].relationship", "HOLDER")
                        .param("people[0].email", "kept@example.org"))
                .andReturn().getResponse();
        assertThat(tooLong.getStatus()).isLessThan(500);
        assertThat(tooLong.getContentAsString()).contains("First name is at most 100 characters.", "kept@example.org", "Keep");
    }

    @Test
    void aPersonWith100CharacterNames_canBeGrantedAccess_andAnAdviserWithThemRegistered() throws Exception {
        TestPractice p = fixtures.practice();
        ClientView c = fixtures.client(p.adviser, "Long");
        long longOne = family.addPerson(p.adviser, c.id(), FamilyPersonForm.of(A100, B100, null, "OTHER")).id();
        GrantView g = outsiders.grant(p.adviser, c.id(), new GrantForm(GrantSubject.FAMILY, longOne, AccessLevel.READ_ONLY,
                OutsiderTestSupport.email("long"), "+61 412 555 301", null));
        assertThat(g.name()).hasSize(200).startsWith(A100);
        mvc.perform(post("/clients/" + c.id() + "/access-rights/advisers").with(as(p.adviser)).with(csrf())
                        .param("firstName", A100).param("lastName", B100).param("email", OutsiderTestSupport.email("adv"))
                        .param("mobile", "+61 412 555 302").param("type", "LAWYER"))
                .andExpect(status().is3xxRedirection());
    }

    @Test
    void theAddAnAdviserForm_showsEveryErrorOnItsField_andKeepsWhatWasTyped() throws Exception {
        TestPractice p = fixtures.practice();
        ClientView c = fixtures.client(p.adviser, "Forms");
        String html = mvc.perform(post("/clients/" + c.id() + "/access-rights/advisers").with(as(p.adviser)).with(csrf())
                        .param("firstName", "").param("lastName", B100 + "B").param("email", "not-an-email")
                        .param("mobile", "+61 2 9555 0101").param("firm", "Kept & Co").param("type", "NOTARY"))
                .andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();
        assertThat(html).contains("Enter a first name.", "Last name is at most 100 characters.", "is not an email address",
                "is not a mobile number", "value=\"Kept &amp; Co\"", "value=\"not-an-email\"", "value=\"+61 2 9555 0101\"")
                .contains("the reasons are next to the fields below").doesNotContain("highlighted fields");
        assertThat(html).containsPattern("<details[^>]*class=\"add-adviser\"[^>]*open");
        // Give access: the same
        html = mvc.perform(post("/clients/" + c.id() + "/access-rights/grants").with(as(p.adviser)).with(csrf())
                        .param("subject", "FAMILY").param("subjectId", "" + person(c, Relationship.SPOUSE).id()).param("level", "READ_WRITE")
                        .param("email", "typed@example").param("mobile", "+61 2 9555 0101"))
                .andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();
        assertThat(html).contains("value=\"typed@example\"", "value=\"+61 2 9555 0101\"", "is not a mobile number")
                .doesNotContain("highlighted fields");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM external_adviser WHERE household_id = :c").param("c", c.id()).query(Long.class).single()).isZero();
    }
}
