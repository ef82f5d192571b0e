package com.atrium.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

/**
 * The canonical form of an entry and its hash. Written down in docs/operations.md so the chain can be
 * checked without Atrium: the UTF-8 bytes of
 * <pre>
 * atrium-audit-v1\n
 * practice_id=&lt;field&gt;\n seq=... occurred_at=... actor_user_id=... actor_name=... action=...
 * client_id=... subject_user_id=... before_text=... after_text=... prev_hash=...\n
 * </pre>
 * where each field is {@code -} when null, otherwise {@code <UTF-8 byte length>:<value>}, and
 * occurred_at is UTC with exactly six fraction digits ({@code 2026-05-03T10:15:30.123456Z}).
 * Length prefixes make the form unambiguous whatever the texts contain.
 * <p>
 * Two versions: <b>v2</b> (every entry written since issue 10, finding 12) inserts {@code key_id=<field>\n} after the
 * version line, which reads {@code atrium-audit-v2}, and hash = lower-case hex <b>HMAC-SHA256</b> of the bytes with the
 * audit key of that id ({@link AuditKeys}), which is not in the database. <b>v1</b> (entries written before, whose
 * key_id is NULL): hash = lower-case hex SHA-256 of the v1 bytes; anyone can recompute those, so a chain accepts them
 * only before its first signed entry, and its last entry must be signed.
 */
final class AuditHashing {
    /** prev_hash of a practice's first entry. */
    static final String GENESIS = "0".repeat(64);
    static final String VERSION = "atrium-audit-v1";
    static final String VERSION_SIGNED = "atrium-audit-v2";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
            .withZone(ZoneOffset.UTC);

    private AuditHashing() {
    }

    /** The content of one entry, exactly as stored. */
    record Content(long practiceId, long seq, Instant occurredAt, Long actorUserId, String actorName, String action,
                   Long clientId, Long subjectUserId, String before, String after, String prevHash) {
    }

    /** Both databases keep microseconds; hashing the stored precision keeps stored and recomputed hashes equal. */
    static Instant storable(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    /** The v1 form (unsigned entries written before the chain was keyed). */
    static String canonical(Content c) {
        return fields(new StringBuilder(VERSION).append('\n'), c);
    }

    /** The v2 form of an entry signed with the key {@code keyId}. */
    static String canonicalSigned(Content c, String keyId) {
        StringBuilder sb = new StringBuilder(VERSION_SIGNED).append('\n');
        field(sb, "key_id", keyId);
        return fields(sb, c);
    }

    /** The stored hash of a signed entry: HMAC-SHA256 of its v2 form with its key. */
    static String signed(Content c, String keyId, AuditKeys keys) {
        return keys.sign(keyId, canonicalSigned(c, keyId));
    }

    private static String fields(StringBuilder sb, Content c) {
        field(sb, "practice_id", Long.toString(c.practiceId()));
        field(sb, "seq", Long.toString(c.seq()));
        field(sb, "occurred_at", TIME.format(storable(c.occurredAt())));
        field(sb, "actor_user_id", c.actorUserId() == null ? null : c.actorUserId().toString());
        field(sb, "actor_name", c.actorName());
        field(sb, "action", c.action());
        field(sb, "client_id", c.clientId() == null ? null : c.clientId().toString());
        field(sb, "subject_user_id", c.subjectUserId() == null ? null : c.subjectUserId().toString());
        field(sb, "before_text", c.before());
        field(sb, "after_text", c.after());
        field(sb, "prev_hash", c.prevHash());
        return sb.toString();
    }

    /** The stored hash of an unsigned (v1) entry: plain SHA-256. */
    static String hash(Content c) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical(c).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static void field(StringBuilder sb, String name, String value) {
        sb.append(name).append('=');
        if (value == null) {
            sb.append('-');
        } else {
            sb.append(value.getBytes(StandardCharsets.UTF_8).length).append(':').append(value);
        }
        sb.append('\n');
    }
}
