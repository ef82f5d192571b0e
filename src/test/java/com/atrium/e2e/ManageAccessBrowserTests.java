package com.atrium.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.atrium.household.ClientForm;
import com.atrium.household.ClientStatus;
import com.atrium.household.HouseholdService;
import com.atrium.household.PersonForm;
import com.atrium.household.Relationship;
import com.atrium.practice.PracticeService;
import com.atrium.shared.Actor;
import com.atrium.shared.UserType;
import com.atrium.testsupport.Fixtures;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.SelectOption;
import java.time.LocalDate;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Manage household access end to end (issue 3): a practice manager opens a household, adds a staff member
 * with a role, changes the role in place, hands the primary professional role over, asks "why?" and finds
 * every change on the household's History tab.
 *
 * <p>The test works in a practice of its own ({@link OwnPractice}), so it changes nothing another browser test
 * looks at.
 */
class ManageAccessBrowserTests extends BrowserTest {

    @Autowired
    PracticeService practices;
    @Autowired
    HouseholdService households;

    @Test
    void aPracticeManagerChangesTheTeamAndSeesItInTheHistory() {
        OwnPractice bayside = OwnPractice.create(practices, "Bayside Advisers", "bayside.example");
        Actor helen = bayside.user("Helen", "Park", "+61 2 9555 0301", UserType.PROFESSIONAL, true);
        Actor james = bayside.user("James", "Cole", "+61 412 555 301", UserType.PROFESSIONAL, false);
        bayside.user("Marcus", "Bell", "+61 412 555 302", UserType.PROFESSIONAL, false);
        bayside.user("Priya", "Shah", null, UserType.SUPPORT, false);
        bayside.user("Grace", "Lin", null, UserType.ASSISTANT, false);
        household(james, "Ellery", "Claire", "Owen");

        loginAs(helen.email(), Fixtures.PASSWORD);
        page.getByLabel("Search clients").pressSequentially("ellery");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Ellery, Claire & Owen")).click();
        assertThat(page.getByTestId("primary")).containsText("James Cole");

        page.getByTestId("manage-access").click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Team").setExact(true))).isVisible();
        assertThat(person("James Cole").getByTestId("role")).hasText("Primary professional");
        assertThat(person("Helen Park")).containsText("Practice manager of " + bayside.practice.name());
        assertThat(person("Priya Shah")).hasCount(0);

        // add a staff member with a role
        page.getByLabel("Staff user", new Page.GetByLabelOptions().setExact(true)).selectOption(new SelectOption().setLabel("Priya Shah · Support staff"));
        page.getByLabel("Role", new Page.GetByLabelOptions().setExact(true)).selectOption(new SelectOption().setLabel("Paraplanner"));
        page.getByTestId("add-member").click();
        assertThat(message()).hasText("Priya Shah now has access as Paraplanner.");
        assertThat(page.getByLabel("Role of Priya Shah")).hasValue("PARAPLANNER");
        assertThat(person("Priya Shah")).containsText(Pattern.compile("Team member as Paraplanner since .+, added by Helen Park"));

        // change that member's role in place (the select saves on change, through htmx: wait until the deferred
        // scripts have run, or the change event fires before htmx listens — seen once in CI)
        page.waitForLoadState();
        page.getByLabel("Role of Priya Shah").selectOption(new SelectOption().setLabel("Read-only"));
        assertThat(message()).hasText("Priya Shah's role is now Read-only.");
        assertThat(page.getByLabel("Role of Priya Shah")).hasValue("READ_ONLY");
        assertThat(person("Priya Shah")).containsText("Team member as Read-only");

        // hand the primary professional role to another Professional; James stays on the team as Adviser
        page.getByLabel("Hand over to").selectOption(new SelectOption().setLabel("Marcus Bell"));
        assertThat(page.getByLabel("The current primary")).hasValue("true");
        page.getByTestId("hand-over-submit").click();
        // the confirmation shows the what-if first: James keeps access (as Adviser), Marcus now manages it
        assertThat(page.getByTestId("confirm-change")).containsText("Hand over to Marcus Bell?");
        assertThat(page.getByTestId("what-if")).containsText("Marcus Bell");
        page.getByTestId("confirm-submit").click();
        assertThat(message()).hasText("Marcus Bell is now the primary professional; James Cole stays on the team as Adviser.");
        assertThat(page.getByTestId("current-primary")).hasText("Marcus Bell");
        assertThat(person("Marcus Bell").getByTestId("role")).hasText("Primary professional");
        assertThat(page.getByLabel("Role of James Cole")).hasValue("ADVISER");
        assertThat(person("James Cole")).containsText(Pattern.compile("Team member as Adviser since .+, added by Helen Park"));

        // "Why?" on a row opens that person's explanation in place
        person("Priya Shah").getByTestId("why").click();
        Locator priyaWhy = person("Priya Shah").getByTestId("why-summary");
        assertThat(priyaWhy).containsText("Priya Shah has access:");
        assertThat(priyaWhy).containsText(Pattern.compile("team member as Read-only since .+, added by Helen Park", Pattern.CASE_INSENSITIVE));
        assertThat(person("Priya Shah").locator(".perms li")).hasText(new String[] {"View the client file", "See the Your Life survey, values and investment preferences"});
        screenshot("manage-access", true);

        // ... and the "Why can someone see this client?" form explains a refusal too
        page.getByLabel("Why can this staff user see this client?").selectOption(new SelectOption().setLabel("Grace Lin · Assistant"));
        page.getByTestId("why-submit").click();
        assertThat(page.locator("#why-result").getByTestId("why-summary")).hasText(
                "Grace Lin has no access to this client: they are not a practice manager, not the primary professional and not on the team.");

        // every change is on the History tab, newest first
        page.getByTestId("tab-history").click();
        assertThat(page.getByTestId("client-name")).hasText("Ellery, Claire & Owen");
        assertThat(page.getByTestId("history-count")).hasText("4 recorded changes");
        Locator entries = page.getByTestId("history-entry");
        assertThat(entries).hasCount(4);
        assertHistoryEntry(entries.nth(0), "Helen Park", "Primary handed over",
                "Primary professional: James Cole", "Primary professional: Marcus Bell");
        assertHistoryEntry(entries.nth(1), "Helen Park", "Team role changed", "Priya Shah as Paraplanner", "Priya Shah as Read-only");
        assertHistoryEntry(entries.nth(2), "Helen Park", "Team member added", null, "Priya Shah as Paraplanner");
        assertHistoryEntry(entries.nth(3), "James Cole", "Client registered", null, "Primary professional: James Cole");
        screenshot("history");
    }

    private static void assertHistoryEntry(Locator entry, String who, String what, String before, String after) {
        Locator cells = entry.locator("td");
        assertThat(cells.nth(1)).hasText(who);
        assertThat(cells.nth(2)).hasText(what);
        if (before == null) {
            assertThat(cells.nth(3).locator(".before")).hasCount(0);
        } else {
            assertThat(cells.nth(3).locator(".before")).hasText(before);
        }
        assertThat(cells.nth(3).locator(".after")).hasText(after);
    }

    private Locator person(String name) {
        return page.getByTestId("person").filter(new Locator.FilterOptions()
                .setHas(page.getByTestId("person-name").getByText(name, new Locator.GetByTextOptions().setExact(true))));
    }

    private Locator message() {
        return page.getByTestId("message");
    }

    /** A household of two in no workgroup, created by (and so with primary professional) {@code creator}. */
    private void household(Actor creator, String lastName, String holder, String spouse) {
        households.create(creator, new ClientForm(null, ClientStatus.ACTIVE, null, List.of(
                new PersonForm(holder, null, lastName, LocalDate.of(1978, 3, 14), null, null, Relationship.HOLDER),
                new PersonForm(spouse, null, lastName, LocalDate.of(1976, 11, 2), null, null, Relationship.SPOUSE)),
                ClientForm.NO_WORKGROUP));
    }
}
