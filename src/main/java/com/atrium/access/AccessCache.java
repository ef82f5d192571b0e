package com.atrium.access;

import com.atrium.access.AccessSubjects.Subject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * This node's cache of access facts: per (user, client) the facts {@link AccessService#check} needs
 * (with the paths and permissions last computed from them), and per user the {@link Subject}.
 *
 * <p><b>Exactness.</b> Every fact method of {@link AccessService} calls {@link #changed}, which clears the
 * affected entries at once, again after the transaction completes (so a reader that loaded the old facts
 * before the commit cannot put them back), and sends {@code NOTIFY atrium_access '<scope>'} in the same
 * transaction, so every node (this one included) clears them when the change commits. Changes to people
 * (active, type, manager flag, name) come from database triggers (db/vendor/postgresql/V61). A global
 * generation number makes every put conditional: an entry loaded before any eviction is dropped.
 *
 * <p><b>When it is used.</b> Only while the listener is connected (PostgreSQL; never on H2): a node that
 * cannot hear other nodes' changes must not trust what it remembers, so it then goes to the database for
 * every check, and it starts empty again whenever the listener (re)connects. {@code atrium.access.cache.enabled=false}
 * turns it off altogether. Writing transactions never read or fill it (they must see their own changes).
 */
@Component
class AccessCache implements SmartLifecycle {
    static final String CHANNEL = "atrium_access";
    private static final Logger log = LoggerFactory.getLogger(AccessCache.class);

    /** The facts about one (user, client), as one query loads them, plus what was last derived from them. */
    static final class Entry {
        final FactReads.PairFacts relation;
        volatile Derived derived;

        Entry(FactReads.PairFacts relation) {
            this.relation = relation;
        }
    }

    /**
     * Paths and permissions for one subject (a changed subject, e.g. a new type, recomputes them) and, when
     * a grant with a last day is involved, for one day of the application clock.
     */
    record Derived(Subject subject, java.time.LocalDate day, List<AccessPath> paths, Set<Permission> permissions,
                   Decision[] decisions, int mask) {
        Derived(Subject subject, java.time.LocalDate day, List<AccessPath> paths, Set<Permission> permissions) {
            this(subject, day, paths, permissions, new Decision[Permission.values().length], maskOf(permissions));
        }

        /** Whether the permission is in the set: one bit test. */
        boolean allows(Permission p) {
            return (mask >>> p.ordinal() & 1) != 0;
        }

        /** The actor is the subject this was derived for (field by field: no Subject is built on the hit path). */
        boolean derivedFor(com.atrium.shared.Actor a) {
            Subject s = subject;
            return s.userId() == a.userId() && s.practiceId() == a.practiceId() && s.active() && s.practiceManager() == a.practiceManager()
                    && s.type().equals(a.type().name()) && java.util.Objects.equals(s.name(), a.name());
        }

        private static int maskOf(Set<Permission> permissions) {
            int m = 0;
            for (Permission p : permissions) {
                m |= 1 << p.ordinal();
            }
            return m;
        }
    }

    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final boolean enabled;
    private final int maxEntries;
    private final boolean postgres;
    private final AtomicLong generation = new AtomicLong();
    /** (user, client) packed into one long: user id in the high 32 bits, client id in the low 32. */
    private final LongTable<Entry> pairs = new LongTable<>();
    private final LongTable<Subject> subjects = new LongTable<>();
    /**
     * The yes/no hit path ({@link #mask}): per (user, client) the permission bitmask derived for the user as they are now
     * (no grant with a last day involved), beside the entries above and evicted with them.
     */
    private final LongMaskTable masks = new LongMaskTable();
    private volatile String lastPing;
    /** The LISTEN connection that hears every node's invalidations (PostgreSQL only). */
    private final InvalidationListener listener;
    /** Other modules' per-node caches that follow this one's evictions ({@link PeopleCacheEvents}). */
    private final java.util.List<java.util.function.LongConsumer> subscribers = new java.util.concurrent.CopyOnWriteArrayList<>();

    AccessCache(DataSource dataSource, JdbcClient jdbc, @Value("${atrium.access.cache.enabled:true}") boolean enabled,
                @Value("${atrium.access.cache.max-entries:500000}") int maxEntries) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.enabled = enabled;
        this.maxEntries = maxEntries;
        this.postgres = isPostgres(dataSource);
        this.listener = new InvalidationListener(dataSource, CHANNEL, this::evict, this::evictAll);
    }

    // ------------------------------------------------------------------ reads

    /** True when entries may be read and written by the current thread. */
    boolean usable() {
        if (!enabled || !listener.hearing()) {
            return false;
        }
        // a writing transaction may have changed facts it must see itself, uncommitted: no cache for it
        return !TransactionSynchronizationManager.isActualTransactionActive()
                || TransactionSynchronizationManager.isCurrentTransactionReadOnly();
    }

    /** Read before loading from the database; pass to the put. */
    long generation() {
        return generation.get();
    }

    /** The packed key, or -1 when an id does not fit in 32 bits (such a pair is simply not cached). */
    static long key(long userId, long clientId) {
        if (userId < 0 || userId > 0x7FFF_FFFFL || clientId < 0 || clientId > 0xFFFF_FFFFL) {
            return -1;
        }
        return userId << 32 | clientId;
    }

    Entry get(long userId, long clientId) {
        long k = key(userId, clientId);
        return k < 0 ? null : pairs.get(k);
    }

    /**
     * The hot path of {@code check}: the cached decision for this actor, permission and client, or null to take the
     * ordinary path (nothing cached, not usable, another subject, or an answer that depends on the day). No lock, no
     * boxing, no allocation.
     */
    Decision hit(com.atrium.shared.Actor actor, Permission permission, long clientId) {
        if (!usable()) {
            return null;
        }
        Entry e = get(actor.userId(), clientId);
        Derived d = e == null ? null : e.derived;
        if (d == null || d.day() != null || !d.derivedFor(actor)) {
            return null;
        }
        return d.decisions()[permission.ordinal()];
    }

    /** Like {@link #hit(com.atrium.shared.Actor, Permission, long)} for a subject found by id (the integrators' check). */
    Decision hit(Subject subject, Permission permission, long clientId) {
        Entry e = get(subject.userId(), clientId);
        Derived d = e == null ? null : e.derived;
        if (d == null || d.day() != null || !d.subject().equals(subject)) {
            return null;
        }
        return d.decisions()[permission.ordinal()];
    }

    void put(long userId, long clientId, Entry entry, long loadedAt) {
        long k = key(userId, clientId);
        if (k < 0 || generation.get() != loadedAt) {
            return;
        }
        if (pairs.size() >= maxEntries) {
            evictAll(); // crude bound: start over rather than track recency
        }
        // Check and insert atomically under the key's lock: an eviction bumps the generation before it removes
        // the key (under the same lock), so an entry loaded before it is either refused here or removed by it.
        // (Putting first and checking afterwards left a moment when another thread could read the stale entry.)
        pairs.putIf(k, entry, () -> generation.get() == loadedAt && listener.hearing());
    }

    /**
     * The hit path of the yes/no check ({@link AccessService#allows}): the permission bitmask of (user, client), or
     * {@link LongMaskTable#ABSENT} to take the ordinary path. One table read: no lock, no boxing, no allocation.
     */
    int mask(long userId, long clientId) {
        if (!usable()) {
            return LongMaskTable.ABSENT;
        }
        long k = key(userId, clientId);
        return k < 0 ? LongMaskTable.ABSENT : masks.get(k);
    }

    /**
     * Remembers the bitmask derived for the user as they are now, unless anything was evicted since {@code loadedAt}
     * (read before the user and the facts were read). Only for answers that do not depend on the day.
     */
    void putMask(long userId, long clientId, int mask, long loadedAt) {
        long k = key(userId, clientId);
        if (k < 0 || generation.get() != loadedAt) {
            return;
        }
        if (masks.size() >= maxEntries) {
            masks.clear(); // crude bound, as for the entries
        }
        masks.putIf(k, mask, () -> generation.get() == loadedAt && listener.hearing());
    }

    Subject subject(long userId) {
        return userId < 0 ? null : subjects.get(userId);
    }

    void putSubject(Subject subject, long loadedAt) {
        if (generation.get() != loadedAt || subject.userId() < 0) {
            return;
        }
        subjects.putIf(subject.userId(), subject, () -> generation.get() == loadedAt && listener.hearing());
    }

    // ------------------------------------------------------------------ invalidation

    /** What a change affects. */
    record Scope(String payload) {
        static Scope pair(long userId, long clientId) {
            return new Scope("pair:" + userId + ":" + clientId);
        }

        static Scope client(long clientId) {
            return new Scope("client:" + clientId);
        }

        /** Several clients in one message ({@code clients:1,2,3}; a node that does not know it clears everything). */
        static Scope clients(java.util.Collection<Long> clientIds) {
            return new Scope("clients:" + clientIds.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(",")));
        }

        static Scope user(long userId) {
            return new Scope("user:" + userId);
        }

        static Scope all() {
            return new Scope("all");
        }
    }

    /**
     * Called by every fact method, inside its transaction: clears now, after completion (commit or
     * rollback), and on every node when the transaction commits.
     */
    void changed(Scope scope) {
        evict(scope.payload());
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    evict(scope.payload());
                }
            });
        }
        if (postgres) {
            jdbc.sql("SELECT pg_notify('" + CHANNEL + "', :p)").param("p", scope.payload()).query((rs, i) -> 1).list();
        }
    }

    /**
     * {@link #changed} for many client scopes (a bulk import): one eviction pass and one notification per 500 clients
     * instead of one each.
     */
    void changedAll(java.util.List<Scope> clientScopes) {
        java.util.List<Long> ids = clientScopes.stream().map(s -> Long.parseLong(s.payload().substring("client:".length()))).toList();
        for (int from = 0; from < ids.size(); from += 500) {
            changed(Scope.clients(ids.subList(from, Math.min(ids.size(), from + 500))));
        }
    }

    void subscribe(java.util.function.LongConsumer onEviction) {
        subscribers.add(onEviction);
    }

    /** Tells the caches that follow this one ({@link PeopleCacheEvents}) that a user changed, or (-1) everything. */
    private void tellSubscribers(long userId) {
        for (java.util.function.LongConsumer s : subscribers) {
            s.accept(userId);
        }
    }

    /** Applies one invalidation message (from this node or from a NOTIFY). Unknown messages clear everything. */
    void evict(String payload) {
        generation.incrementAndGet(); // first: an in-flight put then drops itself
        String[] parts = payload == null ? new String[0] : payload.split(":");
        try {
            switch (parts.length > 0 ? parts[0] : "") {
                case "pair" -> {
                    long k = key(Long.parseLong(parts[1]), Long.parseLong(parts[2]));
                    if (k >= 0) {
                        masks.remove(k);
                        pairs.remove(k);
                    }
                }
                case "client" -> {
                    long clientId = Long.parseLong(parts[1]);
                    masks.removeIf(k -> (k & 0xFFFF_FFFFL) == clientId);
                    pairs.removeIf(k -> (k & 0xFFFF_FFFFL) == clientId);
                }
                case "clients" -> {
                    java.util.Set<Long> ids = new java.util.HashSet<>();
                    for (String id : parts[1].split(",")) {
                        ids.add(Long.parseLong(id));
                    }
                    masks.removeIf(k -> ids.contains(k & 0xFFFF_FFFFL));
                    pairs.removeIf(k -> ids.contains(k & 0xFFFF_FFFFL));
                }
                case "user" -> {
                    long userId = Long.parseLong(parts[1]);
                    tellSubscribers(userId);
                    subjects.remove(userId);
                    masks.removeIf(k -> (k >>> 32) == userId);
                    pairs.removeIf(k -> (k >>> 32) == userId);
                }
                case "ping" -> lastPing = payload; // tests learn that everything sent before it has been handled
                default -> evictAll();
            }
        } catch (RuntimeException e) {
            evictAll();
        }
    }

    void evictAll() {
        generation.incrementAndGet();
        pairs.clear();
        masks.clear();
        subjects.clear();
        tellSubscribers(-1);
    }

    // ------------------------------------------------------------------ the listener

    boolean listening() {
        return listener.listening();
    }

    /**
     * Tests only: keeps the listener from applying notifications (they wait) until {@link #releaseListener}, so a test
     * can prove that this node's own eviction after the commit is enough. Call both from the same thread.
     */
    void holdListener() {
        listener.hold();
    }

    void releaseListener() {
        listener.release();
    }

    /** How many notifications the listener has handled (tests wait on it; never used for decisions). */
    long notificationsHandled() {
        return listener.handled();
    }

    String lastPing() {
        return lastPing;
    }

    int size() {
        return pairs.size();
    }

    @Override
    public void start() {
        if (!enabled || !postgres) {
            log.info("Access cache off ({}): every check goes to the database", enabled ? "not PostgreSQL" : "disabled by configuration");
            return;
        }
        listener.start();
    }

    @Override
    public void stop() {
        listener.stop();
        evictAll();
    }

    @Override
    public boolean isRunning() {
        return listener.running();
    }

    private static boolean isPostgres(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            return "PostgreSQL".equals(c.getMetaData().getDatabaseProductName());
        } catch (SQLException e) {
            return false;
        }
    }
}
