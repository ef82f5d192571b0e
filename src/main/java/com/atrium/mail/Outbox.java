package com.atrium.mail;

import java.time.Clock;
import java.time.OffsetDateTime;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The mail module's API: queue an email in the caller's transaction (so it exists if and only if the change
 * that causes it commits). {@code OutboxJob} delivers it later and retries until the SMTP server takes it.
 */
@Service
public class Outbox {
    private final org.springframework.jdbc.core.JdbcTemplate batch;
    private final JdbcClient jdbc;
    private final Clock clock;

    Outbox(JdbcClient jdbc, Clock clock, org.springframework.jdbc.core.JdbcTemplate batch) {
        this.batch = batch;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Queues an email (plain text). Must run inside the transaction of the change that causes it. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void email(Long practiceId, String kind, String to, String subject, String body) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        jdbc.sql("""
                        INSERT INTO mail_outbox (practice_id, channel, kind, recipient, subject, body, created_at, next_attempt_at)
                        VALUES (:p, 'EMAIL', :k, :to, :s, :b, :at, :at)""")
                .param("p", practiceId).param("k", kind).param("to", to).param("s", subject).param("b", body).param("at", now)
                .update();
    }

    /** One email to queue with {@link #emails}. */
    public record Email(Long practiceId, String kind, String to, String subject, String body) {
    }

    /** Queues many emails in the caller's transaction, in one JDBC batch (a bulk invitation). */
    @Transactional(propagation = Propagation.MANDATORY)
    public void emails(java.util.List<Email> emails) {
        if (emails.isEmpty()) {
            return;
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        java.util.List<Object[]> rows = emails.stream().map(e -> new Object[] {e.practiceId(), e.kind(), e.to(), e.subject(), e.body(), now, now})
                .toList();
        batch.batchUpdate("""
                INSERT INTO mail_outbox (practice_id, channel, kind, recipient, subject, body, created_at, next_attempt_at)
                VALUES (?, 'EMAIL', ?, ?, ?, ?, ?, ?)""", rows);
    }

    /** Records a text message as delivered (the demo {@link SmsSender}): shown in the dev mailbox. */
    @Transactional
    void recordSms(Long practiceId, String kind, String to, String body) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        jdbc.sql("""
                        INSERT INTO mail_outbox (practice_id, channel, kind, recipient, subject, body, created_at, next_attempt_at, sent_at)
                        VALUES (:p, 'SMS', :k, :to, :s, :b, :at, :at, :at)""")
                .param("p", practiceId).param("k", kind).param("to", to).param("s", "Text message").param("b", body).param("at", now)
                .update();
    }
}
