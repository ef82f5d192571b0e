package com.atrium.mail;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * A real SMTP server inside the demo run (GreenMail, on 127.0.0.1, in memory), so the default run exercises real
 * SMTP: the outbox delivers to it like to any server, and the dev mailbox shows what it received. On by default
 * only with the demo (embedded H2, or the {@code demo} profile; {@code atrium.mail.demo-smtp.enabled}); when on, Atrium
 * sends through it whatever {@code spring.mail.*} says. Never under prod (the web module's guard refuses it).
 */
public final class DemoSmtpServer {
    private static final Logger log = LoggerFactory.getLogger(DemoSmtpServer.class);
    static final String OUTBOX_ID_HEADER = "X-Atrium-Outbox-Id";

    private final GreenMail greenMail;

    DemoSmtpServer(int port) {
        ServerSetup setup = new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
        greenMail = new GreenMail(port == 0 ? setup.dynamicPort() : setup);
    }

    void start() {
        greenMail.start();
        log.info("Demo SMTP server listening on 127.0.0.1:{}; the dev mailbox shows what it receives", port());
    }

    void stop() {
        greenMail.stop();
    }

    public int port() {
        return greenMail.getSmtp().getPort();
    }

    public boolean running() {
        return greenMail.isRunning();
    }

    /** Every message received since start, oldest first. */
    public List<MimeMessage> received() {
        return Arrays.asList(greenMail.getReceivedMessages());
    }

    /** The message the outbox delivered for one outbox row, if the server has it (it keeps mail in memory only). */
    Optional<MimeMessage> forOutboxRow(long id) {
        String wanted = Long.toString(id);
        return received().stream().filter(m -> {
            try {
                String[] h = m.getHeader(OUTBOX_ID_HEADER);
                return h != null && h.length > 0 && wanted.equals(h[0]);
            } catch (MessagingException e) {
                return false;
            }
        }).reduce((first, second) -> second);
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "atrium.mail.demo-smtp.enabled", havingValue = "true")
    static class Config {
        @Bean(initMethod = "start", destroyMethod = "stop")
        DemoSmtpServer demoSmtpServer(@Value("${atrium.mail.demo-smtp.port:0}") int port) {
            return new DemoSmtpServer(port);
        }

        /** Replaces Boot's sender (which follows spring.mail.*): in the demo, mail goes to the demo server. */
        @Bean
        JavaMailSender demoMailSender(DemoSmtpServer server) {
            JavaMailSenderImpl sender = new JavaMailSenderImpl();
            sender.setHost("127.0.0.1");
            sender.setPort(server.port());
            sender.setDefaultEncoding("UTF-8");
            return sender;
        }
    }
}
