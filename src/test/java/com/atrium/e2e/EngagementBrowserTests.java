package com.atrium.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.atrium.access.AccessLevel;
import com.atrium.access.GrantSubject;
import com.atrium.crm.CrmFixtures;
import com.atrium.fakexplan.FakeXplan;
import com.atrium.household.ClientForm;
import com.atrium.household.ClientStatus;
import com.atrium.household.ClientView;
import com.atrium.household.HouseholdService;
import com.atrium.household.PersonForm;
import com.atrium.household.Relationship;
import com.atrium.outsider.OutsiderTestSupport;
import com.atrium.practice.PracticeService;
import com.atrium.shared.Actor;
import com.atrium.testsupport.Fixtures;
import com.microsoft.playwright.options.AriaRole;
import java.time.LocalDate;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * Issue 14 in a browser: a holder completes the Your Life survey in the portal; the adviser sees the chart, runs a values
 * session and the investment preferences with the client, and sees the file notes sent to the (fake) Xplan.
 */
class EngagementBrowserTests extends BrowserTest {
    static FakeXplan fake;

    @Autowired PracticeService practice;
    @Autowired HouseholdService households;
    @Autowired ApplicationContext ctx;

    @BeforeAll
    static void startFake() {
        fake = FakeXplan.start(2);
    }

    @AfterAll
    static void stopFake() {
        fake.close();
    }

    @Test
    void aHolderCompletesYourLifeInThePortalAndTheAdviserSeesTheChartAndTheNoteSent() {
        Actor adviser = practice.actor(practice.accountByEmail("adviser1@harbour.example").orElseThrow().id()).orElseThrow();
        Actor manager = practice.actor(practice.accountByEmail("manager@harbour.example").orElseThrow().id()).orElseThrow();
        String last = "Engage" + Long.toString(System.nanoTime() % 100000, 36);
        ClientView client = households.create(adviser, new ClientForm(null, ClientStatus.ACTIVE, null, List.of(
                new PersonForm("Olivia", null, last, LocalDate.of(1975, 3, 14), null, null, Relationship.HOLDER),
                new PersonForm("Noah", null, last, LocalDate.of(1973, 9, 2), null, null, Relationship.SPOUSE))));
        long holderId = client.people().stream().filter(p -> p.relationship() == Relationship.HOLDER).findFirst().orElseThrow().id();
        long integration = CrmFixtures.connected(ctx, adviser.practiceId(), manager.userId(), fake, "Harbour Xplan " + last);
        long crmId = fake.clients().get(0).id;
        CrmFixtures.link(ctx, adviser.practiceId(), integration, client.id(), crmId);
        Actor holder = OutsiderTestSupport.grantWithAccount(ctx, adviser, client.id(), GrantSubject.FAMILY, holderId, AccessLevel.READ_WRITE);

        // the holder, in the portal (password, then the code sent to their mobile)
        loginAs(holder.email(), Fixtures.PASSWORD);
        assertThat(page).hasURL(Pattern.compile("/login/code$"));
        page.navigate("/dev/mailbox?to=%2B33612345678");
        Matcher code = Pattern.compile("(\\d{6})").matcher(page.getByTestId("mail-body").first().textContent());
        org.assertj.core.api.Assertions.assertThat(code.find()).isTrue();
        page.navigate("/login/code");
        page.getByTestId("code").fill(code.group(1));
        page.getByTestId("verify").click();
        assertThat(page).hasURL(Pattern.compile("/portal$"));
        page.navigate("/portal/files/" + client.id());
        page.getByTestId("open-engagement").click();
        int[] ratings = {8, 7, 5, 6, 4, 9};
        String[] dims = {"HEALTH", "RELATIONSHIPS", "CAREER", "FINANCES", "LEISURE", "PURPOSE"};
        for (int i = 0; i < dims.length; i++) {
            page.getByTestId("rating-" + dims[i]).fill(Integer.toString(ratings[i]));
        }
        page.getByTestId("goal-0").fill("Retire at 60");
        page.getByTestId("goal-1").fill("Spend a year in Italy");
        screenshot("engagement-portal-your-life");
        page.getByTestId("save-your-life").click();
        assertThat(page.getByTestId("message")).containsText("Your Life Score 65 %");
        assertThat(page.getByTestId("your-life-chart")).isVisible();
        page.getByRole(AriaRole.BUTTON, new com.microsoft.playwright.Page.GetByRoleOptions().setName("Log out")).click();

        // the CRM gets the file note at once (the job's next run)
        org.assertj.core.api.Assertions.assertThat(CrmFixtures.deliverFileNotes(ctx)).isGreaterThanOrEqualTo(1);
        org.assertj.core.api.Assertions.assertThat(fake.docnotesOf(crmId)).extracting(n -> n.path("subject").asString())
                .contains("Completed Your Life Survey Olivia " + last);

        // the adviser: the chart on the client file, a values session and the investment preferences with the client
        loginAs("adviser1@harbour.example");
        page.navigate("/clients/" + client.id() + "/engagement");
        assertThat(page.getByTestId("your-life-score").first()).hasText("65 %");
        assertThat(page.getByTestId("your-life-chart").first()).isVisible();
        assertThat(page.getByTestId("your-life-table").first()).containsText("Purpose and contribution");
        page.getByTestId("your-life-section").scrollIntoViewIfNeeded();
        screenshot("engagement-your-life");

        page.getByTestId("values-form").locator("summary").click();
        String[][] values = {{"FAMILY", "HEALTH", "FREEDOM", "TRAVEL", "LEGACY"}, {"SECURITY", "FAMILY", "COMMUNITY", "ADVENTURE", "LEARNING"}};
        for (int person = 0; person < 2; person++) {
            for (int r = 1; r <= 5; r++) {
                page.getByTestId("value-" + person + "-" + r).selectOption(values[person][r - 1]);
            }
        }
        page.getByTestId("save-values").click();
        assertThat(page.getByTestId("values-progress")).hasText("100 %");
        page.getByTestId("values-section").scrollIntoViewIfNeeded();
        screenshot("engagement-values");

        page.getByTestId("preferences-form").locator("summary").click();
        page.getByTestId("preferences-person").selectOption(Long.toString(holderId));
        for (com.atrium.engagement.InvestmentQuestion q : com.atrium.engagement.InvestmentQuestion.values()) {
            page.getByTestId("question-" + q.name()).locator("input[type=radio]").nth(1).check();
        }
        page.getByTestId("save-preferences").click();
        assertThat(page.getByTestId("preferences-result").first()).containsText("Avoid harmful industries");
        page.getByTestId("preferences-section").scrollIntoViewIfNeeded();
        screenshot("engagement-preferences");

        CrmFixtures.deliverFileNotes(ctx);
        page.getByTestId("tab-crm-notes").click();
        // other integrations of the demo practice (the CRM browser test adds one) list this client as not linked
        assertThat(page.getByTestId("crm-link").filter(new com.microsoft.playwright.Locator.FilterOptions()
                .setHasText("linked (CRM id " + crmId + ")"))).hasCount(1);
        assertThat(page.getByTestId("crm-note")).hasCount(3);
        assertThat(page.getByTestId("crm-note").filter(new com.microsoft.playwright.Locator.FilterOptions()
                .setHasText("Completed Your Life Survey Olivia " + last)).getByTestId("crm-note-status")).containsText("sent");
        assertThat(page.getByTestId("crm-note-status").first()).containsText("CRM note");
        screenshot("crm-notes");
    }
}
