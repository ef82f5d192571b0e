package com.atrium.crm;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The CRM file-note outbox (V132). */
@Repository
class FileNoteRepository {
    private final JdbcClient jdbc;

    FileNoteRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A connected, enabled integration of the practice that holds the client, with the client's id there. */
    record Holding(long integrationId, String externalId) {
    }

    List<Holding> holding(long practiceId, long householdId) {
        return jdbc.sql("""
                        SELECT i.id, l.external_id FROM crm_integration i JOIN crm_client_link l ON l.integration_id = i.id
                        WHERE i.practice_id = :p AND l.household_id = :h AND i.status = 'CONNECTED' AND i.enabled = TRUE
                        ORDER BY i.id""")
                .param("p", practiceId).param("h", householdId)
                .query((rs, i) -> new Holding(rs.getLong(1), rs.getString(2))).list();
    }

    /** Queues one note (nothing when this interaction already has one for this integration). True when queued. */
    boolean queue(long practiceId, long integrationId, long householdId, String externalId, String kind, long sourceId, String subject,
                  String content, String attachmentName, byte[] attachment, Long requestedBy, Instant now) {
        int n = jdbc.sql("""
                        INSERT INTO crm_file_note (practice_id, integration_id, household_id, external_id, guid, kind, source_id, subject,
                                                   content, attachment_name, attachment, status, next_attempt_at, requested_by, created_at)
                        VALUES (:p, :i, :h, :x, :g, :k, :s, :subject, :content, :an, :a, 'QUEUED', :now, :by, :now)
                        ON CONFLICT DO NOTHING""")
                .param("p", practiceId).param("i", integrationId).param("h", householdId).param("x", externalId).param("g", UUID.randomUUID())
                .param("k", kind).param("s", sourceId).param("subject", subject).param("content", content).param("an", attachmentName)
                .param("a", attachment).param("by", requestedBy).param("now", OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
                .update();
        return n > 0;
    }

    /** A note claimed for delivery ({@code attempts} counts the attempts before this one). */
    record Due(long id, long integrationId, String externalId, UUID guid, String subject, String content, String attachmentName,
               byte[] attachment, int attempts, int roundAttempts, String docid, boolean attachmentSent) {
    }

    /**
     * Claims the next due note (FOR UPDATE SKIP LOCKED, so two nodes never take the same one) and leases it: the attempt
     * is counted and the note is not due again until {@code leaseUntil}, committed before the CRM is called. A node that
     * dies mid-delivery leaves the note to be retried after the lease, and the attempt count says it may have arrived.
     */
    Optional<Due> claim(Instant now, Instant leaseUntil) {
        Optional<Due> due = jdbc.sql("""
                        SELECT id, integration_id, external_id, guid, subject, content, attachment_name, attachment, attempts, round_attempts,
                               docid, attachment_sent
                        FROM crm_file_note WHERE status = 'QUEUED' AND next_attempt_at <= :now
                        ORDER BY next_attempt_at, id FETCH FIRST 1 ROWS ONLY FOR UPDATE SKIP LOCKED""")
                .param("now", OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
                .query((rs, i) -> new Due(rs.getLong("id"), rs.getLong("integration_id"), rs.getString("external_id"),
                        rs.getObject("guid", UUID.class), rs.getString("subject"), rs.getString("content"), rs.getString("attachment_name"),
                        rs.getBytes("attachment"), rs.getInt("attempts"), rs.getInt("round_attempts"), rs.getString("docid"),
                        rs.getBoolean("attachment_sent")))
                .optional();
        due.ifPresent(d -> jdbc.sql("""
                        UPDATE crm_file_note SET attempts = attempts + 1, round_attempts = round_attempts + 1, next_attempt_at = :lease
                        WHERE id = :id""")
                .param("lease", OffsetDateTime.ofInstant(leaseUntil, ZoneOffset.UTC)).param("id", d.id()).update());
        return due;
    }

    void recordDocid(long id, String docid) {
        jdbc.sql("UPDATE crm_file_note SET docid = :d WHERE id = :id").param("d", docid).param("id", id).update();
    }

    void recordAttachmentSent(long id) {
        jdbc.sql("UPDATE crm_file_note SET attachment_sent = TRUE WHERE id = :id").param("id", id).update();
    }

    void sent(long id, String docid, Instant now) {
        jdbc.sql("UPDATE crm_file_note SET status = 'SENT', docid = :d, sent_at = :now, last_error = NULL WHERE id = :id")
                .param("d", docid).param("now", OffsetDateTime.ofInstant(now, ZoneOffset.UTC)).param("id", id).update();
    }

    /** A failed attempt: retried at {@code next}, or FAILED (given up) when {@code next} is null. */
    void failed(long id, String reason, Instant next) {
        jdbc.sql("UPDATE crm_file_note SET status = :s, last_error = :r, next_attempt_at = COALESCE(:next, next_attempt_at) WHERE id = :id")
                .param("s", next == null ? "FAILED" : "QUEUED").param("r", reason)
                .param("next", next == null ? null : OffsetDateTime.ofInstant(next, ZoneOffset.UTC)).param("id", id).update();
    }

    /** Puts a failed note back in the queue, due now (a new round of attempts; the guid check still applies). */
    boolean retry(long householdId, long id, Instant now) {
        return jdbc.sql("""
                        UPDATE crm_file_note SET status = 'QUEUED', round_attempts = 0, next_attempt_at = :now
                        WHERE id = :id AND household_id = :h AND status = 'FAILED'""")
                .param("now", OffsetDateTime.ofInstant(now, ZoneOffset.UTC)).param("id", id).param("h", householdId).update() == 1;
    }

    List<CrmNotesView.Note> list(long householdId) {
        return jdbc.sql("""
                        SELECT n.id, n.integration_id, i.name, n.kind, n.subject, n.content, n.attachment_name, n.status, n.docid, n.last_error,
                               n.attempts, n.created_at, n.sent_at, n.next_attempt_at
                        FROM crm_file_note n JOIN crm_integration i ON i.id = n.integration_id
                        WHERE n.household_id = :h ORDER BY n.created_at DESC, n.id DESC""")
                .param("h", householdId)
                .query(FileNoteRepository::note).list();
    }

    Optional<CrmNotesView.Note> find(long householdId, long id) {
        return list(householdId).stream().filter(n -> n.id() == id).findFirst();
    }

    private static CrmNotesView.Note note(ResultSet rs, int i) throws SQLException {
        return new CrmNotesView.Note(rs.getLong("id"), rs.getLong("integration_id"), rs.getString("name"), rs.getString("kind"),
                rs.getString("subject"), rs.getString("content"), rs.getString("attachment_name"), rs.getString("status"), rs.getString("docid"),
                rs.getString("last_error"), rs.getInt("attempts"), instant(rs, "created_at"), instant(rs, "sent_at"),
                instant(rs, "next_attempt_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    /** The integrations of the practice and whether each holds the client (its CRM id), for the "not linked" state. */
    List<CrmNotesView.Link> links(long practiceId, long householdId) {
        return jdbc.sql("""
                        SELECT i.id, i.name, i.status, i.enabled, l.external_id FROM crm_integration i
                        LEFT JOIN crm_client_link l ON l.integration_id = i.id AND l.household_id = :h
                        WHERE i.practice_id = :p ORDER BY i.id""")
                .param("p", practiceId).param("h", householdId)
                .query((rs, i) -> CrmNotesView.Link.of(rs.getLong(1), rs.getString(2),
                        "CONNECTED".equals(rs.getString(3)) && rs.getBoolean(4), rs.getString(5)))
                .list();
    }
}
