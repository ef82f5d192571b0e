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
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Issue 12, item 1: a primary professional edits a client's profile (a wrong email is refused on its field with
 * everything typed kept), archives the client after a confirmation that says what will happen (it leaves the list,
 * the Archived filter shows it), and restores it. In a practice of its own, so the demo data stays as it is.
 */
class ClientArchiveBrowserTests extends BrowserTest {

    @Autowired
    PracticeService practices;
    @Autowired
    HouseholdService households;

    @Test
    void editsTheProfileArchivesAndRestoresAClient() {
        OwnPractice practice = OwnPractice.create(practices, "Cove Partners", "cove.example");
        Actor nina = practice.user("Nina", "Hart", "+61 412 555 401", UserType.PROFESSIONAL, false);
        households.create(nina, new ClientForm(null, ClientStatus.ACTIVE, null, List.of(
                new PersonForm("Rosa", null, "Quill", LocalDate.of(1969, 5, 2), "rosa.quill@example.org", null, Relationship.HOLDER),
                new PersonForm("Theo", null, "Quill", LocalDate.of(1967, 1, 20), null, null, Relationship.SPOUSE)),
                ClientForm.NO_WORKGROUP));
        households.create(nina, new ClientForm(null, ClientStatus.ACTIVE, null, List.of(
                new PersonForm("Ada", null, "Quinton", null, null, null, Relationship.HOLDER)), ClientForm.NO_WORKGROUP));

        loginAs(nina.email(), Fixtures.PASSWORD);
        assertThat(page.getByTestId("client-count")).hasText("2 clients");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Quill, Rosa & Theo")).click();

        // edit the profile: a wrong email is refused on its field, what was typed stays
        page.getByTestId("edit-profile").click();
        page.getByTestId("display-name").fill("Quill family");
        Locator email = page.locator("#people0\\.email");
        email.fill("rosa.quill@");
        page.locator("#people1\\.mobile").fill("+61 412 555 777");
        page.getByTestId("save-profile").click();
        assertThat(page.locator(".field-error")).containsText("is not an email address");
        assertThat(page.getByTestId("display-name")).hasValue("Quill family");
        assertThat(page.locator("#people1\\.mobile")).hasValue("+61 412 555 777");
        screenshot("client-profile-errors", true);
        email.fill("rosa@quill.example");
        page.getByTestId("save-profile").click();
        assertThat(page.getByTestId("client-name")).hasText("Quill family");
        assertThat(page.locator("section:has(h2:text('People'))")).containsText("rosa@quill.example");

        // archive: a confirmation says what will happen first
        page.getByTestId("archive").click();
        assertThat(page.getByTestId("confirm-status")).containsText("leaves the default client list");
        screenshot("client-archive-confirm");
        page.getByTestId("confirm").click();
        assertThat(page.getByTestId("archived-message")).isVisible();
        assertThat(page.getByTestId("archived-banner")).isVisible();

        // gone from the default list, shown by the Archived filter
        page.navigate("/clients");
        assertThat(page.getByTestId("client-count")).hasText("1 client");
        assertThat(page.locator("#results")).not().containsText("Quill family");
        page.getByTestId("archived-filter").selectOption("only");
        assertThat(page.getByTestId("client-count")).hasText("1 client");
        assertThat(page.locator("#results")).containsText("Quill family");
        assertThat(page.locator("#results")).containsText("Archived");
        screenshot("client-list-archived");

        // restore from the file, after its confirmation
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Quill family")).click();
        page.getByTestId("restore").click();
        assertThat(page.getByTestId("confirm-status")).containsText("comes back to the default client list");
        page.getByTestId("confirm").click();
        assertThat(page.getByTestId("restored-message")).isVisible();
        page.navigate("/clients");
        assertThat(page.getByTestId("client-count")).hasText("2 clients");

        // the history tab shows every change
        page.navigate("/clients");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Quill family")).click();
        page.getByTestId("tab-history").click();
        assertThat(page.locator("main")).containsText("Client restored");
        assertThat(page.locator("main")).containsText("Client archived");
        assertThat(page.locator("main")).containsText("Client profile changed");
        screenshot("client-history-archive");
    }
}
