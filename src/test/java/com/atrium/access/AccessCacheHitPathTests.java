package com.atrium.access;

import static org.assertj.core.api.Assertions.assertThat;

import com.atrium.household.ClientView;
import com.atrium.shared.Actor;
import com.atrium.testsupport.Fixtures;
import com.atrium.testsupport.Fixtures.TestPractice;
import com.atrium.testsupport.IntegrationTest;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The flat check cache: a hit answers the same decision the database path gives, from one primitive key and a
 * permission bitmask, and allocates nothing (counted with the JVM's per-thread allocation counter, not timed).
 */
@IntegrationTest
class AccessCacheHitPathTests {
    @Autowired AccessService access;
    @Autowired AccessCache cache;
    @Autowired Fixtures fixtures;

    @Test
    void aCachedCheckIsTheSameAnswerAndAllocatesNothing() throws Exception {
        TestPractice p = fixtures.practice();
        ClientView client = fixtures.client(p.adviser, "HitPath");
        for (int i = 0; i < 200 && !cache.listening(); i++) {
            Thread.sleep(50); // a precondition, not an assertion on time
        }
        assertThat(cache.listening()).isTrue();
        settle(); // the notifications of the fixture's own commits are handled before we fill the cache
        Actor adviser = p.adviser;
        Decision first = access.check(adviser, Permission.EDIT_PROFILE, client.id()); // fills the cache
        Decision denied = access.check(p.support, Permission.VIEW_FILE, client.id());
        assertThat(first.allowed()).isTrue();
        assertThat(denied.allowed()).isFalse();
        assertThat(cache.hit(adviser, Permission.EDIT_PROFILE, client.id())).isSameAs(first);
        assertThat(cache.hit(p.support, Permission.VIEW_FILE, client.id())).isSameAs(denied);
        assertThat(cache.hit(p.otherAdviser, Permission.VIEW_FILE, client.id())).as("never asked: not cached").isNull();

        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = client.id();
        int allowed = 0;
        for (int i = 0; i < 20_000; i++) { // warm up (the JIT), same calls
            allowed += cache.hit(adviser, Permission.EDIT_PROFILE, id).allowed() ? 1 : 0;
        }
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 100_000; i++) {
            allowed += cache.hit(adviser, Permission.EDIT_PROFILE, id).allowed() ? 1 : 0;
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertThat(allowed).isEqualTo(120_000);
        assertThat(allocated).as("bytes allocated by 100,000 cache hits").isLessThan(1_000);
    }

    @Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc;

    /** Notifications of one session arrive in order: once our ping is handled, everything committed before it is. */
    private void settle() throws InterruptedException {
        String ping = "ping:" + java.util.UUID.randomUUID();
        jdbc.sql("SELECT pg_notify('" + AccessCache.CHANNEL + "', :p)").param("p", ping).query((rs, i) -> 1).list();
        for (int i = 0; i < 400 && !ping.equals(cache.lastPing()); i++) {
            Thread.sleep(50); // a precondition, not an assertion on time
        }
        assertThat(cache.lastPing()).isEqualTo(ping);
    }

    @Test
    void theFlatTableKeepsEveryKeyThroughGrowthAndRemovals() {
        LongTable<String> t = new LongTable<>();
        for (long u = 1; u <= 300; u++) {
            for (long c = 1; c <= 40; c++) {
                assertThat(t.putIf(AccessCache.key(u, c), u + ":" + c, () -> true)).isTrue();
            }
        }
        assertThat(t.removeIf(k -> (k & 0xFFFF_FFFFL) == 7)).as("a client's entries").isEqualTo(300);
        assertThat(t.removeIf(k -> (k >>> 32) == 11)).as("a user's entries").isEqualTo(39);
        assertThat(t.remove(AccessCache.key(5, 5))).isTrue();
        assertThat(t.remove(AccessCache.key(5, 5))).isFalse();
        for (long u = 1; u <= 300; u++) {
            for (long c = 1; c <= 40; c++) {
                boolean gone = c == 7 || u == 11 || (u == 5 && c == 5);
                assertThat(t.get(AccessCache.key(u, c))).as("%d:%d", u, c).isEqualTo(gone ? null : u + ":" + c);
            }
        }
        assertThat(t.putIf(AccessCache.key(1, 1), "refused", () -> false)).isFalse();
        assertThat(t.get(AccessCache.key(1, 1))).isEqualTo("1:1");
        assertThat(AccessCache.key(1L << 33, 1)).as("ids beyond 32 bits are not cached").isEqualTo(-1);
    }

    @Autowired AccessFacts facts;
    @Autowired org.springframework.transaction.support.TransactionTemplate tx;

    @Test
    void theYesNoCheckIsTheSameAnswerFromOneFlatReadAllocatesNothingAndIsEvictedWithItsFacts() throws Exception {
        TestPractice p = fixtures.practice();
        ClientView client = fixtures.client(p.adviser, "MaskPath");
        for (int i = 0; i < 200 && !cache.listening(); i++) {
            Thread.sleep(50); // a precondition, not an assertion on time
        }
        assertThat(cache.listening()).isTrue();
        settle();
        long id = client.id();
        for (Actor a : java.util.List.of(p.adviser, p.support, p.otherAdviser, p.manager)) {
            for (Permission perm : Permission.values()) {
                assertThat(access.allows(a.userId(), perm, id)).as("%s %s", a.name(), perm)
                        .isEqualTo(access.check(a.userId(), perm, id).allowed());
            }
            assertThat(cache.mask(a.userId(), id)).as("remembered for %s", a.name()).isNotEqualTo(LongMaskTable.ABSENT);
        }
        assertThat(access.allows(p.adviser.userId(), Permission.VIEW_FILE, 987_654_321L)).as("no such client").isFalse();
        assertThat(access.allows(987_654_321L, Permission.VIEW_FILE, id)).as("no such user").isFalse();

        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long adviser = p.adviser.userId();
        int allowed = 0;
        for (int i = 0; i < 20_000; i++) { // warm up (the JIT), same calls
            allowed += access.allows(adviser, Permission.EDIT_PROFILE, id) ? 1 : 0;
        }
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 100_000; i++) {
            allowed += access.allows(adviser, Permission.EDIT_PROFILE, id) ? 1 : 0;
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertThat(org.springframework.aop.support.AopUtils.isAopProxy(access))
                .as("the facade is no proxy (a proxy boxes the arguments of every check)").isFalse();
        assertThat(allowed).isEqualTo(120_000);
        // 0 when nothing else happens; an 'all' eviction from another test's commit (a rename) may cost one miss (a few KB).
        // A per-call allocation, e.g. a proxy boxing the arguments, is 5 MB and more.
        assertThat(allocated).as("bytes allocated by 100,000 yes/no hits").isLessThan(20_000);

        // a fact change evicts the remembered bitmask in its transaction (the listener held back: no NOTIFY needed)
        long support = p.support.userId();
        assertThat(access.allows(support, Permission.VIEW_FILE, id)).isFalse();
        cache.holdListener();
        try {
            tx.executeWithoutResult(s -> facts.add(p.manager.userId(), new Relation.Team(id, TeamRole.READ_ONLY, support)));
            assertThat(access.allows(support, Permission.VIEW_FILE, id)).as("right after the commit").isTrue();
            assertThat(access.allows(support, Permission.EDIT_PROFILE, id)).isFalse();
            tx.executeWithoutResult(s -> facts.remove(p.manager.userId(), new Relation.Team(id, TeamRole.READ_ONLY, support)));
            assertThat(access.allows(support, Permission.VIEW_FILE, id)).as("right after the removal").isFalse();
        } finally {
            cache.releaseListener();
        }
    }

    @Test
    void theMaskTableKeepsEveryKeyThroughGrowthAndRemovals() {
        LongMaskTable t = new LongMaskTable();
        for (long u = 1; u <= 300; u++) {
            for (long c = 1; c <= 40; c++) {
                t.putIf(AccessCache.key(u, c), (int) (u * 41 + c), () -> true);
            }
        }
        assertThat(t.size()).isEqualTo(12_000);
        t.removeIf(k -> (k & 0xFFFF_FFFFL) == 7);
        t.removeIf(k -> (k >>> 32) == 11);
        t.remove(AccessCache.key(5, 5));
        for (long u = 1; u <= 300; u++) {
            for (long c = 1; c <= 40; c++) {
                boolean gone = c == 7 || u == 11 || (u == 5 && c == 5);
                assertThat(t.get(AccessCache.key(u, c))).as("%d:%d", u, c).isEqualTo(gone ? LongMaskTable.ABSENT : (int) (u * 41 + c));
            }
        }
        t.putIf(AccessCache.key(1, 1), 0, () -> false);
        assertThat(t.get(AccessCache.key(1, 1))).as("a refused put changes nothing").isEqualTo(41 + 1);
        t.putIf(AccessCache.key(1, 1), 0, () -> true);
        assertThat(t.get(AccessCache.key(1, 1))).as("no permission at all is an answer too").isZero();
    }
}
