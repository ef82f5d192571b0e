package com.atrium.partner;

import static com.atrium.practice.TestLogins.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.atrium.practice.PracticeService;
import com.atrium.shared.Actor;
import com.atrium.shared.ConflictException;
import com.atrium.shared.InvalidInputException;
import com.atrium.testsupport.Fixtures;
import com.atrium.testsupport.Fixtures.TestPractice;
import com.atrium.testsupport.IntegrationTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The diagnostic: the 80 % gate (exact boundary, enforced on every workspace route), removal moving it, first vs later
 * diagnostic rules, reminders through the outbox, taking the questionnaire (every statement rated).
 */
@IntegrationTest
class DiagnosticIntegrationTests {
    @Autowired MockMvc mvc;
    @Autowired Fixtures fixtures;
    @Autowired PartnerService partner;
    @Autowired DiagnosticService diagnostic;
    @Autowired WorkspaceService workspace;
    @Autowired PracticeService practice;
    @Autowired JdbcClient jdbc;

    static Map<String, String> allRated(int rating) {
        Map<String, String> m = new HashMap<>();
        for (int i = 1; i <= 20; i++) {
            m.put("s" + i, String.valueOf(rating));
        }
        return m;
    }

    Actor member(AccountView a, int i) {
        long id = a.users().get(i).userId();
        jdbc.sql("UPDATE app_user SET password_temporary_until = NULL WHERE id = :u").param("u", id).update();
        return practice.actor(id).orElseThrow();
    }

    @Test
    void theGateOpensAtExactlyEightyPercentNotBefore() {
        TestPractice p = fixtures.practice();
        AccountView a = PartnerTestSupport.account(partner, p.adviser, Licence.FULL_BUSINESS, 4); // 5 participants
        for (int i = 0; i < 3; i++) {
            workspace.submitDiagnostic(member(a, i), a.id(), allRated(4));
        }
        assertThat(diagnostic.forAdviser(p.adviser, a.id()).percent()).isEqualTo(60);
        assertThat(workspace.enter(member(a, 4), a.id()).open()).isFalse();
        workspace.submitDiagnostic(member(a, 3), a.id(), allRated(2)); // 4 of 5 = 80 %
        DiagnosticView d = diagnostic.forAdviser(p.adviser, a.id());
        assertThat(d.completed()).isEqualTo(4);
        assertThat(d.workspaceOpen()).isTrue();
        assertThat(workspace.enter(member(a, 4), a.id()).open()).isTrue();
        assertThat(d.results().get(0).average()).isEqualTo(3.5);
    }

    @Test
    void seventyNineNinePercentIsBelowTheGateAndEightyIsNot() {
        // the rule itself, in integers: 799 of 1000 blocked, 800 of 1000 open, 4 of 5 open, 3 of 4 blocked
        assertThat(new DiagnosticRepository.Counts(1000, 799).reachedGate()).isFalse();
        assertThat(new DiagnosticRepository.Counts(1000, 800).reachedGate()).isTrue();
        assertThat(new DiagnosticRepository.Counts(5, 4).reachedGate()).isTrue();
        assertThat(new DiagnosticRepository.Counts(4, 3).reachedGate()).isFalse();
        assertThat(new DiagnosticRepository.Counts(0, 0).reachedGate()).isFalse();
    }

    @Test
    void removingAParticipantWhoHasNotCompletedMovesTheGateAtOnce() throws Exception {
        TestPractice p = fixtures.practice();
        AccountView a = PartnerTestSupport.account(partner, p.adviser, Licence.ESSENTIALS, 4); // 5 participants
        for (int i = 0; i < 3; i++) {
            workspace.submitDiagnostic(member(a, i), a.id(), allRated(3));
        }
        assertThat(workspace.enter(member(a, 0), a.id()).open()).isFalse(); // 3 of 5 = 60 %
        long absent = a.users().get(4).userId();
        mvc.perform(delete("/api/partner/accounts/" + a.id() + "/diagnostic/participants/" + absent).with(as(p.adviser)).with(csrf()))
                .andExpect(status().isNoContent());
        // 3 of 4 = 75 %: still closed; remove another who has not completed: 3 of 3
        mvc.perform(get("/api/partner/accounts/" + a.id() + "/diagnostic").with(as(p.adviser)))
                .andExpect(jsonPath("$.participants").value(4)).andExpect(jsonPath("$.workspaceOpen").value(false));
        mvc.perform(delete("/api/partner/accounts/" + a.id() + "/diagnostic/participants/" + a.users().get(3).userId())
                .with(as(p.adviser)).with(csrf())).andExpect(status().isNoContent());
        mvc.perform(get("/api/partner/accounts/" + a.id() + "/diagnostic").with(as(p.adviser)))
                .andExpect(jsonPath("$.participants").value(3)).andExpect(jsonPath("$.percent").value(100))
                .andExpect(jsonPath("$.workspaceOpen").value(true));
        assertThat(workspace.enter(member(a, 0), a.id()).open()).isTrue();
    }

    @Test
    void everyWorkspaceRouteButTheQuickStartOnesIsClosedBelowTheGate() throws Exception {
        TestPractice p = fixtures.practice();
        AccountView a = PartnerTestSupport.account(partner, p.adviser, Licence.ESSENTIALS, 1);
        Actor admin = member(a, 0);
        String base = "/workspace/" + a.id();
        mvc.perform(get(base).with(as(admin))).andExpect(status().is3xxRedirection())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl(base + "/quick-start"));
        for (String route : List.of("/results", "/admin", "/goals", "/anything/else")) {
            mvc.perform(get(base + route).with(as(admin))).andExpect(status().is3xxRedirection());
        }
        mvc.perform(get(base + "/quick-start").with(as(admin))).andExpect(status().isOk());
        mvc.perform(get(base + "/diagnostic").with(as(admin))).andExpect(status().isOk());
        // another account's workspace, and staff outside advisor mode: not found
        AccountView other = PartnerTestSupport.account(partner, p.adviser, Licence.GOALS, 0);
        mvc.perform(get("/workspace/" + other.id() + "/quick-start").with(as(admin))).andExpect(status().isNotFound());
        mvc.perform(get(base + "/quick-start").with(as(p.adviser))).andExpect(status().isNotFound());
    }

    @Test
    void aGoalsAccountHasNoDiagnosticAndItsWorkspaceIsOpenFromTheStart() throws Exception {
        TestPractice p = fixtures.practice();
        AccountView a = PartnerTestSupport.account(partner, p.adviser, Licence.GOALS, 1);
        assertThat(a.diagnosticRound()).isZero();
        assertThat(workspace.enter(member(a, 1), a.id()).open()).isTrue();
        mvc.perform(post("/api/partner/accounts/" + a.id() + "/diagnostic/reminders").with(as(p.adviser)).with(csrf()))
                .andExpect(status().isConflict());
    }

    @Test
    void aFirstDiagnosticTakesNewParticipantsAndRemindersALaterOneOnlyRemovals() throws Exception {
        TestPractice p = fixtures.practice();
        AccountView a = PartnerTestSupport.account(partner, p.adviser, Licence.FULL_BUSINESS, 1);
        String email = PartnerTestSupport.email("joiner");
        mvc.perform(post("/api/partner/accounts/" + a.id() + "/diagnostic/participants").with(as(p.adviser)).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"firstName\":\"Jo\",\"lastName\":\"Iner\",\"email\":\"" + email + "\"}"))
                .andExpect(status().isCreated());
        mvc.perform(get("/api/partner/accounts/" + a.id() + "/diagnostic").with(as(p.adviser)))
                .andExpect(jsonPath("$.participants").value(3)).andExpect(jsonPath("$.firstDiagnostic").value(true))
                .andExpect(jsonPath("$.mayAddParticipants").value(true)).andExpect(jsonPath("$.mayRemind").value(true));
        workspace.submitDiagnostic(member(a, 0), a.id(), allRated(5));
        mvc.perform(post("/api/partner/accounts/" + a.id() + "/diagnostic/reminders").with(as(p.adviser)).with(csrf()))
                .andExpect(status().isOk()).andExpect(jsonPath("$.reminded").value(2));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM mail_outbox WHERE kind = 'PARTNER_DIAGNOSTIC_REMINDER' AND recipient IN (:e)")
                .param("e", List.of(a.users().get(0).email(), a.users().get(1).email(), email)).query(Long.class).single()).isEqualTo(2);
        // a next diagnostic cannot start while the first is below 80 % (1 of 3)
        mvc.perform(post("/api/partner/accounts/" + a.id() + "/diagnostic/rounds").with(as(p.adviser)).with(csrf()))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value("The first diagnostic must reach 80 % before another one starts."));
        // past the first diagnostic: only removal
        workspace.submitDiagnostic(member(a, 1), a.id(), allRated(5));
        workspace.submitDiagnostic(practice.actor(jdbc.sql("SELECT id FROM app_user WHERE email = :e").param("e", email).query(Long.class)
                .single()).orElseThrow(), a.id(), allRated(5));
        // someone who may not manage the account cannot start one (the account does not exist for them)
        mvc.perform(post("/api/partner/accounts/" + a.id() + "/diagnostic/rounds").with(as(p.otherAdviser)).with(csrf()))
                .andExpect(status().isNotFound());
        mvc.perform(post("/api/partner/accounts/" + a.id() + "/diagnostic/rounds").with(as(p.adviser)).with(csrf()))
                .andExpect(status().isCreated()).andExpect(jsonPath("$.round").value(2)).andExpect(jsonPath("$.participants").value(3))
                .andExpect(jsonPath("$.completed").value(0)).andExpect(jsonPath("$.workspaceOpen").value(true));
        mvc.perform(get("/api/partner/accounts/" + a.id() + "/diagnostic").with(as(p.adviser)))
                .andExpect(jsonPath("$.round").value(2)).andExpect(jsonPath("$.firstDiagnostic").value(false))
                .andExpect(jsonPath("$.mayAddParticipants").value(false)).andExpect(jsonPath("$.mayRemove").value(true));
        mvc.perform(post("/api/partner/accounts/" + a.id() + "/diagnostic/participants").with(as(p.adviser)).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"firstName\":\"Late\",\"lastName\":\"Comer\",\"email\":\""
                                + PartnerTestSupport.email("late") + "\"}"))
                .andExpect(status().isConflict());
        mvc.perform(post("/api/partner/accounts/" + a.id() + "/diagnostic/reminders").with(as(p.adviser)).with(csrf()))
                .andExpect(status().isConflict());
        mvc.perform(delete("/api/partner/accounts/" + a.id() + "/diagnostic/participants/" + a.users().get(1).userId())
                .with(as(p.adviser)).with(csrf())).andExpect(status().isNoContent());
        // only those who manage the account manage participation
        mvc.perform(delete("/api/partner/accounts/" + a.id() + "/diagnostic/participants/" + a.users().get(0).userId())
                .with(as(p.otherAdviser)).with(csrf())).andExpect(status().isNotFound());
    }

    @Test
    void theQuestionnaireNeedsEveryStatementRatedOnceAndKeepsWhatWasTyped() throws Exception {
        TestPractice p = fixtures.practice();
        AccountView a = PartnerTestSupport.account(partner, p.adviser, Licence.ESSENTIALS, 0);
        Actor admin = member(a, 0);
        Map<String, String> partial = allRated(3);
        partial.remove("s7");
        partial.put("s8", "9");
        assertThatThrownBy(() -> workspace.submitDiagnostic(admin, a.id(), partial)).isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).fieldErrors()).containsOnlyKeys("s7", "s8"));
        mvc.perform(post("/workspace/" + a.id() + "/diagnostic").with(as(admin)).with(csrf()).param("s1", "4"))
                .andExpect(status().isOk())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
                        .string(org.hamcrest.Matchers.containsString("19 statements are not rated yet.")));
        workspace.submitDiagnostic(admin, a.id(), allRated(3));
        assertThatThrownBy(() -> workspace.submitDiagnostic(admin, a.id(), allRated(3))).isInstanceOf(ConflictException.class);
        // 1 of 1: the gate is open
        assertThat(workspace.enter(admin, a.id()).open()).isTrue();
    }
}
