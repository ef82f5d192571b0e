package com.atrium.outsider;

import static com.atrium.outsider.OutsiderTestSupport.person;
import static com.atrium.practice.TestLogins.as;
import static com.atrium.practice.TestLogins.asVerifiedOutsider;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.atrium.access.AccessLevel;
import com.atrium.access.GrantSubject;
import com.atrium.household.ClientView;
import com.atrium.household.FamilyPersonForm;
import com.atrium.household.FamilyService;
import com.atrium.household.PersonView;
import com.atrium.household.Relationship;
import com.atrium.household.TeamMemberForm;
import com.atrium.household.TeamService;
import com.atrium.practice.PracticeService;
import com.atrium.shared.Actor;
import com.atrium.testsupport.Fixtures;
import com.atrium.testsupport.Fixtures.TestPractice;
import com.atrium.testsupport.IntegrationTest;
import java.time.LocalDate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Finding 1 of the security review (issue 10): "permanent access for anyone, from the portal". Who is holder or
 * co-holder is decided by the file manager only (never from the portal, never by an external adviser, not by other
 * staff); a grant is permanent only for a person the file manager recorded as holder / co-holder; a person with any
 * grant cannot be removed from the family; a member who becomes co-holder while holding a grant gets the permanent
 * status at that moment; the Access rights tab says which grants are permanent.
 */
@IntegrationTest
class HolderDesignationIntegrationTests {
    @Autowired MockMvc mvc;
    @Autowired Fixtures fixtures;
    @Autowired OutsiderService outsiders;
    @Autowired Invitations invitations;
    @Autowired PracticeService practice;
    @Autowired FamilyService family;
    @Autowired TeamService teams;
    @Autowired JdbcClient jdbc;

    TestPractice p;
    ClientView c;
    Actor holder;     // the household's holder, read-write, in the portal
    Actor notary;     // an external adviser, read-write
    long spouseId;

    @BeforeEach
    void file() {
        p = fixtures.practice();
        c = fixtures.client(p.adviser, "Permanence");
        spouseId = person(c, Relationship.SPOUSE).id();
        holder = grant(p.adviser, GrantSubject.FAMILY, person(c, Relationship.HOLDER).id(), AccessLevel.READ_WRITE);
        long notaryId = outsiders.registerAdviser(p.adviser, c.id(), new ExternalAdviserForm("Jean", "Notaire", OutsiderTestSupport.email("n"),
                "+33612345678", null, AdviserType.NOTARY)).id();
        notary = grant(p.adviser, GrantSubject.ADVISER, notaryId, AccessLevel.READ_WRITE);
    }

    Actor grant(Actor by, GrantSubject subject, long subjectId, AccessLevel level) {
        return OutsiderTestSupport.grantWithAccount(outsiders, invitations, practice, jdbc, by, c.id(), subject, subjectId, level, null);
    }

    MockHttpServletResponse portal(Actor outsider, MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request.with(csrf()).with(asVerifiedOutsider(outsider))).andReturn().getResponse();
    }

    MockHttpServletResponse staff(Actor actor, MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request.with(csrf()).with(as(actor))).andReturn().getResponse();
    }

    static String personJson(String first, String relationship) {
        return "{\"firstName\":\"" + first + "\",\"lastName\":\"Permanence\",\"relationship\":\"" + relationship + "\"}";
    }

    long people() {
        return jdbc.sql("SELECT COUNT(*) FROM person WHERE household_id = :c").param("c", c.id()).query(Long.class).single();
    }

    String relationshipOf(long personId) {
        return jdbc.sql("SELECT relationship FROM person WHERE id = :p").param("p", personId).query(String.class).single();
    }

    // ------------------------------------------------------------------ the portal never decides who is holder

    @Test
    void thePortalCannotAddAHolderOrCoHolder_apiAndPage() throws Exception {
        long before = people();
        for (String rel : new String[] {"CO_HOLDER", "HOLDER", "co-holder"}) {
            MockHttpServletResponse api = portal(holder, post("/api/portal/files/" + c.id() + "/family/people")
                    .contentType(MediaType.APPLICATION_JSON).content(personJson("Mallory", rel)));
            assertThat(api.getStatus()).as("API, " + rel).isEqualTo(403);
            assertThat(api.getContentAsString()).contains("file manager");
            MockHttpServletResponse page = portal(holder, post("/portal/files/" + c.id() + "/family/people")
                    .param("firstName", "Mallory").param("lastName", "Permanence").param("relationship", rel));
            assertThat(page.getStatus()).as("page, " + rel).isEqualTo(403);
            // an external adviser with read-write access neither
            assertThat(portal(notary, post("/api/portal/files/" + c.id() + "/family/people")
                    .contentType(MediaType.APPLICATION_JSON).content(personJson("Mallory", rel))).getStatus()).isEqualTo(403);
        }
        assertThat(people()).isEqualTo(before);
    }

    @Test
    void thePortalCannotMakeSomeoneHolderOrCoHolder_norChangeAHolder() throws Exception {
        // the spouse becoming co-holder, or the holder handing over to the spouse
        for (String rel : new String[] {"CO_HOLDER", "HOLDER"}) {
            for (Actor outsider : new Actor[] {holder, notary}) {
                MockHttpServletResponse r = portal(outsider, post("/portal/files/" + c.id() + "/family/people/" + spouseId)
                        .param("firstName", "Sam").param("lastName", "Permanence").param("relationship", rel));
                assertThat(r.getStatus()).as(rel).isEqualTo(403);
            }
        }
        assertThat(relationshipOf(spouseId)).isEqualTo("SPOUSE");
        // a co-holder recorded by the file manager cannot be turned into something else from the portal either
        family.updatePerson(p.adviser, c.id(), spouseId, new FamilyPersonForm(null, null, null, null, null, null, "CO_HOLDER", null, null, null));
        assertThat(portal(holder, post("/portal/files/" + c.id() + "/family/people/" + spouseId)
                .param("firstName", "Sam").param("lastName", "Permanence").param("relationship", "OTHER")).getStatus()).isEqualTo(403);
        assertThat(relationshipOf(spouseId)).isEqualTo("CO_HOLDER");
        // the page's own Change form (which does not send a relationship for a co-holder) still saves the other fields
        assertThat(portal(holder, post("/portal/files/" + c.id() + "/family/people/" + spouseId)
                .param("firstName", "Samuel").param("lastName", "Permanence")).getStatus()).isEqualTo(302);
        assertThat(relationshipOf(spouseId)).isEqualTo("CO_HOLDER");
    }

    @Test
    void thePortalPageOffersNoHolderOrCoHolderRole() throws Exception {
        MockHttpServletResponse r = portal(holder, get("/portal/files/" + c.id()));
        assertThat(r.getStatus()).isEqualTo(200);
        String html = r.getContentAsString();
        assertThat(html).contains("value=\"CHILD\"", "value=\"SPOUSE\"").doesNotContain("value=\"CO_HOLDER\"", "value=\"HOLDER\"");
    }

    // ------------------------------------------------------------------ staff: only the file manager decides

    @Test
    void onlyTheFileManagerRecordsHoldersAndCoHolders_otherStaffWithWriteAccessCannot() throws Exception {
        teams.addMember(p.manager, c.id(), new TeamMemberForm(p.otherAdviser.userId(), "ADVISER"));
        for (Actor notFileManager : new Actor[] {p.manager, p.otherAdviser}) {
            MockHttpServletResponse add = staff(notFileManager, post("/api/clients/" + c.id() + "/family/people")
                    .contentType(MediaType.APPLICATION_JSON).content(personJson("Colette", "CO_HOLDER")));
            assertThat(add.getStatus()).isEqualTo(403);
            assertThat(add.getContentAsString()).contains("file manager");
            MockHttpServletResponse change = staff(notFileManager, patch("/api/clients/" + c.id() + "/family/people/" + spouseId)
                    .contentType(MediaType.APPLICATION_JSON).content("{\"relationship\":\"CO_HOLDER\"}"));
            assertThat(change.getStatus()).isEqualTo(403);
            // they still edit the family otherwise
            assertThat(staff(notFileManager, post("/api/clients/" + c.id() + "/family/people")
                    .contentType(MediaType.APPLICATION_JSON).content(personJson("Kid", "CHILD"))).getStatus()).isEqualTo(201);
        }
        assertThat(relationshipOf(spouseId)).isEqualTo("SPOUSE");
        MockHttpServletResponse ok = staff(p.adviser, patch("/api/clients/" + c.id() + "/family/people/" + spouseId)
                .contentType(MediaType.APPLICATION_JSON).content("{\"relationship\":\"CO_HOLDER\"}"));
        assertThat(ok.getStatus()).isEqualTo(200);
        assertThat(relationshipOf(spouseId)).isEqualTo("CO_HOLDER");
    }

    // ------------------------------------------------------------------ permanence follows the file manager's record

    @Test
    void aGrantToAMemberTheFileManagerDidNotRecordAsHolderIsNotPermanent_andTheFileManagerWithdrawsIt() throws Exception {
        long childId = family.addPerson(p.adviser, c.id(), FamilyPersonForm.of("Nina", "Permanence", LocalDate.of(2001, 1, 2), "CHILD")).id();
        // the holder gives their child access from the portal
        MockHttpServletResponse g = portal(holder, post("/api/portal/files/" + c.id() + "/grants").contentType(MediaType.APPLICATION_JSON)
                .content("{\"subject\":\"FAMILY\",\"subjectId\":" + childId + ",\"level\":\"READ_WRITE\",\"email\":\""
                        + OutsiderTestSupport.email("nina") + "\",\"mobile\":\"+33 6 12 34 56 78\"}"));
        assertThat(g.getStatus()).isEqualTo(201);
        assertThat(g.getContentAsString()).contains("\"holder\":false");
        long grantId = grantIdOf(childId);
        // the file manager can downgrade, expire and withdraw it
        assertThat(staff(p.adviser, patch("/api/clients/" + c.id() + "/grants/" + grantId).contentType(MediaType.APPLICATION_JSON)
                .content("{\"level\":\"READ_ONLY\",\"expiresOn\":\"2099-01-01\"}")).getStatus()).isEqualTo(200);
        assertThat(staff(p.adviser, delete("/api/clients/" + c.id() + "/grants/" + grantId)).getStatus()).isEqualTo(204);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM access_grant WHERE id = :g").param("g", grantId).query(Long.class).single()).isZero();
    }

    @Test
    void aMemberWhoBecomesCoHolderWhileHoldingAGrantGetsThePermanentStatusAtThatMoment() throws Exception {
        Actor spouse = grant(p.adviser, GrantSubject.FAMILY, spouseId, AccessLevel.READ_ONLY);
        long grantId = grantIdOf(spouseId);
        outsiders.changeGrant(p.adviser, c.id(), grantId, new GrantChangeForm(AccessLevel.READ_ONLY, LocalDate.now().plusDays(30)));
        assertThat(outsiders.grant(p.adviser, c.id(), grantId).holder()).isFalse();
        String tabBefore = staff(p.adviser, get("/clients/" + c.id() + "/access-rights")).getContentAsString();

        family.updatePerson(p.adviser, c.id(), spouseId, new FamilyPersonForm(null, null, null, null, null, null, "CO_HOLDER", null, null, null));

        GrantView g = outsiders.grant(p.adviser, c.id(), grantId);
        assertThat(g.holder()).isTrue();
        assertThat(g.expiresOn()).as("a permanent grant has no last day").isNull();
        assertThat(staff(p.adviser, delete("/api/clients/" + c.id() + "/grants/" + grantId)).getStatus()).isEqualTo(409);
        assertThat(spouse.userId()).isPositive();
        String tabAfter = staff(p.adviser, get("/clients/" + c.id() + "/access-rights")).getContentAsString();
        // before: only the holder's access is permanent; after: the spouse's too
        assertThat(count(tabBefore, "Permanent access")).isEqualTo(1);
        assertThat(count(tabAfter, "Permanent access")).isEqualTo(2);
    }

    // ------------------------------------------------------------------ a person with a grant stays in the family

    @Test
    void aPersonWithAnyGrantCannotBeRemovedFromTheFamily_refusedWithTheReason() throws Exception {
        long childId = family.addPerson(p.adviser, c.id(), FamilyPersonForm.of("Nina", "Permanence", LocalDate.of(2001, 1, 2), "CHILD")).id();
        grant(p.adviser, GrantSubject.FAMILY, childId, AccessLevel.READ_ONLY);
        MockHttpServletResponse api = staff(p.adviser, delete("/api/clients/" + c.id() + "/family/people/" + childId));
        assertThat(api.getStatus()).isEqualTo(409);
        assertThat(api.getContentAsString()).contains("Nina Permanence has access to this file");
        MockHttpServletResponse page = portal(holder, post("/portal/files/" + c.id() + "/family/people/" + childId + "/remove"));
        assertThat(page.getStatus()).isEqualTo(409);
        assertThat(page.getContentAsString()).contains("Nina Permanence has access to this file");
        // the database refuses it too, whatever SQL is run
        assertThatThrownBy(() -> jdbc.sql("DELETE FROM person WHERE id = :p").param("p", childId).update())
                .isInstanceOf(org.springframework.dao.DataIntegrityViolationException.class);
        // once the file manager withdrew the access, the person can go
        outsiders.revokeGrant(p.adviser, c.id(), grantIdOf(childId));
        assertThat(staff(p.adviser, delete("/api/clients/" + c.id() + "/family/people/" + childId)).getStatus()).isEqualTo(204);
    }

    @Test
    void theDatabaseRefusesAHolderGrantForSomeoneNotRecordedAsHolder() {
        long childId = family.addPerson(p.adviser, c.id(), FamilyPersonForm.of("Nina", "Permanence", LocalDate.of(2001, 1, 2), "CHILD")).id();
        assertThatThrownBy(() -> jdbc.sql("""
                        INSERT INTO access_grant (client_id, practice_id, subject_kind, subject_id, person_id, subject_name, holder, access_level,
                                                  email, mobile, granted_by, granted_at)
                        VALUES (:c, :p, 'FAMILY', :s, :s, 'Nina', TRUE, 'READ_WRITE', 'nina@x.example', '+33612345678', :by, CURRENT_TIMESTAMP)""")
                .param("c", c.id()).param("p", p.practice.id()).param("s", childId).param("by", p.adviser.userId()).update())
                .isInstanceOf(org.springframework.dao.DataIntegrityViolationException.class);
    }

    static int count(String text, String what) {
        return text.split(java.util.regex.Pattern.quote(what), -1).length - 1;
    }

    long grantIdOf(long personId) {
        return jdbc.sql("SELECT id FROM access_grant WHERE client_id = :c AND subject_kind = 'FAMILY' AND subject_id = :s")
                .param("c", c.id()).param("s", personId).query(Long.class).single();
    }
}
