package com.atrium.audit;

import com.atrium.audit.AuditHashing.Content;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for the audit trail. Only INSERTs into audit_entry; the chain head is the per-practice lock. */
@Repository
class AuditRepository {
    private static final String COLUMNS = "practice_id, seq, occurred_at, actor_user_id, actor_name, action, client_id, "
            + "subject_user_id, before_text, after_text, prev_hash, hash, key_id";

    private final JdbcClient jdbc;
    private final org.springframework.jdbc.core.JdbcTemplate batch;

    AuditRepository(JdbcClient jdbc, org.springframework.jdbc.core.JdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    record Head(long lastSeq, String lastHash) {
        static final Head EMPTY = new Head(0, AuditHashing.GENESIS);
    }

    /** An entry as stored; keyId is null for an unsigned (v1) entry. */
    record StoredEntry(Content content, String keyId, String hash) {
    }

    /** Locks the practice's chain head until the transaction ends, creating it on the first append. */
    Head lockHead(long practiceId) {
        Optional<Head> head = selectHeadForUpdate(practiceId);
        if (head.isPresent()) {
            return head.get();
        }
        // First entry of the practice: two transactions may get here at once. ON CONFLICT DO NOTHING makes
        // the second wait for the first and then do nothing (no error that would abort its transaction);
        // both then queue on the row lock below.
        jdbc.sql("INSERT INTO audit_chain_head (practice_id, last_seq, last_hash) VALUES (:p, 0, :g) ON CONFLICT DO NOTHING")
                .param("p", practiceId).param("g", AuditHashing.GENESIS).update();
        return selectHeadForUpdate(practiceId).orElseThrow();
    }

    private Optional<Head> selectHeadForUpdate(long practiceId) {
        return jdbc.sql("SELECT last_seq, last_hash FROM audit_chain_head WHERE practice_id = :p FOR UPDATE")
                .param("p", practiceId)
                .query((rs, i) -> new Head(rs.getLong(1), rs.getString(2).trim()))
                .optional();
    }

    Head head(long practiceId) {
        return jdbc.sql("SELECT last_seq, last_hash FROM audit_chain_head WHERE practice_id = :p")
                .param("p", practiceId)
                .query((rs, i) -> new Head(rs.getLong(1), rs.getString(2).trim()))
                .optional().orElse(Head.EMPTY);
    }

    void append(Content c, String keyId, String hash) {
        jdbc.sql("INSERT INTO audit_entry (" + COLUMNS + ") VALUES (:p, :seq, :at, :actor, :actorName, :action, :client, "
                        + ":subject, :before, :after, :prev, :hash, :keyId)")
                .param("p", c.practiceId()).param("seq", c.seq())
                .param("at", OffsetDateTime.ofInstant(c.occurredAt(), ZoneOffset.UTC))
                .param("actor", c.actorUserId()).param("actorName", c.actorName()).param("action", c.action())
                .param("client", c.clientId()).param("subject", c.subjectUserId())
                .param("before", c.before()).param("after", c.after()).param("prev", c.prevHash()).param("hash", hash)
                .param("keyId", keyId)
                .update();
        int moved = jdbc.sql("UPDATE audit_chain_head SET last_seq = :seq, last_hash = :hash WHERE practice_id = :p AND last_seq = :prevSeq")
                .param("seq", c.seq()).param("hash", hash).param("p", c.practiceId()).param("prevSeq", c.seq() - 1)
                .update();
        if (moved != 1) {
            throw new IllegalStateException("Audit chain head of practice " + c.practiceId() + " moved while locked");
        }
    }

    /**
     * {@link #append} for consecutive entries of one practice (the head locked by the caller, the first entry following
     * it): one JDBC batch of inserts and one move of the head to the last entry.
     */
    void appendAll(List<Content> contents, String keyId, List<String> hashes) {
        if (contents.isEmpty()) {
            return;
        }
        List<Object[]> rows = new java.util.ArrayList<>();
        for (int i = 0; i < contents.size(); i++) {
            Content c = contents.get(i);
            rows.add(new Object[] {c.practiceId(), c.seq(), OffsetDateTime.ofInstant(c.occurredAt(), ZoneOffset.UTC), c.actorUserId(),
                    c.actorName(), c.action(), c.clientId(), c.subjectUserId(), c.before(), c.after(), c.prevHash(), hashes.get(i), keyId});
        }
        com.atrium.shared.JdbcBatches.update(batch, "INSERT INTO audit_entry (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                rows);
        Content first = contents.get(0);
        Content last = contents.get(contents.size() - 1);
        int moved = jdbc.sql("UPDATE audit_chain_head SET last_seq = :seq, last_hash = :hash WHERE practice_id = :p AND last_seq = :prevSeq")
                .param("seq", last.seq()).param("hash", hashes.get(hashes.size() - 1)).param("p", first.practiceId())
                .param("prevSeq", first.seq() - 1).update();
        if (moved != 1) {
            throw new IllegalStateException("Audit chain head of practice " + first.practiceId() + " moved while locked");
        }
    }

    /** Entries of a practice (or of one client of it, when clientId is given), newest first. */
    List<StoredEntry> page(long practiceId, Long clientId, long offset, int size) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM audit_entry WHERE practice_id = :p"
                        + (clientId == null ? "" : " AND client_id = :c") + " ORDER BY seq DESC LIMIT :limit OFFSET :offset")
                .param("p", practiceId).param("c", clientId).param("limit", size).param("offset", offset)
                .query(AuditRepository::entry).list();
    }

    /** Entries of a practice whose action is one of {@code actions}, newest first. */
    List<StoredEntry> pageOfActions(long practiceId, List<String> actions, long offset, int size) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM audit_entry WHERE practice_id = :p AND action IN (:actions)"
                        + " ORDER BY seq DESC LIMIT :limit OFFSET :offset")
                .param("p", practiceId).param("actions", actions).param("limit", size).param("offset", offset)
                .query(AuditRepository::entry).list();
    }

    long countByActorSince(long practiceId, long actorUserId, String action, java.time.OffsetDateTime since) {
        return jdbc.sql("""
                        SELECT COUNT(*) FROM audit_entry
                        WHERE practice_id = :p AND action = :a AND actor_user_id = :u AND occurred_at >= :since""")
                .param("p", practiceId).param("a", action).param("u", actorUserId).param("since", since).query(Long.class).single();
    }

    long countOfActions(long practiceId, List<String> actions) {
        return jdbc.sql("SELECT COUNT(*) FROM audit_entry WHERE practice_id = :p AND action IN (:actions)")
                .param("p", practiceId).param("actions", actions).query(Long.class).single();
    }

    long count(long practiceId, Long clientId) {
        return jdbc.sql("SELECT COUNT(*) FROM audit_entry WHERE practice_id = :p" + (clientId == null ? "" : " AND client_id = :c"))
                .param("p", practiceId).param("c", clientId).query(Long.class).single();
    }

    /** The next batch of a practice's chain after {@code afterSeq}, in order (keyset paging for the verifier). */
    List<StoredEntry> chainAfter(long practiceId, long afterSeq, int batch) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM audit_entry WHERE practice_id = :p AND seq > :after ORDER BY seq LIMIT :limit")
                .param("p", practiceId).param("after", afterSeq).param("limit", batch)
                .query(AuditRepository::entry).list();
    }

    /** Practices whose last entry is unsigned (written before the chain was keyed). */
    List<Long> practicesWithUnsignedHead() {
        return jdbc.sql("""
                        SELECT h.practice_id FROM audit_chain_head h
                        JOIN audit_entry e ON e.practice_id = h.practice_id AND e.seq = h.last_seq
                        WHERE e.key_id IS NULL ORDER BY 1""")
                .query(Long.class).list();
    }

    /** The key id of a practice's entry {@code seq} (null: unsigned or no such entry). */
    String keyIdOf(long practiceId, long seq) {
        return jdbc.sql("SELECT key_id FROM audit_entry WHERE practice_id = :p AND seq = :s")
                .param("p", practiceId).param("s", seq).query((rs, i) -> rs.getString(1)).list()
                .stream().filter(java.util.Objects::nonNull).findFirst().orElse(null);
    }

    /** Practices that have an audit trail (entries or a chain head). */
    List<Long> practicesWithTrail() {
        return jdbc.sql("""
                        SELECT practice_id FROM audit_chain_head
                        UNION SELECT DISTINCT practice_id FROM audit_entry
                        ORDER BY 1""")
                .query(Long.class).list();
    }

    private static StoredEntry entry(ResultSet rs, int i) throws SQLException {
        Content c = new Content(rs.getLong("practice_id"), rs.getLong("seq"),
                rs.getObject("occurred_at", OffsetDateTime.class).toInstant(), nullableLong(rs, "actor_user_id"),
                rs.getString("actor_name"), rs.getString("action"), nullableLong(rs, "client_id"),
                nullableLong(rs, "subject_user_id"), rs.getString("before_text"), rs.getString("after_text"),
                trim(rs.getString("prev_hash")));
        return new StoredEntry(c, rs.getString("key_id"), trim(rs.getString("hash")));
    }

    private static String trim(String s) {
        return s == null ? null : s.trim();
    }

    private static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }
}
