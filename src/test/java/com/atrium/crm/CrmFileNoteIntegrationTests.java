package com.atrium.crm;

import static com.atrium.practice.TestLogins.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.atrium.engagement.EngagementService;
import com.atrium.engagement.InvestmentQuestion;
import com.atrium.engagement.NoteForm;
import com.atrium.engagement.PreferencesForm;
import com.atrium.engagement.ValuesSessionForm;
import com.atrium.engagement.YourLifeForm;
import com.atrium.fakexplan.FakeXplan;
import com.atrium.fakexplan.FakeXplan.Fault;
import com.atrium.household.ClientView;
import com.atrium.household.HouseholdService;
import com.atrium.household.PersonView;
import com.atrium.household.Relationship;
import com.atrium.shared.Actor;
import com.atrium.testsupport.Fixtures;
import com.atrium.testsupport.Fixtures.TestPractice;
import com.atrium.testsupport.IntegrationTest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.node.ObjectNode;

/**
 * CRM file notes (issue 14, spec D4) on PostgreSQL, delivered over real loopback HTTP to two fake Xplan sites: one note
 * per interaction and connected integration holding the client, what arrives (subject, content, PDF), a CRM down then
 * up, a delivery that reached the CRM before failing, a crash after the CRM accepted but before Atrium recorded it, no
 * integration, no external id, a refused note failed with its reason and retried.
 */
@IntegrationTest
class CrmFileNoteIntegrationTests {
    @Autowired MockMvc mvc;
    @Autowired Fixtures fixtures;
    @Autowired CrmService crm;
    @Autowired SyncEngine engine;
    @Autowired IntegrationRepository integrations;
    @Autowired HouseholdService households;
    @Autowired EngagementService engagement;
    @Autowired FileNoteJob job;
    @Autowired JdbcClient jdbc;

    FakeXplan fakeA;
    FakeXplan fakeB;
    TestPractice p;
    IntegrationView a;

    @BeforeEach
    void start() throws Exception {
        fakeA = FakeXplan.start(3);
        fakeB = FakeXplan.start(3);
        p = fixtures.practice();
        a = connect(fakeA, "Harbour Xplan");
        long run = engine.runNow(integrations.findAny(a.id()).orElseThrow(), "MANUAL", p.manager.userId()).orElseThrow();
        assertThat(crm.run(p.manager, a.id(), run).status()).isEqualTo(SyncStatus.SUCCEEDED);
        // notes of other test classes are not this test's business
        jdbc.sql("UPDATE crm_file_note SET status = 'FAILED', last_error = 'left by another test' WHERE status = 'QUEUED'").update();
    }

    @AfterEach
    void stop() {
        fakeA.close();
        fakeB.close();
    }

    IntegrationView connect(FakeXplan fake, String name) throws Exception {
        IntegrationView v = CrmTestSupport.configured(crm, p.manager, fake, name);
        CrmTestSupport.consent(mvc, p.manager, v.id(), "yes");
        return crm.get(p.manager, v.id());
    }

    long household(IntegrationView v, long crmId) {
        return jdbc.sql("SELECT household_id FROM crm_client_link WHERE integration_id = :i AND external_id = :e")
                .param("i", v.id()).param("e", Long.toString(crmId)).query(Long.class).single();
    }

    /** The household also exists in a second CRM site (its id there as the practice's mapping import would record it). */
    void link(IntegrationView v, long householdId, long crmId) {
        jdbc.sql("""
                        INSERT INTO crm_client_link (practice_id, integration_id, external_id, household_id, source, linked_at)
                        VALUES (:p, :i, :e, :h, 'IMPORT', CURRENT_TIMESTAMP)""")
                .param("p", p.practice.id()).param("i", v.id()).param("e", Long.toString(crmId)).param("h", householdId).update();
    }

    static Map<String, Integer> ratings() {
        Map<String, Integer> r = new LinkedHashMap<>();
        List.of("HEALTH", "RELATIONSHIPS", "CAREER", "FINANCES", "LEISURE", "PURPOSE").forEach(d -> r.put(d, 7));
        r.put("FINANCES", 4);
        return r;
    }

    static Map<String, String> answers() {
        Map<String, String> m = new LinkedHashMap<>();
        for (InvestmentQuestion q : InvestmentQuestion.values()) {
            m.put(q.name(), q.answers().keySet().iterator().next());
        }
        return m;
    }

    long holder(long householdId) {
        ClientView c = households.get(p.manager, householdId);
        return c.people().stream().filter(x -> x.relationship() == Relationship.HOLDER).map(PersonView::id).findFirst().orElseThrow();
    }

    List<Map<String, Object>> rows(long householdId) {
        return jdbc.sql("SELECT integration_id, kind, status, docid, subject, attempts, guid FROM crm_file_note WHERE household_id = :h ORDER BY id")
                .param("h", householdId).query().listOfRows();
    }

    void makeDue(long householdId) {
        jdbc.sql("UPDATE crm_file_note SET next_attempt_at = CURRENT_TIMESTAMP WHERE household_id = :h AND status = 'QUEUED'")
                .param("h", householdId).update();
    }

    @Test
    void eachInteractionQueuesOneNotePerConnectedIntegrationAndEachCrmReceivesSubjectContentAndPdf() throws Exception {
        IntegrationView b = connect(fakeB, "Second Xplan");
        long crmId = fakeA.clients().get(0).id;
        long h = household(a, crmId);
        long crmIdB = fakeB.clients().get(1).id;
        link(b, h, crmIdB);
        long holder = holder(h);
        Actor m = p.manager;
        String name = households.get(m, h).people().stream().filter(x -> x.id() == holder).findFirst().orElseThrow().name();

        engagement.completeYourLife(m, h, new YourLifeForm(holder, ratings(), List.of("Retire at 60")));
        engagement.saveValuesSession(m, h, new ValuesSessionForm(List.of(new ValuesSessionForm.PersonValues(holder, List.of("FAMILY", "TRAVEL")))));
        engagement.completePreferences(m, h, new PreferencesForm(holder, answers()));
        byte[] pdf = engagement.exportPreferences(m, h).content();
        long note = engagement.addNote(m, h, new NoteForm(null, "Discussed the plan.", null)).id();
        engagement.sendNoteToCrm(m, h, note);
        engagement.sendNoteToCrm(m, h, note); // sent twice: still one file note per CRM
        byte[] plan = mvc.perform(get("/api/clients/" + h + "/plan.pdf").with(as(m))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsByteArray();

        List<Map<String, Object>> queued = rows(h);
        assertThat(queued).hasSize(12);
        for (IntegrationView v : List.of(a, b)) {
            assertThat(queued.stream().filter(r -> ((Number) r.get("integration_id")).longValue() == v.id()).map(r -> r.get("kind")))
                    .containsExactlyInAnyOrder("YOUR_LIFE_COMPLETED", "VALUES_SESSION_SAVED", "PREFERENCES_COMPLETED", "PREFERENCES_EXPORTED",
                            "CLIENT_NOTE_SENT", "PLAN_EXPORTED");
        }
        assertThat(queued).allSatisfy(r -> assertThat(r.get("status")).isEqualTo("QUEUED"));

        assertThat(job.deliverDue()).isEqualTo(12);
        assertThat(rows(h)).allSatisfy(r -> {
            assertThat(r.get("status")).isEqualTo("SENT");
            assertThat(r.get("docid")).isNotNull();
        });
        for (FakeXplan fake : List.of(fakeA, fakeB)) {
            List<ObjectNode> arrived = fake.docnotesOf(fake == fakeA ? crmId : crmIdB);
            assertThat(arrived).hasSize(6);
            assertThat(arrived).extracting(n -> n.path("subject").asString()).contains(
                    "Completed Your Life Survey " + name, "Completed Values Session for " + name,
                    "Completed Your Investment Preferences for " + name, "Investment Preferences Created", "Atrium Plan Created")
                    .anyMatch(subject -> subject.startsWith("Client note of "));
            ObjectNode life = arrived.stream().filter(n -> n.path("subject").asString().startsWith("Completed Your Life")).findFirst().orElseThrow();
            assertThat(life.path("body").asString()).contains("Your Life Score: 65 %", "- Retire at 60", "- Finances: 40 %");
            assertThat(life.path("doctype").asString()).isEqualTo("General");
            assertThat(life.path("guid").asString()).isNotBlank();
            ObjectNode prefs = arrived.stream().filter(n -> n.path("subject").asString().startsWith("Completed Your Investment")).findFirst().orElseThrow();
            assertThat(prefs.path("body").asString()).contains(InvestmentQuestion.ETHICAL.question(), "- No preference");
            ObjectNode export = arrived.stream().filter(n -> n.path("subject").asString().equals("Investment Preferences Created")).findFirst().orElseThrow();
            assertThat(export.path("attachments")).hasSize(1);
            assertThat(export.path("attachments").get(0).path("filename").asString()).startsWith("investment-preferences-").endsWith(".pdf");
            assertThat(fake.attachment(export, 0)).isEqualTo(pdf);
            ObjectNode planNote = arrived.stream().filter(n -> n.path("subject").asString().equals("Atrium Plan Created")).findFirst().orElseThrow();
            assertThat(fake.attachment(planNote, 0)).isEqualTo(plan);
            assertThat(planNote.path("attachments").get(0).path("filename").asString()).startsWith("plan-").endsWith(".pdf");
            assertThat(arrived.stream().filter(n -> n.path("attachments").size() > 0)).hasSize(2);
        }
        // the CRM notes list shows each note sent with the CRM's note id
        mvc.perform(get("/api/clients/" + h + "/crm-notes").with(as(m))).andExpect(status().isOk())
                .andExpect(jsonPath("$.notes.length()").value(12))
                .andExpect(jsonPath("$.notes[0].status").value("SENT"))
                .andExpect(jsonPath("$.notes[0].crmNoteId").isNotEmpty())
                .andExpect(jsonPath("$.integrations[0].externalId").value(Long.toString(crmId)));
        mvc.perform(get("/clients/" + h + "/crm-notes").with(as(m))).andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("CRM note " + rows(h).get(0).get("docid"))));
    }

    @Test
    void aCrmDownThenUpGetsTheNoteOnce() {
        long crmId = fakeA.clients().get(0).id;
        long h = household(a, crmId);
        engagement.completeYourLife(p.manager, h, new YourLifeForm(holder(h), ratings(), List.of()));
        fakeA.inject(0, Fault.BAD_GATEWAY, Fault.SERVER_ERROR_HTML, Fault.BAD_GATEWAY, Fault.BAD_GATEWAY, Fault.SERVER_ERROR_HTML,
                Fault.BAD_GATEWAY, Fault.BAD_GATEWAY, Fault.BAD_GATEWAY);
        assertThat(job.deliverDue()).isZero();
        assertThat(rows(h).get(0)).containsEntry("status", "QUEUED").containsEntry("attempts", 1);
        assertThat(jdbc.sql("SELECT last_error FROM crm_file_note WHERE household_id = :h").param("h", h).query(String.class).single())
                .contains("502");
        assertThat(job.deliverDue()).as("not due yet: the back-off").isZero();
        makeDue(h);
        assertThat(job.deliverDue()).as("still down (the guid search is retried, then the POST fails)").isZero();
        fakeA.clearFaults();
        makeDue(h);
        assertThat(job.deliverDue()).isEqualTo(1);
        assertThat(rows(h).get(0)).containsEntry("status", "SENT");
        assertThat(fakeA.docnotesOf(crmId)).hasSize(1);
    }

    @Test
    void aDeliveryThatReachedTheCrmBeforeFailingIsFoundByItsGuidAndNotSentAgain() {
        long crmId = fakeA.clients().get(1).id;
        long h = household(a, crmId);
        engagement.completeYourLife(p.manager, h, new YourLifeForm(holder(h), ratings(), List.of()));
        fakeA.inject(0, Fault.ACCEPTED_THEN_BAD_GATEWAY);
        assertThat(job.deliverDue()).isZero();
        assertThat(fakeA.docnotesOf(crmId)).as("the CRM has it, Atrium does not know").hasSize(1);
        assertThat(rows(h).get(0)).containsEntry("status", "QUEUED");
        makeDue(h);
        assertThat(job.deliverDue()).isEqualTo(1);
        assertThat(fakeA.docnotesOf(crmId)).hasSize(1);
        assertThat(rows(h).get(0).get("docid")).isEqualTo(fakeA.docnotesOf(crmId).get(0).path("docid").asString());
    }

    @Test
    void aCrashAfterTheCrmAcceptedButBeforeAtriumRecordedItStillLeavesOneNote() {
        long crmId = fakeA.clients().get(2).id;
        long h = household(a, crmId);
        engagement.completePreferences(p.manager, h, new PreferencesForm(holder(h), answers()));
        engagement.exportPreferences(p.manager, h);
        assertThat(job.deliverDue()).isEqualTo(2);
        assertThat(fakeA.docnotesOf(crmId)).hasSize(2);
        // the node stopped after the CRM answered and before the commit: what the database then holds is the claim
        // (the attempt counted, the lease) and nothing of the answer
        jdbc.sql("""
                        UPDATE crm_file_note SET status = 'QUEUED', docid = NULL, sent_at = NULL, attachment_sent = FALSE,
                                                 next_attempt_at = CURRENT_TIMESTAMP WHERE household_id = :h""")
                .param("h", h).update();
        assertThat(job.deliverDue()).isEqualTo(2);
        List<ObjectNode> arrived = fakeA.docnotesOf(crmId);
        assertThat(arrived).as("found by guid, not written again").hasSize(2);
        assertThat(arrived.stream().mapToInt(n -> n.path("attachments").size()).sum()).as("the PDF attached once").isEqualTo(1);
        assertThat(rows(h)).allSatisfy(r -> assertThat(r.get("status")).isEqualTo("SENT"));
    }

    @Test
    void noIntegrationQueuesNothingAndAClientWithoutExternalIdIsShownAsNotLinked() throws Exception {
        // a practice without any integration
        TestPractice other = fixtures.practice();
        ClientView lone = fixtures.client(other.adviser, "Nocrm");
        engagement.completeYourLife(other.adviser, lone.id(), new YourLifeForm(holder(other, lone), ratings(), List.of()));
        assertThat(rows(lone.id())).isEmpty();
        mvc.perform(get("/api/clients/" + lone.id() + "/crm-notes").with(as(other.adviser))).andExpect(status().isOk())
                .andExpect(jsonPath("$.integrations.length()").value(0)).andExpect(jsonPath("$.notes.length()").value(0));
        mvc.perform(get("/clients/" + lone.id() + "/crm-notes").with(as(other.adviser))).andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("No CRM is connected")));
        // this practice has a connected CRM, but this client is not in it
        ClientView unlinked = fixtures.client(p.adviser, "Unlinked");
        engagement.completeYourLife(p.adviser, unlinked.id(), new YourLifeForm(holder(p, unlinked), ratings(), List.of()));
        assertThat(rows(unlinked.id())).isEmpty();
        mvc.perform(get("/api/clients/" + unlinked.id() + "/crm-notes").with(as(p.adviser))).andExpect(status().isOk())
                .andExpect(jsonPath("$.integrations[0].linked").value(false))
                .andExpect(jsonPath("$.integrations[0].state").value(Matchers.containsString("not linked to the CRM")));
        mvc.perform(get("/clients/" + unlinked.id() + "/crm-notes").with(as(p.adviser))).andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("not linked to the CRM")));
    }

    @Test
    void aRefusedNoteFailsWithItsReasonAndCanBeRetried() throws Exception {
        long h = fixtures.client(p.adviser, "Gone").id();
        link(a, h, 999_999); // a client the CRM does not (or no longer) have
        engagement.completeYourLife(p.adviser, h, new YourLifeForm(holder(h), ratings(), List.of()));
        assertThat(job.deliverDue()).isZero();
        assertThat(rows(h).get(0)).containsEntry("status", "FAILED");
        long id = jdbc.sql("SELECT id FROM crm_file_note WHERE household_id = :h").param("h", h).query(Long.class).single();
        mvc.perform(get("/api/clients/" + h + "/crm-notes").with(as(p.adviser))).andExpect(status().isOk())
                .andExpect(jsonPath("$.notes[0].status").value("FAILED"))
                .andExpect(jsonPath("$.notes[0].reason").value(Matchers.containsString("404")));
        mvc.perform(post("/api/clients/" + h + "/crm-notes/" + id + "/retry").with(csrf()).with(as(p.adviser)))
                .andExpect(status().isAccepted()).andExpect(jsonPath("$.status").value("QUEUED"));
        mvc.perform(post("/api/clients/" + h + "/crm-notes/" + id + "/retry").with(csrf()).with(as(p.adviser)))
                .andExpect(status().isConflict());
        assertThat(job.deliverDue()).isZero();
        assertThat(rows(h).get(0)).containsEntry("status", "FAILED");
    }

    long holder(TestPractice t, ClientView c) {
        return c.people().stream().filter(x -> x.relationship() == Relationship.HOLDER).map(PersonView::id).findFirst().orElseThrow();
    }
}
