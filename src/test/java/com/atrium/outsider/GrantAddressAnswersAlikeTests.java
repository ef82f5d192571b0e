package com.atrium.outsider;

import static com.atrium.outsider.OutsiderTestSupport.person;
import static com.atrium.practice.TestLogins.as;
import static com.atrium.practice.TestLogins.asVerifiedOutsider;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.atrium.access.AccessLevel;
import com.atrium.access.GrantSubject;
import com.atrium.household.ClientView;
import com.atrium.household.FamilyPersonForm;
import com.atrium.household.FamilyService;
import com.atrium.household.Relationship;
import com.atrium.practice.PracticeService;
import com.atrium.shared.Actor;
import com.atrium.testsupport.Fixtures;
import com.atrium.testsupport.Fixtures.TestPractice;
import com.atrium.testsupport.IntegrationTest;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Security review, finding 5: the grant form told staff of any practice and portal holders whether an address belonged
 * to a staff user or to another practice's account, and a holder could make Atrium email any address without limit.
 * Every refused address now gets the same answer; a portal holder has a daily limit of attempts (refused ones count).
 */
@IntegrationTest
class GrantAddressAnswersAlikeTests {
    @Autowired MockMvc mvc;
    @Autowired Fixtures fixtures;
    @Autowired OutsiderService outsiders;
    @Autowired Invitations invitations;
    @Autowired PracticeService practice;
    @Autowired FamilyService family;
    @Autowired JdbcClient jdbc;

    static String body(long personId, String email) {
        return "{\"subject\":\"FAMILY\",\"subjectId\":" + personId + ",\"level\":\"READ_ONLY\",\"email\":\"" + email
                + "\",\"mobile\":\"+33 6 12 34 56 78\"}";
    }

    @Test
    void everyRefusedAddressGetsTheSameAnswer_fromTheStaffApiAndThePortal() throws Exception {
        TestPractice p = fixtures.practice();
        TestPractice other = fixtures.practice();
        ClientView c = fixtures.client(p.adviser, "Addresses");
        ClientView oc = fixtures.client(other.adviser, "Elsewhere");
        Actor holder = OutsiderTestSupport.grantWithAccount(outsiders, invitations, practice, jdbc, p.adviser, c.id(), GrantSubject.FAMILY,
                person(c, Relationship.HOLDER).id(), AccessLevel.READ_WRITE, null);
        Actor foreignOutsider = OutsiderTestSupport.grantWithAccount(outsiders, invitations, practice, jdbc, other.adviser, oc.id(),
                GrantSubject.FAMILY, person(oc, Relationship.HOLDER).id(), AccessLevel.READ_ONLY, null);
        long childId = family.addPerson(p.adviser, c.id(), FamilyPersonForm.of("Nina", "Addresses", LocalDate.of(2003, 1, 1), "CHILD")).id();

        Map<String, String> refused = new LinkedHashMap<>();
        refused.put("a staff user of this practice", p.support.email());
        refused.put("a staff user of another practice", other.adviser.email());
        refused.put("an outsider of another practice", foreignOutsider.email());
        refused.put("someone else's on this file", holder.email());
        for (boolean portal : new boolean[] {false, true}) {
            Map<String, String> answers = new LinkedHashMap<>();
            for (Map.Entry<String, String> e : refused.entrySet()) {
                MockHttpServletResponse r = mvc.perform(post(portal ? "/api/portal/files/" + c.id() + "/grants" : "/api/clients/" + c.id() + "/grants")
                        .with(csrf()).with(portal ? asVerifiedOutsider(holder) : as(p.adviser))
                        .contentType(MediaType.APPLICATION_JSON).content(body(childId, e.getValue()))).andReturn().getResponse();
                assertThat(r.getStatus()).as(e.getKey()).isEqualTo(400);
                String text = r.getContentAsString();
                assertThat(text).as(e.getKey()).doesNotContain("staff", "another practice", e.getValue());
                answers.put(e.getKey(), text);
            }
            assertThat(answers.values()).as(answers.toString()).containsOnly(answers.get("a staff user of this practice"));
            assertThat(answers.get("a staff user of this practice")).contains(OutsiderService.REFUSED_EMAIL);
        }
        assertThat(jdbc.sql("SELECT COUNT(*) FROM access_grant WHERE client_id = :c AND subject_id = :s").param("c", c.id())
                .param("s", childId).query(Long.class).single()).isZero();
    }

    @Test
    void aPortalHolderHasADailyLimitOfAttempts_refusedOnesCount() throws Exception {
        TestPractice p = fixtures.practice();
        ClientView c = fixtures.client(p.adviser, "Limited");
        Actor holder = OutsiderTestSupport.grantWithAccount(outsiders, invitations, practice, jdbc, p.adviser, c.id(), GrantSubject.FAMILY,
                person(c, Relationship.HOLDER).id(), AccessLevel.READ_WRITE, null);
        long childId = family.addPerson(p.adviser, c.id(), FamilyPersonForm.of("Nina", "Limited", LocalDate.of(2003, 1, 1), "CHILD")).id();
        String url = "/api/portal/files/" + c.id() + "/grants";
        for (int i = 0; i < 10; i++) { // the default limit: 10 a day; these are refused (a staff address) and still count
            assertThat(mvc.perform(post(url).with(csrf()).with(asVerifiedOutsider(holder)).contentType(MediaType.APPLICATION_JSON)
                    .content(body(childId, p.support.email()))).andReturn().getResponse().getStatus()).isEqualTo(400);
        }
        MockHttpServletResponse limited = mvc.perform(post(url).with(csrf()).with(asVerifiedOutsider(holder))
                .contentType(MediaType.APPLICATION_JSON).content(body(childId, OutsiderTestSupport.email("fresh")))).andReturn().getResponse();
        assertThat(limited.getStatus()).isEqualTo(429);
        assertThat(limited.getContentAsString()).contains("try again tomorrow");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM mail_outbox WHERE recipient LIKE '%fresh%'").query(Long.class).single()).isZero();
        // the file manager is not limited by it
        assertThat(mvc.perform(post("/api/clients/" + c.id() + "/grants").with(csrf()).with(as(p.adviser)).contentType(MediaType.APPLICATION_JSON)
                .content(body(childId, OutsiderTestSupport.email("nina")))).andReturn().getResponse().getStatus()).isEqualTo(201);
    }
}
