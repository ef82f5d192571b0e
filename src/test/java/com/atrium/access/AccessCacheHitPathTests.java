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
}
