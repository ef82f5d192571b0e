package com.atrium.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.atrium.fakexplan.FakeXplan;
import com.atrium.household.ClientView;
import com.atrium.household.HouseholdService;
import com.atrium.household.PersonView;
import com.atrium.practice.PracticeService;
import com.atrium.shared.Actor;
import com.atrium.shared.PageRequest;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.time.LocalDate;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Issue 13's flow in a browser: a practice manager adds an Xplan integration, imports an id mapping, goes through the
 * (fake) Xplan consent page, presses Sync now, sees the run finish with its counts, and opens the linked client's
 * Insurance tab.
 */
class CrmBrowserTests extends BrowserTest {
    static FakeXplan fake;

    @Autowired PracticeService practice;
    @Autowired HouseholdService households;

    @BeforeAll
    static void startFake() {
        fake = FakeXplan.start(12);
    }

    @AfterAll
    static void stopFake() {
        fake.close();
    }

    @Test
    void aManagerConnectsXplanImportsMappingsSyncsAndSeesInsurance() {
        // an existing Harbour client who is also in Xplan (same email), with a policy there
        Actor manager = practice.actor(practice.accountByEmail("manager@harbour.example").orElseThrow().id()).orElseThrow();
        ClientView existing = households.list(manager, null, PageRequest.of(0, 200)).items().stream()
                .map(c -> households.get(manager, c.id()))
                .filter(c -> c.people().stream().anyMatch(p -> p.email() != null)).findFirst().orElseThrow();
        PersonView person = existing.people().stream().filter(p -> p.email() != null).findFirst().orElseThrow();
        FakeXplan.Client inXplan = fake.addClient("Mrs", person.firstName(), person.lastName(), LocalDate.of(1971, 2, 3), 501);
        inXplan.contact("Email", person.email(), true).contact("Mobile", "+61 412 555 777", true);
        inXplan.policy(88001, "Life", "TAL", "Life Protect", "P-88001", "Inforce", "Monthly", "99.90", "750000", "2031-06-30");

        loginAs("manager@harbour.example");
        page.getByTestId("nav-integrations").click();
        page.getByTestId("add-integration").click();
        assertThat(page.getByTestId("mapping-count")).containsText("clients have no Xplan id yet");
        screenshot("crm-mapping-check");

        byte[] csv = ("first name,last name,email,CRM id\n" + person.firstName() + "," + person.lastName() + ","
                + person.email() + "," + inXplan.id + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        com.microsoft.playwright.options.FilePayload file = new com.microsoft.playwright.options.FilePayload("mappings.csv", "text/csv", csv);
        page.getByTestId("mapping-file").setInputFiles(file);
        page.getByTestId("mapping-preview").click();
        assertThat(page.getByTestId("mapping-row")).containsText("will be linked");
        page.getByTestId("mapping-file").setInputFiles(file);
        page.getByTestId("mapping-import").click();
        assertThat(page.getByTestId("mapping-result")).containsText("1 client(s) linked");
        page.getByTestId("confirm-box").check();
        page.getByTestId("confirm").click();

        page.getByLabel("Name").fill("Harbour Xplan");
        page.getByLabel("Forward host").fill(fake.host());
        page.getByLabel("App id").fill(FakeXplan.DEMO_APP_ID);
        page.getByLabel("Client secret").fill(FakeXplan.DEMO_SECRET);
        screenshot("crm-details");
        page.getByTestId("proceed").click();
        page.getByTestId("consent-link").click();

        // the fake Xplan's consent page
        assertThat(page.getByRole(AriaRole.HEADING)).containsText("Authorise application");
        screenshot("crm-consent");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Yes")).click();
        assertThat(page.getByTestId("integration-status")).hasText("Connected as " + FakeXplan.USER_NAME);

        page.getByTestId("sync-now").click();
        assertThat(page.getByTestId("run-status")).hasText("Finished");
        assertThat(page.getByTestId("run-counts")).containsText("12 created · 1 updated");
        screenshot("crm-sync");
        page.getByTestId("run-details").click();
        assertThat(page.getByTestId("problem").first()).isVisible();
        screenshot("crm-run");

        page.navigate("/clients/" + existing.id() + "/insurance");
        assertThat(page.getByTestId("crm-mark")).containsText("changes made here are replaced at the next sync");
        assertThat(page.getByTestId("policy")).containsText("TAL");
        assertThat(page.getByTestId("policy")).containsText(Pattern.compile("750,000"));
        screenshot("crm-insurance");

        // the synced person's details carry the mark on the Family tab too (name, date of birth, email, mobile)
        page.getByTestId("tab-family").click();
        assertThat(page.getByTestId("person-row").filter(new Locator.FilterOptions().setHasText(person.email())).getByTestId("crm-mark")).hasText("from Xplan");
        assertThat(page.getByTestId("person-row").filter(new Locator.FilterOptions().setHasText(person.email())).getByTestId("crm-mark")).hasAttribute("title",
                Pattern.compile("come from Xplan: changes made here are replaced at the next sync"));
        assertThat(page.getByTestId("crm-mark")).hasCount(1); // the partner's details are Atrium's own
    }
}
