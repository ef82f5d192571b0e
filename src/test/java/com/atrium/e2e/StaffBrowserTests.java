package com.atrium.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.SelectOption;
import org.junit.jupiter.api.Test;

/** The staff list (everyone), creating staff users (practice managers only), and the profile page. */
class StaffBrowserTests extends BrowserTest {

    @Test
    void aPracticeManagerSeesTheStaffAndCreatesAUser() {
        loginAs("manager@harbour.example");
        mainNav().getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Staff")).click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Staff"))).isVisible();
        assertThat(staffRow("manager@harbour.example")).containsText("Practice manager");
        assertThat(staffRow("adviser1@harbour.example")).containsText("Daniel Okafor");
        assertThat(staffRow("support@harbour.example")).containsText("Support staff");
        screenshot("staff");

        String email = "nora.quinn." + Long.toString(System.nanoTime(), 36) + "@harbour.example";
        page.getByTestId("new-staff").click();
        page.getByLabel("First name").fill("Nora");
        page.getByLabel("Last name").fill("Quinn");
        page.getByLabel("Email").fill(email);
        page.getByLabel("Phone").fill("+61 2 9555 0199");
        page.getByLabel("Type").selectOption(new SelectOption().setLabel("Support staff"));
        page.getByLabel("Initial password").fill("short");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create user")).click();
        assertThat(page.locator(".field-error")).hasText("Choose a password of at least 12 characters.");

        page.getByLabel("Initial password").fill("a-long-enough-password");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create user")).click();
        assertThat(page.getByRole(AriaRole.STATUS)).hasText("Staff user created.");
        assertThat(staffRow(email)).containsText("Nora Quinn");
        assertThat(staffRow(email)).containsText("Support staff");
    }

    @Test
    void anAdviserSeesTheStaffListButCannotAddStaff() {
        loginAs("adviser1@harbour.example");
        mainNav().getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Staff")).click();
        assertThat(staffRow("manager@harbour.example")).containsText("Margaret Hale");
        assertThat(page.getByTestId("new-staff")).hasCount(0);

        page.navigate("/staff/new");
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Not allowed"))).isVisible();
        assertThat(page.locator("main")).containsText("Only practice managers may create and change staff users.");
    }

    @Test
    void theProfileShowsWhoIsLoggedIn() {
        loginAs("adviser1@harbour.example");
        mainNav().getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Profile")).click();
        Locator profile = page.getByTestId("profile");
        assertThat(profile).containsText("Daniel Okafor");
        assertThat(profile).containsText("adviser1@harbour.example");
        assertThat(profile).containsText("Professional");
        assertThat(profile).containsText("Harbour Wealth");
        // the Workgroups panel arrives by htmx after the page: wait for it so the screenshot shows it
        assertThat(page.getByTestId("owned-groups")).containsText("Okafor clients");
        screenshot("profile");
    }

    private Locator mainNav() {
        return page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Main"));
    }

    private Locator staffRow(String email) {
        return page.locator("table.list tbody tr").filter(new Locator.FilterOptions().setHasText(email));
    }
}
