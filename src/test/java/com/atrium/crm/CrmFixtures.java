package com.atrium.crm;

import com.atrium.fakexplan.FakeXplan;
import java.time.Clock;
import java.time.Instant;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** For tests outside this package (browser tests): an integration connected to a fake Xplan, a client link, a delivery run. */
public final class CrmFixtures {
    private CrmFixtures() {
    }

    /** An enabled integration already connected to the fake (as if the manager had consented, like the demo run). */
    public static long connected(ApplicationContext ctx, long practiceId, long managerId, FakeXplan fake, String name) {
        IntegrationRepository integrations = ctx.getBean(IntegrationRepository.class);
        CrmSecrets secrets = ctx.getBean(CrmSecrets.class);
        Instant now = ctx.getBean(Clock.class).instant();
        return ctx.getBean(TransactionTemplate.class).execute(s -> {
            long id = integrations.insert(practiceId, CrmType.XPLAN, name, managerId, now);
            integrations.updateDetails(id, name, fake.host(), FakeXplan.DEMO_APP_ID, secrets.encrypt(FakeXplan.DEMO_SECRET), true,
                    IntegrationStatus.CONNECTED, now);
            integrations.confirmMappings(id, now);
            integrations.saveTokens(id, null, null, null, secrets.encrypt(fake.demoRefreshToken()));
            integrations.connected(id, FakeXplan.USER_NAME, managerId, now);
            return id;
        });
    }

    /** Records that the household is this CRM client (what an id-mapping import does). */
    public static void link(ApplicationContext ctx, long practiceId, long integrationId, long householdId, long crmClientId) {
        ctx.getBean(JdbcClient.class).sql("""
                        INSERT INTO crm_client_link (practice_id, integration_id, external_id, household_id, source, linked_at)
                        VALUES (:p, :i, :e, :h, 'IMPORT', CURRENT_TIMESTAMP)""")
                .param("p", practiceId).param("i", integrationId).param("e", Long.toString(crmClientId)).param("h", householdId).update();
    }

    /** Runs the file-note delivery once (the schedule is off in tests); how many notes were sent. */
    public static int deliverFileNotes(ApplicationContext ctx) {
        Integer sent = ctx.getBean(FileNoteJob.class).deliverDue();
        return sent == null ? 0 : sent;
    }
}
