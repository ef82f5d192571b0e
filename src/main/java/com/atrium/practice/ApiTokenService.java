package com.atrium.practice;

import com.atrium.audit.SecurityEvent;
import com.atrium.audit.SecurityEventKind;
import com.atrium.audit.SecurityEvents;
import com.atrium.access.PeopleCacheEvents;
import com.atrium.shared.Actor;
import com.atrium.shared.ForbiddenException;
import com.atrium.shared.InvalidInputException;
import com.atrium.shared.NotFoundException;
import com.atrium.shared.UserType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Personal API tokens: {@code atr_} + 256 random bits, stored only as their SHA-256 (a fast hash is
 * right for a high-entropy secret, so a script's call costs one indexed lookup instead of a bcrypt).
 * A token expires ({@value #DEFAULT_DAYS} days by default; "never" only when asked for). A revoked or expired token,
 * or one whose user is disabled or locked (too many wrong passwords), stops working at the next request. A request
 * authenticated by a token cannot create tokens (so a leaked token cannot mint others that outlive its revocation).
 */
@Service
public class ApiTokenService {
    static final String PREFIX = "atr_";
    /** The authority of a request authenticated by an API token. */
    public static final String TOKEN_AUTHORITY = "AUTH_API_TOKEN";
    static final int DEFAULT_DAYS = 90;
    static final int MAX_DAYS = 3650;
    private static final Duration LAST_USED_PRECISION = Duration.ofMinutes(1);
    private static final int MAX_ACTIVE = 20;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final SecurityEvents securityEvents;
    private static final long NEVER = Long.MAX_VALUE;
    private static final int MAX_CACHED = 100_000;
    private final PeopleCacheEvents events;
    /** token hash → the token's login, while {@link PeopleCacheEvents#trusted()} (see {@link #authenticate}). */
    private final java.util.concurrent.ConcurrentHashMap<String, CachedToken> cache = new java.util.concurrent.ConcurrentHashMap<>();

    ApiTokenService(JdbcClient jdbc, Clock clock, SecurityEvents securityEvents, PeopleCacheEvents events) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.securityEvents = securityEvents;
        this.events = events;
        events.subscribe(this::evicted);
    }

    /** Creates a token that expires after the default {@value #DEFAULT_DAYS} days. */
    @Transactional
    public NewApiToken create(Actor actor, String name) {
        return create(actor, name, DEFAULT_DAYS, false);
    }

    /**
     * Creates a token for the caller. {@code expiresInDays}: 1 to {@value #MAX_DAYS} (null: {@value #DEFAULT_DAYS});
     * {@code neverExpires}: no expiry at all. Refused (403) when the caller's own request was authenticated by a token.
     */
    @Transactional
    public NewApiToken create(Actor actor, String name, Integer expiresInDays, boolean neverExpires) {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.getAuthorities().stream().anyMatch(a -> TOKEN_AUTHORITY.equals(a.getAuthority()))) {
            throw new ForbiddenException("An API token cannot create API tokens. Create one on your profile page, or over "
                    + "HTTP Basic with your password.");
        }
        int days = expiresInDays == null ? DEFAULT_DAYS : expiresInDays;
        if (!neverExpires && (days < 1 || days > MAX_DAYS)) {
            throw new InvalidInputException("expiresInDays", "A token expires after 1 to " + MAX_DAYS + " days (or never, if you ask for it).");
        }
        String trimmed = name == null ? "" : name.trim();
        if (trimmed.isEmpty()) {
            throw new InvalidInputException("name", "Give the token a name, e.g. the script that uses it.");
        }
        if (trimmed.length() > 100) {
            throw new InvalidInputException("name", "A token name is at most 100 characters.");
        }
        long active = jdbc.sql("SELECT COUNT(*) FROM api_token WHERE user_id = :u AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > :now)")
                .param("u", actor.userId()).param("now", OffsetDateTime.now(clock)).query(Long.class).single();
        if (active >= MAX_ACTIVE) {
            throw new InvalidInputException("You already have " + MAX_ACTIVE + " active tokens; revoke one first.");
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        OffsetDateTime now = OffsetDateTime.now(clock);
        OffsetDateTime expiresAt = neverExpires ? null : now.plusDays(days);
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                        INSERT INTO api_token (practice_id, user_id, name, token_hash, created_at, expires_at)
                        VALUES (:p, :u, :n, :h, :at, :exp)""")
                .param("p", actor.practiceId()).param("u", actor.userId()).param("n", trimmed).param("h", hash(secret))
                .param("at", now).param("exp", expiresAt).update(keys, "id");
        securityEvents.record(SecurityEvent.of(SecurityEventKind.API_TOKEN_CREATED, actor.practiceId()).by(actor.userId())
                .about(actor.userId()).detail("Token #" + keys.getKey().longValue() + " \"" + trimmed + "\", "
                        + (expiresAt == null ? "never expires" : "expires " + expiresAt.toLocalDate())));
        return new NewApiToken(keys.getKey().longValue(), trimmed, now, expiresAt, secret);
    }

    /** The caller's tokens that still work (not revoked, not expired), newest first. */
    @Transactional(readOnly = true)
    public List<ApiTokenView> mine(Actor actor) {
        return jdbc.sql("""
                        SELECT id, name, created_at, expires_at, last_used_at FROM api_token
                        WHERE user_id = :u AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > :now)
                        ORDER BY created_at DESC, id DESC""")
                .param("u", actor.userId()).param("now", OffsetDateTime.now(clock))
                .query((rs, i) -> new ApiTokenView(rs.getLong(1), rs.getString(2), rs.getObject(3, OffsetDateTime.class),
                        rs.getObject(4, OffsetDateTime.class), rs.getObject(5, OffsetDateTime.class)))
                .list();
    }

    /** Revokes one of the caller's tokens (idempotent); someone else's id answers 404 like an unknown one. */
    @Transactional
    public void revoke(Actor actor, long tokenId) {
        int found = jdbc.sql("SELECT COUNT(*) FROM api_token WHERE id = :id AND user_id = :u")
                .param("id", tokenId).param("u", actor.userId()).query(Integer.class).single();
        if (found == 0) {
            throw new NotFoundException("API token");
        }
        int revoked = jdbc.sql("UPDATE api_token SET revoked_at = :at WHERE id = :id AND user_id = :u AND revoked_at IS NULL")
                .param("at", OffsetDateTime.now(clock)).param("id", tokenId).param("u", actor.userId()).update();
        if (revoked == 1) {
            events.userChanged(actor.userId()); // this node forgets the token at once, the others at the commit
            securityEvents.record(SecurityEvent.of(SecurityEventKind.API_TOKEN_REVOKED, actor.practiceId()).by(actor.userId())
                    .about(actor.userId()).detail("Token #" + tokenId));
        }
    }

    /**
     * The active user a token belongs to; empty for an unknown, revoked or expired token or a disabled or locked user.
     * Answered from this node's token cache when it may be trusted ({@link PeopleCacheEvents}: the access cache's
     * listener is connected), else with one indexed query (no transaction: a script's call costs no more). The cache is
     * exact: a revoked token, a disabled, changed or locked user is evicted in the writing transaction, after it, and on
     * every node at its commit (database triggers cover {@code api_token} and {@code app_user}, even changes by hand);
     * an expiry or the end of a lock is compared with the clock on every hit. Records the last use at most once a
     * minute (no write on every call).
     */
    public Optional<ApiTokenLogin> authenticate(String secret) {
        if (secret == null || !secret.startsWith(PREFIX) || secret.length() > 100) {
            return Optional.empty();
        }
        String h = hash(secret);
        long nowMs = clock.millis();
        boolean trusted = events.trusted();
        if (trusted) {
            CachedToken c = cache.get(h);
            if (c != null && (c.expiresAt == NEVER || nowMs < c.expiresAt) && c.lockedUntil <= nowMs) {
                touch(c.tokenId, c.lastUsed, nowMs);
                return c.login;
            }
        }
        long generation = events.generation();
        OffsetDateTime now = OffsetDateTime.ofInstant(java.time.Instant.ofEpochMilli(nowMs), clock.getZone());
        Optional<CachedToken> row = jdbc.sql("""
                        SELECT t.id AS token_id, t.last_used_at, t.expires_at, u.locked_until, u.id, u.practice_id, u.email,
                               u.first_name, u.last_name, u.user_type, u.practice_manager
                        FROM api_token t JOIN app_user u ON u.id = t.user_id AND u.practice_id = t.practice_id
                        WHERE t.token_hash = :h AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > :now)
                          AND u.active = TRUE AND (u.locked_until IS NULL OR u.locked_until <= :now)""")
                .param("h", h).param("now", now)
                .query((rs, i) -> {
                    UserType type = UserType.valueOf(rs.getString("user_type"));
                    Actor actor = new Actor(rs.getLong("id"), rs.getLong("practice_id"),
                            rs.getString("first_name") + " " + rs.getString("last_name"), rs.getString("email"), type,
                            rs.getBoolean("practice_manager"));
                    AtriumPrincipal principal = new AtriumPrincipal(actor.userId(), actor.email(), null, true, false, type.name());
                    return new CachedToken(rs.getLong("token_id"), actor.userId(), millis(rs.getObject("expires_at", OffsetDateTime.class), NEVER),
                            millis(rs.getObject("locked_until", OffsetDateTime.class), 0),
                            new java.util.concurrent.atomic.AtomicLong(millis(rs.getObject("last_used_at", OffsetDateTime.class), 0)),
                            Optional.of(new ApiTokenLogin(principal, actor)));
                })
                .optional();
        if (row.isEmpty()) {
            return Optional.empty();
        }
        CachedToken c = row.get();
        touch(c.tokenId, c.lastUsed, nowMs);
        if (trusted) {
            synchronized (cache) { // with the evictions: a load that an eviction overtook is not put (see evicted)
                if (events.generation() == generation) {
                    if (cache.size() >= MAX_CACHED) {
                        cache.clear();
                    }
                    cache.put(h, c);
                }
            }
        }
        return c.login;
    }

    /** The last use, at most once a minute per token (one thread wins the minute). */
    private void touch(long tokenId, java.util.concurrent.atomic.AtomicLong lastUsed, long nowMs) {
        long last = lastUsed.get();
        if (nowMs - last >= LAST_USED_PRECISION.toMillis() && lastUsed.compareAndSet(last, nowMs)) {
            jdbc.sql("UPDATE api_token SET last_used_at = :at WHERE id = :id")
                    .param("at", OffsetDateTime.ofInstant(java.time.Instant.ofEpochMilli(nowMs), clock.getZone())).param("id", tokenId).update();
        }
    }

    /** Applied for every eviction this node hears of: a user's tokens, or all of them (-1). */
    private void evicted(long userId) {
        synchronized (cache) {
            if (userId < 0) {
                cache.clear();
            } else {
                cache.values().removeIf(c -> c.userId == userId);
            }
        }
    }

    private static long millis(OffsetDateTime t, long ifNull) {
        return t == null ? ifNull : t.toInstant().toEpochMilli();
    }

    /** A token that worked, as last read: who it is, until when it works, and when its use was last recorded. */
    private record CachedToken(long tokenId, long userId, long expiresAt, long lockedUntil,
                               java.util.concurrent.atomic.AtomicLong lastUsed, Optional<ApiTokenLogin> login) {
    }

    static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
