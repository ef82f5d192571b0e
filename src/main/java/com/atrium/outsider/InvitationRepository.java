package com.atrium.outsider;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for outsider invitations. */
@Repository
class InvitationRepository {
    private final JdbcClient jdbc;

    InvitationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Invitation(long id, long practiceId, String email, String firstName, String lastName, String mobile, OffsetDateTime tokenExpiresAt,
                      OffsetDateTime createdAt, OffsetDateTime reminder1At, OffsetDateTime reminder2At, OffsetDateTime acceptedAt,
                      OffsetDateTime cancelledAt) {
        String name() {
            return firstName + " " + lastName;
        }
    }

    private static final String COLUMNS = "id, practice_id, email, first_name, last_name, mobile, token_expires_at, created_at, "
            + "reminder1_at, reminder2_at, accepted_at, cancelled_at";

    Optional<Invitation> byEmail(long practiceId, String email, boolean lock) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM outsider_invitation WHERE practice_id = :p AND email = :e" + (lock ? " FOR UPDATE" : ""))
                .param("p", practiceId).param("e", email).query((rs, i) -> row(rs)).optional();
    }

    Optional<Invitation> byTokenHash(String hash, boolean lock) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM outsider_invitation WHERE token_hash = :h" + (lock ? " FOR UPDATE" : ""))
                .param("h", hash).query((rs, i) -> row(rs)).optional();
    }

    void insert(long practiceId, String email, String first, String last, String mobile, String tokenHash, OffsetDateTime expires,
                long invitedBy, OffsetDateTime now) {
        jdbc.sql("""
                        INSERT INTO outsider_invitation (practice_id, email, first_name, last_name, mobile, token_hash, token_expires_at,
                                                         invited_by, created_at)
                        VALUES (:p, :e, :f, :l, :m, :h, :x, :by, :at)""")
                .param("p", practiceId).param("e", email).param("f", first).param("l", last).param("m", mobile).param("h", tokenHash)
                .param("x", expires).param("by", invitedBy).param("at", now).update();
    }

    /** A fresh link (earlier links stop working). {@code restart}: a cancelled invitation starts over, reminders included. */
    void reissue(long id, String first, String last, String mobile, String tokenHash, OffsetDateTime expires, boolean restart,
                 OffsetDateTime now) {
        jdbc.sql("""
                        UPDATE outsider_invitation SET first_name = :f, last_name = :l, mobile = :m, token_hash = :h, token_expires_at = :x,
                               cancelled_at = NULL,
                               created_at = CASE WHEN :restart THEN :now ELSE created_at END,
                               reminder1_at = CASE WHEN :restart THEN NULL ELSE reminder1_at END,
                               reminder2_at = CASE WHEN :restart THEN NULL ELSE reminder2_at END
                        WHERE id = :id""")
                .param("f", first).param("l", last).param("m", mobile).param("h", tokenHash).param("x", expires)
                .param("restart", restart).param("now", now).param("id", id).update();
    }

    void rotate(long id, String tokenHash, OffsetDateTime expires) {
        jdbc.sql("UPDATE outsider_invitation SET token_hash = :h, token_expires_at = :x WHERE id = :id")
                .param("h", tokenHash).param("x", expires).param("id", id).update();
    }

    void accepted(long id, long userId, OffsetDateTime now) {
        jdbc.sql("UPDATE outsider_invitation SET accepted_at = :at, accepted_user_id = :u, token_expires_at = :at WHERE id = :id")
                .param("at", now).param("u", userId).param("id", id).update();
    }

    void cancelled(long id, OffsetDateTime now) {
        jdbc.sql("UPDATE outsider_invitation SET cancelled_at = :at WHERE id = :id").param("at", now).param("id", id).update();
    }

    void reminderSent(long id, int which, OffsetDateTime now) {
        jdbc.sql("UPDATE outsider_invitation SET reminder" + (which == 1 ? "1" : "2") + "_at = :at WHERE id = :id")
                .param("at", now).param("id", id).update();
    }

    /**
     * Pending invitations due for reminder 1 (7 to 30 days old, not reminded) or 2 (30 days old or more, not
     * reminded), claimed so that two nodes never remind the same one.
     */
    /** Due invitations handled per transaction by the reminder job. */
    static final int REMINDER_BATCH = 200;

    List<Invitation> dueForReminder(OffsetDateTime now) {
        return jdbc.sql("SELECT " + COLUMNS + """
                         FROM outsider_invitation
                        WHERE accepted_at IS NULL AND cancelled_at IS NULL
                          AND ((reminder1_at IS NULL AND created_at <= :d7 AND created_at > :d30)
                               OR (reminder2_at IS NULL AND created_at <= :d30))
                        ORDER BY id FETCH FIRST :batch ROWS ONLY FOR UPDATE SKIP LOCKED""")
                .param("batch", REMINDER_BATCH).param("d7", now.minusDays(7)).param("d30", now.minusDays(30)).query((rs, i) -> row(rs)).list();
    }

    private static Invitation row(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Invitation(rs.getLong("id"), rs.getLong("practice_id"), rs.getString("email"), rs.getString("first_name"),
                rs.getString("last_name"), rs.getString("mobile"), rs.getObject("token_expires_at", OffsetDateTime.class),
                rs.getObject("created_at", OffsetDateTime.class), rs.getObject("reminder1_at", OffsetDateTime.class),
                rs.getObject("reminder2_at", OffsetDateTime.class), rs.getObject("accepted_at", OffsetDateTime.class),
                rs.getObject("cancelled_at", OffsetDateTime.class));
    }
}
