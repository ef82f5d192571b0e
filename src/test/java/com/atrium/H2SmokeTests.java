package com.atrium;

import static org.assertj.core.api.Assertions.assertThat;

import com.atrium.audit.AuditTrail;
import com.atrium.audit.ChainVerification;
import com.atrium.household.HouseholdService;
import com.atrium.practice.PracticeService;
import com.atrium.shared.Actor;
import com.atrium.shared.PageRequest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The default run: the same migrations on embedded H2 (PostgreSQL mode), with the demo practices seeded. */
@SpringBootTest(properties = {
        "spring.datasource.url=jdbc:h2:mem:atrium-smoke;MODE=PostgreSQL;DB_CLOSE_DELAY=-1",
        "spring.datasource.username=sa", "spring.datasource.password=",
        "atrium.demo.enabled=true"})
class H2SmokeTests {
    @Autowired JdbcClient jdbc;
    @Autowired PracticeService practices;
    @Autowired HouseholdService households;
    @Autowired AuditTrail audit;

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
