package com.atrium.access;

import static org.assertj.core.api.Assertions.assertThat;

import com.atrium.household.ClientView;
import com.atrium.shared.Actor;
import com.atrium.testsupport.Fixtures;
import com.atrium.testsupport.Fixtures.TestPractice;
import com.atrium.testsupport.IntegrationTest;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The eviction after the commit, proved without timing: while a removal's transaction is still open, a second thread
 * reads the old (still committed) answer and puts it back in the cache; with the invalidation listener held back (so
 * the NOTIFY cannot help), the first check after the commit must already be a denial. Dropping the after-completion
 * eviction from {@code AccessCache.changed} makes this fail every time.
 */
@IntegrationTest
class AccessCacheAfterCommitTests {
    @Autowired AccessService access;
    @Autowired AccessFacts facts;
    @Autowired AccessCache cache;
    @Autowired Fixtures fixtures;
    @Autowired TransactionTemplate tx;

    @Test
    void theFirstCheckAfterTheCommitSeesTheRemovalWithTheListenerHeldBack() throws Exception {
        TestPractice p = fixtures.practice();
        ClientView client = fixtures.client(p.adviser, "AfterCommit");
        for (int i = 0; i < 200 && !cache.listening(); i++) {
            Thread.sleep(50); // a precondition, not an assertion on time
        }
        assertThat(cache.listening()).as("the invalidation listener is connected").isTrue();
        tx.executeWithoutResult(s -> facts.add(p.adviser.userId(), new Relation.Team(client.id(), TeamRole.PARAPLANNER, p.support.userId())));
        ExecutorService other = Executors.newSingleThreadExecutor();
        cache.holdListener();
        try {
            tx.executeWithoutResult(s -> {
                facts.remove(p.adviser.userId(), new Relation.Team(client.id(), TeamRole.READ_ONLY, p.support.userId()));
                try {
                    boolean seenByOther = other.submit(() -> allowed(p.support, client)).get(60, TimeUnit.SECONDS);
                    assertThat(seenByOther).as("another thread still reads the committed (old) answer").isTrue();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                assertThat(cache.get(p.support.userId(), client.id())).as("and the old answer is cached again").isNotNull();
            });
            assertThat(allowed(p.support, client)).as("the first check after the commit").isFalse();
        } finally {
            cache.releaseListener();
            other.shutdownNow();
        }
    }

    private boolean allowed(Actor actor, ClientView client) {
        return access.check(actor, Permission.VIEW_FILE, client.id()).allowed();
    }
}
