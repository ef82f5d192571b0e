package com.atrium.access;

import org.springframework.stereotype.Component;

/**
 * For another module's per-node cache whose entries depend on people (the API token cache: token → actor): the access
 * cache's invalidation stream, so such a cache is exactly as fresh as the access cache and needs no listener of its own.
 * <ul>
 *   <li>{@link #trusted()}: entries may be read and written now (the listener is connected; otherwise go to the database);</li>
 *   <li>{@link #generation()}: read it before loading; a put is allowed only while it has not moved (an eviction in
 *   between means the load may be stale);</li>
 *   <li>{@link #subscribe}: called with the user id of every change to a person this node applies (or -1: forget
 *   everything, e.g. {@code all} or a lost listener), from this node's own changes at once and after their transaction,
 *   and from other nodes' and the database triggers' {@code NOTIFY}s (changes to client facts are not passed on);</li>
 *   <li>{@link #userChanged}: a change to a person the access cache need not re-derive facts for (a lock, a revoked
 *   token, an email): evicts that user's entries now, after the transaction, and on every node.</li>
 * </ul>
 */
@Component
public class PeopleCacheEvents {
    private final AccessCache cache;

    PeopleCacheEvents(AccessCache cache) {
        this.cache = cache;
    }

    public boolean trusted() {
        return cache.usable();
    }

    public long generation() {
        return cache.generation();
    }

    /** {@code onEviction} gets a user id, or -1 for "forget everything". */
    public void subscribe(java.util.function.LongConsumer onEviction) {
        cache.subscribe(onEviction);
    }

    public void userChanged(long userId) {
        cache.changed(AccessCache.Scope.user(userId));
    }
}
