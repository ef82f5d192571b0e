package com.atrium.household;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.atrium.access.AccessChanged;
import com.atrium.access.AccessChanged.Change;
import com.atrium.testsupport.Fixtures;
import com.atrium.testsupport.Fixtures.TestPractice;
import com.atrium.testsupport.IntegrationTest;
import com.atrium.shared.Actor;
import com.atrium.shared.ConflictException;
import com.atrium.shared.InvalidInputException;
import com.atrium.shared.NotFoundException;
import com.atrium.shared.UserType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The primary professional invariant on PostgreSQL: exactly one per household, enforced by the database
 * and kept by a locked, transactional hand-over even under 50 concurrent changes.
 */
@IntegrationTest
class PrimaryProfessionalIntegrationTests {
    @Autowired TeamService teams;
    @Autowired Fixtures fixtures;
    @Autowired JdbcClient jdbc;
    @Autowired TransactionTemplate tx;
    @Autowired ConfigurableApplicationContext context;

    TestPractice p;
    ClientView client;
    /** AccessChanged events of this test's client that committed, with the order they were published in (under the row lock). */
    final List<Committed> committed = Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger published = new AtomicInteger();
    ApplicationListener<PayloadApplicationEvent<AccessChanged>> listener;

    record Committed(int seq, AccessChanged event) {
    }

    @BeforeEach
    void setUp() {
        p = fixtures.practice();
        client = fixtures.client(p.adviser, "Invariant");
        listener = e -> {
            AccessChanged event = e.getPayload();
            if (!java.util.Objects.equals(event.clientId(), client.id()) || !TransactionSynchronizationManager.isSynchronizationActive()) {
                return;
            }
            int seq = published.incrementAndGet();
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    committed.add(new Committed(seq, event));
                }
            });
        };
        context.addApplicationListener(listener);
    }

    @AfterEach
    void tearDown() {
        context.removeApplicationListener(listener);
    }

    // ------------------------------------------------------------------ concurrency

    @Test
    void fiftyConcurrentHandOversAndRemovalsEndWithExactlyOnePrimaryAndNoLostUpdate() throws Exception {
        Actor pro3 = fixtures.user(p.practice, UserType.PROFESSIONAL, false, "pro3");
        Actor pro4 = fixtures.user(p.practice, UserType.PROFESSIONAL, false, "pro4");
        teams.addMember(p.manager, client.id(), new TeamMemberForm(p.otherAdviser.userId(), "ADVISER"));
        teams.addMember(p.manager, client.id(), new TeamMemberForm(pro3.userId(), "PARAPLANNER"));
        teams.addMember(p.manager, client.id(), new TeamMemberForm(p.support.userId(), "ADMINISTRATOR"));
        List<Long> pros = List.of(p.adviser.userId(), p.otherAdviser.userId(), pro3.userId(), pro4.userId(), p.manager.userId());
        long versionBefore = version();
        Set<Long> teamBefore = teamIds();
        long primaryBefore = primaryColumn();
        int startSeq = published.get();
        committed.clear();

        int n = 50;
        CountDownLatch ready = new CountDownLatch(n);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(n);
        Map<Integer, Object> outcomes = new ConcurrentHashMap<>();
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int op = i;
            Supplier<Object> action = switch (op % 5) {
                // hand over to one of five Professionals, keeping or dropping the former primary
                case 0, 1 -> () -> teams.handOver(p.manager, client.id(), new PrimaryForm(pros.get(op % 5 == 0 ? op % 4 : 4 - op % 4),
                        (op / 5) % 2 == 0));
                // remove someone, naming a replacement in case they are primary at that moment
                case 2 -> () -> teams.removeMember(p.manager, client.id(), pros.get((op / 5) % 5), pros.get((op / 5 + 2) % 5));
                // remove someone without a replacement: refused whenever they are primary at that moment
                case 3 -> () -> teams.removeMember(p.manager, client.id(), pros.get((op / 5 + 1) % 5), null);
                // churn on an ordinary member
                default -> (op / 5) % 2 == 0
                        ? () -> teams.removeMember(p.manager, client.id(), p.support.userId(), null)
                        : () -> teams.addMember(p.manager, client.id(), new TeamMemberForm(p.support.userId(), "READ_ONLY"));
            };
            futures.add(pool.submit(() -> {
                ready.countDown();
                start.await();
                try {
                    outcomes.put(op, action.get());
                } catch (ConflictException | NotFoundException | InvalidInputException refused) {
                    outcomes.put(op, refused);
                }
                return null;
            }));
        }
        long t0 = System.nanoTime();
        ready.await(30, TimeUnit.SECONDS);
        start.countDown();
        for (Future<?> f : futures) {
            f.get(60, TimeUnit.SECONDS); // any other exception (deadlock, integrity violation) fails here
        }
        long millis = (System.nanoTime() - t0) / 1_000_000;
        pool.shutdown();
        System.out.println("50 concurrent team changes on one household took " + millis + " ms");
        assertThat(outcomes).hasSize(n);

        // exactly one primary row, equal to the household column, and a Professional
        List<Long> primaryRows = jdbc.sql("SELECT user_id FROM access_team WHERE client_id = :c AND primary_marker = TRUE")
                .param("c", client.id()).query(Long.class).list();
        assertThat(primaryRows).hasSize(1);
        long finalPrimary = primaryColumn();
        assertThat(primaryRows.get(0)).isEqualTo(finalPrimary);
        assertThat(jdbc.sql("SELECT user_type FROM app_user WHERE id = :u").param("u", finalPrimary).query(String.class).single())
                .isEqualTo("PROFESSIONAL");

        // every successful hand-over is reflected: the committed hand-overs, in lock order, form one unbroken chain
        List<HandOver> handOvers = new ArrayList<>();
        int removed = 0;
        int added = 0;
        for (Object o : outcomes.values()) {
            if (o instanceof HandOver h && h.changed()) {
                handOvers.add(h);
            } else if (o instanceof Removal r) {
                if (r.handOver() != null) {
                    handOvers.add(r.handOver());
                } else {
                    removed++;
                }
            } else if (o instanceof TeamMemberView) {
                added++;
            }
        }
        List<Committed> events = committed.stream().filter(c -> c.seq() > startSeq)
                .sorted((a, b) -> Integer.compare(a.seq(), b.seq())).toList();
        List<Committed> primaryEvents = events.stream().filter(c -> c.event().change() == Change.PRIMARY_HANDED_OVER).toList();
        assertThat(primaryEvents).hasSize(handOvers.size());
        assertThat(events.stream().filter(c -> c.event().change() == Change.TEAM_MEMBER_REMOVED)).hasSize(removed);
        assertThat(events.stream().filter(c -> c.event().change() == Change.TEAM_MEMBER_ADDED)).hasSize(added);
        assertThat(events).hasSize(handOvers.size() + removed + added); // failed attempts recorded nothing
        List<HandOver> unmatched = new ArrayList<>(handOvers);
        long current = primaryBefore;
        for (Committed c : primaryEvents) {
            long from = current;
            long to = c.event().subjectUserId();
            HandOver match = unmatched.stream().filter(h -> h.previousPrimaryId() == from && h.primaryId() == to).findFirst()
                    .orElseThrow(() -> new AssertionError("hand-over " + from + " -> " + to + " was not reported by any caller"));
            unmatched.remove(match);
            current = to;
        }
        assertThat(unmatched).as("every reported hand-over is in the chain").isEmpty();
        assertThat(current).isEqualTo(finalPrimary);
        assertThat(version()).as("one version bump per hand-over").isEqualTo(versionBefore + handOvers.size());

        // nothing half-applied: replaying the committed changes on the team we started with gives the team we have
        Set<Long> team = new HashSet<>(teamBefore);
        long primary = primaryBefore;
        for (Committed c : events) {
            AccessChanged e = c.event();
            switch (e.change()) {
                case TEAM_MEMBER_ADDED -> assertThat(team.add(e.subjectUserId())).isTrue();
                case TEAM_MEMBER_REMOVED -> assertThat(team.remove(e.subjectUserId())).isTrue();
                case PRIMARY_HANDED_OVER -> {
                    if (e.before().endsWith("(removed from the team)")) {
                        team.remove(primary);
                    }
                    team.add(e.subjectUserId());
                    primary = e.subjectUserId();
                }
                default -> throw new AssertionError("unexpected " + e.change());
            }
        }
        assertThat(teamIds()).isEqualTo(team);
        assertThat(primary).isEqualTo(finalPrimary);
        assertThat(handOvers).as("the mix really exercised hand-overs").hasSizeGreaterThan(5);
    }

    // ------------------------------------------------------------------ the database refuses

    @Test
    void theDatabaseRefusesASecondPrimaryRow() {
        teams.addMember(p.manager, client.id(), new TeamMemberForm(p.otherAdviser.userId(), "ADVISER"));
        assertThatThrownBy(() -> jdbc.sql("""
                        UPDATE access_team SET primary_marker = TRUE, primary_type = 'PROFESSIONAL'
                        WHERE client_id = :c AND user_id = :u""")
                .param("c", client.id()).param("u", p.otherAdviser.userId()).update())
                .isInstanceOf(DataIntegrityViolationException.class);
        assertThatThrownBy(() -> jdbc.sql("""
                        INSERT INTO access_team (client_id, user_id, practice_id, team_role, primary_marker, primary_type, granted_at)
                        VALUES (:c, :u, :p, 'ADVISER', TRUE, 'PROFESSIONAL', CURRENT_TIMESTAMP)""")
                .param("c", client.id()).param("u", p.manager.userId()).param("p", p.practice.id()).update())
                .isInstanceOf(DataIntegrityViolationException.class);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM access_team WHERE client_id = :c AND primary_marker = TRUE")
                .param("c", client.id()).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void theDatabaseRefusesANonProfessionalOrForeignOrMissingPrimaryOnTheHousehold() {
        Fixtures.TestPractice other = fixtures.practice();
        for (long notAllowed : List.of(p.support.userId(), p.assistant.userId(), other.adviser.userId())) {
            assertThatThrownBy(() -> jdbc.sql("UPDATE household SET primary_professional_id = :u WHERE id = :id")
                    .param("u", notAllowed).param("id", client.id()).update())
                    .as("primary %s", notAllowed).isInstanceOf(DataIntegrityViolationException.class);
        }
        assertThatThrownBy(() -> jdbc.sql("UPDATE household SET primary_professional_id = NULL WHERE id = :id")
                .param("id", client.id()).update()).isInstanceOf(DataIntegrityViolationException.class);
        assertThat(primaryColumn()).isEqualTo(p.adviser.userId());
    }

    @Test
    void theDatabaseRefusesANonProfessionalPrimaryTeamRow() {
        teams.addMember(p.manager, client.id(), new TeamMemberForm(p.support.userId(), "ADMINISTRATOR"));
        teams.addMember(p.manager, client.id(), new TeamMemberForm(p.assistant.userId(), "READ_ONLY"));
        for (long notAllowed : List.of(p.support.userId(), p.assistant.userId())) {
            assertThatThrownBy(() -> tx.executeWithoutResult(status -> {
                jdbc.sql("UPDATE access_team SET primary_marker = NULL, primary_type = NULL WHERE client_id = :c AND primary_marker = TRUE")
                        .param("c", client.id()).update();
                jdbc.sql("UPDATE access_team SET primary_marker = TRUE, primary_type = 'PROFESSIONAL' WHERE client_id = :c AND user_id = :u")
                        .param("c", client.id()).param("u", notAllowed).update();
            })).as("primary row for %s", notAllowed).isInstanceOf(DataIntegrityViolationException.class);
        }
        // the marker cannot be set without the type that the foreign key checks
        assertThatThrownBy(() -> tx.executeWithoutResult(status -> {
            jdbc.sql("UPDATE access_team SET primary_marker = NULL, primary_type = NULL WHERE client_id = :c AND primary_marker = TRUE")
                    .param("c", client.id()).update();
            jdbc.sql("UPDATE access_team SET primary_marker = TRUE WHERE client_id = :c AND user_id = :u")
                    .param("c", client.id()).param("u", p.support.userId()).update();
        })).isInstanceOf(DataIntegrityViolationException.class);
        assertThat(jdbc.sql("SELECT user_id FROM access_team WHERE client_id = :c AND primary_marker = TRUE")
                .param("c", client.id()).query(Long.class).single()).isEqualTo(p.adviser.userId());
    }

    // ------------------------------------------------------------------ the service refuses, with a clear message

    @Test
    void onlyAnActiveProfessionalOfThePracticeCanBecomePrimary() {
        assertThatThrownBy(() -> teams.handOver(p.manager, client.id(), new PrimaryForm(p.assistant.userId(), true)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("Only Professionals can be primary professional: assistant Tester is an Assistant.");
        assertThatThrownBy(() -> teams.handOver(p.manager, client.id(), new PrimaryForm(p.support.userId(), true)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("support Tester is Support staff");
        Fixtures.TestPractice other = fixtures.practice();
        assertThatThrownBy(() -> teams.handOver(p.manager, client.id(), new PrimaryForm(other.adviser.userId(), true)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("There is no user with id " + other.adviser.userId() + " in your practice.");
        Actor leaver = fixtures.user(p.practice, UserType.PROFESSIONAL, false, "leaver");
        jdbc.sql("UPDATE app_user SET active = FALSE WHERE id = :id").param("id", leaver.userId()).update();
        assertThatThrownBy(() -> teams.handOver(p.manager, client.id(), new PrimaryForm(leaver.userId(), true)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("disabled");
        assertThat(primaryColumn()).isEqualTo(p.adviser.userId());
        assertThat(committed).isEmpty();
    }

    @Test
    void handOverUpdatesHouseholdAndTeamTogetherAndKeepsOrDropsTheFormerPrimary() {
        HandOver first = teams.handOver(p.manager, client.id(), new PrimaryForm(p.otherAdviser.userId(), true));
        assertThat(first).isEqualTo(new HandOver(client.id(), p.adviser.userId(), "adviser Tester", p.otherAdviser.userId(),
                "adviser2 Tester", true, true));
        assertThat(primaryColumn()).isEqualTo(p.otherAdviser.userId());
        assertThat(teams.team(p.manager, client.id())).extracting(TeamMemberView::userId, TeamMemberView::primary, TeamMemberView::role)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(p.otherAdviser.userId(), true, com.atrium.access.TeamRole.ADVISER),
                        org.assertj.core.groups.Tuple.tuple(p.adviser.userId(), false, com.atrium.access.TeamRole.ADVISER));
        // handing over to the current primary changes nothing and records nothing
        assertThat(teams.handOver(p.manager, client.id(), new PrimaryForm(p.otherAdviser.userId(), true)).changed()).isFalse();
        // the primary may hand over their own household, and leave its team
        teams.handOver(p.otherAdviser, client.id(), new PrimaryForm(p.manager.userId(), false));
        assertThat(teamIds()).containsExactlyInAnyOrder(p.adviser.userId(), p.manager.userId());
        assertThat(committed).extracting(c -> c.event().change()).containsExactly(Change.PRIMARY_HANDED_OVER, Change.PRIMARY_HANDED_OVER);
        assertThat(committed.get(1).event().before()).isEqualTo("Primary professional: adviser2 Tester (removed from the team)");
    }

    @Test
    void removingThePrimaryNeedsAReplacement() {
        assertThatThrownBy(() -> teams.removeMember(p.manager, client.id(), p.adviser.userId(), null))
                .isInstanceOf(ConflictException.class)
                .hasMessageStartingWith("adviser Tester is the primary professional and cannot be removed without a replacement.");
        Removal r = teams.removeMember(p.manager, client.id(), p.adviser.userId(), p.otherAdviser.userId());
        assertThat(r.handOver().primaryId()).isEqualTo(p.otherAdviser.userId());
        assertThat(teamIds()).containsExactly(p.otherAdviser.userId());
        assertThat(primaryColumn()).isEqualTo(p.otherAdviser.userId());
    }

    private long primaryColumn() {
        return jdbc.sql("SELECT primary_professional_id FROM household WHERE id = :id").param("id", client.id()).query(Long.class).single();
    }

    private long version() {
        return jdbc.sql("SELECT version FROM household WHERE id = :id").param("id", client.id()).query(Long.class).single();
    }

    private Set<Long> teamIds() {
        return new HashSet<>(jdbc.sql("SELECT user_id FROM access_team WHERE client_id = :c").param("c", client.id())
                .query(Long.class).list());
    }
}
