package com.atrium.access;

import static com.atrium.practice.TestLogins.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.atrium.household.ClientView;
import com.atrium.household.Relationship;
import com.atrium.household.TeamMemberForm;
import com.atrium.household.TeamService;
import com.atrium.outsider.OutsiderService;
import com.atrium.outsider.OutsiderTestSupport;
import com.atrium.shared.Actor;
import com.atrium.shared.ConflictException;
import com.atrium.testsupport.Fixtures;
import com.atrium.testsupport.Fixtures.TestPractice;
import com.atrium.testsupport.IntegrationTest;
import com.atrium.workgroup.WorkgroupService;
import com.atrium.workgroup.WorkgroupTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The what-if on PostgreSQL: the real change runs and is rolled back, the effect (who loses and gains access to which
 * clients) is the difference of the same decision logic before and after; every access-change confirmation shows it
 * (remove a team member, hand over, withdraw a grant, delete a workgroup) and changes nothing until confirmed.
 */
@IntegrationTest
class WhatIfIntegrationTests {
    @Autowired MockMvc mvc;
    @Autowired Fixtures fixtures;
    @Autowired AccessService access;
    @Autowired AccessWhatIf whatIf;
    @Autowired AccessFacts facts;
    @Autowired TeamService teams;
    @Autowired WorkgroupService workgroups;
    @Autowired OutsiderService outsiders;
    @Autowired JdbcClient jdbc;
    @Autowired ApplicationContext context;

    @Test
    void theChangeRunsAndIsRolledBackAndItsEffectIsTheDifferenceOfTheDecisions() {
        TestPractice p = fixtures.practice();
        ClientView c = fixtures.client(p.adviser, "Whatif");
        teams.addMember(p.adviser, c.id(), new TeamMemberForm(p.support.userId(), "PARAPLANNER"));
        long before = entries(p);

        AccessDiff diff = whatIf.preview(p.manager, () -> teams.removeMember(p.manager, c.id(), p.support.userId(), null)).diff();

        assertThat(diff.changes()).singleElement().satisfies(ch -> {
            assertThat(ch.userId()).isEqualTo(p.support.userId());
            assertThat(ch.clientId()).isEqualTo(c.id());
            assertThat(ch.effect()).isEqualTo(AccessDiff.Effect.LOSES);
            assertThat(ch.before()).isEqualTo(access.permissions(p.support, c.id()));
            assertThat(ch.beforeWhy()).isEqualTo(access.explain(p.manager, c.id(), p.support.userId()).summary());
        });
        assertThat(access.membership(c.id(), p.support.userId())).as("rolled back").isPresent();
        assertThat(entries(p)).as("no audit entry kept").isEqualTo(before);
        assertThat(access.check(p.support, Permission.VIEW_FILE, c.id()).allowed()).isTrue();

        // a refusal of the change reaches the caller as it is
        assertThatThrownBy(() -> whatIf.preview(p.manager, () -> teams.removeMember(p.manager, c.id(), p.adviser.userId(), null)))
                .isInstanceOf(ConflictException.class).hasMessageContaining("cannot be removed without a replacement");
    }

    @Test
    void disablingSomeoneShowsEveryClientTheyLose() {
        TestPractice p = fixtures.practice();
        ClientView a = fixtures.client(p.adviser, "Lost one");
        ClientView b = fixtures.client(p.adviser, "Lost two");
        teams.addMember(p.adviser, a.id(), new TeamMemberForm(p.support.userId(), "ADMINISTRATOR"));

        AccessDiff diff = whatIf.effects(p.manager, () -> {
            jdbc.sql("UPDATE app_user SET active = FALSE WHERE id = :u").param("u", p.adviser.userId()).update();
            facts.subjectChanged(p.adviser.userId());
        });

        assertThat(diff.losses()).extracting(AccessDiff.Change::userId).containsOnly(p.adviser.userId());
        assertThat(diff.losses()).extracting(AccessDiff.Change::clientId).containsExactlyInAnyOrder(a.id(), b.id());
        assertThat(diff.gains()).isEmpty();
        assertThat(access.check(p.adviser, Permission.VIEW_FILE, a.id()).allowed()).isTrue();
    }

    @Test
    void everyAccessChangeConfirmationShowsTheWhatIfAndChangesNothing() throws Exception {
        TestPractice p = fixtures.practice();
        ClientView c = fixtures.client(p.adviser, "Confirmed");
        teams.addMember(p.adviser, c.id(), new TeamMemberForm(p.support.userId(), "PARAPLANNER"));
        long group = new WorkgroupTestSupport(workgroups).group(p.otherAdviser, "Tax desk", p.assistant);
        workgroups.assignClient(p.manager, c.id(), group);
        Actor spouse = OutsiderTestSupport.grantWithAccount(context, p.adviser, c.id(), com.atrium.access.GrantSubject.FAMILY,
                OutsiderTestSupport.person(c, Relationship.SPOUSE).id(), AccessLevel.READ_ONLY);
        long grantId = access.grantOf(spouse, c.id()).orElseThrow().id();
        long before = entries(p);

        String remove = page(p.manager, "/clients/" + c.id() + "/access/members/" + p.support.userId() + "/remove");
        assertThat(remove).contains("Remove " + p.support.name() + " from the team?", "What this changes", "data-testid=\"loses\"");
        String handOver = mvc.perform(post("/clients/" + c.id() + "/access/primary").param("userId", String.valueOf(p.otherAdviser.userId()))
                        .param("keepFormerOnTeam", "false").param("preview", "true").with(as(p.manager)).with(csrf()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(handOver).contains("Hand over to " + p.otherAdviser.name() + "?", "leaves the team", p.adviser.name());
        String revoke = page(p.adviser, "/clients/" + c.id() + "/access-rights/grants/" + grantId + "/revoke");
        assertThat(revoke).contains("Withdraw " , "What this changes", "data-testid=\"loses\"");
        String delete = page(p.otherAdviser, "/workgroups/" + group + "/delete");
        assertThat(delete).contains("Delete workgroup \u201cTax desk\u201d?", p.assistant.name(), "data-testid=\"loses\"");

        assertThat(entries(p)).as("previews change nothing").isEqualTo(before);
        assertThat(access.check(p.support, Permission.VIEW_FILE, c.id()).allowed()).isTrue();
        assertThat(access.check(spouse, Permission.VIEW_FILE, c.id()).allowed()).isTrue();
        assertThat(access.check(p.assistant, Permission.VIEW_FILE, c.id()).allowed()).isTrue();
        assertThat(access.check(p.adviser, Permission.MANAGE_TEAM, c.id()).allowed()).isTrue();
    }

    /**
     * The batch what-if (every touched client's facts in a few set-based statements) answers exactly like the per-client
     * one, on a practice with every kind of path: primaries and secondaries, team roles, a workgroup (owner and member),
     * outsider grants (lasting, dated, expired), a disabled team member, a business account with its users.
     */
    @Test
    void theBatchWhatIfAnswersLikeThePerClientOneOnAVariedPractice() {
        TestPractice p = fixtures.practice();
        Actor successor = fixtures.user(p.practice, com.atrium.shared.UserType.PROFESSIONAL, false, "Successor");
        Actor leaver = fixtures.user(p.practice, com.atrium.shared.UserType.ASSISTANT, false, "Leaver");
        Actor secondManager = fixtures.user(p.practice, com.atrium.shared.UserType.PROFESSIONAL, true, "Deputy");
        long desk = new WorkgroupTestSupport(workgroups).group(p.otherAdviser, "Batch desk", p.assistant);
        java.util.List<Long> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 12; i++) {
            Actor primary = i % 4 == 3 ? p.otherAdviser : p.adviser;
            ClientView c = fixtures.client(primary, "Batch" + i);
            ids.add(c.id());
            switch (i % 6) {
                case 0 -> teams.addMember(primary, c.id(),
                        new TeamMemberForm(p.support.userId(), "PARAPLANNER"));
                case 1 -> workgroups.assignClient(p.manager, c.id(), desk);
                case 2 -> teams.addMember(primary, c.id(), new TeamMemberForm(leaver.userId(), "ADMINISTRATOR"));
                case 3 -> OutsiderTestSupport.grantWithAccount(context, primary, c.id(), GrantSubject.FAMILY,
                        OutsiderTestSupport.person(c, Relationship.SPOUSE).id(), AccessLevel.READ_ONLY);
                case 4 -> {
                    workgroups.assignClient(p.manager, c.id(), desk);
                    teams.addMember(primary, c.id(), new TeamMemberForm(p.support.userId(), "ADVISER"));
                }
                default -> OutsiderTestSupport.grantWithAccount(context, primary, c.id(), GrantSubject.FAMILY,
                        OutsiderTestSupport.person(c, Relationship.SPOUSE).id(), AccessLevel.READ_WRITE);
            }
        }
        // dated and expired grants, a secondary adviser, a disabled team member
        jdbc.sql("UPDATE access_grant SET expires_on = CURRENT_DATE + 10 WHERE client_id = :c").param("c", ids.get(3)).update();
        jdbc.sql("UPDATE access_grant SET expires_on = CURRENT_DATE - 1 WHERE client_id = :c").param("c", ids.get(5)).update();
        jdbc.sql("UPDATE access_client SET secondary_user_id = :s, secondary_by = :m, secondary_since = now() WHERE client_id = :c")
                .param("s", successor.userId()).param("m", p.manager.userId()).param("c", ids.get(1)).update();
        jdbc.sql("UPDATE app_user SET active = FALSE WHERE id = :u").param("u", leaver.userId()).update();
        var account = context.getBean(com.atrium.partner.PartnerService.class).create(p.adviser, new com.atrium.partner.AccountForm(
                com.atrium.testsupport.Fixtures.unique("Batch Ltd"), com.atrium.partner.Licence.ESSENTIALS,
                new com.atrium.partner.UserForm("Cora", "Contact", com.atrium.testsupport.Fixtures.unique("cora").toLowerCase() + "@batch.example"),
                java.util.List.of(new com.atrium.partner.UserForm("Uma", "User", com.atrium.testsupport.Fixtures.unique("uma").toLowerCase()
                        + "@batch.example"))), null);
        ids.add(account.id());
        Explanations explanations = access.context().explanations;

        java.util.Map<Long, java.util.List<Explanation>> batch = explanations.everyone(ids, p.practice.id());
        assertThat(batch.keySet()).containsExactlyInAnyOrderElementsOf(ids);
        for (long id : ids) {
            assertThat(batch.get(id)).as("client %d", id).isEqualTo(explanations.everyone(id)).isNotEmpty();
        }
        assertThat(explanations.everyone(ids, p.practice.id() + 100_000)).as("another practice's clients are left out").isEmpty();

        // the what-ifs of changes touching many clients: the same diff either way
        java.util.function.Supplier<Object> disable = () -> {
            jdbc.sql("UPDATE app_user SET active = FALSE WHERE id = :u").param("u", p.adviser.userId()).update();
            facts.subjectChanged(p.adviser.userId());
            return null;
        };
        java.util.function.Supplier<Object> deleteDesk = () -> workgroups.delete(p.otherAdviser, desk);
        java.util.function.Supplier<Object> handOverAll = () -> {
            teams.householdsWithPrimary(p.manager, p.adviser.userId()).forEach(id -> teams.handOver(p.manager, id, new com.atrium.household.PrimaryForm(successor.userId(), false)));
            return null;
        };
        for (var change : java.util.List.of(disable, deleteDesk, handOverAll)) {
            AccessDiff perClient = whatIf.preview(p.manager, change, false).diff();
            AccessDiff batched = whatIf.preview(p.manager, change, true).diff();
            assertThat(batched.changes()).isNotEmpty().isEqualTo(perClient.changes());
        }
        assertThat(secondManager.practiceManager()).isTrue();
    }

    private String page(Actor actor, String path) throws Exception {
        return mvc.perform(post(path).param("preview", "true").with(as(actor)).with(csrf()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }

    private long entries(TestPractice p) {
        return jdbc.sql("SELECT COUNT(*) FROM audit_entry WHERE practice_id = :p").param("p", p.practice.id()).query(Long.class).single();
    }
}
