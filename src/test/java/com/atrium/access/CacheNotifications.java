package com.atrium.access;

import static org.assertj.core.api.Assertions.assertThat;

import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * For tests outside the access package that change people by hand (plain SQL, as an operator could): the database
 * triggers tell this node's caches (the access cache and the API token cache that follows it) with a {@code NOTIFY},
 * which the listener applies a moment after the commit. {@link #settle} waits until everything committed before it
 * has been applied: notifications of one session arrive in order, so once our ping is handled, so is the change.
 * A precondition, never an assertion on time. Changes made through the application evict at once and need no wait.
 */
public final class CacheNotifications {
    private CacheNotifications() {
    }

    public static void settle(ApplicationContext context) throws InterruptedException {
        AccessCache cache = context.getBean(AccessCache.class);
        if (!cache.listening()) {
            return; // no cache in use: every request reads the database
        }
        String ping = "ping:" + java.util.UUID.randomUUID();
        JdbcClient.create(context.getBean(javax.sql.DataSource.class)).sql("SELECT pg_notify('" + AccessCache.CHANNEL + "', :p)")
                .param("p", ping).query((rs, i) -> 1).list();
        for (int i = 0; i < 400 && !ping.equals(cache.lastPing()); i++) {
            Thread.sleep(50);
        }
        assertThat(cache.lastPing()).as("the access cache's listener handled our ping").isEqualTo(ping);
    }

    /**
     * Runs {@code body} with the access cache's listener held back (notifications wait until it ends), so the test proves
     * that this node's own eviction, not the later {@code NOTIFY}, makes a change take effect.
     */
    public static void withListenerHeld(ApplicationContext context, ThrowingRunnable body) throws Exception {
        AccessCache cache = context.getBean(AccessCache.class);
        cache.holdListener();
        try {
            body.run();
        } finally {
            cache.releaseListener();
        }
    }

    public interface ThrowingRunnable {
        void run() throws Exception;
    }
}
