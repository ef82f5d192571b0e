package com.atrium.access;

import static org.assertj.core.api.Assertions.assertThat;

import com.atrium.household.ClientView;
import com.atrium.shared.Actor;
import com.atrium.testsupport.Fixtures;
import com.atrium.testsupport.Fixtures.TestPractice;
import com.atrium.testsupport.IntegrationTest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The access cache never lets a removed person in: not on this node right after the commit, not
 * after a change made by another node (SQL + NOTIFY from another connection), not while writers and
 * readers race, and not while the invalidation listener is down (then it is bypassed).
 */
@IntegrationTest
class AccessCacheIntegrationTests {
    @Autowired AccessService access;
    @Autowired AccessFacts facts;
    @Autowired AccessCache cache;
    @Autowired Fixtures fixtures;
    @Autowired TransactionTemplate tx;
    @Autowired com.atrium.outsider.OutsiderService outsiders;
    @Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc;

    TestPractice p;
    ClientView client;

    @BeforeEach
    void setUp() {
        p = fixtures.practice();
        client = fixtures.client(p.adviser, "Cached");
        awaitUntil("the invalidation listener is connected", cache::listening);
    }

    @Test
    void aRemovedTeamMemberIsDeniedImmediatelyAfterTheCommit() throws Exception {
        assertThat(allowed(p.support)).isFalse();
        tx.executeWithoutResult(s -> facts.add(p.adviser.userId(), new Relation.Team(client.id(), TeamRole.PARAPLANNER, p.support.userId())));
        assertThat(allowed(p.support)).isTrue();
        settle(); // our own NOTIFY comes back and clears the entry once more
        assertThat(allowed(p.support)).isTrue();
        assertThat(cache.get(p.support.userId(), client.id())).as("the answer is cached").isNotNull();

        tx.executeWithoutResult(s -> facts.remove(p.adviser.userId(), new Relation.Team(client.id(), TeamRole.READ_ONLY, p.support.userId())));
        assertThat(allowed(p.support)).isFalse();
        assertThat(access.check(p.support.userId(), Permission.VIEW_FILE, client.id()).allowed()).isFalse();

        // a rolled-back change leaves nothing behind either
        try {
            tx.executeWithoutResult(s -> {
                facts.add(p.adviser.userId(), new Relation.Team(client.id(), TeamRole.ADMINISTRATOR, p.support.userId()));
                throw new IllegalStateException("roll back");
            });
        } catch (IllegalStateException expected) {
            // rolled back
        }
        assertThat(allowed(p.support)).isFalse();
    }

    @Test
    void aChangeMadeByAnotherNodeIsSeen() throws Exception {
        tx.executeWithoutResult(s -> facts.add(p.adviser.userId(), new Relation.Team(client.id(), TeamRole.READ_ONLY, p.assistant.userId())));
        settle();
        assertThat(allowed(p.assistant)).isTrue();
        assertThat(access.check(p.manager.userId(), Permission.VIEW_FILE, client.id()).allowed()).isTrue();
        assertThat(cache.get(p.assistant.userId(), client.id())).isNotNull();
        assertThat(cache.subject(p.manager.userId())).isNotNull();

        // "another node" removes the member and says so, as AccessService does
        try (Connection other = otherNode()) {
            other.setAutoCommit(false);
            try (PreparedStatement s = other.prepareStatement("DELETE FROM access_team WHERE client_id = ? AND user_id = ?")) {
                s.setLong(1, client.id());
                s.setLong(2, p.assistant.userId());
                assertThat(s.executeUpdate()).isEqualTo(1);
            }
            notify(other, "pair:" + p.assistant.userId() + ":" + client.id());
            other.commit();
            // ... and disables the manager by hand: the database trigger tells every node
            try (PreparedStatement s = other.prepareStatement("UPDATE app_user SET active = FALSE WHERE id = ?")) {
                s.setLong(1, p.manager.userId());
                s.executeUpdate();
            }
            other.commit();
            awaitHandled(other);
        }
        assertThat(allowed(p.assistant)).isFalse();
        assertThat(access.check(p.manager.userId(), Permission.VIEW_FILE, client.id()).allowed()).isFalse();
    }

    @Test
    void aChangedOrWithdrawnOutsiderGrantTakesEffectAtOnce() throws Exception {
        long spouse = client.people().stream().filter(x -> x.relationship() == com.atrium.household.Relationship.SPOUSE)
                .findFirst().orElseThrow().id();
        String email = com.atrium.outsider.OutsiderTestSupport.email("cached");
        outsiders.grant(p.adviser, client.id(), new com.atrium.outsider.GrantForm(GrantSubject.FAMILY, spouse, AccessLevel.READ_WRITE,
                email, "+33 6 12 34 56 78", null));
        Actor outsider = fixtures.user(p.practice, com.atrium.shared.UserType.OUTSIDER, false, "outsider");
        tx.executeWithoutResult(s -> facts.outsiderAccountCreated(p.practice.id(), email, outsider.userId()));
        long grantId = jdbc.sql("SELECT id FROM access_grant WHERE client_id = :c AND user_id = :u")
                .param("c", client.id()).param("u", outsider.userId()).query(Long.class).single();
        settle();
        java.util.Set<Permission> readWrite = access.permissions(outsider, client.id());
        assertThat(access.permissions(outsider, client.id())).contains(Permission.VIEW_FILE).isEqualTo(readWrite);
        assertThat(cache.get(outsider.userId(), client.id())).isNotNull();

        outsiders.changeGrant(p.adviser, client.id(), grantId, new com.atrium.outsider.GrantChangeForm(AccessLevel.READ_ONLY, null));
        assertThat(access.permissions(outsider, client.id())).contains(Permission.VIEW_FILE).isNotEqualTo(readWrite);

        outsiders.revokeGrant(p.adviser, client.id(), grantId);
        assertThat(allowed(outsider)).isFalse();
        assertThat(access.permissions(outsider, client.id())).isEmpty();
    }

    @Test
    void concurrentWritersAndReadersNeverLeaveAStaleAllow() throws Exception {
        // seqlock: the writer makes the version odd while a change is in flight, even (with the state) once committed
        AtomicInteger version = new AtomicInteger();
        AtomicBoolean member = new AtomicBoolean(false);
        AtomicBoolean done = new AtomicBoolean(false);
        AtomicInteger verified = new AtomicInteger();
        List<String> violations = java.util.Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> readers = new ArrayList<>();
            for (int r = 0; r < 3; r++) {
                readers.add(pool.submit(() -> {
                    while (!done.get()) {
                        int v1 = version.get();
                        boolean expected = member.get();
                        boolean seen = allowed(p.support);
                        if (v1 % 2 == 0 && version.get() == v1) {
                            verified.incrementAndGet();
                            if (seen != expected) {
                                violations.add("version " + v1 + ": expected " + expected + " but saw " + seen);
                            }
                        }
                    }
                }));
            }
            for (int i = 0; i < 120; i++) {
                boolean add = i % 2 == 0;
                version.incrementAndGet(); // odd: in flight
                tx.executeWithoutResult(s -> {
                    if (add) {
                        facts.add(p.adviser.userId(), new Relation.Team(client.id(), TeamRole.PARAPLANNER, p.support.userId()));
                    } else {
                        facts.remove(p.adviser.userId(), new Relation.Team(client.id(), TeamRole.READ_ONLY, p.support.userId()));
                    }
                });
                member.set(add);
                version.incrementAndGet(); // even: committed
                assertThat(allowed(p.support)).as("right after commit %d", i).isEqualTo(add);
            }
            done.set(true);
            for (Future<?> f : readers) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            done.set(true);
            pool.shutdownNow();
        }
        assertThat(violations).isEmpty();
        assertThat(verified.get()).as("readers checked stable states").isPositive();
        assertThat(allowed(p.support)).isFalse();
    }

    @Test
    void withoutTheListenerTheCacheIsBypassed() throws Exception {
        tx.executeWithoutResult(s -> facts.add(p.adviser.userId(), new Relation.Team(client.id(), TeamRole.ADVISER, p.otherAdviser.userId())));
        assertThat(allowed(p.otherAdviser)).isTrue();
        try (Connection other = otherNode(); Statement s = other.createStatement()) {
            s.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'atrium-access-listener'"
                    + " AND datname = current_database()");
            awaitUntil("the listener notices it is gone", () -> !cache.listening());
            // a change nobody announces: only a node that goes to the database can see it
            s.executeUpdate("DELETE FROM access_team WHERE client_id = " + client.id() + " AND user_id = " + p.otherAdviser.userId());
            assertThat(allowed(p.otherAdviser)).isFalse();
        }
        awaitUntil("the listener reconnects", cache::listening);
        assertThat(allowed(p.otherAdviser)).isFalse();
    }

    private boolean allowed(Actor actor) {
        return access.check(actor, Permission.VIEW_FILE, client.id()).allowed();
    }

    private static Connection otherNode() throws SQLException {
        return DriverManager.getConnection(System.getProperty("spring.datasource.url"), System.getProperty("spring.datasource.username"),
                System.getProperty("spring.datasource.password"));
    }

    private static void notify(Connection c, String payload) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT pg_notify('" + AccessCache.CHANNEL + "', ?)")) {
            s.setString(1, payload);
            s.execute();
        }
    }

    /** Waits until every notification committed so far has been handled (the queue is in commit order). */
    private void settle() throws SQLException {
        try (Connection c = otherNode()) {
            awaitHandled(c);
        }
    }

    /** Notifications of one session arrive in order: once our ping is handled, everything before it is. */
    private void awaitHandled(Connection c) throws SQLException {
        String ping = "ping:" + UUID.randomUUID();
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(true);
        notify(c, ping);
        c.setAutoCommit(auto);
        awaitUntil("the listener handled " + ping, () -> ping.equals(cache.lastPing()));
    }

    /** Waits for an asynchronous event (never asserts on time; gives up after a minute). */
    private static void awaitUntil(String what, BooleanSupplier condition) {
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > giveUp) {
                throw new AssertionError("Gave up waiting until " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
