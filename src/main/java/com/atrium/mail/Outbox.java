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
    private final JdbcClient jdbc;
    private final Clock clock;

    Outbox(JdbcClient jdbc, Clock clock) {
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
