package com.atrium.practice;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for password changes, reset requests and reset tokens. */
@Repository
class PasswordRepository {
    private final JdbcClient jdbc;

    PasswordRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record PendingRequest(long id, String email, String clientAddress, OffsetDateTime requestedAt) {
    }

    record Token(long id, long practiceId, long userId, OffsetDateTime expiresAt, OffsetDateTime usedAt) {
    }

    void setPassword(long userId, String hash) {
        jdbc.sql("UPDATE app_user SET password_hash = :h WHERE id = :id").param("h", hash).param("id", userId).update();
    }

    /** A reset proves the person reads the account's mailbox: the failed-password counter and its lock start afresh. */
    void clearPasswordLock(long userId) {
        jdbc.sql("UPDATE app_user SET failed_logins = 0, locked_until = NULL WHERE id = :id").param("id", userId).update();
    }

    // ------------------------------------------------------------------ requests

    long insertRequest(String email, String clientAddress, OffsetDateTime now) {
        org.springframework.jdbc.support.GeneratedKeyHolder keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.sql("INSERT INTO password_reset_request (email, client_address, requested_at) VALUES (:e, :c, :at)")
                .param("e", email).param("c", clientAddress).param("at", now).update(keys, "id");
        return keys.getKey().longValue();
    }

    long requestsFromClientSince(String clientAddress, OffsetDateTime since) {
        return jdbc.sql("SELECT COUNT(*) FROM password_reset_request WHERE client_address = :c AND requested_at > :s")
                .param("c", clientAddress).param("s", since).query(Long.class).single();
    }

    long linksSentToSince(String email, OffsetDateTime since) {
        return jdbc.sql("SELECT COUNT(*) FROM password_reset_request WHERE email = :e AND requested_at > :s AND outcome = 'SENT'")
                .param("e", email).param("s", since).query(Long.class).single();
    }

    /** Up to 100 pending requests, oldest first. */
    List<Long> pendingRequestIds() {
        return jdbc.sql("SELECT id FROM password_reset_request WHERE processed_at IS NULL ORDER BY id FETCH FIRST 100 ROWS ONLY")
                .query(Long.class).list();
    }

    /** Claims one pending request (waits while another node processes it, then finds it done). */
    Optional<PendingRequest> claimPending(long id) {
        return jdbc.sql("SELECT id, email, client_address, requested_at FROM password_reset_request "
                        + "WHERE id = :id AND processed_at IS NULL FOR UPDATE")
                .param("id", id)
                .query((rs, i) -> new PendingRequest(rs.getLong(1), rs.getString(2), rs.getString(3),
                        rs.getObject(4, OffsetDateTime.class)))
                .optional();
    }

    void processed(long id, String outcome, OffsetDateTime now) {
        jdbc.sql("UPDATE password_reset_request SET processed_at = :at, outcome = :o WHERE id = :id")
                .param("at", now).param("o", outcome).param("id", id).update();
    }

    int deleteRequestsBefore(OffsetDateTime before) {
        return jdbc.sql("DELETE FROM password_reset_request WHERE processed_at IS NOT NULL AND requested_at < :b")
                .param("b", before).update();
    }

    // ------------------------------------------------------------------ tokens

    void insertToken(long practiceId, long userId, String tokenHash, OffsetDateTime now, OffsetDateTime expires) {
        jdbc.sql("""
                        INSERT INTO password_reset_token (practice_id, user_id, token_hash, created_at, expires_at)
                        VALUES (:p, :u, :h, :at, :x)""")
                .param("p", practiceId).param("u", userId).param("h", tokenHash).param("at", now).param("x", expires).update();
    }

    /** Ends every token of the account that is still open (a newer link, or a new password, replaces them). */
    void endTokens(long userId, OffsetDateTime now) {
        jdbc.sql("UPDATE password_reset_token SET used_at = :at WHERE user_id = :u AND used_at IS NULL")
                .param("at", now).param("u", userId).update();
    }

    Optional<Token> tokenByHash(String hash, boolean lock) {
        return jdbc.sql("SELECT id, practice_id, user_id, expires_at, used_at FROM password_reset_token WHERE token_hash = :h"
                        + (lock ? " FOR UPDATE" : ""))
                .param("h", hash)
                .query((rs, i) -> new Token(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getObject(4, OffsetDateTime.class),
                        rs.getObject(5, OffsetDateTime.class)))
                .optional();
    }

    /** Uses the token if it is still open: true for exactly one caller. */
    boolean useToken(long id, OffsetDateTime now) {
        return jdbc.sql("UPDATE password_reset_token SET used_at = :at WHERE id = :id AND used_at IS NULL AND expires_at > :at")
                .param("at", now).param("id", id).update() == 1;
    }
}
