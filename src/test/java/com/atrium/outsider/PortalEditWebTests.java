package com.atrium.outsider;

import static com.atrium.outsider.OutsiderTestSupport.person;
import static com.atrium.practice.TestLogins.as;
import static com.atrium.practice.TestLogins.asVerifiedOutsider;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.atrium.access.AccessLevel;
import com.atrium.access.AccessService;
import com.atrium.access.GrantSubject;
import com.atrium.access.Permission;
import com.atrium.household.ClientView;
import com.atrium.household.FamilyPersonForm;
import com.atrium.household.FamilyService;
import com.atrium.household.PersonView;
import com.atrium.household.Relationship;
import com.atrium.inventory.DonationForm;
import com.atrium.inventory.InventoryService;
import com.atrium.inventory.WealthItemForm;
import com.atrium.inventory.WealthItemView;
import com.atrium.practice.PracticeService;
import com.atrium.shared.Actor;
import com.atrium.testsupport.Fixtures;
import com.atrium.testsupport.Fixtures.TestPractice;
import com.atrium.testsupport.IntegrationTest;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Editing a granted file from the portal pages: read-write family members change the family and the inventories,
 * read-write external advisers the family and the inventories but not the profile, read-only grants see no form and
 * are refused by the services (403); wrong input shows the page again with the reasons and changes nothing.
 */
@IntegrationTest
class PortalEditWebTests {
    @Autowired MockMvc mvc;
    @Autowired Fixtures fixtures;
    @Autowired OutsiderService outsiders;
    @Autowired Invitations invitations;
    @Autowired PracticeService practice;
    @Autowired FamilyService family;
    @Autowired InventoryService inventory;
    @Autowired AccessService access;
    @Autowired JdbcClient jdbc;

    TestPractice p;
    ClientView c;
    long holderId;
    Actor familyRw;   // the spouse, read-write
    Actor adviserRw;  // a notary, read-write
    Actor familyRo;   // a child, read-only
    Actor adviserRo;  // a banker, read-only

    @BeforeEach
    void file() {
        p = fixtures.practice();
        c = fixtures.client(p.adviser, "Portalis");
        holderId = person(c, Relationship.HOLDER).id();
        long child = family.addPerson(p.adviser, c.id(), FamilyPersonForm.of("Nina", "Portalis", LocalDate.of(2005, 1, 2), "CHILD")).id();
        inventory.addWealthItem(p.adviser, c.id(), new WealthItemForm("ASSET", "REAL_ESTATE", "Family home", new BigDecimal("400000"), null,
                List.of(new WealthItemForm.OwnerForm(holderId, null))));
        inventory.addDonation(p.adviser, c.id(), new DonationForm(LocalDate.of(2021, 6, 1), holderId, child, null, new BigDecimal("15000"),
                null, "MONEY", null));
        familyRw = grant(GrantSubject.FAMILY, person(c, Relationship.SPOUSE).id(), AccessLevel.READ_WRITE);
        familyRo = grant(GrantSubject.FAMILY, child, AccessLevel.READ_ONLY);
        adviserRw = grant(GrantSubject.ADVISER, adviser("Notaire", AdviserType.NOTARY), AccessLevel.READ_WRITE);
        adviserRo = grant(GrantSubject.ADVISER, adviser("Banquier", AdviserType.BANKER), AccessLevel.READ_ONLY);
    }

    Actor grant(GrantSubject subject, long subjectId, AccessLevel level) {
        return OutsiderTestSupport.grantWithAccount(outsiders, invitations, practice, jdbc, p.adviser, c.id(), subject, subjectId, level, null);
    }

    long adviser(String lastName, AdviserType type) {
        return outsiders.registerAdviser(p.adviser, c.id(), new ExternalAdviserForm("Jean", lastName, OutsiderTestSupport.email("adv"),
                "+33612345678", null, type)).id();
    }

    MockHttpServletResponse perform(Actor outsider, MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request.with(csrf()).with(asVerifiedOutsider(outsider))).andReturn().getResponse();
    }

    String page(Actor outsider) throws Exception {
        MockHttpServletResponse r = perform(outsider, get("/portal/files/" + c.id()));
        assertThat(r.getStatus()).isEqualTo(200);
        return r.getContentAsString();
    }

    /** People, links, wealth items, donations and their versions: equal before and after when nothing changed. */
    String state() {
        return jdbc.sql("""
                        SELECT (SELECT COUNT(*) FROM person WHERE household_id = :c) || '/' ||
                               (SELECT COALESCE(SUM(version), 0) FROM person WHERE household_id = :c) || '/' ||
                               (SELECT COUNT(*) FROM person_link WHERE household_id = :c) || '/' ||
                               (SELECT COUNT(*) FROM wealth_item WHERE household_id = :c) || '/' ||
                               (SELECT COALESCE(SUM(version), 0) FROM wealth_item WHERE household_id = :c) || '/' ||
                               (SELECT COUNT(*) FROM donation WHERE household_id = :c)""")
                .param("c", c.id()).query(String.class).single();
    }

    PersonView named(String firstName) {
        return family.family(p.adviser, c.id()).people().stream().filter(x -> x.firstName().equals(firstName)).findFirst().orElse(null);
    }

    @Test
    void familyReadWriteAddsChangesAndRemovesAPerson() throws Exception {
        String page = page(familyRw);
        assertThat(page).contains("data-testid=\"add-person\"", "data-testid=\"edit-person\"", "data-testid=\"add-wealth\"",
                "data-testid=\"add-donation\"", "the profile,", "the family structure,");

        MvcResult added = mvc.perform(post("/portal/files/" + c.id() + "/family/people").with(csrf()).with(asVerifiedOutsider(familyRw))
                .param("firstName", "Hugo").param("lastName", "Portalis").param("relationship", "CHILD").param("dateOfBirth", "2012-03-04")
                .param("email", "hugo.portalis@example.com").param("mobile", "+33 6 11 22 33 44")).andReturn();
        assertThat(added.getResponse().getStatus()).isEqualTo(302);
        assertThat(added.getResponse().getRedirectedUrl()).isEqualTo("/portal/files/" + c.id() + "#family");
        assertThat(added.getFlashMap().get("message")).isEqualTo("Hugo Portalis was added to the family.");
        PersonView hugo = named("Hugo");
        assertThat(hugo).isNotNull();
        assertThat(hugo.relationship()).isEqualTo(Relationship.CHILD);
        assertThat(hugo.dateOfBirth()).isEqualTo(LocalDate.of(2012, 3, 4));
        assertThat(hugo.email()).isEqualTo("hugo.portalis@example.com");
        assertThat(hugo.mobile()).isEqualTo("+33611223344");
        assertThat(page(familyRw)).contains("Hugo Portalis");

        MockHttpServletResponse changed = perform(familyRw, post("/portal/files/" + c.id() + "/family/people/" + hugo.id())
                .param("firstName", "Hugo").param("lastName", "Portalis-Martin").param("relationship", "CHILD").param("dateOfBirth", "4/3/2012")
                .param("email", "").param("mobile", "+33 6 11 22 33 44"));
        assertThat(changed.getStatus()).isEqualTo(302);
        PersonView after = named("Hugo");
        assertThat(after.lastName()).isEqualTo("Portalis-Martin");
        assertThat(after.email()).as("an emptied email is cleared").isNull();
        assertThat(after.dateOfBirth()).isEqualTo(LocalDate.of(2012, 3, 4));

        assertThat(perform(familyRw, post("/portal/files/" + c.id() + "/family/people/" + hugo.id() + "/remove")).getStatus()).isEqualTo(302);
        assertThat(named("Hugo")).isNull();
    }

    @Test
    void adviserReadWriteAddsAWealthItemAndADonation_butCannotEditTheProfile() throws Exception {
        String page = page(adviserRw);
        assertThat(page).contains("data-testid=\"add-wealth\"", "data-testid=\"add-donation\"", "data-testid=\"add-person\"",
                "the family structure,", "the wealth and donations inventories.").doesNotContain("the profile,");
        assertThat(access.permissions(adviserRw, c.id())).contains(Permission.EDIT_FAMILY, Permission.EDIT_INVENTORIES)
                .doesNotContain(Permission.EDIT_PROFILE);
        // the profile is edited on the staff screens only, which refuse every outsider
        assertThat(perform(adviserRw, get("/clients/" + c.id())).getStatus()).isEqualTo(403);

        MvcResult added = mvc.perform(post("/portal/files/" + c.id() + "/wealth").with(csrf()).with(asVerifiedOutsider(adviserRw))
                .param("type", "SECURITIES").param("description", "Share portfolio").param("value", "12 500,50")
                .param("ownerIds", "" + holderId)).andReturn();
        assertThat(added.getResponse().getStatus()).isEqualTo(302);
        assertThat(added.getResponse().getRedirectedUrl()).isEqualTo("/portal/files/" + c.id() + "#wealth");
        assertThat(added.getFlashMap().get("message")).isEqualTo("Securities \u201cShare portfolio\u201d was added.");
        WealthItemView item = inventory.wealth(p.adviser, c.id()).assets().stream().filter(w -> w.description().equals("Share portfolio"))
                .findFirst().orElseThrow();
        assertThat(item.value()).isEqualByComparingTo("12500.50");
        assertThat(item.owners()).extracting(WealthItemView.Owner::personId).containsExactly(holderId);
        assertThat(page(adviserRw)).contains("Share portfolio");

        MockHttpServletResponse donation = perform(adviserRw, post("/portal/files/" + c.id() + "/donations").param("date", "2023-02-01")
                .param("donorPersonId", "" + holderId).param("recipientPersonId", "").param("recipientName", "Red Cross")
                .param("amount", "2000").param("kind", "MONEY"));
        assertThat(donation.getStatus()).isEqualTo(302);
        assertThat(inventory.donations(p.adviser, c.id()).donations()).extracting(d -> d.recipientName()).contains("Red Cross");

        long donationId = inventory.donations(p.adviser, c.id()).donations().stream().filter(d -> "Red Cross".equals(d.recipientName()))
                .findFirst().orElseThrow().id();
        assertThat(perform(adviserRw, post("/portal/files/" + c.id() + "/donations/" + donationId + "/remove")).getStatus()).isEqualTo(302);
        assertThat(perform(adviserRw, post("/portal/files/" + c.id() + "/wealth/" + item.id() + "/remove")).getStatus()).isEqualTo(302);
        assertThat(inventory.donations(p.adviser, c.id()).donations()).extracting(d -> d.recipientName()).doesNotContain("Red Cross");
        assertThat(inventory.wealth(p.adviser, c.id()).assets()).extracting(WealthItemView::description).containsExactly("Family home");
    }

    @Test
    void readOnlyGrantsSeeNoFormsAndAreRefused() throws Exception {
        long itemId = inventory.wealth(p.adviser, c.id()).assets().get(0).id();
        long donationId = inventory.donations(p.adviser, c.id()).donations().get(0).id();
        long spouseId = person(c, Relationship.SPOUSE).id();
        for (Actor readOnly : List.of(familyRo, adviserRo)) {
            String page = page(readOnly);
            assertThat(page).contains("You have read-only access to this file.", "Family home")
                    .doesNotContain("add-person", "edit-person", "remove-person", "add-wealth", "remove-wealth", "add-donation",
                            "remove-donation", "/family/people", "/wealth", "/donations");
            String before = state();
            List<MockHttpServletRequestBuilder> posts = List.of(
                    post("/portal/files/" + c.id() + "/family/people").param("firstName", "Eve").param("lastName", "X").param("relationship", "OTHER"),
                    // wrong input too: refused for the access, not explained
                    post("/portal/files/" + c.id() + "/family/people").param("firstName", "Eve").param("dateOfBirth", "not a date"),
                    post("/portal/files/" + c.id() + "/family/people/" + spouseId).param("firstName", "Renamed").param("lastName", "X"),
                    post("/portal/files/" + c.id() + "/family/people/" + spouseId + "/remove"),
                    post("/portal/files/" + c.id() + "/wealth").param("type", "CASH").param("description", "Cash").param("value", "10")
                            .param("ownerIds", "" + holderId),
                    post("/portal/files/" + c.id() + "/wealth").param("value", "lots"),
                    post("/portal/files/" + c.id() + "/wealth/" + itemId + "/remove"),
                    post("/portal/files/" + c.id() + "/donations").param("date", "2020-01-01").param("donorPersonId", "" + holderId)
                            .param("recipientName", "Someone").param("amount", "10").param("kind", "MONEY"),
                    post("/portal/files/" + c.id() + "/donations/" + donationId + "/remove"));
            for (MockHttpServletRequestBuilder request : posts) {
                MockHttpServletResponse r = perform(readOnly, request);
                assertThat(r.getStatus()).as("%s as %s", request.buildRequest(new org.springframework.mock.web.MockServletContext())
                        .getRequestURI(), readOnly.email()).isEqualTo(403);
            }
            assertThat(state()).as("nothing changed").isEqualTo(before);
        }
        // staff use the client file's tabs, not the portal
        assertThat(mvc.perform(post("/portal/files/" + c.id() + "/wealth").param("type", "CASH").param("description", "Cash")
                .param("value", "10").param("ownerIds", "" + holderId).with(csrf()).with(as(p.adviser))).andReturn().getResponse().getStatus())
                .isEqualTo(403);
        // a file not granted answers 404, like an unknown one
        ClientView other = fixtures.client(p.adviser, "Elsewhere");
        assertThat(perform(familyRw, post("/portal/files/" + other.id() + "/family/people").param("firstName", "Eve").param("lastName", "X")
                .param("relationship", "OTHER")).getStatus()).isEqualTo(404);
    }

    @Test
    void wrongInputShowsThePageAgainWithTheReasonsAndChangesNothing() throws Exception {
        String before = state();
        MockHttpServletResponse person = perform(familyRw, post("/portal/files/" + c.id() + "/family/people").param("firstName", " ")
                .param("lastName", "Neuveu").param("relationship", "CHILD").param("mobile", "12"));
        assertThat(person.getStatus()).isEqualTo(400);
        assertThat(person.getContentAsString()).contains("The person was not added: please correct the highlighted fields.",
                "Enter a first name.", "data-testid=\"field-errors\"", "value=\"Neuveu\"", "value=\"12\"");

        MockHttpServletResponse birth = perform(familyRw, post("/portal/files/" + c.id() + "/family/people").param("firstName", "Tom")
                .param("lastName", "Portalis").param("relationship", "CHILD").param("dateOfBirth", "31/02/2010"));
        assertThat(birth.getStatus()).isEqualTo(400);
        assertThat(birth.getContentAsString()).contains("is not a date: write it as day/month/year, e.g. 31/12/1980.", "value=\"Tom\"");

        MockHttpServletResponse wealth = perform(adviserRw, post("/portal/files/" + c.id() + "/wealth").param("type", "CASH")
                .param("description", "Savings").param("value", "a lot").param("ownerIds", "" + holderId));
        assertThat(wealth.getStatus()).isEqualTo(400);
        assertThat(wealth.getContentAsString()).contains("The item was not added", "is not an amount: write it as a number", "value=\"Savings\"");

        MockHttpServletResponse noOwner = perform(adviserRw, post("/portal/files/" + c.id() + "/wealth").param("type", "CASH")
                .param("description", "Savings").param("value", "100"));
        assertThat(noOwner.getStatus()).isEqualTo(400);
        assertThat(noOwner.getContentAsString()).contains("Choose at least one owner (a person of the household).");

        MockHttpServletResponse future = perform(adviserRw, post("/portal/files/" + c.id() + "/donations")
                .param("date", LocalDate.now().plusDays(30).toString()).param("donorPersonId", "" + holderId).param("recipientName", "Someone")
                .param("amount", "10").param("kind", "MONEY"));
        assertThat(future.getStatus()).isEqualTo(400);
        assertThat(future.getContentAsString()).contains("The date of a donation cannot be in the future.");

        // a conflict (the holder stays) is explained the same way
        MockHttpServletResponse holder = perform(adviserRw, post("/portal/files/" + c.id() + "/family/people/" + holderId + "/remove"));
        assertThat(holder.getStatus()).isEqualTo(409);
        assertThat(holder.getContentAsString()).contains("is the holder and a household keeps exactly one");

        assertThat(state()).as("nothing changed").isEqualTo(before);
    }
}
