package com.atrium.compliance;

import static com.atrium.practice.TestLogins.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.atrium.access.AccessDiff;
import com.atrium.access.AccessLevel;
import com.atrium.access.AccessService;
import com.atrium.access.GrantSubject;
import com.atrium.access.Permission;
import com.atrium.audit.AuditTrail;
import com.atrium.household.ClientView;
import com.atrium.household.HouseholdService;
import com.atrium.household.Relationship;
import com.atrium.household.TeamMemberForm;
import com.atrium.household.TeamService;
import com.atrium.outsider.OutsiderTestSupport;
import com.atrium.shared.Actor;
import com.atrium.shared.ForbiddenException;
import com.atrium.shared.InvalidInputException;
import com.atrium.testsupport.Fixtures;
import com.atrium.testsupport.Fixtures.TestPractice;
import com.atrium.testsupport.IntegrationTest;
import com.atrium.workgroup.WorkgroupService;
import com.atrium.workgroup.WorkgroupTestSupport;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Bulk revocation from the access review on PostgreSQL: each refusal with its reason, the preview (the access module's
 * what-if) changes nothing and says who loses what, the revocation withdraws every path of each row in one transaction,
 * each withdrawal and the operation are in the hash chain, which still verifies.
 */
@IntegrationTest
class RevocationIntegrationTests {
    @Autowired MockMvc mvc;
    @Autowired Fixtures fixtures;
    @Autowired AccessService access;
    @Autowired RevocationService revocations;
    @Autowired TeamService teams;
    @Autowired HouseholdService households;
    @Autowired WorkgroupService workgroups;
    @Autowired AuditTrail trail;
    @Autowired JdbcClient jdbc;
    @Autowired ApplicationContext context;

    @Test
    void eachRowIsRevokedWholeOrRefusedWithItsReasonAndThePreviewChangesNothing() {
        TestPractice p = fixtures.practice();
        ClientView c = fixtures.client(p.adviser, "Revoked");
        teams.addMember(p.adviser, c.id(), new TeamMemberForm(p.support.userId(), "PARAPLANNER"));
        households.setSecondaryAdviser(p.manager, c.id(), p.otherAdviser.userId());
        Actor spouse = OutsiderTestSupport.grantWithAccount(context, p.adviser, c.id(), GrantSubject.FAMILY,
                OutsiderTestSupport.person(c, Relationship.SPOUSE).id(), AccessLevel.READ_ONLY);
        Actor holder = OutsiderTestSupport.grantWithAccount(context, p.adviser, c.id(), GrantSubject.FAMILY,
                OutsiderTestSupport.person(c, Relationship.HOLDER).id(), AccessLevel.READ_WRITE);
        long group = new WorkgroupTestSupport(workgroups).group(p.otherAdviser, "Estate desk", p.assistant);
        workgroups.assignClient(p.manager, c.id(), group);
        long auditBefore = entries(p);

        List<String> rows = List.of(key(p.support, c), key(p.otherAdviser, c), key(spouse, c), key(p.adviser, c), key(holder, c),
                key(p.assistant, c), p.manager.userId() + ":all");
        Revocations preview = revocations.revoke(p.manager, new RevocationForm(rows), true);

        assertThat(preview.revoked()).extracting(Revocations.Revoked::key)
                .containsExactlyInAnyOrder(key(p.support, c), key(spouse, c));
        Map<String, String> refused = preview.refused().stream().collect(Collectors.toMap(Revocations.Refused::key, Revocations.Refused::reason));
        assertThat(refused.get(key(p.adviser, c))).contains("primary professional", "without a replacement", "hand the client over");
        assertThat(refused.get(key(holder, c))).isEqualTo("Access of a holder or co-holder can never be withdrawn.");
        assertThat(refused.get(key(p.assistant, c))).contains("through a workgroup", "Estate desk");
        assertThat(refused.get(key(p.otherAdviser, c))).as("secondary adviser and workgroup owner: the workgroup path stays")
                .contains("through a workgroup");
        assertThat(refused.get(p.manager.userId() + ":all")).contains("practice manager");
        // the preview is the what-if: who loses access to which client, and nothing has changed
        assertThat(preview.effects()).extracting(AccessDiff.Person::userId)
                .containsExactlyInAnyOrder(p.support.userId(), spouse.userId());
        assertThat(preview.effects()).allMatch(e -> e.loses().size() == 1 && e.loses().get(0).clientId() == c.id()
                && e.gains().isEmpty());
        assertThat(preview.effects().get(0).loses().get(0).clientName()).isEqualTo(c.displayName());
        assertThat(access.check(p.support, Permission.VIEW_FILE, c.id()).allowed()).isTrue();
        assertThat(access.check(spouse, Permission.VIEW_FILE, c.id()).allowed()).isTrue();
        assertThat(entries(p)).as("a preview writes no audit entry").isEqualTo(auditBefore);

        Revocations done = revocations.revoke(p.manager, new RevocationForm(rows), false);

        assertThat(done.revoked()).hasSize(2);
        assertThat(done.refused()).hasSize(5);
        assertThat(access.check(p.support, Permission.VIEW_FILE, c.id()).allowed()).isFalse();
        assertThat(access.check(spouse, Permission.VIEW_FILE, c.id()).allowed()).isFalse();
        assertThat(access.check(holder, Permission.VIEW_FILE, c.id()).allowed()).isTrue();
        assertThat(access.check(p.adviser, Permission.MANAGE_TEAM, c.id()).allowed()).isTrue();
        assertThat(access.check(p.assistant, Permission.VIEW_FILE, c.id()).allowed()).isTrue();
        assertThat(actions(p)).contains("TEAM_MEMBER_REMOVED", "OUTSIDER_GRANT_REVOKED", "ACCESS_REVIEW_REVOCATION");
        assertThat(entries(p)).isEqualTo(auditBefore + 3);
        assertThat(trail.verify(p.practice.id()).ok()).isTrue();
    }

    @Test
    void aSecondaryAdviserIsClearedAndAPendingInvitationWithdrawn() {
        TestPractice p = fixtures.practice();
        ClientView c = fixtures.client(p.adviser, "Cleared");
        households.setSecondaryAdviser(p.manager, c.id(), p.otherAdviser.userId());
        var invited = context.getBean(com.atrium.outsider.OutsiderService.class).grant(p.adviser, c.id(),
                new com.atrium.outsider.GrantForm(GrantSubject.FAMILY, OutsiderTestSupport.person(c, Relationship.SPOUSE).id(),
                        AccessLevel.READ_ONLY, OutsiderTestSupport.email("pending"), "+33 6 12 34 56 78", null));

        Revocations done = revocations.revoke(p.manager, new RevocationForm(List.of(key(p.otherAdviser, c), "grant:" + invited.id())), false);

        assertThat(done.refused()).isEmpty();
        assertThat(done.revoked()).hasSize(2);
        assertThat(households.get(p.manager, c.id()).secondaryAdviser()).isNull();
        assertThat(access.check(p.otherAdviser, Permission.VIEW_FILE, c.id()).allowed()).isFalse();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM access_grant WHERE id = :g").param("g", invited.id()).query(Long.class).single()).isZero();
        assertThat(trail.verify(p.practice.id()).ok()).isTrue();
    }

    @Test
    void onlyPracticeManagersRevokeAndRowsAreChecked() {
        TestPractice p = fixtures.practice();
        ClientView c = fixtures.client(p.adviser, "Guarded");
        teams.addMember(p.adviser, c.id(), new TeamMemberForm(p.support.userId(), "PARAPLANNER"));
        assertThatThrownBy(() -> revocations.revoke(p.adviser, new RevocationForm(List.of(key(p.support, c))), true))
                .isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> revocations.revoke(p.manager, new RevocationForm(List.of()), true))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("Select at least one row");
        assertThatThrownBy(() -> revocations.revoke(p.manager, new RevocationForm(List.of("12;x", "drop table")), true))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("Not a row of the review");
        // another practice's row looks like a row with nothing to revoke
        TestPractice other = fixtures.practice();
        Revocations r = revocations.revoke(other.manager, new RevocationForm(List.of(key(p.support, c))), false);
        assertThat(r.revoked()).isEmpty();
        assertThat(r.refused().get(0).reason()).contains("no access to this client");
        assertThat(access.check(p.support, Permission.VIEW_FILE, c.id()).allowed()).isTrue();
    }

    @Test
    void theApiPreviewsAndRevokes() throws Exception {
        TestPractice p = fixtures.practice();
        ClientView c = fixtures.client(p.adviser, "Api");
        teams.addMember(p.adviser, c.id(), new TeamMemberForm(p.support.userId(), "READ_ONLY"));
        String body = "{\"rows\": [\"" + key(p.support, c) + "\", \"" + key(p.adviser, c) + "\"]}";
        mvc.perform(post("/api/access/review/revocations?dryRun=true").with(as(p.manager)).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.dryRun").value(true))
                .andExpect(jsonPath("$.revoked[0].key").value(key(p.support, c)))
                .andExpect(jsonPath("$.refused[0].key").value(key(p.adviser, c)))
                .andExpect(jsonPath("$.effects[0].loses[0].clientId").value(c.id()));
        assertThat(access.check(p.support, Permission.VIEW_FILE, c.id()).allowed()).isTrue();
        mvc.perform(post("/api/access/review/revocations").with(as(p.manager)).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isOk()).andExpect(jsonPath("$.dryRun").value(false));
        assertThat(access.check(p.support, Permission.VIEW_FILE, c.id()).allowed()).isFalse();
        mvc.perform(post("/api/access/review/revocations").with(as(p.adviser)).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isForbidden());
        mvc.perform(post("/api/access/review/revocations").with(as(p.manager)).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"rows\": []}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors.rows").exists());
    }

    private static String key(Actor a, ClientView c) {
        return a.userId() + ":" + c.id();
    }

    private long entries(TestPractice p) {
        return jdbc.sql("SELECT COUNT(*) FROM audit_entry WHERE practice_id = :p").param("p", p.practice.id()).query(Long.class).single();
    }

    private List<String> actions(TestPractice p) {
        return jdbc.sql("SELECT action FROM audit_entry WHERE practice_id = :p").param("p", p.practice.id()).query(String.class).list();
    }
}
