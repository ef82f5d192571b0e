package com.atrium.mail;

import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import com.atrium.shared.OutboxRuns;
import java.time.OffsetDateTime;
import java.util.List;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Delivers the outbox. Each message is handled in its own transaction: the row is claimed with
 * {@code FOR UPDATE SKIP LOCKED} (two nodes never take the same one), sent, and marked sent in that same
 * transaction. When SMTP fails the attempt is counted and retried later with a back-off (1, 2, 4 ... up
 * to 60 minutes): nothing is lost while the server is down, nothing is sent twice once it is back.
 * ShedLock keeps it to one node at a time.
 */
@Component
public class OutboxJob {
    private static final Logger log = LoggerFactory.getLogger(OutboxJob.class);

    private final JdbcClient jdbc;
    private final JavaMailSender mail;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final String from;

    OutboxJob(JdbcClient jdbc, JavaMailSender mail, TransactionTemplate tx, Clock clock,
              @Value("${atrium.mail.from:Atrium <no-reply@atrium.example>}") String from) {
        this.jdbc = jdbc;
        this.mail = mail;
        this.tx = tx;
        this.clock = clock;
        this.from = from;
    }

    /** Sends every due message; returns how many were delivered in this run (null when another node holds the lock). */
    @SchedulerLock(name = "mail-outbox", lockAtMostFor = "PT5M")
    public Integer deliverDue() {
        // until nothing is due: a failed message is rescheduled into the future, so this ends even with SMTP down
        return OutboxRuns.drain(() -> tx.execute(s -> deliverOne()));
    }

    /** Claims and sends one due message: null when none is due, true when sent, false when the attempt failed. */
    private Boolean deliverOne() {
        OffsetDateTime now = OffsetDateTime.now(clock);
        List<Message> due = jdbc.sql("""
                        SELECT id, recipient, subject, body, attempts FROM mail_outbox
                        WHERE sent_at IS NULL AND channel = 'EMAIL' AND next_attempt_at <= :now
                        ORDER BY next_attempt_at, id FETCH FIRST 1 ROWS ONLY FOR UPDATE SKIP LOCKED""")
                .param("now", now)
                .query((rs, i) -> new Message(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5)))
                .list();
        if (due.isEmpty()) {
            return null;
        }
        Message m = due.get(0);
        try {
            MimeMessage mime = mail.createMimeMessage();
            MimeMessageHelper h = new MimeMessageHelper(mime, "UTF-8");
            h.setFrom(from);
            h.setTo(m.recipient());
            h.setSubject(m.subject());
            h.setText(m.body());
            // lets the dev mailbox find what the demo SMTP server received for this row
            mime.setHeader(DemoSmtpServer.OUTBOX_ID_HEADER, Long.toString(m.id()));
            mail.send(mime);
        } catch (Exception e) {
            jdbc.sql("UPDATE mail_outbox SET attempts = attempts + 1, last_error = :err, next_attempt_at = :next WHERE id = :id")
                    .param("err", OutboxRuns.reason(e.getMessage())).param("next", now.plus(OutboxRuns.backoff(m.attempts() + 1))).param("id", m.id())
                    .update();
            log.warn("Mail {} to {} not delivered (attempt {}): {}", m.id(), m.recipient(), m.attempts() + 1, e.getMessage());
            return false;
        }
        jdbc.sql("UPDATE mail_outbox SET sent_at = :now, attempts = attempts + 1, last_error = NULL WHERE id = :id")
                .param("now", now).param("id", m.id()).update();
        return true;
    }

    /** Runs the job on a schedule unless {@code atrium.jobs.enabled=false} (tests run it themselves). */
    @Component
    @ConditionalOnProperty(name = "atrium.jobs.enabled", havingValue = "true", matchIfMissing = true)
    static class Schedule {
        private final OutboxJob job;

        Schedule(OutboxJob job) {
            this.job = job;
        }

        @Scheduled(fixedDelayString = "${atrium.mail.outbox-delay:PT10S}", initialDelayString = "PT5S")
        void run() {
            job.deliverDue();
        }
    }

    private record Message(long id, String recipient, String subject, String body, int attempts) {
    }
}
