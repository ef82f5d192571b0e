package com.atrium.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.atrium.household.ClientView;
import com.atrium.household.HouseholdService;
import com.atrium.household.TeamMemberForm;
import com.atrium.household.TeamService;
import com.atrium.practice.Practice;
import com.atrium.practice.PracticeService;
import com.atrium.practice.StaffForm;
import com.atrium.shared.Actor;
import com.atrium.shared.UserType;
import com.atrium.testsupport.Fixtures;
import com.microsoft.playwright.options.SelectOption;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Compliance tools in the browser (issue 17), on a practice of their own (the demo practices stay as they are): a
 * practice manager reviews access, selects rows, sees the preview (what each loses, what is refused and why, who loses
 * access to which client) and revokes; then reassigns a departing adviser's households from the staff list.
 */
class ComplianceBrowserTests extends BrowserTest {
    @Autowired PracticeService practices;
    @Autowired HouseholdService households;
    @Autowired TeamService teams;

    @Test
    void reviewSelectPreviewRevokeThenReassignADepartingAdvisersClients() {
        Practice p = practices.createPractice(Fixtures.unique("Northgate Advisory"));
        Actor manager = user(p, "Helen", "Ward", UserType.PROFESSIONAL, true);
        Actor leaver = user(p, "Tom", "Reid", UserType.PROFESSIONAL, false);
        Actor successor = user(p, "Nora", "Quinn", UserType.PROFESSIONAL, false);
        Actor paraplanner = user(p, "Ivy", "Chen", UserType.SUPPORT, false);
        Fixtures fixtures = new Fixtures(practices, households);
        ClientView fraser = fixtures.client(leaver, "Fraser");
        ClientView lowe = fixtures.client(leaver, "Lowe");
        fixtures.client(leaver, "Marsh");
        teams.addMember(leaver, fraser.id(), new TeamMemberForm(paraplanner.userId(), "PARAPLANNER"));
        teams.addMember(leaver, lowe.id(), new TeamMemberForm(paraplanner.userId(), "READ_ONLY"));

        loginAs(manager.email(), Fixtures.PASSWORD);
        assertThat(page.getByTestId("who")).isVisible();
        page.waitForLoadState();

        // the review: select Ivy on Fraser and Tom (the primary) on Fraser, preview
        page.navigate("/access-review");
        assertThat(page.getByTestId("review-count")).containsText("5 accesses");
        page.locator("[data-key='" + paraplanner.userId() + ":" + fraser.id() + "'] input[type=checkbox]").check();
        page.locator("[data-key='" + leaver.userId() + ":" + fraser.id() + "'] input[type=checkbox]").check();
        screenshot("access-review-select");
        page.getByTestId("preview-revocation").click();

        assertThat(page.getByTestId("revoke-row")).hasCount(1);
        assertThat(page.getByTestId("revoke-row")).containsText("Ivy Chen");
        assertThat(page.getByTestId("revoke-row")).containsText("Team member as Paraplanner");
        assertThat(page.getByTestId("refused-row")).containsText("primary professional");
        assertThat(page.getByTestId("what-if-person")).hasCount(1);
        assertThat(page.getByTestId("what-if-person")).containsText("Ivy Chen");
        assertThat(page.getByTestId("loses")).containsText("1 client: Fraser");
        screenshot("access-review-revoke-preview", true);
        page.getByTestId("confirm-revocation").click();

        assertThat(page.getByTestId("notice")).hasText("1 access revoked."); // only the revocable row was confirmed
        assertThat(page.getByTestId("review-count")).containsText("4 accesses");

        // Tom leaves: Staff -> Tom Reid -> Reassign clients, to Nora
        page.navigate("/staff");
        page.getByTestId("reassign-" + leaver.userId()).click();
        assertThat(page.getByTestId("household-count")).containsText("3 households");
        page.getByTestId("to-user").selectOption(new SelectOption().setLabel("Nora Quinn"));
        page.getByTestId("preview-reassignment").click();
        assertThat(page.getByTestId("preview-summary")).containsText("3 households change primary professional");
        assertThat(page.getByTestId("preview-summary")).containsText("Tom Reid leaves their teams");
        assertThat(page.locator("[data-testid=what-if-person][data-user='" + leaver.userId() + "'] [data-testid=loses]"))
                .containsText("3 clients");
        assertThat(page.locator("[data-testid=what-if-person][data-user='" + successor.userId() + "'] [data-testid=gains]"))
                .containsText("3 clients");
        screenshot("reassign-preview", true);
        page.getByTestId("confirm-reassignment").click();
        assertThat(page.getByTestId("notice")).hasText("3 households of Tom Reid reassigned.");
        assertThat(page.getByTestId("household-count")).containsText("0 households");
    }

    private Actor user(Practice p, String first, String last, UserType type, boolean manager) {
        String email = Fixtures.unique(first).toLowerCase() + "@northgate.example";
        long id = practices.createUser(p.id(), new StaffForm(email, first, last, "+61 412 345 678", type, manager, Fixtures.PASSWORD));
        return practices.actor(id).orElseThrow();
    }
}
