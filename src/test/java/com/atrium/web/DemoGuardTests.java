package com.atrium.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.atrium.AtriumApplication;
import com.atrium.mail.DemoSmtpServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Finding 7: the demo data, the dev mailbox and the demo SMTP server are on by default only on the embedded H2 of the
 * default run. Each test starts the real application (no test profile) on the run's PostgreSQL database, as an
 * operator would with only SPRING_DATASOURCE_URL set, and looks at what came up (or why it refused to).
 */
class DemoGuardTests {

    @ParameterizedTest
    @CsvSource({
            "'', true", "jdbc:h2:file:./data/atrium;MODE=PostgreSQL, true", "jdbc:h2:mem:x, true", "JDBC:H2:mem:x, true",
            "jdbc:h2:tcp://db/atrium, false", "jdbc:h2:ssl://db/atrium, false", "jdbc:postgresql://127.0.0.1:5432/atrium, false",
            "jdbc:mysql://db/atrium, false"})
    void onlyAnEmbeddedH2UrlCountsAsTheDemoDatabase(String url, boolean embedded) {
        assertThat(DemoDefaults.embeddedH2(url.isEmpty() ? null : url)).isEqualTo(embedded);
    }

    @Test
    void onPostgresqlWithoutAnyProfile_theDemoTheDevMailboxAndTheDemoSmtpServerAreOff() {
        try (ConfigurableApplicationContext ctx = start()) {
            assertThat(ctx.getEnvironment().getProperty("atrium.demo.enabled")).isEqualTo("false");
            assertThat(ctx.getEnvironment().getProperty("atrium.dev-mailbox.enabled")).isEqualTo("false");
            assertThat(ctx.containsBean("devMailboxController")).isFalse();
            assertThat(ctx.getBeanProvider(DemoSmtpServer.class).getIfAvailable()).isNull();
        }
    }

    @Test
    void onPostgresqlTheDevMailboxTurnedOnWithoutTheDemoProfile_refusesToStart() {
        assertThatThrownBy(() -> start("--atrium.dev-mailbox.enabled=true").close())
                .hasRootCauseInstanceOf(UnsafeConfigurationException.class)
                .rootCause().hasMessageContaining("the dev mailbox (atrium.dev-mailbox.enabled) is on, but the database is PostgreSQL");
    }

    @Test
    void theReadmeRecipe_postgresAndDemoProfiles_isTheExplicitAsk() {
        // demo.enabled=false only to skip seeding (slow); the profile's mailbox and SMTP server show it was honoured
        try (ConfigurableApplicationContext ctx = start("--spring.profiles.active=postgres,demo", "--atrium.demo.enabled=false")) {
            assertThat(ctx.containsBean("devMailboxController")).isTrue();
            DemoSmtpServer smtp = ctx.getBean(DemoSmtpServer.class);
            assertThat(smtp.running()).isTrue();
            assertThat(smtp.port()).isPositive();
        }
    }

    @Test
    void theProdProfileRefusesTheDemoEvenWhenAskedAndNeedsThePublicUrl() {
        // the CRM's and the audit trail's own prod guards (their keys) are satisfied, so the refusal seen is the demo guard's
        assertThatThrownBy(() -> start("--spring.profiles.active=prod,demo", "--atrium.public-url=https://atrium.example.com",
                CRM_KEY, CRM_SALT, AUDIT_KEY).close())
                .rootCause().isInstanceOf(UnsafeConfigurationException.class)
                .hasMessageContaining("The prod profile is active but the demo data (atrium.demo.enabled)");
        assertThatThrownBy(() -> start("--spring.profiles.active=prod", CRM_KEY, CRM_SALT, AUDIT_KEY).close())
                .rootCause().isInstanceOf(UnsafeConfigurationException.class)
                .hasMessageContaining("needs the address people reach Atrium at");
    }

    @Test
    void theProdProfileRefusesToStartWithoutTheAuditKey() {
        // everything else prod needs is there: the refusal is the audit key's (issue 10, finding 12)
        assertThatThrownBy(() -> start("--spring.profiles.active=prod", "--atrium.public-url=https://atrium.example.com",
                CRM_KEY, CRM_SALT).close())
                .rootCause().isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("atrium.audit.key (ATRIUM_AUDIT_KEY) must be set in production");
    }

    private static final String AUDIT_KEY = "--atrium.audit.key=prod-test:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
    private static final String CRM_KEY = "--atrium.crm.encryption-key=a-test-key-for-the-crm-secrets";
    private static final String CRM_SALT = "--atrium.crm.encryption-salt=0123456789abcdef";

    /** The application as an operator starts it: the run's PostgreSQL database (system properties), no test profile. */
    private static ConfigurableApplicationContext start(String... args) {
        List<String> all = new ArrayList<>(List.of("--server.port=0", "--atrium.jobs.enabled=false", "--spring.main.banner-mode=off",
                "--logging.level.root=WARN", "--atrium.access.cache.enabled=false"));
        all.addAll(List.of(args));
        return new SpringApplicationBuilder(AtriumApplication.class).run(all.toArray(String[]::new));
    }
}
