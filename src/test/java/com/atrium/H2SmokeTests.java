package com.atrium;

import static org.assertj.core.api.Assertions.assertThat;

import com.atrium.audit.AuditTrail;
import com.atrium.audit.ChainVerification;
import com.atrium.household.HouseholdService;
import com.atrium.practice.PracticeService;
import com.atrium.shared.Actor;
import com.atrium.shared.PageRequest;
import com.atrium.mail.DemoSmtpServer;
import com.atrium.mail.OutboxJob;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The default run: the same migrations on embedded H2 (PostgreSQL mode), with the demo practices seeded, the dev
 * mailbox and the demo SMTP server on by default (nothing but the H2 URL is configured), links to the port it listens on.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:atrium-smoke;MODE=PostgreSQL;DB_CLOSE_DELAY=-1",
        "spring.datasource.username=sa", "spring.datasource.password=",
        // the test delivers the outbox itself
        "atrium.jobs.enabled=false"})
class H2SmokeTests {
    @Autowired JdbcClient jdbc;
    @Autowired PracticeService practices;
    @Autowired HouseholdService households;
    @Autowired AuditTrail audit;
    @Autowired OutboxJob outbox;
    @Autowired DemoSmtpServer smtp;
    @LocalServerPort int port;

    @Test
    void theDefaultRunMailsThroughItsOwnSmtpServer_linksToItsOwnPort_andTheDevMailboxShowsWhatTheServerReceived() throws Exception {
        assertThat(outbox.deliverDue()).as("the demo's invitations, delivered over SMTP").isPositive();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM mail_outbox WHERE channel = 'EMAIL' AND (sent_at IS NULL OR last_error IS NOT NULL)")
                .query(Long.class).single()).isZero();
        List<String> bodies = new ArrayList<>();
        for (MimeMessage m : smtp.received()) {
            bodies.add(m.getContent().toString());
        }
        assertThat(bodies).isNotEmpty().anySatisfy(b -> assertThat(b).contains("http://localhost:" + port + "/invitations/"))
                .noneSatisfy(b -> assertThat(b).contains("localhost:8080"));
        HttpResponse<String> mailbox = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/dev/mailbox")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(mailbox.statusCode()).isEqualTo(200);
        assertThat(mailbox.body()).contains("127.0.0.1:" + smtp.port()).contains("Received by the demo SMTP server");
    }

    @Test
    void migratesAndSeedsTheDemoPracticeOnH2() {
        assertThat(jdbc.sql("SELECT COUNT(*) FROM household").query(Long.class).single()).isEqualTo(72L);
        long managerId = jdbc.sql("SELECT id FROM app_user WHERE email = 'manager@harbour.example'").query(Long.class).single();
        Actor manager = practices.actor(managerId).orElseThrow();
        assertThat(households.list(manager, null, PageRequest.of(0, 10)).total()).isEqualTo(60);
        assertThat(households.list(manager, "a", PageRequest.of(0, 10)).items()).isNotEmpty();
        long adviserId = jdbc.sql("SELECT id FROM app_user WHERE email = 'adviser1@harbour.example'").query(Long.class).single();
        assertThat(households.list(practices.actor(adviserId).orElseThrow(), null, PageRequest.of(0, 50)).total()).isBetween(10L, 30L);
        // the audit trail works on H2 too (the first-append ON CONFLICT, the no-op vendor migration): one chain per practice
        assertThat(audit.verifyAll()).hasSize(2).allMatch(ChainVerification::ok);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_entry").query(Long.class).single()).isGreaterThanOrEqualTo(72L);
    }

    @Test
    void theDemoShowsWorkgroupsAssistantsAndSecondaryAdvisersOnH2() {
        Actor assistant1 = demoUser("assistant1@harbour.example");
        Actor assistant2 = demoUser("assistant2@harbour.example");
        long inOkafor = jdbc.sql("SELECT COUNT(*) FROM workgroup_client c JOIN workgroup w ON w.id = c.workgroup_id WHERE w.description = 'Okafor clients'")
                .query(Long.class).single();
        long inLambert = jdbc.sql("SELECT COUNT(*) FROM workgroup_client c JOIN workgroup w ON w.id = c.workgroup_id WHERE w.description = 'Lambert team'")
                .query(Long.class).single();
        assertThat(inOkafor).isGreaterThan(5);
        assertThat(inLambert).isGreaterThan(2);
        assertThat(households.list(assistant1, null, PageRequest.of(0, 10)).total()).isEqualTo(inOkafor);
        assertThat(households.list(assistant2, null, PageRequest.of(0, 10)).total()).isEqualTo(inOkafor + inLambert);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM household WHERE secondary_professional_id IS NOT NULL").query(Long.class).single()).isEqualTo(3L);
        // the client the assistant added has the workgroup's owner as primary
        long okaforId = jdbc.sql("SELECT id FROM app_user WHERE email = 'adviser1@harbour.example'").query(Long.class).single();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM household WHERE created_by = :a AND primary_professional_id = :o")
                .param("a", assistant1.userId()).param("o", okaforId).query(Long.class).single()).isEqualTo(1L);
    }

    private Actor demoUser(String email) {
        return practices.actor(jdbc.sql("SELECT id FROM app_user WHERE email = :e").param("e", email).query(Long.class).single()).orElseThrow();
    }
}
