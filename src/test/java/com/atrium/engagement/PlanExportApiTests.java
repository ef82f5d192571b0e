package com.atrium.engagement;

import static com.atrium.practice.TestLogins.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.atrium.access.AccessFacts;
import com.atrium.access.AccessService;
import com.atrium.access.Relation;
import com.atrium.access.TeamRole;
import com.atrium.audit.AuditEntryView;
import com.atrium.audit.AuditTrail;
import com.atrium.household.ClientView;
import com.atrium.shared.PageRequest;
import com.atrium.testsupport.Fixtures;
import com.atrium.testsupport.Fixtures.TestPractice;
import com.atrium.testsupport.IntegrationTest;
import java.nio.charset.StandardCharsets;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;

@IntegrationTest
class PlanExportApiTests {
    @Autowired MockMvc mvc;
    @Autowired Fixtures fixtures;
    @Autowired AccessService access;
    @Autowired AccessFacts facts;
    @Autowired AuditTrail trail;
    @Autowired TransactionTemplate tx;

    TestPractice p;
    TestPractice other;
    ClientView client;

    @BeforeEach
    void setUp() {
        p = fixtures.practice();
        other = fixtures.practice();
        client = fixtures.client(p.adviser, "Planwright");
    }

    @Test
    void theExportIsARealPdfWhoseHeaderCarriesThePrimarysContactDetails() throws Exception {
        byte[] pdf = mvc.perform(get("/api/clients/" + client.id() + "/plan.pdf").with(as(p.adviser)))
                .andExpect(status().isOk())
                .andExpect(content().contentType(MediaType.APPLICATION_PDF))
                .andExpect(header().string("Content-Disposition", Matchers.containsString("plan-planwright-alex-sam.pdf")))
                .andReturn().getResponse().getContentAsByteArray();
        assertThat(new String(pdf, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        String text = text(pdf);
        assertThat(text).contains("adviser Tester").contains(p.adviser.email()).contains("+61 412 345 678")
                .containsIgnoringCase("Your primary professional").contains(p.practice.name())
                .contains("Planwright, Alex & Sam").contains("Alex Planwright").contains("Sam Planwright")
                .contains("Holder").contains("Spouse / partner").contains("4 May 1970").contains("Active client");
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            assertThat(doc.getDocumentInformation().getTitle()).contains("Planwright");
            String firstPageTop = new PDFTextStripper() {{ setStartPage(1); setEndPage(1); }}.getText(doc);
            // the header (running element) comes before the household's name on the page
            assertThat(firstPageTop.indexOf(p.adviser.email())).isLessThan(firstPageTop.indexOf("Alex Planwright"));
        }
    }

    @Autowired com.atrium.inventory.InventoryService inventory;
    @Autowired com.atrium.simulation.SimulationService simulations;
    @Autowired EngagementService engagement;

    @Test
    void thePlanPresentsInventoriesWithTotalsTheLatestSimulationYourLifeValuesAndPreferencesWithPageNumbers() throws Exception {
        long holder = client.people().get(0).id();
        long spouse = client.people().get(1).id();
        inventory.addWealthItem(p.adviser, client.id(), new com.atrium.inventory.WealthItemForm("ASSET", "REAL_ESTATE", "Family home",
                new java.math.BigDecimal("750000"), null, java.util.List.of(new com.atrium.inventory.WealthItemForm.OwnerForm(holder, null))));
        inventory.addWealthItem(p.adviser, client.id(), new com.atrium.inventory.WealthItemForm("LIABILITY", "MORTGAGE", "Mortgage",
                new java.math.BigDecimal("250000"), null, java.util.List.of(new com.atrium.inventory.WealthItemForm.OwnerForm(holder, null))));
        inventory.addDonation(p.adviser, client.id(), new com.atrium.inventory.DonationForm(java.time.LocalDate.of(2021, 6, 1), holder, spouse,
                null, new java.math.BigDecimal("12000"), null, "MONEY", null));
        simulations.run(p.adviser, client.id(), new com.atrium.simulation.SimulationForm(holder));
        java.util.Map<String, Integer> ratings = new java.util.LinkedHashMap<>();
        for (Dimension d : Dimension.values()) {
            ratings.put(d.name(), 6);
        }
        engagement.completeYourLife(p.adviser, client.id(), new YourLifeForm(holder, ratings, java.util.List.of("Buy a boat")));
        engagement.saveValuesSession(p.adviser, client.id(), new ValuesSessionForm(java.util.List.of(
                new ValuesSessionForm.PersonValues(holder, java.util.List.of("FAMILY", "ADVENTURE")))));
        java.util.Map<String, String> answers = new java.util.LinkedHashMap<>();
        for (InvestmentQuestion q : InvestmentQuestion.values()) {
            answers.put(q.name(), q.answers().keySet().iterator().next());
        }
        engagement.completePreferences(p.adviser, client.id(), new PreferencesForm(spouse, answers));
        byte[] pdf = mvc.perform(get("/api/clients/" + client.id() + "/plan.pdf").with(as(p.adviser))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsByteArray();
        String text = text(pdf);
        assertThat(text).contains("Family home", "Total assets", "\u20ac 750,000.00", "Total liabilities", "\u20ac 250,000.00", "Net worth",
                        "\u20ac 500,000.00", "Total donations", "\u20ac 12,000.00", "Latest simulation", "Alex Planwright · Your Life Score 60 %",
                        "Buy a boat", "Top values", "Family, Adventure", "Investment preferences", InvestmentQuestion.GOAL.question(),
                        "Preserve what I have", p.adviser.email())
                .containsPattern("Page 1 of \\d");
        org.assertj.core.api.Assertions.assertThat(text.indexOf("Net worth")).isLessThan(text.indexOf("Top values"));
    }

    @Test
    void theExportIsRecordedInTheAuditTrail() throws Exception {
        mvc.perform(get("/api/clients/" + client.id() + "/plan.pdf").with(as(p.manager))).andExpect(status().isOk());
        AuditEntryView last = trail.clientHistory(p.adviser, client.id(), PageRequest.of(0, 1)).items().get(0);
        assertThat(last.action()).isEqualTo("PLAN_EXPORTED");
        assertThat(last.actionLabel()).isEqualTo("Plan exported");
        assertThat(last.actorName()).isEqualTo("manager Tester");
        assertThat(last.after()).contains("plan-planwright-alex-sam.pdf");
        assertThat(trail.verify(p.practice.id()).ok()).isTrue();
    }

    @Test
    void aReadOnlyMemberSeesTheClientButMayNotExport() throws Exception {
        tx.executeWithoutResult(s -> facts.add(p.adviser.userId(), new Relation.Team(client.id(), TeamRole.READ_ONLY, p.support.userId())));
        mvc.perform(get("/api/clients/" + client.id()).with(as(p.support))).andExpect(status().isOk());
        mvc.perform(get("/api/clients/" + client.id() + "/plan.pdf").with(as(p.support)))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value(Matchers.containsString("may not export the plan")));
        mvc.perform(get("/clients/" + client.id() + "/plan.pdf").with(as(p.support))).andExpect(status().isForbidden());
        // a denied export leaves no trace in the trail
        assertThat(trail.clientHistory(p.adviser, client.id(), PageRequest.of(0, 10)).items())
                .extracting(AuditEntryView::action).doesNotContain("PLAN_EXPORTED");
    }

    @Test
    void anotherPracticeGets404() throws Exception {
        mvc.perform(get("/api/clients/" + client.id() + "/plan.pdf").with(as(other.manager)))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(get("/api/clients/" + client.id() + "/plan.pdf").with(as(p.otherAdviser))).andExpect(status().isNotFound());
        mvc.perform(get("/clients/" + client.id() + "/plan.pdf").with(as(other.manager))).andExpect(status().isNotFound());
        mvc.perform(get("/api/clients/" + client.id() + "/plan.pdf").accept(MediaType.APPLICATION_PDF).with(as(other.manager)))
                .andExpect(status().isNotFound());
    }

    @Test
    void theButtonDownloadsThePdfAndShowsOnlyWithThePermission() throws Exception {
        mvc.perform(get("/clients/" + client.id()).with(as(p.adviser)))
                .andExpect(content().string(Matchers.containsString("data-testid=\"export-plan\"")));
        byte[] pdf = mvc.perform(get("/clients/" + client.id() + "/plan.pdf").with(as(p.adviser)))
                .andExpect(status().isOk()).andExpect(content().contentType(MediaType.APPLICATION_PDF))
                .andExpect(header().string("Content-Disposition", Matchers.startsWith("attachment")))
                .andReturn().getResponse().getContentAsByteArray();
        assertThat(text(pdf)).contains(p.adviser.email());

        tx.executeWithoutResult(s -> facts.add(p.adviser.userId(), new Relation.Team(client.id(), TeamRole.READ_ONLY, p.support.userId())));
        mvc.perform(get("/clients/" + client.id()).with(as(p.support)))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.not(Matchers.containsString("data-testid=\"export-plan\""))));
    }

    @Test
    void scriptsExportWithHttpBasic() throws Exception {
        mvc.perform(get("/api/clients/" + client.id() + "/plan.pdf").with(httpBasic(p.adviser.email(), Fixtures.PASSWORD)))
                .andExpect(status().isOk()).andExpect(content().contentType(MediaType.APPLICATION_PDF));
    }

    static String text(byte[] pdf) throws Exception {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(doc);
        }
    }
}
