package com.atrium.compliance;

import static com.atrium.practice.TestLogins.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.atrium.access.AccessDiff;
import com.atrium.access.AccessService;
import com.atrium.access.Permission;
import com.atrium.audit.AuditTrail;
import com.atrium.household.ClientView;
import com.atrium.household.PrimaryForm;
import com.atrium.household.TeamService;
import com.atrium.shared.Actor;
import com.atrium.shared.ForbiddenException;
import com.atrium.shared.InvalidInputException;
import com.atrium.shared.NotFoundException;
import com.atrium.shared.UserType;
import com.atrium.testsupport.Fixtures;
import com.atrium.testsupport.Fixtures.TestPractice;
import com.atrium.testsupport.IntegrationTest;
import com.atrium.workgroup.WorkgroupService;
import com.atrium.workgroup.WorkgroupTestSupport;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Bulk reassignment on PostgreSQL: the preview (what-if) changes nothing and says who loses and gains what; the
 * reassignment moves every household in one transaction with one audit entry per household plus one for the operation;
 * a retry is idempotent; one household that cannot move refuses the whole; concurrent edits (two transactions) never
 * leave it half done.
 */
@IntegrationTest
class ReassignmentIntegrationTests {
    @Autowired MockMvc mvc;
    @Autowired Fixtures fixtures;
    @Autowired AccessService access;
    @Autowired ReassignmentService reassignments;
    @Autowired TeamService teams;
    @Autowired WorkgroupService workgroups;
    @Autowired AuditTrail trail;
    @Autowired JdbcClient jdbc;
    @Autowired PlatformTransactionManager transactions;

    @Test
    void previewThenReassignOnePerWorkgroupAuditedAndIdempotent() {
        TestPractice p = fixtures.practice();
        Actor successor = fixtures.user(p.practice, UserType.PROFESSIONAL, false, "Successor");
        ClientView a = fixtures.client(p.adviser, "Amber");
        ClientView b = fixtures.client(p.adviser, "Birch");
        ClientView c = fixtures.client(p.adviser, "Cedar");
        long desk = new WorkgroupTestSupport(workgroups).group(p.otherAdviser, "Estate desk");
        workgroups.assignClient(p.manager, c.id(), desk);
        long before = entries(p);
        ReassignmentForm form = new ReassignmentForm(successor.userId(),
                List.of(new ReassignmentForm.WorkgroupChoice(desk, p.otherAdviser.userId())), false, null);

        Reassignment preview = reassignments.reassign(p.manager, p.adviser.userId(), form, true);

        assertThat(preview.moved()).isEqualTo(3);
        assertThat(preview.refusals()).isEmpty();
        assertThat(preview.workgroups()).singleElement().satisfies(w -> {
            assertThat(w.workgroup()).isEqualTo("Estate desk");
            assertThat(w.toUserId()).isEqualTo(p.otherAdviser.userId());
        });
        AccessDiff.Person leaver = person(preview, p.adviser);
        assertThat(leaver.loses()).extracting(AccessDiff.Change::clientId).containsExactlyInAnyOrder(a.id(), b.id(), c.id());
        assertThat(person(preview, successor).gains()).extracting(AccessDiff.Change::clientId).containsExactlyInAnyOrder(a.id(), b.id());
        assertThat(person(preview, p.otherAdviser).changes()).as("already in via the workgroup: keeps access, now manages it")
                .singleElement().satisfies(ch -> assertThat(ch.gained()).contains(Permission.MANAGE_TEAM));
        assertThat(entries(p)).as("the preview writes nothing").isEqualTo(before);
        assertThat(teams.householdsWithPrimary(p.manager, p.adviser.userId())).hasSize(3);

        ReassignmentForm confirmed = new ReassignmentForm(form.toUserId(), form.byWorkgroup(), false, preview.householdIds());
        Reassignment done = reassignments.reassign(p.manager, p.adviser.userId(), confirmed, false);

        assertThat(done.moved()).isEqualTo(3);
        assertThat(teams.householdsWithPrimary(p.manager, p.adviser.userId())).isEmpty();
        assertThat(teams.householdsWithPrimary(p.manager, successor.userId())).containsExactlyInAnyOrder(a.id(), b.id());
        assertThat(teams.householdsWithPrimary(p.manager, p.otherAdviser.userId())).containsExactly(c.id());
        assertThat(access.check(p.adviser, Permission.VIEW_FILE, a.id()).allowed()).isFalse();
        assertThat(actions(p)).filteredOn("PRIMARY_HANDED_OVER"::equals).hasSize(3);
        assertThat(actions(p)).filteredOn("CLIENTS_REASSIGNED"::equals).hasSize(1);
        assertThat(entries(p)).as("one per household plus one for the operation").isEqualTo(before + 4);
        assertThat(trail.verify(p.practice.id()).ok()).isTrue();

        Reassignment again = reassignments.reassign(p.manager, p.adviser.userId(), confirmed, false);
        assertThat(again.moved()).isZero();
        assertThat(again.alreadyMoved()).isEqualTo(3);
        assertThat(entries(p)).as("a retry writes nothing").isEqualTo(before + 4);
    }

    @Test
    void oneHouseholdThatCannotMoveRefusesTheWholeWithEveryReason() {
        TestPractice p = fixtures.practice();
        ClientView a = fixtures.client(p.adviser, "Alder");
        ClientView b = fixtures.client(p.adviser, "Beech");
        ReassignmentForm form = new ReassignmentForm(p.otherAdviser.userId(), null, true, null);
        Reassignment preview = reassignments.reassign(p.manager, p.adviser.userId(), form, true);
        // between the preview and the confirmation, someone hands one household to the manager
        teams.handOver(p.manager, b.id(), new PrimaryForm(p.manager.userId(), true));

        ReassignmentForm confirmed = new ReassignmentForm(form.toUserId(), null, true, preview.householdIds());
        assertThatThrownBy(() -> reassignments.reassign(p.manager, p.adviser.userId(), confirmed, false))
                .isInstanceOfSatisfying(ReassignmentRefused.class, e -> assertThat(e.reasons()).singleElement().asString()
                        .contains(b.displayName(), "primary professional is now", "changed since the preview"));
        assertThat(teams.householdsWithPrimary(p.manager, p.adviser.userId())).as("nothing moved").containsExactly(a.id());
        // the preview of the same says so too, without moving anything
        Reassignment again = reassignments.reassign(p.manager, p.adviser.userId(), confirmed, true);
        assertThat(again.refusals()).hasSize(1);
        assertThat(again.moved()).isZero();
    }

    @Test
    void concurrentEditsNeverLeaveItHalfDone() throws Exception {
        for (int round = 0; round < 3; round++) {
            TestPractice p = fixtures.practice();
            ClientView a = fixtures.client(p.adviser, "One");
            ClientView b = fixtures.client(p.adviser, "Two");
            ClientView c = fixtures.client(p.adviser, "Three");
            List<Long> ids = List.of(a.id(), b.id(), c.id());
            ReassignmentForm form = new ReassignmentForm(p.otherAdviser.userId(), null, false, ids);
            CountDownLatch locked = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            boolean editFirst = round != 1;
            // transaction 2: hands the middle household to the manager, holding its row lock until released
            CompletableFuture<Void> edit = CompletableFuture.runAsync(() -> new TransactionTemplate(transactions).executeWithoutResult(s -> {
                teams.handOver(p.manager, b.id(), new PrimaryForm(p.manager.userId(), true));
                locked.countDown();
                await(release);
                if (!editFirst) {
                    s.setRollbackOnly(); // round 1: the edit changes its mind, so the reassignment finds everything as it was
                }
            }));
            assertThat(locked.await(30, TimeUnit.SECONDS)).isTrue();
            // transaction 1: the reassignment, which must wait for the row transaction 2 holds
            CompletableFuture<Object> move = CompletableFuture.supplyAsync(() -> {
                try {
                    return reassignments.reassign(p.manager, p.adviser.userId(), form, false);
                } catch (ReassignmentRefused e) {
                    return e;
                }
            });
            waitUntilSomeoneWaitsForALock();
            release.countDown();
            edit.get(30, TimeUnit.SECONDS);
            Object outcome = move.get(30, TimeUnit.SECONDS);

            List<Long> stillAdvisers = teams.householdsWithPrimary(p.manager, p.adviser.userId());
            if (editFirst) {
                assertThat(outcome).isInstanceOf(ReassignmentRefused.class);
                assertThat(stillAdvisers).as("all or nothing: nothing").containsExactlyInAnyOrder(a.id(), c.id());
            } else {
                assertThat(outcome).isInstanceOf(Reassignment.class);
                assertThat(stillAdvisers).as("all or nothing: all").isEmpty();
                assertThat(teams.householdsWithPrimary(p.manager, p.otherAdviser.userId())).containsExactlyInAnyOrderElementsOf(ids);
            }
            assertThat(trail.verify(p.practice.id()).ok()).isTrue();
        }
    }

    @Test
    void choicesAreCheckedAllAtOnceAndOnlyManagersReassign() throws Exception {
        TestPractice p = fixtures.practice();
        fixtures.client(p.adviser, "Guarded");
        assertThatThrownBy(() -> reassignments.reassign(p.adviser, p.adviser.userId(),
                new ReassignmentForm(p.otherAdviser.userId(), null, false, null), true)).isInstanceOf(ForbiddenException.class);
        TestPractice other = fixtures.practice();
        assertThatThrownBy(() -> reassignments.reassign(other.manager, p.adviser.userId(),
                new ReassignmentForm(other.adviser.userId(), null, false, null), true)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> reassignments.reassign(p.manager, p.adviser.userId(), new ReassignmentForm(p.support.userId(),
                List.of(new ReassignmentForm.WorkgroupChoice(1L, p.adviser.userId())), false, null), true))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.fieldErrors())
                        .containsKeys("toUserId", "byWorkgroup[0].toUserId"));

        mvc.perform(post("/api/staff/" + p.adviser.userId() + "/reassignment?dryRun=true").with(as(p.manager)).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"toUserId\": " + p.otherAdviser.userId() + "}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.moved").value(1)).andExpect(jsonPath("$.dryRun").value(true))
                .andExpect(jsonPath("$.effects.length()").value(2));
        mvc.perform(post("/api/staff/" + p.adviser.userId() + "/reassignment").with(as(p.manager)).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"toUserId\": " + p.otherAdviser.userId()
                                + ", \"households\": [987654321]}"))
                .andExpect(status().isConflict()).andExpect(jsonPath("$.reasons[0]").value(org.hamcrest.Matchers.containsString("no longer exists")));
        mvc.perform(post("/api/staff/" + p.adviser.userId() + "/reassignment").with(as(p.manager)).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors.toUserId").exists());
        mvc.perform(post("/api/staff/" + p.adviser.userId() + "/reassignment").with(as(other.manager)).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"toUserId\": " + p.otherAdviser.userId() + "}"))
                .andExpect(status().isNotFound());
        mvc.perform(post("/api/staff/" + p.adviser.userId() + "/reassignment").with(as(p.otherAdviser)).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"toUserId\": " + p.otherAdviser.userId() + "}"))
                .andExpect(status().isForbidden());
    }

    @Test
    void theBulkCheckAnswersLikeTheSingleOne() {
        TestPractice p = fixtures.practice();
        ClientView own = fixtures.client(p.adviser, "Own");
        ClientView theirs = fixtures.client(p.otherAdviser, "Theirs");
        access.requireAll(p.manager, Permission.MANAGE_TEAM, List.of(own.id(), theirs.id()));
        access.requireAll(p.adviser, Permission.MANAGE_TEAM, List.of(own.id()));
        assertThatThrownBy(() -> access.requireAll(p.adviser, Permission.MANAGE_TEAM, List.of(own.id(), theirs.id())))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> access.requireAll(p.adviser, Permission.MANAGE_TEAM, List.of(987_654_321L)))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void thePageChoosesPreviewsAndConfirms() throws Exception {
        TestPractice p = fixtures.practice();
        ClientView a = fixtures.client(p.adviser, "Paged");
        String base = "/staff/" + p.adviser.userId() + "/reassign";
        String form = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get(base).with(as(p.manager)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(form).contains("Reassign clients", "1 household", p.otherAdviser.name());
        String staff = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/staff").with(as(p.manager)))
                .andReturn().getResponse().getContentAsString();
        assertThat(staff).contains(base);
        // nothing chosen: the error on its field, nothing lost
        assertThat(mvc.perform(post(base + "/preview").with(as(p.manager)).with(csrf())).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString()).contains("Choose the Professional who becomes primary professional.");
        String preview = mvc.perform(post(base + "/preview").param("toUserId", String.valueOf(p.otherAdviser.userId()))
                        .with(as(p.manager)).with(csrf()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(preview).contains("What this changes", "change primary professional", "Reassign 1 household", "name=\"households\"");
        assertThat(teams.householdsWithPrimary(p.manager, p.adviser.userId())).containsExactly(a.id());
        mvc.perform(post(base).param("toUserId", String.valueOf(p.otherAdviser.userId())).param("keepFormerOnTeam", "false")
                        .param("households", String.valueOf(a.id())).with(as(p.manager)).with(csrf()))
                .andExpect(status().is3xxRedirection());
        assertThat(teams.householdsWithPrimary(p.manager, p.otherAdviser.userId())).containsExactly(a.id());
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get(base).with(as(p.adviser)))
                .andExpect(status().isForbidden());
    }

    private void waitUntilSomeoneWaitsForALock() throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            long waiting = jdbc.sql("SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'")
                    .query(Long.class).single();
            if (waiting > 0) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the reassignment never waited for the locked household");
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(60, TimeUnit.SECONDS)) {
                throw new AssertionError("not released");
            }
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static AccessDiff.Person person(Reassignment r, Actor a) {
        return r.effects().stream().filter(x -> x.userId() == a.userId()).findFirst().orElseThrow(() -> new AssertionError(
                "no effect for " + a.name() + " in " + r.effects()));
    }

    private long entries(TestPractice p) {
        return jdbc.sql("SELECT COUNT(*) FROM audit_entry WHERE practice_id = :p").param("p", p.practice.id()).query(Long.class).single();
    }

    private List<String> actions(TestPractice p) {
        return jdbc.sql("SELECT action FROM audit_entry WHERE practice_id = :p").param("p", p.practice.id()).query(String.class).list();
    }
}
