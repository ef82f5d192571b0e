package com.atrium.outsider;

import static com.atrium.outsider.OutsiderTestSupport.person;
import static com.atrium.practice.TestLogins.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.atrium.access.AccessLevel;
import com.atrium.access.AccessService;
import com.atrium.access.GrantSubject;
import com.atrium.access.PathKind;
import com.atrium.access.Permission;
import com.atrium.household.ClientView;
import com.atrium.household.Relationship;
import com.atrium.household.TeamMemberForm;
import com.atrium.household.TeamService;
import com.atrium.practice.PracticeService;
import com.atrium.shared.Actor;
import com.atrium.shared.ConflictException;
import com.atrium.shared.ForbiddenException;
import com.atrium.shared.UserType;
import com.atrium.testsupport.Fixtures;
import com.atrium.testsupport.Fixtures.TestPractice;
import com.atrium.testsupport.IntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/** Grants and external advisers: who may manage them, irrevocable holders (also under concurrency), invitations, explanations. */
@IntegrationTest
class GrantIntegrationTests {
    @Autowired MockMvc mvc;
    @Autowired Fixtures fixtures;
    @Autowired OutsiderService outsiders;
    @Autowired Invitations invitations;
    @Autowired PracticeService practice;
    @Autowired AccessService access;
    @Autowired TeamService teams;
    @Autowired JdbcClient jdbc;

    @Test
    void onlyTheFileManagerRegistersAdvisersAndGrants_evenTeamMembersWithWriteAccessCannot() throws Exception {
        TestPractice p = fixtures.practice();
        ClientView c = fixtures.client(p.adviser, "Martin");
        teams.addMember(p.manager, c.id(), new TeamMemberForm(p.otherAdviser.userId(), "ADVISER"));
        String adviser = """
                {"firstName": "Claire", "lastName": "Dubois", "email": "%s", "mobile": "+33 6 12 34 56 78", "firm": "Dubois", "type": "NOTARY"}"""
                .formatted(OutsiderTestSupport.email("notary"));
        for (Actor refused : List.of(p.manager, p.otherAdviser)) {
            mvc.perform(post("/api/clients/" + c.id() + "/external-advisers").with(as(refused)).with(csrf())
                            .contentType(MediaType.APPLICATION_JSON).content(adviser))
                    .andExpect(status().isForbidden())
                    .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("Only the file manager")));
            mvc.perform(post("/api/clients/" + c.id() + "/grants").with(as(refused)).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                            .content("{\"subject\": \"FAMILY\", \"subjectId\": " + person(c, Relationship.SPOUSE).id()
                                    + ", \"level\": \"READ_ONLY\", \"email\": \"" + OutsiderTestSupport.email("x") + "\", \"mobile\": \"+33612345678\"}"))
                    .andExpect(status().isForbidden());
        }
        assertThat(outsiders.grants(p.adviser, c.id())).isEmpty();
        assertThat(outsiders.advisers(p.adviser, c.id())).isEmpty();
        // the file manager may
        String body = mvc.perform(post("/api/clients/" + c.id() + "/external-advisers").with(as(p.adviser)).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content(adviser))
                .andExpect(status().isCreated()).andExpect(jsonPath("$.type").value("NOTARY"))
                .andExpect(jsonPath("$.mobile").value("+33612345678")).andReturn().getResponse().getContentAsString();
        long adviserId = Long.parseLong(body.replaceAll(".*\"id\":(\\d+).*", "$1"));
        mvc.perform(post("/api/clients/" + c.id() + "/grants").with(as(p.adviser)).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"subject\": \"ADVISER\", \"subjectId\": " + adviserId + ", \"level\": \"READ_WRITE\"}"))
                .andExpect(status().isCreated()).andExpect(jsonPath("$.status").value("INVITED"))
                .andExpect(jsonPath("$.explanation").value(org.hamcrest.Matchers.startsWith("Read-write access as external adviser granted by")));
        // another practice: 404 like an unknown id
        Actor stranger = fixtures.user(fixtures.practice().practice, UserType.PROFESSIONAL, true, "stranger");
        mvc.perform(get("/api/clients/" + c.id() + "/grants").with(as(stranger))).andExpect(status().isNotFound());
    }

    @Test
    void grantNeedsAValidMobileWithCountryCodeAndAnEmail_andNothingChangesOnBadInput() throws Exception {
        TestPractice p = fixtures.practice();
        ClientView c = fixtures.client(p.adviser, "Bernard");
        mvc.perform(post("/api/clients/" + c.id() + "/grants").with(as(p.adviser)).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"subject\": \"FAMILY\", \"subjectId\": " + person(c, Relationship.SPOUSE).id()
                                + ", \"level\": \"READ_ONLY\", \"email\": \"sam@example.org\", \"mobile\": \"0612345678\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("Access was not granted")));
        mvc.perform(post("/api/clients/" + c.id() + "/grants").with(as(p.adviser)).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"subject\": \"FAMILY\", \"subjectId\": " + person(c, Relationship.SPOUSE).id()
                                + ", \"level\": \"READ_ONLY\", \"mobile\": \"+33612345678\"}"))
                .andExpect(status().isBadRequest());
        // a staff user's email is refused
        mvc.perform(post("/api/clients/" + c.id() + "/grants").with(as(p.adviser)).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"subject\": \"FAMILY\", \"subjectId\": " + person(c, Relationship.SPOUSE).id()
                                + ", \"level\": \"READ_ONLY\", \"email\": \"" + p.support.email() + "\", \"mobile\": \"+33612345678\"}"))
                .andExpect(status().isBadRequest());
        assertThat(outsiders.grants(p.adviser, c.id())).isEmpty();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM mail_outbox WHERE recipient = 'sam@example.org'").query(Long.class).single()).isZero();
    }

    @Test
    void invitationIsQueuedInTheGrantsTransaction_andANoticeGoesToSomeoneWithAnAccount() {
        TestPractice p = fixtures.practice();
        ClientView c = fixtures.client(p.adviser, "Petit");
        ClientView other = fixtures.client(p.adviser, "Grand");
        Actor spouse = OutsiderTestSupport.grantWithAccount(outsiders, invitations, practice, jdbc, p.adviser, c.id(), GrantSubject.FAMILY,
                person(c, Relationship.SPOUSE).id(), AccessLevel.READ_ONLY, null);
        assertThat(OutsiderTestSupport.mailsTo(jdbc, spouse.email())).containsExactly("INVITATION");
        // the same person on another file: they have an account, so a notice
        outsiders.grant(p.adviser, other.id(), new GrantForm(GrantSubject.FAMILY, person(other, Relationship.HOLDER).id(), AccessLevel.READ_WRITE,
                spouse.email(), "+33612345678", null));
        assertThat(OutsiderTestSupport.mailsTo(jdbc, spouse.email())).containsExactly("INVITATION", "ACCESS_NOTICE");
        assertThat(access.check(spouse, Permission.VIEW_FILE, other.id()).allowed()).isTrue();
        assertThat(access.check(spouse, Permission.EDIT_FAMILY, other.id()).paths()).extracting(a -> a.kind())
                .containsExactly(PathKind.HOLDER_READ_WRITE);
        // a failed grant leaves no mail behind (same transaction)
        assertThatThrownBy(() -> outsiders.grant(p.manager, c.id(), new GrantForm(GrantSubject.FAMILY, person(c, Relationship.HOLDER).id(),
                AccessLevel.READ_ONLY, "nobody@outsider.example", "+33612345678", null))).isInstanceOf(ForbiddenException.class);
        assertThat(OutsiderTestSupport.mailsTo(jdbc, "nobody@outsider.example")).isEmpty();
    }

    @Test
    void permissionsPerPath_andExplanationInWords() {
        TestPractice p = fixtures.practice();
        ClientView c = fixtures.client(p.adviser, "Roux");
        Actor holder = OutsiderTestSupport.grantWithAccount(outsiders, invitations, practice, jdbc, p.adviser, c.id(), GrantSubject.FAMILY,
                person(c, Relationship.HOLDER).id(), AccessLevel.READ_ONLY, null);
        Actor spouse = OutsiderTestSupport.grantWithAccount(outsiders, invitations, practice, jdbc, p.adviser, c.id(), GrantSubject.FAMILY,
                person(c, Relationship.SPOUSE).id(), AccessLevel.READ_WRITE, java.time.LocalDate.of(2099, 11, 30));
        assertThat(access.permissions(holder, c.id())).containsExactlyInAnyOrder(Permission.VIEW_FILE, Permission.GRANT_FAMILY,
                Permission.VIEW_ENGAGEMENT, Permission.COMPLETE_SURVEYS);
        assertThat(access.permissions(spouse, c.id())).containsExactlyInAnyOrder(Permission.VIEW_FILE, Permission.EDIT_PROFILE,
                Permission.EDIT_FAMILY, Permission.EDIT_INVENTORIES);
        var why = access.explain(p.adviser, c.id(), spouse.userId());
        assertThat(why.paths()).hasSize(1);
        assertThat(why.paths().get(0).description()).matches(
                "Read-write access as family member granted by adviser Tester on \\d{1,2} \\w{3} \\d{4}, expires 30 Nov 2099");
        assertThat(access.whoHasAccess(p.adviser, c.id())).extracting(e -> e.userId()).contains(holder.userId(), spouse.userId());
        // the list filter: the outsider sees exactly this client
        assertThat(jdbc.sql("SELECT COUNT(*) FROM household h WHERE " + access.visibleClients(spouse, "h.id", "h.practice_id").predicate())
                .params(access.visibleClients(spouse, "h.id", "h.practice_id").params()).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void holderMayGrantOwnFamilyOnly_atMostTheirLevel_andNeverExternalAdvisers() {
        TestPractice p = fixtures.practice();
        ClientView c = fixtures.client(p.adviser, "Fabre");
        Actor holder = OutsiderTestSupport.grantWithAccount(outsiders, invitations, practice, jdbc, p.adviser, c.id(), GrantSubject.FAMILY,
                person(c, Relationship.HOLDER).id(), AccessLevel.READ_ONLY, null);
        long spouseId = person(c, Relationship.SPOUSE).id();
        assertThatThrownBy(() -> outsiders.grant(holder, c.id(), new GrantForm(GrantSubject.FAMILY, spouseId, AccessLevel.READ_WRITE,
                OutsiderTestSupport.email("s"), "+33612345678", null))).isInstanceOf(ForbiddenException.class).hasMessageContaining("read-only");
        ExternalAdviserView notary = outsiders.registerAdviser(p.adviser, c.id(), new ExternalAdviserForm("Jean", "Notaire",
                OutsiderTestSupport.email("n"), "+33612345678", null, AdviserType.NOTARY));
        assertThatThrownBy(() -> outsiders.grant(holder, c.id(), new GrantForm(GrantSubject.ADVISER, notary.id(), AccessLevel.READ_ONLY,
                null, null, null))).isInstanceOf(ForbiddenException.class).hasMessageContaining("family only");
        assertThatThrownBy(() -> outsiders.registerAdviser(holder, c.id(), new ExternalAdviserForm("A", "B", OutsiderTestSupport.email("n"),
                "+33612345678", null, AdviserType.BANKER))).isInstanceOf(ForbiddenException.class);
        GrantView g = outsiders.grant(holder, c.id(), new GrantForm(GrantSubject.FAMILY, spouseId, AccessLevel.READ_ONLY,
                OutsiderTestSupport.email("s"), "+33612345678", null));
        assertThat(g.grantedBy()).isEqualTo(holder.name());
        outsiders.revokeGrant(holder, c.id(), g.id());
        assertThat(outsiders.grants(p.adviser, c.id())).hasSize(1);
    }

    @Test
    void holderAccessCanNeverBeWithdrawnOrDowngraded_notEvenByParallelAttemptsOrRawSql() throws Exception {
        TestPractice p = fixtures.practice();
        ClientView c = fixtures.client(p.adviser, "Lefebvre");
        GrantView holder = outsiders.grant(p.adviser, c.id(), new GrantForm(GrantSubject.FAMILY, person(c, Relationship.HOLDER).id(),
                AccessLevel.READ_WRITE, OutsiderTestSupport.email("h"), "+33612345678", null));
        mvc.perform(delete("/api/clients/" + c.id() + "/grants/" + holder.id()).with(as(p.adviser)).with(csrf()))
                .andExpect(status().isConflict());
        mvc.perform(patch("/api/clients/" + c.id() + "/grants/" + holder.id()).with(as(p.adviser)).with(csrf())
                .contentType(MediaType.APPLICATION_JSON).content("{\"level\": \"READ_ONLY\"}")).andExpect(status().isConflict());
        mvc.perform(patch("/api/clients/" + c.id() + "/grants/" + holder.id()).with(as(p.adviser)).with(csrf())
                .contentType(MediaType.APPLICATION_JSON).content("{\"level\": \"READ_WRITE\", \"expiresOn\": \"2099-01-01\"}"))
                .andExpect(status().isConflict());

        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<String>> attempts = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                boolean revoke = i % 2 == 0;
                attempts.add(() -> {
                    try {
                        if (revoke) {
                            outsiders.revokeGrant(p.adviser, c.id(), holder.id());
                        } else {
                            outsiders.changeGrant(p.adviser, c.id(), holder.id(), new GrantChangeForm(AccessLevel.READ_ONLY, null));
                        }
                        return "changed";
                    } catch (ConflictException e) {
                        return "refused";
                    }
                });
            }
            List<String> results = new ArrayList<>();
            for (Future<String> f : pool.invokeAll(attempts)) {
                results.add(f.get());
            }
            assertThat(results).hasSize(16).containsOnly("refused");
        } finally {
            pool.shutdownNow();
        }
        assertThat(outsiders.grant(p.adviser, c.id(), holder.id()).level()).isEqualTo("READ_WRITE");
        // the database itself refuses, whatever the code does
        assertThatThrownBy(() -> jdbc.sql("DELETE FROM access_grant WHERE id = :g").param("g", holder.id()).update())
                .isInstanceOf(org.springframework.dao.DataAccessException.class);
        assertThatThrownBy(() -> jdbc.sql("UPDATE access_grant SET access_level = 'READ_ONLY' WHERE id = :g").param("g", holder.id()).update())
                .isInstanceOf(org.springframework.dao.DataAccessException.class);
        assertThat(outsiders.grant(p.adviser, c.id(), holder.id()).level()).isEqualTo("READ_WRITE");
    }

    @Test
    void everyGrantChangeIsAudited() {
        TestPractice p = fixtures.practice();
        ClientView c = fixtures.client(p.adviser, "Moreau");
        GrantView g = outsiders.grant(p.adviser, c.id(), new GrantForm(GrantSubject.FAMILY, person(c, Relationship.SPOUSE).id(),
                AccessLevel.READ_ONLY, OutsiderTestSupport.email("a"), "+33612345678", null));
        outsiders.changeGrant(p.adviser, c.id(), g.id(), new GrantChangeForm(AccessLevel.READ_WRITE, java.time.LocalDate.of(2099, 1, 1)));
        outsiders.revokeGrant(p.adviser, c.id(), g.id());
        assertThat(jdbc.sql("SELECT action FROM audit_entry WHERE client_id = :c AND action LIKE 'OUTSIDER%' ORDER BY id")
                .param("c", c.id()).query(String.class).list())
                .containsExactly("OUTSIDER_GRANTED", "OUTSIDER_GRANT_CHANGED", "OUTSIDER_GRANT_REVOKED");
    }
}
