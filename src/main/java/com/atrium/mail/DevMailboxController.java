package com.atrium.mail;

import jakarta.mail.MessagingException;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The dev mailbox: every email and text message Atrium queued or sent, newest first, with its links
 * clickable, so a person trying the demo can follow an invitation or read a login code. An email the outbox has
 * delivered is shown as the demo SMTP server ({@link DemoSmtpServer}) received it; one still queued (or retrying)
 * as the outbox holds it. On only with the demo (embedded H2 or the {@code demo} profile); the page does not exist
 * otherwise. Open without login, like the mailbox of a local fake SMTP server: it must never be on in production
 * (the web module's {@code DemoGuard} refuses to start so).
 */
@Controller
@ConditionalOnProperty(name = "atrium.dev-mailbox.enabled", havingValue = "true")
class DevMailboxController {
    private static final Pattern URL = Pattern.compile("https?://[^\\s/]+(/[^\\s]*)");

    private final JdbcClient jdbc;
    private final ObjectProvider<DemoSmtpServer> smtp;

    DevMailboxController(JdbcClient jdbc, ObjectProvider<DemoSmtpServer> smtp) {
        this.jdbc = jdbc;
        this.smtp = smtp;
    }

    @GetMapping("/dev/mailbox")
    String mailbox(@RequestParam(required = false) String to, Model model) {
        String filter = to == null || to.isBlank() ? null : to.trim().toLowerCase(java.util.Locale.ROOT);
        List<MailView> mails = jdbc.sql("""
                        SELECT id, channel, kind, recipient, subject, body, created_at, sent_at, attempts, last_error FROM mail_outbox
                        WHERE (CAST(:to AS varchar(254)) IS NULL OR recipient = :to) ORDER BY id DESC FETCH FIRST 100 ROWS ONLY""")
                .param("to", filter)
                .query((rs, i) -> new MailView(rs.getLong("id"), rs.getString("channel"), rs.getString("kind"), rs.getString("recipient"),
                        rs.getString("subject"), parts(rs.getString("body")), rs.getObject("created_at", OffsetDateTime.class),
                        rs.getObject("sent_at", OffsetDateTime.class), rs.getInt("attempts"), rs.getString("last_error")))
                .list();
        DemoSmtpServer server = smtp.getIfAvailable();
        if (server != null) {
            mails = mails.stream().map(m -> m.asReceivedBy(server)).toList();
            model.addAttribute("smtpPort", server.port());
        }
        model.addAttribute("mails", mails);
        model.addAttribute("to", filter);
        return "mail/mailbox";
    }

    /** The body as text and links; a link keeps only its path, so it works on whatever host and port the app runs. */
    static List<Part> parts(String body) {
        List<Part> parts = new ArrayList<>();
        Matcher m = URL.matcher(body);
        int at = 0;
        while (m.find()) {
            parts.add(new Part(body.substring(at, m.start()), null));
            parts.add(new Part(m.group(), m.group(1)));
            at = m.end();
        }
        parts.add(new Part(body.substring(at), null));
        return parts;
    }

    record Part(String text, String href) {
    }

    record MailView(long id, String channel, String kind, String recipient, String subject, List<Part> body, OffsetDateTime createdAt,
                    OffsetDateTime sentAt, int attempts, String lastError, boolean viaSmtp) {
        MailView(long id, String channel, String kind, String recipient, String subject, List<Part> body, OffsetDateTime createdAt,
                 OffsetDateTime sentAt, int attempts, String lastError) {
            this(id, channel, kind, recipient, subject, body, createdAt, sentAt, attempts, lastError, false);
        }

        public String status() {
            if (sentAt != null) {
                return "SMS".equals(channel) ? "Recorded" : viaSmtp ? "Received by the demo SMTP server" : "Sent";
            }
            return attempts == 0 ? "Queued" : "Retrying (" + attempts + " failed)";
        }

        /** A delivered email as the demo SMTP server received it (subject and text decoded from the MIME message). */
        MailView asReceivedBy(DemoSmtpServer server) {
            if (!"EMAIL".equals(channel) || sentAt == null) {
                return this;
            }
            return server.forOutboxRow(id).map(m -> {
                try {
                    Object content = m.getContent();
                    String text = content instanceof String s ? s : body.stream().map(Part::text).reduce("", String::concat);
                    return new MailView(id, channel, kind, recipient, m.getSubject(), parts(text), createdAt, sentAt, attempts, lastError, true);
                } catch (IOException | MessagingException e) {
                    return this;
                }
            }).orElse(this);
        }
    }
}
