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
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Issue 12, item 2: a practice manager edits a staff user, is refused disabling a primary professional (with the
 * clients to hand over, linked), and disables another user after a confirmation — who then cannot log in.
 */
class StaffLifecycleBrowserTests extends BrowserTest {

    @Autowired
    PracticeService practices;
    @Autowired
    HouseholdService households;

    @Test
    void aManagerEditsDisablesAndIsRefusedForAPrimary() {
        OwnPractice practice = OwnPractice.create(practices, "Wharf Advisory", "wharf.example");
        Actor olive = practice.user("Olive", "Grant", "+61 2 9555 0501", UserType.PROFESSIONAL, true);
        Actor pete = practice.user("Pete", "Marsh", "+61 412 555 502", UserType.PROFESSIONAL, false);
        Actor rae = practice.user("Rae", "Doyle", null, UserType.SUPPORT, false);
        households.create(pete, new ClientForm(null, ClientStatus.ACTIVE, null, List.of(
                new PersonForm("Ivy", null, "Stone", null, null, null, Relationship.HOLDER)), ClientForm.NO_WORKGROUP));

        loginAs(olive.email(), Fixtures.PASSWORD);
        page.navigate("/staff");
        page.getByTestId("edit-" + pete.userId()).click();
        assertThat(page.getByTestId("responsibilities")).containsText("Stone, Ivy");
        page.getByTestId("disable").click();
        assertThat(page.getByTestId("refusal")).containsText("primary professional of 1 client");
        assertThat(page.getByTestId("hand-over-list")).containsText("Stone, Ivy");
        screenshot("staff-disable-refused", true);

        page.navigate("/staff/" + rae.userId());
        page.locator("#lastName").fill("Doyle-Kerr");
        page.locator("#email").fill("rae@");
        page.getByTestId("save-staff").click();
        assertThat(page.locator(".field-error")).containsText("is not an email address");
        assertThat(page.locator("#lastName")).hasValue("Doyle-Kerr");
        page.locator("#email").fill(rae.email());
        page.getByTestId("save-staff").click();
        assertThat(page.getByTestId("staff-name")).hasText("Rae Doyle-Kerr");
        page.getByTestId("disable").click();
        assertThat(page.getByTestId("confirm-disable")).containsText("lose access to every client at once");
        screenshot("staff-disable-confirm");
        page.getByTestId("confirm").click();
        assertThat(page.getByTestId("disabled-message")).isVisible();
        assertThat(page.getByTestId("staff-status")).hasText("Disabled");

        context.clearCookies();
        loginAs(rae.email(), Fixtures.PASSWORD);
        assertThat(page.getByTestId("who")).hasCount(0);
    }
}
