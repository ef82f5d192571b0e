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

import com.atrium.audit.AuditEntryView;
import com.atrium.audit.AuditTrail;
import com.atrium.shared.Actor;
import com.atrium.shared.PageRequest;
import com.atrium.shared.UserType;
import com.atrium.testsupport.Fixtures;
import com.atrium.testsupport.Fixtures.TestPractice;
import com.atrium.testsupport.IntegrationTest;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** The family structure API: people and links, validation messages, permissions, 404s and the history. */
@IntegrationTest
class FamilyApiTests {
    @Autowired MockMvc mvc;
    @Autowired Fixtures fixtures;
    @Autowired TeamService teams;
    @Autowired FamilyService family;
    @Autowired AuditTrail trail;

    TestPractice p;
    ClientView client;
    long holder;
    long spouse;
    Actor readOnly;

    @BeforeEach
    void setUp() {
        p = fixtures.practice();
        client = fixtures.client(p.adviser, "Familia");
        holder = client.people().get(0).id();
        spouse = client.people().get(1).id();
        readOnly = fixtures.user(p.practice, UserType.ASSISTANT, false, "ro");
        teams.addMember(p.manager, client.id(), new TeamMemberForm(readOnly.userId(), "READ_ONLY"));
    }

    String base() {
        return "/api/clients/" + client.id() + "/family";
    }

    MockHttpServletRequestBuilder json(MockHttpServletRequestBuilder b, String body) {
        return b.with(csrf()).contentType(MediaType.APPLICATION_JSON).content(body);
    }

    @Test
    void addAChildOfBothHoldersWithAValidatedMobileAndReadTheTree() throws Exception {
        mvc.perform(json(post(base() + "/people"), """
                        {"firstName": "Kim", "lastName": "Familia", "relationship": "CHILD", "dateOfBirth": "2010-05-04",
                         "mobile": "+33 6 12 34 56 78", "parentIds": [%d, %d]}""".formatted(holder, spouse)).with(as(p.adviser)))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", org.hamcrest.Matchers.matchesPattern(".*/family/people/\\d+")))
                .andExpect(jsonPath("$.relationship").value("CHILD"))
                .andExpect(jsonPath("$.mobile").value("+33612345678"));
        mvc.perform(get(base()).with(as(readOnly)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.people.length()").value(3))
                .andExpect(jsonPath("$.links.length()").value(2))
                .andExpect(jsonPath("$.links[0].kind").value("PARENT_OF"))
                .andExpect(jsonPath("$.tree.core.length()").value(2))
                .andExpect(jsonPath("$.tree.children[0].person.firstName").value("Kim"))
                .andExpect(jsonPath("$.tree.children[0].relations[0]").value("child of Alex Familia & Sam Familia"))
                .andExpect(jsonPath("$.permissions").value(org.hamcrest.Matchers.containsInAnyOrder("VIEW_FILE", "VIEW_ENGAGEMENT")));
        List<AuditEntryView> history = trail.clientHistory(p.manager, client.id(), PageRequest.of(0, 10)).items();
        assertThat(history.get(0).action()).isEqualTo("PERSON_ADDED");
        assertThat(history.get(0).after()).contains("Kim Familia (Child, born 4 May 2010, +33 6 12 34 56 78)")
                .contains("Alex Familia is parent of Kim Familia");
    }

    @Test
    void badInputGetsOneClearMessagePerFieldAndChangesNothing() throws Exception {
        mvc.perform(json(post(base() + "/people"), """
                        {"firstName": " ", "lastName": "X", "relationship": "COUSIN", "mobile": "0612345678",
                         "email": "not-an-email", "dateOfBirth": "2999-01-01", "parentIds": [999999999]}""").with(as(p.adviser)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.firstName").value("Enter a first name."))
                .andExpect(jsonPath("$.errors.relationship").value(org.hamcrest.Matchers.containsString("\"COUSIN\" is not a relationship")))
                .andExpect(jsonPath("$.errors.mobile").value("Enter the number with its country code, e.g. +61 412 345 678."))
                .andExpect(jsonPath("$.errors.email").exists())
                .andExpect(jsonPath("$.errors.dateOfBirth").value("Date of birth cannot be in the future."))
                .andExpect(jsonPath("$.errors.parentIds").value("Person 999999999 is not in this household."));
        mvc.perform(json(post(base() + "/people"), "{\"firstName\": \"A\", \"lastName\": \"B\", \"relationship\": \"OTHER\", \"mobile\": \"+33 1\"}")
                        .with(as(p.adviser)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.mobile").exists());
        assertThat(family.family(p.adviser, client.id()).people()).hasSize(2);
    }

    @Test
    void theHolderCannotBeRemovedNorDemotedButCanBeHandedOver() throws Exception {
        mvc.perform(delete(base() + "/people/" + holder).with(csrf()).with(as(p.adviser)))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("make another person the holder first")));
        mvc.perform(json(patch(base() + "/people/" + holder), "{\"relationship\": \"SPOUSE\"}").with(as(p.adviser)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.relationship").value(org.hamcrest.Matchers.containsString("keeps exactly one")));
        mvc.perform(json(patch(base() + "/people/" + spouse), "{\"relationship\": \"HOLDER\", \"email\": \"Sam@Example.com\"}").with(as(p.adviser)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.relationship").value("HOLDER"))
                .andExpect(jsonPath("$.email").value("sam@example.com"));
        FamilyView f = family.family(p.adviser, client.id());
        assertThat(f.holder().id()).isEqualTo(spouse);
        assertThat(f.people()).filteredOn(x -> x.id() == holder).singleElement()
                .extracting(PersonView::relationship).isEqualTo(Relationship.CO_HOLDER);
        // the former holder can now be removed
        mvc.perform(delete(base() + "/people/" + holder).with(csrf()).with(as(p.adviser))).andExpect(status().isNoContent());
        assertThat(family.family(p.adviser, client.id()).people()).hasSize(1);
        AuditEntryView removed = trail.clientHistory(p.manager, client.id(), PageRequest.of(0, 10)).items().get(0);
        assertThat(removed.action()).isEqualTo("PERSON_REMOVED");
        assertThat(removed.before()).startsWith("Alex Familia (Co-holder");
        assertThat(removed.after()).isNull();
    }

    @Test
    void linksAreCheckedAndCanBeReplacedAtOnce() throws Exception {
        long kid = family.addPerson(p.adviser, client.id(), FamilyPersonForm.of("Kim", "Familia", LocalDate.of(2012, 1, 1), "CHILD")).id();
        mvc.perform(json(post(base() + "/links"), "{\"fromPersonId\": %d, \"toPersonId\": %d, \"kind\": \"PARTNER_OF\"}".formatted(spouse, holder))
                        .with(as(p.adviser)))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.fromPersonId").value(Math.min(holder, spouse)))
                .andExpect(jsonPath("$.label").value(org.hamcrest.Matchers.containsString("is spouse / partner of")));
        mvc.perform(json(post(base() + "/links"), "{\"fromPersonId\": %d, \"toPersonId\": %d, \"kind\": \"PARENT_OF\"}".formatted(holder, spouse))
                        .with(as(p.adviser)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.toPersonId").value("Alex Familia and Sam Familia are partners: they cannot also be parent and child."));
        mvc.perform(json(post(base() + "/links"), "{\"fromPersonId\": %d, \"toPersonId\": %d, \"kind\": \"PARENT_OF\"}".formatted(kid, kid))
                        .with(as(p.adviser)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.toPersonId").value("A person cannot be linked to themselves."));
        // replace: both holders are the child's parents; a wrong second link changes nothing
        mvc.perform(json(put(base() + "/links"), """
                        {"links": [{"fromPersonId": %d, "toPersonId": %d, "kind": "PARENT_OF"},
                                   {"fromPersonId": %d, "toPersonId": %d, "kind": "SIBLING_OF"}]}""".formatted(holder, kid, spouse, kid))
                        .with(as(p.adviser)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors['links[1].kind']").exists());
        assertThat(family.family(p.adviser, client.id()).links()).hasSize(1);
        mvc.perform(json(put(base() + "/links"), """
                        {"links": [{"fromPersonId": %d, "toPersonId": %d, "kind": "PARENT_OF"},
                                   {"fromPersonId": %d, "toPersonId": %d, "kind": "PARENT_OF"}]}""".formatted(holder, kid, spouse, kid))
                        .with(as(p.adviser)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.links.length()").value(2))
                .andExpect(jsonPath("$.tree.children[0].relations[0]").value("child of Alex Familia & Sam Familia"));
        long linkId = family.family(p.adviser, client.id()).links().get(0).id();
        mvc.perform(delete(base() + "/links/" + linkId).with(csrf()).with(as(p.adviser))).andExpect(status().isNoContent());
        mvc.perform(delete(base() + "/links/" + linkId).with(csrf()).with(as(p.adviser))).andExpect(status().isNotFound());
    }

    @Test
    void readOnlyAndAdministratorTeamMembersMayViewButNotEdit() throws Exception {
        Actor admin = fixtures.user(p.practice, UserType.SUPPORT, false, "admin");
        teams.addMember(p.manager, client.id(), new TeamMemberForm(admin.userId(), "ADMINISTRATOR"));
        for (Actor a : new Actor[] {readOnly, admin}) {
            mvc.perform(get(base()).with(as(a))).andExpect(status().isOk());
            mvc.perform(json(post(base() + "/people"), "{\"firstName\": \"A\", \"lastName\": \"B\", \"relationship\": \"OTHER\"}").with(as(a)))
                    .andExpect(status().isForbidden())
                    .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("may not edit the family structure")));
            mvc.perform(json(patch(base() + "/people/" + spouse), "{\"firstName\": \"Z\"}").with(as(a))).andExpect(status().isForbidden());
            mvc.perform(delete(base() + "/people/" + spouse).with(csrf()).with(as(a))).andExpect(status().isForbidden());
        }
        assertThat(family.family(p.adviser, client.id()).people()).extracting(PersonView::firstName).containsExactly("Alex", "Sam");
    }

    @Test
    void anotherPracticeAndStaffWithoutAPathGet404AndAPersonOfAnotherHouseholdIs404() throws Exception {
        TestPractice other = fixtures.practice();
        for (Actor a : new Actor[] {other.manager, p.otherAdviser}) {
            mvc.perform(get(base()).with(as(a))).andExpect(status().isNotFound());
            mvc.perform(json(post(base() + "/people"), "{\"firstName\": \"A\", \"lastName\": \"B\", \"relationship\": \"OTHER\"}").with(as(a)))
                    .andExpect(status().isNotFound());
            mvc.perform(delete(base() + "/people/" + spouse).with(csrf()).with(as(a))).andExpect(status().isNotFound());
            mvc.perform(json(put(base() + "/links"), "{\"links\": []}").with(as(a))).andExpect(status().isNotFound());
        }
        ClientView second = fixtures.client(p.adviser, "Otherfam");
        long foreign = second.people().get(1).id();
        mvc.perform(json(patch(base() + "/people/" + foreign), "{\"firstName\": \"Hijack\"}").with(as(p.adviser))).andExpect(status().isNotFound());
        mvc.perform(delete(base() + "/people/" + foreign).with(csrf()).with(as(p.adviser))).andExpect(status().isNotFound());
        mvc.perform(json(post(base() + "/links"), "{\"fromPersonId\": %d, \"toPersonId\": %d, \"kind\": \"PARENT_OF\"}".formatted(holder, foreign))
                        .with(as(p.adviser)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.toPersonId").value("Person " + foreign + " is not in this household."));
        assertThat(family.person(p.adviser, second.id(), foreign).firstName()).isEqualTo("Sam");
    }
}
