package com.atrium.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.atrium.household.ClientView;
import com.atrium.shared.Actor;
import com.atrium.testsupport.Fixtures;
import com.atrium.testsupport.Fixtures.TestPractice;
import com.atrium.testsupport.IntegrationTest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The visibility index ({@code access_visible}) equals its definition ({@code access_visible_def}) after every kind of
 * fact change, after a rollback, under concurrent writers, and after hand-made SQL on the fact tables (the database
 * follows it). {@link VisibilityIndex#drift()} counts the rows where the two differ; the expected rows are also
 * asserted literally, so a definition and an index that were wrong together would still fail.
 */
@IntegrationTest
class VisibilityIndexIntegrationTests {
    private static final AtomicLong GROUP_IDS = new AtomicLong(7_000_000 + ThreadLocalRandom.current().nextInt(1_000_000));

    @Autowired AccessFacts facts;
    @Autowired AccessService access;
    @Autowired VisibilityIndex index;
    @Autowired Fixtures fixtures;
    @Autowired TransactionTemplate tx;
    @Autowired JdbcClient jdbc;

    TestPractice p;
    ClientView client;

    @BeforeEach
    void setUp() {
        p = fixtures.practice();
        client = fixtures.client(p.adviser, "Indexed");
    }

    @Test
    void everyFactChangeKeepsTheIndexExact() {
        assertThat(paths(p.adviser, client.id())).as("the primary, from registration").isEqualTo(1);
        assertThat(row(p.adviser, client.id())).containsEntry("SORT_NAME", client.displayName().trim().toLowerCase());

        write(f -> f.add(p.adviser.userId(), new Relation.Team(client.id(), TeamRole.PARAPLANNER, p.support.userId())));
        assertThat(paths(p.support, client.id())).isEqualTo(1);
        write(f -> f.add(p.adviser.userId(), new Relation.Team(client.id(), TeamRole.READ_ONLY, p.support.userId())));
        assertThat(paths(p.support, client.id())).as("a role change keeps the row").isEqualTo(1);
        write(f -> f.remove(p.adviser.userId(), new Relation.Team(client.id(), TeamRole.READ_ONLY, p.support.userId())));
        assertThat(paths(p.support, client.id())).isZero();

        write(f -> f.add(p.adviser.userId(), new Relation.Secondary(client.id(), p.otherAdviser.userId())));
        assertThat(paths(p.otherAdviser, client.id())).isEqualTo(2);
        write(f -> f.add(p.manager.userId(), new Relation.Primary(client.id(), p.otherAdviser.userId())));
        assertThat(paths(p.otherAdviser, client.id())).as("the new primary stops being secondary").isEqualTo(1);
        assertThat(paths(p.adviser, client.id())).as("the former primary stays as Adviser").isEqualTo(1);
        write(f -> f.add(p.manager.userId(), new Relation.Primary(client.id(), p.adviser.userId(), false)));
        assertThat(paths(p.otherAdviser, client.id())).as("dropped from the team").isZero();

        long group = GROUP_IDS.incrementAndGet();
        write(f -> f.workgroupDefined(group, p.practice.id(), p.otherAdviser.userId(), "Index group"));
        write(f -> f.add(p.otherAdviser.userId(), new Relation.WorkgroupMember(group, p.assistant.userId())));
        assertThat(paths(p.assistant, client.id())).as("joining shares nothing by itself").isZero();
        write(f -> f.add(p.adviser.userId(), new Relation.ClientWorkgroup(client.id(), group)));
        assertThat(paths(p.assistant, client.id())).isEqualTo(4);
        assertThat(paths(p.otherAdviser, client.id())).as("the owner").isEqualTo(4);
        assertThat(row(p.assistant, client.id())).containsEntry("WORKGROUP_ID", group);
        write(f -> f.add(p.adviser.userId(), new Relation.Team(client.id(), TeamRole.ADVISER, p.otherAdviser.userId())));
        assertThat(paths(p.otherAdviser, client.id())).as("team and workgroup").isEqualTo(5);

        write(f -> f.clientListed(new AccessFacts.Client(client.id(), p.practice.id(), AccessFacts.ClientKind.HOUSEHOLD, "renamed",
                "renamed search", true)));
        assertThat(row(p.assistant, client.id())).containsEntry("SORT_NAME", "renamed").containsEntry("ARCHIVED", true);

        write(f -> f.remove(p.adviser.userId(), new Relation.WorkgroupMember(group, p.assistant.userId())));
        assertThat(paths(p.assistant, client.id())).isZero();
        write(f -> f.add(p.otherAdviser.userId(), new Relation.WorkgroupMember(group, p.assistant.userId())));
        assertThat(paths(p.assistant, client.id())).isEqualTo(4);
        write(f -> f.remove(p.adviser.userId(), new Relation.ClientWorkgroup(client.id(), group)));
        assertThat(paths(p.assistant, client.id())).isZero();
        assertThat(paths(p.otherAdviser, client.id())).isEqualTo(1);
        write(f -> f.workgroupDeleted(group));
        assertThat(index.drift()).isZero();
    }

    /**
     * The write cost's shape (issue 11): joining or leaving a workgroup of many clients is one statement on the index,
     * one {@link AccessChanged} and so ONE audit entry (not one per client); moving a client and disabling the member
     * keep the index exact too, and a path the member has besides the workgroup survives their leaving.
     */
    @Test
    void aMembershipChangeOnAGroupOfManyClientsIsOneAuditEntryAndKeepsTheIndexExact() {
        long group = GROUP_IDS.incrementAndGet();
        long other = GROUP_IDS.incrementAndGet();
        write(f -> f.workgroupDefined(group, p.practice.id(), p.otherAdviser.userId(), "Many clients"));
        write(f -> f.workgroupDefined(other, p.practice.id(), p.otherAdviser.userId(), "Other group"));
        List<ClientView> many = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            many.add(fixtures.client(p.adviser, "Many" + i));
        }
        write(f -> many.forEach(c -> f.add(p.adviser.userId(), new Relation.ClientWorkgroup(c.id(), group))));
        write(f -> f.add(p.adviser.userId(), new Relation.Team(many.get(0).id(), TeamRole.READ_ONLY, p.assistant.userId())));
        write(f -> f.add(p.otherAdviser.userId(), new Relation.WorkgroupMember(other, p.support.userId())));

        long joinedBefore = audited("WORKGROUP_MEMBER_JOINED");
        write(f -> f.add(p.otherAdviser.userId(), new Relation.WorkgroupMember(group, p.assistant.userId())));
        assertThat(workgroupRows(p.assistant, group)).isEqualTo(12);
        assertThat(paths(p.assistant, many.get(0).id())).as("team and workgroup").isEqualTo(5);
        assertThat(audited("WORKGROUP_MEMBER_JOINED") - joinedBefore).as("one audit entry for the whole group").isEqualTo(1);
        assertThat(jdbc.sql("""
                        SELECT after_text FROM audit_entry WHERE practice_id = :p AND action = 'WORKGROUP_MEMBER_JOINED'
                        AND client_id IS NULL AND subject_user_id = :u ORDER BY seq DESC LIMIT 1""")
                .param("p", p.practice.id()).param("u", p.assistant.userId()).query(String.class).single())
                .contains("Many clients").endsWith(", reaching 12 clients");

        write(f -> f.add(p.adviser.userId(), new Relation.ClientWorkgroup(many.get(1).id(), other)));
        assertThat(paths(p.assistant, many.get(1).id())).as("moved out of the assistant's group").isZero();
        assertThat(paths(p.support, many.get(1).id())).as("into the support's").isEqualTo(4);
        assertThat(row(p.support, many.get(1).id())).containsEntry("WORKGROUP_ID", other);
        assertThat(workgroupRows(p.assistant, group)).isEqualTo(11);

        long leftBefore = audited("WORKGROUP_MEMBER_LEFT");
        write(f -> f.remove(p.otherAdviser.userId(), new Relation.WorkgroupMember(group, p.assistant.userId())));
        assertThat(workgroupRows(p.assistant, group)).isZero();
        assertThat(paths(p.assistant, many.get(0).id())).as("the team path stays").isEqualTo(1);
        assertThat(audited("WORKGROUP_MEMBER_LEFT") - leftBefore).isEqualTo(1);

        write(f -> f.add(p.otherAdviser.userId(), new Relation.WorkgroupMember(group, p.assistant.userId())));
        tx.executeWithoutResult(s -> {
            jdbc.sql("UPDATE app_user SET active = FALSE WHERE id = :u").param("u", p.assistant.userId()).update();
            facts.subjectChanged(p.assistant.userId());
        });
        assertThat(jdbc.sql("SELECT COUNT(*) FROM access_visible WHERE user_id = :u").param("u", p.assistant.userId())
                .query(Long.class).single()).as("a disabled user has no rows").isZero();
        assertThat(index.drift()).isZero();
        tx.executeWithoutResult(s -> {
            jdbc.sql("UPDATE app_user SET active = TRUE WHERE id = :u").param("u", p.assistant.userId()).update();
            facts.subjectChanged(p.assistant.userId());
        });
        assertThat(workgroupRows(p.assistant, group)).isEqualTo(11);
        assertThat(index.drift()).isZero();
    }

    private long audited(String action) {
        return jdbc.sql("SELECT COUNT(*) FROM audit_entry WHERE practice_id = :p AND action = :a").param("p", p.practice.id())
                .param("a", action).query(Long.class).single();
    }

    private long workgroupRows(Actor user, long group) {
        return jdbc.sql("SELECT COUNT(*) FROM access_visible WHERE user_id = :u AND workgroup_id = :g AND (paths & 4) = 4")
                .param("u", user.userId()).param("g", group).query(Long.class).single();
    }

    @Test
    void aDisabledUserHasNoRowsAndGetsThemBackWhenEnabled() {
        write(f -> f.add(p.adviser.userId(), new Relation.Team(client.id(), TeamRole.PARAPLANNER, p.support.userId())));
        tx.executeWithoutResult(s -> {
            jdbc.sql("UPDATE app_user SET active = FALSE WHERE id = :u").param("u", p.support.userId()).update();
            facts.subjectChanged(p.support.userId());
        });
        assertThat(paths(p.support, client.id())).isZero();
        assertThat(index.drift()).isZero();
        tx.executeWithoutResult(s -> {
            jdbc.sql("UPDATE app_user SET active = TRUE WHERE id = :u").param("u", p.support.userId()).update();
            facts.subjectChanged(p.support.userId());
        });
        assertThat(paths(p.support, client.id())).isEqualTo(1);
        assertThat(index.drift()).isZero();
    }

    @Test
    void aRolledBackChangeLeavesTheIndexAsItWas() {
        long group = GROUP_IDS.incrementAndGet();
        write(f -> f.workgroupDefined(group, p.practice.id(), p.otherAdviser.userId(), "Rollback group"));
        assertThatThrownBy(() -> tx.executeWithoutResult(s -> {
            facts.add(p.adviser.userId(), new Relation.Team(client.id(), TeamRole.PARAPLANNER, p.support.userId()));
            facts.add(p.adviser.userId(), new Relation.ClientWorkgroup(client.id(), group));
            facts.add(p.otherAdviser.userId(), new Relation.WorkgroupMember(group, p.assistant.userId()));
            assertThat(paths(p.support, client.id())).as("inside the transaction").isEqualTo(1);
            assertThat(paths(p.assistant, client.id())).as("inside the transaction").isEqualTo(4);
            throw new IllegalStateException("roll back");
        })).hasMessage("roll back");
        assertThat(paths(p.support, client.id())).isZero();
        assertThat(paths(p.assistant, client.id())).isZero();
        assertThat(paths(p.otherAdviser, client.id())).isZero();
        assertThat(index.drift()).isZero();
    }

    /**
     * Eight writers at once on one workgroup and its clients: members join and leave while clients move in and out
     * and team rows come and go on the same (user, client) pairs. Whatever the interleaving, the index ends equal to
     * its definition (the workgroup lock serialises membership against assignment; bits commute).
     */
    @Test
    void concurrentWritersLeaveTheIndexExact() throws Exception {
        long group = GROUP_IDS.incrementAndGet();
        write(f -> f.workgroupDefined(group, p.practice.id(), p.otherAdviser.userId(), "Busy group"));
        List<ClientView> clients = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            clients.add(fixtures.client(p.adviser, "Busy" + i));
        }
        List<Actor> members = List.of(p.assistant, p.support, fixtures.user(p.practice, com.atrium.shared.UserType.SUPPORT, false, "m3"),
                fixtures.user(p.practice, com.atrium.shared.UserType.ASSISTANT, false, "m4"));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < 8; w++) {
                int writer = w;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 25; i++) {
                        int round = i;
                        int n = writer * 100 + round;
                        retrying(() -> tx.executeWithoutResult(s -> {
                            if (writer % 3 == 0) {
                                Actor m = members.get(n % members.size());
                                boolean in = jdbc.sql("SELECT COUNT(*) FROM access_workgroup_member WHERE group_id = :g AND user_id = :u")
                                        .param("g", group).param("u", m.userId()).query(Long.class).single() > 0;
                                if (in) {
                                    facts.remove(p.otherAdviser.userId(), new Relation.WorkgroupMember(group, m.userId()));
                                } else {
                                    facts.add(p.otherAdviser.userId(), new Relation.WorkgroupMember(group, m.userId()));
                                }
                            } else if (writer % 3 == 1) {
                                ClientView c = clients.get(n % clients.size());
                                if (round % 2 == 0) {
                                    facts.add(p.adviser.userId(), new Relation.ClientWorkgroup(c.id(), group));
                                } else {
                                    facts.remove(p.adviser.userId(), new Relation.ClientWorkgroup(c.id(), group));
                                }
                            } else {
                                ClientView c = clients.get(n % clients.size());
                                Actor m = members.get((n / 3) % members.size());
                                if (access.membership(c.id(), m.userId()).isPresent()) {
                                    facts.remove(p.adviser.userId(), new Relation.Team(c.id(), TeamRole.READ_ONLY, m.userId()));
                                } else {
                                    facts.add(p.adviser.userId(), new Relation.Team(c.id(), TeamRole.READ_ONLY, m.userId()));
                                }
                            }
                        }));
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(index.drift()).isZero();
    }

    /** PostgreSQL follows a hand-made change to a fact table itself (the triggers of db/vendor/postgresql/V82). */
    @Test
    void aHandMadeChangeToAFactTableIsFollowed() {
        assertThat(index.maintainedByDatabase()).isTrue();
        jdbc.sql("""
                        INSERT INTO access_team (client_id, user_id, practice_id, team_role, granted_at)
                        VALUES (:c, :u, :p, 'READ_ONLY', CURRENT_TIMESTAMP)""")
                .param("c", client.id()).param("u", p.support.userId()).param("p", p.practice.id()).update();
        assertThat(paths(p.support, client.id())).isEqualTo(1);
        jdbc.sql("UPDATE access_client SET secondary_user_id = :u WHERE client_id = :c")
                .param("u", p.otherAdviser.userId()).param("c", client.id()).update();
        assertThat(paths(p.otherAdviser, client.id())).isEqualTo(2);
        Actor outsider = fixtures.user(p.practice, com.atrium.shared.UserType.OUTSIDER, false, "outsider");
        jdbc.sql("""
                        INSERT INTO access_grant (client_id, practice_id, subject_kind, subject_id, subject_name, holder, access_level, email,
                                                  mobile, user_id, expires_on, granted_by, granted_at)
                        VALUES (:c, :p, 'ADVISER', 1, 'Hand Made', FALSE, 'READ_ONLY', 'hand@made.example', '+61412345678', :u, :x, :by,
                                CURRENT_TIMESTAMP)""")
                .param("c", client.id()).param("p", p.practice.id()).param("u", outsider.userId()).param("x", LocalDate.of(2030, 1, 31))
                .param("by", p.adviser.userId()).update();
        assertThat(paths(outsider, client.id())).isEqualTo(8);
        assertThat(row(outsider, client.id())).containsEntry("GRANT_UNTIL", java.sql.Date.valueOf(LocalDate.of(2030, 1, 31)));
        jdbc.sql("UPDATE access_grant SET expires_on = :x WHERE client_id = :c AND user_id = :u")
                .param("x", LocalDate.of(2029, 12, 31)).param("c", client.id()).param("u", outsider.userId()).update();
        assertThat(row(outsider, client.id())).containsEntry("GRANT_UNTIL", java.sql.Date.valueOf(LocalDate.of(2029, 12, 31)));
        assertThat(index.drift()).isZero();
        jdbc.sql("DELETE FROM access_grant WHERE client_id = :c AND user_id = :u").param("c", client.id()).param("u", outsider.userId())
                .update();
        jdbc.sql("DELETE FROM access_team WHERE client_id = :c AND user_id = :u").param("c", client.id()).param("u", p.support.userId())
                .update();
        assertThat(paths(outsider, client.id())).isZero();
        assertThat(paths(p.support, client.id())).isZero();
        assertThat(index.drift()).isZero();

        // a client's access facts deleted by hand take its index rows with them (a statement trigger, V170)
        ClientView gone = fixtures.client(p.adviser, "Gone");
        jdbc.sql("UPDATE access_client SET secondary_user_id = :u WHERE client_id = :c")
                .param("u", p.otherAdviser.userId()).param("c", gone.id()).update();
        assertThat(paths(p.otherAdviser, gone.id())).isEqualTo(2);
        tx.executeWithoutResult(s -> {
            jdbc.sql("DELETE FROM access_holder WHERE client_id = :c").param("c", gone.id()).update();
            jdbc.sql("DELETE FROM access_client WHERE client_id = :c").param("c", gone.id()).update();
        });
        assertThat(jdbc.sql("SELECT COUNT(*) FROM access_visible WHERE client_id = :c").param("c", gone.id()).query(Long.class).single())
                .isZero();
        assertThat(index.drift()).isZero();
    }

    /** A row written into the index by hand is caught: drift counts it, and a rebuild repairs it. */
    @Test
    void aHandMadeIndexRowIsCaughtAndRepaired() {
        jdbc.sql("""
                        INSERT INTO access_visible (user_id, client_id, practice_id, paths, client_kind, sort_name, search_text, archived)
                        VALUES (:u, :c, :p, 1, 'HOUSEHOLD', 'x', 'x', FALSE)""")
                .param("u", p.support.userId()).param("c", client.id()).param("p", p.practice.id()).update();
        assertThat(index.drift()).isEqualTo(1);
        tx.executeWithoutResult(s -> index.rebuild());
        assertThat(index.drift()).isZero();
        assertThat(paths(p.support, client.id())).isZero();
    }

    private void write(java.util.function.Consumer<AccessFacts> change) {
        tx.executeWithoutResult(s -> change.accept(facts));
        assertThat(index.drift()).as("index = definition after the change").isZero();
    }

    private int paths(Actor user, long clientId) {
        return jdbc.sql("SELECT paths FROM access_visible WHERE user_id = :u AND client_id = :c").param("u", user.userId())
                .param("c", clientId).query(Integer.class).optional().orElse(0);
    }

    private Map<String, Object> row(Actor user, long clientId) {
        Map<String, Object> raw = jdbc.sql("SELECT * FROM access_visible WHERE user_id = :u AND client_id = :c").param("u", user.userId())
                .param("c", clientId).query().singleRow();
        Map<String, Object> upper = new java.util.HashMap<>();
        raw.forEach((k, v) -> upper.put(k.toUpperCase(java.util.Locale.ROOT), v));
        return upper;
    }

    /**
     * A deadlock between two writers is resolved by PostgreSQL aborting one, and two writers adding the same row
     * collide on its key; the loser retries (reading the state afresh), as a user would.
     */
    private static void retrying(Runnable r) {
        for (int attempt = 0; ; attempt++) {
            try {
                r.run();
                return;
            } catch (org.springframework.dao.PessimisticLockingFailureException | org.springframework.dao.DuplicateKeyException e) {
                if (attempt > 10) {
                    throw e;
                }
            }
        }
    }
}
