package com.atrium.crm;

import static com.atrium.practice.TestLogins.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.atrium.audit.AuditTrail;
import com.atrium.fakexplan.FakeXplan;
import com.atrium.fakexplan.FakeXplan.Fault;
import com.atrium.household.ClientView;
import com.atrium.household.FamilyPersonForm;
import com.atrium.household.FamilyService;
import com.atrium.household.HouseholdService;
import com.atrium.household.PersonView;
import com.atrium.shared.PageRequest;
import com.atrium.testsupport.Fixtures;
import com.atrium.testsupport.Fixtures.TestPractice;
import com.atrium.testsupport.IntegrationTest;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The sync against the fake Xplan over real loopback HTTP: the consent round trip, the first sync, re-sync by content
 * hash, a change in the CRM, a local edit put back (and in the client's history), token refresh mid-run, each fault,
 * a CRM that keeps failing, a run interrupted and completed without duplicates, one run at a time.
 */
@IntegrationTest
class CrmSyncIntegrationTests {
    @Autowired MockMvc mvc;
    @Autowired Fixtures fixtures;
    @Autowired CrmService crm;
    @Autowired SyncEngine engine;
    @Autowired IntegrationRepository integrations;
    @Autowired HouseholdService households;
    @Autowired FamilyService family;
    @Autowired AuditTrail audit;
    @Autowired JdbcClient jdbc;

    FakeXplan fake;
    TestPractice p;

    @BeforeEach
    void start() {
        fake = FakeXplan.start(25);
        p = fixtures.practice();
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    IntegrationView connected() throws Exception {
        IntegrationView v = CrmTestSupport.configured(crm, p.manager, fake, "Harbour Xplan");
        String landing = CrmTestSupport.consent(mvc, p.manager, v.id(), "yes");
        assertThat(landing).endsWith("/settings/integrations/" + v.id());
        return crm.get(p.manager, v.id());
    }

    SyncRunView sync(IntegrationView v) {
        long runId = engine.runNow(integrations.findAny(v.id()).orElseThrow(), "MANUAL", p.manager.userId()).orElseThrow();
        SyncRunView run = crm.run(p.manager, v.id(), runId);
        if (run.status() == SyncStatus.FAILED) {
            System.out.println("RUN FAILED: " + run.message());
        }
        return run;
    }

    long clientOf(IntegrationView v, long crmId) {
        return jdbc.sql("SELECT household_id FROM crm_client_link WHERE integration_id = :i AND external_id = :e")
                .param("i", v.id()).param("e", Long.toString(crmId)).query(Long.class).single();
    }

    /** Rows where the visibility index and its definition disagree: 0 when the index is exact. */
    long indexDrift() {
        String cols = "user_id, client_id, practice_id, paths, grant_until, client_kind, sort_name, search_text, archived, workgroup_id";
        return jdbc.sql("SELECT COUNT(*) FROM ((SELECT " + cols + " FROM access_visible_def EXCEPT SELECT " + cols + " FROM access_visible)"
                + " UNION ALL (SELECT " + cols + " FROM access_visible EXCEPT SELECT " + cols + " FROM access_visible_def)) d")
                .query(Long.class).single();
    }

    long auditEntries(String action) {
        return jdbc.sql("SELECT COUNT(*) FROM audit_entry WHERE practice_id = :p AND action = :a").param("p", p.practice.id())
                .param("a", action).query(Long.class).single();
    }

    long links(IntegrationView v) {
        return jdbc.sql("SELECT COUNT(*) FROM crm_client_link WHERE integration_id = :i").param("i", v.id()).query(Long.class).single();
    }

    @Test
    void consentConnectsAndShowsTheCrmUser() throws Exception {
        IntegrationView v = connected();
        assertThat(v.status()).isEqualTo(IntegrationStatus.CONNECTED);
        assertThat(v.statusLabel()).isEqualTo("Connected as " + FakeXplan.USER_NAME);
        // the tokens are stored encrypted, never in clear
        String stored = jdbc.sql("SELECT refresh_token_enc FROM crm_integration WHERE id = :i").param("i", v.id()).query(String.class).single();
        assertThat(stored).isNotBlank().doesNotContain(".");
        mvc.perform(get("/api/integrations/" + v.id()).with(as(p.manager)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.connectedAs").value(FakeXplan.USER_NAME))
                .andExpect(jsonPath("$.clientSecret").doesNotExist())
                .andExpect(jsonPath("$.secretSet").value(true));
    }

    @Test
    void refusedConsentLeavesTheIntegrationUnconnected() throws Exception {
        IntegrationView v = CrmTestSupport.configured(crm, p.manager, fake, "Refused");
        String landing = CrmTestSupport.consent(mvc, p.manager, v.id(), "no");
        assertThat(landing).endsWith("/settings/integrations/" + v.id());
        assertThat(crm.get(p.manager, v.id()).status()).isEqualTo(IntegrationStatus.CONFIGURED);
        assertThat(fake.tokenCalls()).isZero();
    }

    @Test
    void aCodeWorksOnce() throws Exception {
        String code = fake.issueCode("http://localhost/cb");
        var http = java.net.http.HttpClient.newHttpClient();
        String form = "grant_type=authorization_code&code=" + code + "&redirect_uri=http://localhost/cb&client_id="
                + FakeXplan.DEMO_APP_ID + "&client_secret=" + FakeXplan.DEMO_SECRET;
        var req = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://" + fake.host() + "/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(form)).build();
        assertThat(http.send(req, java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        var again = http.send(req, java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(again.body()).contains("invalid_grant");
    }

    @Test
    void firstSyncCreatesClientsThenReSyncSkipsUnchangedOnes() throws Exception {
        IntegrationView v = connected();
        SyncRunView first = sync(v);
        assertThat(first.status()).isEqualTo(SyncStatus.SUCCEEDED);
        assertThat(first.created()).isEqualTo(25);
        assertThat(first.progress()).isEqualTo(100);
        assertThat(links(v)).isEqualTo(25);
        // pages of 10 (test page size) with their lists read in batches
        assertThat(fake.requestLog()).anyMatch(r -> r.contains("page_bookmark="));
        // created together (JDBC batches, audit entries appended at once), each as one at a time would be: registered with
        // the access module (index exact in the same transaction, holder recorded), audited twice, the chain intact
        assertThat(indexDrift()).isZero();
        assertThat(auditEntries("CLIENT_REGISTERED")).isEqualTo(25);
        assertThat(auditEntries("XPLAN_CLIENT_CREATED")).isEqualTo(25);
        assertThat(audit.verify(p.practice.id()).ok()).isTrue();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM access_holder h JOIN crm_client_link l ON l.household_id = h.client_id"
                + " AND l.person_id = h.person_id WHERE l.integration_id = :i").param("i", v.id()).query(Long.class).single()).isEqualTo(25);
        assertThat(households.list(p.manager, null, PageRequest.of(0, 100)).total()).isEqualTo(25);

        FakeXplan.Client c = fake.client(1002);
        ClientView client = households.get(p.manager, clientOf(v, 1002));
        assertThat(client.people().get(0).firstName()).isEqualTo(c.firstName);
        assertThat(client.people().get(0).email()).isEqualTo(((String) c.contacts.get(0).get("value")).toLowerCase());

        SyncRunView second = sync(v);
        assertThat(second.unchanged()).isEqualTo(25);
        assertThat(second.created() + second.updated()).isZero();

        c.preferredEmail("new.address@mail.example");
        SyncRunView third = sync(v);
        assertThat(third.updated()).isEqualTo(1);
        assertThat(third.unchanged()).isEqualTo(24);
        assertThat(households.get(p.manager, clientOf(v, 1002)).people().get(0).email()).isEqualTo("new.address@mail.example");
    }

    @Test
    void aLocalEditIsReplacedAtTheNextSyncAndTheHistorySaysSo() throws Exception {
        IntegrationView v = connected();
        sync(v);
        long clientId = clientOf(v, 1003);
        PersonView person = households.get(p.manager, clientId).people().get(0);
        family.updatePerson(p.manager, clientId, person.id(), new FamilyPersonForm("Locally", null, null, null, null, null, null, null, null,
                null));
        assertThat(households.get(p.manager, clientId).people().get(0).firstName()).isEqualTo("Locally");

        SyncRunView run = sync(v);
        assertThat(run.updated()).isEqualTo(1);
        assertThat(households.get(p.manager, clientId).people().get(0).firstName()).isEqualTo(fake.client(1003).firstName);
        var history = audit.clientHistory(p.manager, clientId, PageRequest.of(0, 50)).items();
        assertThat(history).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo("XPLAN_SYNC_REPLACED");
            assertThat(e.before()).contains("first name Locally");
            assertThat(e.after()).contains("first name " + fake.client(1003).firstName).contains("Xplan is the master");
        });
    }

    @Test
    void anAccessTokenThatExpiresMidRunIsRefreshedAndTheRunGoesOn() throws Exception {
        IntegrationView v = connected();
        int before = fake.tokenCalls();
        fake.inject(3, Fault.EXPIRED_TOKEN);
        SyncRunView run = sync(v);
        assertThat(run.status()).isEqualTo(SyncStatus.SUCCEEDED);
        assertThat(run.created()).isEqualTo(25);
        assertThat(fake.tokenCalls()).isGreaterThan(before);
        // the refresh carries the redirect URI, as Xplan requires (the fake refuses a refresh without it)
        assertThat(fake.refreshRedirects()).isNotEmpty()
                .allSatisfy(uri -> assertThat(uri).matches("http://localhost:\\d+/settings/integrations/oauth2/callback/crm-\\d+"));
    }

    @Test
    void tokensRevokedByTheCrmAreRefreshedToo() throws Exception {
        IntegrationView v = connected();
        fake.expireAccessTokens();
        assertThat(sync(v).status()).isEqualTo(SyncStatus.SUCCEEDED);
    }

    @Test
    void passingFaultsAreRetriedAndTheRunSucceeds() throws Exception {
        IntegrationView v = connected();
        fake.slowMillis(200);
        fake.inject(1, Fault.SERVER_ERROR_HTML, Fault.BAD_GATEWAY, Fault.TRUNCATED_PAGE, Fault.SLOW_PAGE);
        SyncRunView run = sync(v);
        assertThat(run.status()).isEqualTo(SyncStatus.SUCCEEDED);
        assertThat(run.created()).isEqualTo(25);
        assertThat(run.failed()).isZero();
    }

    @Test
    void aCrmThatKeepsFailingEndsTheRunAsFailedWithTheReasonAndTheNextRunCompletesItWithoutDuplicates() throws Exception {
        IntegrationView v = connected();
        Fault[] many = new Fault[12];
        java.util.Arrays.fill(many, Fault.SERVER_ERROR_HTML);
        fake.inject(4, many); // advisers, page 1, its batch... then the CRM fails for good
        SyncRunView failed = sync(v);
        assertThat(failed.status()).isEqualTo(SyncStatus.FAILED);
        assertThat(failed.message()).contains("500").contains("HTML").contains("gave up after");
        long partial = links(v);
        assertThat(partial).isLessThan(25);
        // nothing half-read was written: every link has its household and the household its person
        assertThat(jdbc.sql("SELECT COUNT(*) FROM crm_client_link WHERE integration_id = :i AND content_hash IS NULL").param("i", v.id())
                .query(Long.class).single()).isZero();

        fake.clearFaults();
        SyncRunView next = sync(v);
        assertThat(next.status()).isEqualTo(SyncStatus.SUCCEEDED);
        assertThat(next.created()).isEqualTo(25 - partial);
        assertThat(links(v)).isEqualTo(25);
        assertThat(jdbc.sql("SELECT COUNT(DISTINCT household_id) FROM crm_client_link WHERE integration_id = :i").param("i", v.id())
                .query(Long.class).single()).isEqualTo(25);
    }

    @Test
    void aRecordWithBrokenValuesFailsAloneWithTheReason() throws Exception {
        IntegrationView v = connected();
        fake.breakRecord(1005);
        SyncRunView run = sync(v);
        assertThat(run.status()).isEqualTo(SyncStatus.SUCCEEDED);
        assertThat(run.failed()).isEqualTo(1);
        assertThat(run.created()).isEqualTo(24);
        assertThat(run.problems()).anySatisfy(pr -> {
            assertThat(pr.externalId()).isEqualTo("1005");
            assertThat(pr.kind()).isEqualTo("FAILED");
            assertThat(pr.message()).contains("is not a");
        });
    }

    @Test
    void aRecordWhoseWriteFailsLeavesNothingAndTheOthersOfItsBatchAreWritten() throws Exception {
        // new records are written together (a chunk under one savepoint); when that fails they are written again one by one,
        // each under its savepoint: the one that fails rolls back alone. The fault
        // is injected in the database (a trigger refusing one surname), after the household row was already written.
        IntegrationView v = connected();
        fake.addClient("Ms", "Wilma", "Writefault", LocalDate.of(1980, 1, 2), 501);
        jdbc.sql("""
                CREATE FUNCTION crm_test_write_fault() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF NEW.last_name = 'Writefault' THEN RAISE EXCEPTION 'injected write fault'; END IF;
                    RETURN NEW;
                END $$""").update();
        jdbc.sql("CREATE TRIGGER crm_test_write_fault BEFORE INSERT ON person FOR EACH ROW EXECUTE FUNCTION crm_test_write_fault()").update();
        try {
            SyncRunView run = sync(v);
            assertThat(run.status()).isEqualTo(SyncStatus.SUCCEEDED);
            assertThat(run.created()).isEqualTo(25);
            assertThat(run.failed()).isEqualTo(1);
            assertThat(run.problems()).anySatisfy(pr -> {
                assertThat(pr.kind()).isEqualTo("FAILED");
                assertThat(pr.message()).startsWith("could not be written");
            });
            assertThat(links(v)).isEqualTo(25);
            assertThat(households.list(p.manager, null, PageRequest.of(0, 100)).total()).isEqualTo(25);
            assertThat(jdbc.sql("SELECT COUNT(*) FROM household WHERE practice_id = :p AND display_name LIKE '%Writefault%'")
                    .param("p", p.practice.id()).query(Long.class).single()).isZero();
            // the chunk was written one by one after its batch failed: no audit entry of the failed record, chain and index intact
            assertThat(auditEntries("XPLAN_CLIENT_CREATED")).isEqualTo(25);
            assertThat(auditEntries("CLIENT_REGISTERED")).isEqualTo(25);
            assertThat(audit.verify(p.practice.id()).ok()).isTrue();
            assertThat(indexDrift()).isZero();
        } finally {
            jdbc.sql("DROP TRIGGER crm_test_write_fault ON person").update();
            jdbc.sql("DROP FUNCTION crm_test_write_fault()").update();
        }
    }

    @Test
    void aRunInterruptedByARestartIsMarkedAndTheNextOneRuns() throws Exception {
        IntegrationView v = connected();
        // a run left RUNNING by a node that stopped
        long stale = new SyncRepository(jdbc).startRun(p.practice.id(), v.id(), "SCHEDULE", null, java.time.Instant.now().minusSeconds(3600))
                .orElseThrow();
        assertThat(engine.runNow(integrations.findAny(v.id()).orElseThrow(), "MANUAL", p.manager.userId())).isPresent();
        assertThat(crm.run(p.manager, v.id(), stale).status()).isEqualTo(SyncStatus.INTERRUPTED);
        assertThat(links(v)).isEqualTo(25);
    }

    @Test
    void oneRunAtATimePerIntegration() throws Exception {
        IntegrationView v = connected();
        long running = new SyncRepository(jdbc).startRun(p.practice.id(), v.id(), "MANUAL", p.manager.userId(), java.time.Instant.now())
                .orElseThrow();
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/api/integrations/" + v.id() + "/runs")
                        .with(as(p.manager)).with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf()))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("already running")));
        jdbc.sql("UPDATE crm_sync_run SET status = 'SUCCEEDED', running_marker = NULL WHERE id = :r").param("r", running).update();
    }

    @Test
    void theAdviserBecomesPrimaryWhenAnActiveProfessionalOfThePractice() throws Exception {
        IntegrationView v = connected();
        FakeXplan.Client c = fake.addClient("Dr", "Ada", "Lovelace", LocalDate.of(1980, 1, 2), 501);
        fake.adviser(501).email = p.adviser.email();
        SyncRunView run = sync(v);
        ClientView client = households.get(p.manager, clientOf(v, c.id));
        assertThat(client.primaryProfessional().id()).isEqualTo(p.adviser.userId());
        // an adviser who is no staff user of the practice: the default rule, and the run says why
        assertThat(run.problems()).anySatisfy(pr -> assertThat(pr.message()).contains("is not a staff user of the practice")
                .contains("first Professional"));
        InsuranceView insurance = crm.insurance(p.manager, client.id());
        assertThat(insurance.sources()).singleElement().satisfies(s -> assertThat(s.title()).isEqualTo("Dr"));
    }

    @Test
    void insuranceTabAndApiShowThePoliciesToThoseWhoMaySeeTheFile() throws Exception {
        IntegrationView v = connected();
        FakeXplan.Client c = fake.addClient("Ms", "Ines", "Policy", LocalDate.of(1975, 3, 4), 502);
        c.policy(99001, "Life", "TAL", "Life Protect", "P-1", "Inforce", "Monthly", "120.50", "500000", "2031-06-30");
        sync(v);
        long clientId = clientOf(v, c.id);
        mvc.perform(get("/api/clients/" + clientId + "/insurance").with(as(p.manager)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.policies[0].insurer").value("TAL"))
                .andExpect(jsonPath("$.policies[0].cover").value(500000.00))
                .andExpect(jsonPath("$.policies[0].premium").value(120.50));
        mvc.perform(get("/clients/" + clientId + "/insurance").with(as(p.manager)))
                .andExpect(status().isOk())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
                        .string(org.hamcrest.Matchers.containsString("changes made here are replaced at the next sync")));
        // someone of another practice: 404, exactly like an unknown id
        TestPractice other = fixtures.practice();
        mvc.perform(get("/api/clients/" + clientId + "/insurance").with(as(other.manager))).andExpect(status().isNotFound());
    }
}
