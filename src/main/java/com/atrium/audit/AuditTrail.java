package com.atrium.audit;

import com.atrium.access.AccessService;
import com.atrium.access.AccessSubjects;
import com.atrium.access.Permission;
import com.atrium.access.PracticePermission;
import com.atrium.audit.AuditHashing.Content;
import com.atrium.audit.AuditRepository.Head;
import com.atrium.audit.AuditRepository.StoredEntry;
import com.atrium.audit.ChainVerification.Problem;
import com.atrium.shared.Actor;
import com.atrium.shared.Page;
import com.atrium.shared.PageRequest;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The audit module's API: append to a practice's hash chain, read a client's history or the whole
 * trail, and verify the chain.
 * <p>
 * Appends happen inside the caller's transaction ({@link Propagation#MANDATORY}), so a change and its
 * record commit or roll back together. Appends in one practice serialise on that practice's chain head
 * row (locked until the transaction ends), which keeps the chain linear under concurrency: callers
 * should append at the end of their work, as event listeners naturally do.
 */
@Service
public class AuditTrail {
    static final int MAX_TEXT = 4000;
    private static final int VERIFY_BATCH = 1000;

    private final AuditRepository entries;
    private final AccessService access;
    private final AccessSubjects people;
    private final Clock clock;
    private final AuditKeys keys;

    AuditTrail(AuditRepository entries, AccessService access, AccessSubjects people, Clock clock, AuditKeys keys) {
        this.entries = entries;
        this.access = access;
        this.people = people;
        this.clock = clock;
        this.keys = keys;
    }

    // ------------------------------------------------------------------ append

    /** The entries recorded while {@link #deferred} runs on this thread (null: none runs). */
    private static final ThreadLocal<List<AuditRecord>> DEFERRED = new ThreadLocal<>();

    /**
     * Runs {@code work} (a bulk write: the CRM sync's chunk) collecting the entries it records, then appends them all in
     * the caller's transaction, in the order recorded: one chain-head lock, one JDBC batch, one head move, instead of three
     * statements each. The chain is the same as if each had been appended at once (each entry links to the one before and
     * is signed). If {@code work} throws, nothing it recorded is appended (its transaction or savepoint rolls back its
     * writes too). While it runs, {@link #record} answers -1 instead of a seq. A nested call (one record of the chunk,
     * under its savepoint) passes what it recorded to the outer one when it returns, and drops it when it throws.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public <T> T deferred(java.util.function.Supplier<T> work) {
        List<AuditRecord> outer = DEFERRED.get();
        List<AuditRecord> buffer = new java.util.ArrayList<>();
        DEFERRED.set(buffer);
        T result;
        try {
            result = work.get();
        } finally {
            if (outer == null) {
                DEFERRED.remove();
            } else {
                DEFERRED.set(outer);
            }
        }
        if (outer != null) {
            outer.addAll(buffer);
        } else {
            appendAll(buffer);
        }
        return result;
    }

    private void appendAll(List<AuditRecord> records) {
        Map<Long, List<AuditRecord>> byPractice = new java.util.TreeMap<>(); // heads locked in practice order
        records.forEach(r -> byPractice.computeIfAbsent(r.practiceId(), k -> new java.util.ArrayList<>()).add(r));
        Map<Long, String> names = new java.util.HashMap<>();
        for (Map.Entry<Long, List<AuditRecord>> e : byPractice.entrySet()) {
            long practiceId = e.getKey();
            Head head = entries.lockHead(practiceId);
            String keyId = keys.currentId();
            long seq = head.lastSeq();
            String prev = head.lastHash();
            List<Content> contents = new java.util.ArrayList<>();
            List<String> hashes = new java.util.ArrayList<>();
            for (AuditRecord record : e.getValue()) {
                String actorName = record.actorUserId() == null ? null
                        : names.computeIfAbsent(record.actorUserId(), id -> actorName(practiceId, id));
                Content content = new Content(practiceId, ++seq, AuditHashing.storable(record.occurredAt()), record.actorUserId(),
                        clip(actorName, 200), record.action(), record.clientId(), record.subjectUserId(), clip(record.before(), MAX_TEXT),
                        clip(record.after(), MAX_TEXT), prev);
                String hash = AuditHashing.signed(content, keyId, keys);
                contents.add(content);
                hashes.add(hash);
                prev = hash;
            }
            entries.appendAll(contents, keyId, hashes);
        }
    }

    private String actorName(long practiceId, long userId) {
        return people.find(userId).filter(s -> s.practiceId() == practiceId).map(AccessSubjects.Subject::name).orElse("user #" + userId);
    }

    /** Appends one entry to its practice's chain, in the caller's transaction. Returns its seq ({@code -1} inside {@link #deferred}). */
    @Transactional(propagation = Propagation.MANDATORY)
    public long record(AuditRecord record) {
        List<AuditRecord> deferred = DEFERRED.get();
        if (deferred != null) {
            deferred.add(record.occurredAt() != null ? record : new AuditRecord(record.practiceId(), record.actorUserId(), record.action(),
                    record.clientId(), record.subjectUserId(), record.before(), record.after(), clock.instant()));
            return -1;
        }
        String actorName = record.actorUserId() == null ? null
                : people.find(record.actorUserId()).filter(s -> s.practiceId() == record.practiceId())
                        .map(AccessSubjects.Subject::name).orElse("user #" + record.actorUserId());
        Instant at = AuditHashing.storable(record.occurredAt() == null ? clock.instant() : record.occurredAt());
        Head head = entries.lockHead(record.practiceId());
        Content content = new Content(record.practiceId(), head.lastSeq() + 1, at, record.actorUserId(), clip(actorName, 200),
                record.action(), record.clientId(), record.subjectUserId(), clip(record.before(), MAX_TEXT),
                clip(record.after(), MAX_TEXT), head.lastHash());
        entries.append(content, keys.currentId(), AuditHashing.signed(content, keys.currentId(), keys));
        return content.seq();
    }

    /**
     * Signs a chain written before the trail was keyed: when the practice's last entry is unsigned (v1), appends an
     * {@code AUDIT_TRAIL_SIGNED} entry with the current key. Its HMAC covers the last unsigned entry's hash, so from
     * then on no unsigned entry before it can be changed without the key (done for every practice at start-up,
     * {@link AuditKeyAdoption}). Returns whether an entry was appended.
     */
    @Transactional
    public boolean signUnsignedHead(long practiceId) {
        Head head = entries.lockHead(practiceId);
        if (head.lastSeq() == 0 || entries.keyIdOf(practiceId, head.lastSeq()) != null) {
            return false; // nothing, or already signed (another node got here first)
        }
        record(AuditRecord.of(practiceId, null, "AUDIT_TRAIL_SIGNED").change("Entries 1 to " + head.lastSeq()
                + " unsigned (SHA-256)", "Signed from entry " + (head.lastSeq() + 1) + " with audit key " + keys.currentId()));
        return true;
    }

    // ------------------------------------------------------------------ read

    /** A client's entries, newest first, for anyone who may see the client (404 otherwise, other practices included). */
    @Transactional(readOnly = true)
    public Page<AuditEntryView> clientHistory(Actor actor, long clientId, PageRequest page) {
        access.require(actor, Permission.VIEW_FILE, clientId);
        return page(actor.practiceId(), clientId, page);
    }

    /** The practice's whole trail, newest first: practice managers only. */
    @Transactional(readOnly = true)
    public Page<AuditEntryView> practiceTrail(Actor actor, PageRequest page) {
        access.require(actor, PracticePermission.VIEW_AUDIT_TRAIL);
        return page(actor.practiceId(), null, page);
    }

    private Page<AuditEntryView> page(long practiceId, Long clientId, PageRequest page) {
        List<AuditEntryView> items = entries.page(practiceId, clientId, page.offset(), page.size()).stream()
                .map(AuditTrail::view).toList();
        long total = items.size() < page.size() && (page.page() == 0 || !items.isEmpty())
                ? page.offset() + items.size() : entries.count(practiceId, clientId);
        return new Page<>(items, page.page(), page.size(), total);
    }

    // ------------------------------------------------------------------ verify

    /** Verifies the actor's practice's chain: practice managers only. */
    @Transactional(readOnly = true)
    public ChainVerification verify(Actor actor) {
        access.require(actor, PracticePermission.VIEW_AUDIT_TRAIL);
        return verify(actor.practiceId());
    }

    /** Verifies every practice's chain (the operator's command-line check). */
    @Transactional(readOnly = true)
    public List<ChainVerification> verifyAll() {
        return entries.practicesWithTrail().stream().map(this::verify).toList();
    }

    /**
     * Walks one practice's chain from the first entry: each entry must follow the previous one without
     * a gap, carry the previous entry's hash, and match its own hash; the last one must be the chain head
     * Atrium recorded. Stops at the first break.
     */
    @Transactional(readOnly = true)
    public ChainVerification verify(long practiceId) {
        Head before = entries.head(practiceId); // every entry up to here had committed when we read it
        long expected = 1;
        String prev = AuditHashing.GENESIS;
        String lastKey = null; // the key of the last entry checked (null: unsigned)
        List<StoredEntry> batch = entries.chainAfter(practiceId, 0, VERIFY_BATCH);
        while (!batch.isEmpty()) {
            for (StoredEntry e : batch) {
                Content c = e.content();
                if (c.seq() != expected) {
                    return broken(practiceId, expected - 1, prev, expected, Problem.GAP, expected == c.seq() - 1
                            ? "Entry " + expected + " is missing (the next entry is " + c.seq() + ")"
                            : "Entries " + expected + " to " + (c.seq() - 1) + " are missing");
                }
                if (!prev.equals(c.prevHash())) {
                    return broken(practiceId, expected - 1, prev, c.seq(), Problem.LINK_BROKEN, "Entry " + c.seq()
                            + " does not link to entry " + (c.seq() - 1) + ": its prev_hash is not that entry's hash");
                }
                if (e.keyId() == null && lastKey != null) {
                    return broken(practiceId, expected - 1, prev, c.seq(), Problem.UNSIGNED, "Entry " + c.seq()
                            + " is not signed, but entries before it are: it was rewritten by someone without the audit key");
                }
                if (e.keyId() != null && !keys.knows(e.keyId())) {
                    return broken(practiceId, expected - 1, prev, c.seq(), Problem.UNKNOWN_KEY, "Entry " + c.seq()
                            + " is signed with audit key " + e.keyId() + ", which is not configured"
                            + " (add it to atrium.audit.retired-keys, see docs/operations.md)");
                }
                String expectedHash = e.keyId() == null ? AuditHashing.hash(c) : AuditHashing.signed(c, e.keyId(), keys);
                if (!expectedHash.equals(e.hash())) {
                    return broken(practiceId, expected - 1, prev, c.seq(), Problem.CONTENT_ALTERED, "Entry " + c.seq()
                            + " was changed after it was written: its content no longer matches its "
                            + (e.keyId() == null ? "hash" : "signature"));
                }
                prev = e.hash();
                lastKey = e.keyId();
                expected++;
            }
            batch = entries.chainAfter(practiceId, expected - 1, VERIFY_BATCH);
        }
        long count = expected - 1;
        if (count < before.lastSeq()) {
            return broken(practiceId, count, prev, count + 1, Problem.GAP, "Entries " + (count + 1) + " to " + before.lastSeq()
                    + " are missing: the chain head records " + before.lastSeq() + " entries");
        }
        Head after = entries.head(practiceId); // may have moved on if entries were appended while we walked
        if (count > after.lastSeq()) {
            return broken(practiceId, after.lastSeq(), prev, after.lastSeq() + 1, Problem.HEAD_MISMATCH, "Entry "
                    + (after.lastSeq() + 1) + " was not appended by Atrium: the chain head records " + after.lastSeq() + " entries");
        }
        if (count == after.lastSeq() && !prev.equals(after.lastHash())) {
            return broken(practiceId, count - 1, null, count, Problem.HEAD_MISMATCH, "Entry " + count
                    + " is not the entry Atrium appended last: its hash differs from the chain head");
        }
        if (count > 0 && lastKey == null) {
            return broken(practiceId, count - 1, null, count, Problem.UNSIGNED, "Entry " + count + ", the last one, is not signed:"
                    + " a chain is signed from its first entry or from an AUDIT_TRAIL_SIGNED entry, which Atrium appends at"
                    + " start-up, so the chain was rewritten by someone without the audit key");
        }
        return new ChainVerification(practiceId, true, count, prev, null, null,
                count == 0 ? "No entries yet" : "All " + count + " entries are intact and linked", clock.instant());
    }

    private ChainVerification broken(long practiceId, long good, String lastGoodHash, long seq, Problem problem, String detail) {
        return new ChainVerification(practiceId, false, good, lastGoodHash, seq, problem, detail, clock.instant());
    }

    // ------------------------------------------------------------------ helpers

    static AuditEntryView view(StoredEntry e) {
        Content c = e.content();
        return new AuditEntryView(c.seq(), c.occurredAt(), c.actorUserId(), c.actorName() == null ? "Atrium" : c.actorName(),
                c.action(), label(c.action()), c.clientId(), c.subjectUserId(), c.before(), c.after(), c.prevHash(), e.hash());
    }

    /** TEAM_MEMBER_ADDED -> "Team member added". */
    static String label(String action) {
        for (SecurityEventKind kind : SecurityEventKind.values()) {
            if (kind.name().equals(action)) {
                return kind.label();
            }
        }
        String words = action.replace('_', ' ').toLowerCase(Locale.ROOT);
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    private static String clip(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        return text.substring(0, max - 1) + "…";
    }
}
