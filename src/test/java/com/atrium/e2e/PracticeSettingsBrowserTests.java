package com.atrium.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.atrium.practice.PracticeService;
import com.atrium.shared.Actor;
import com.atrium.shared.UserType;
import com.atrium.testsupport.Fixtures;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.SelectOption;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Issue 12, item 7f: a practice manager opens Settings from the navigation, is told what is wrong with a name (the rest
 * of what they chose kept), then sets the practice's currency and locale and sees amounts written the new way.
 */
class PracticeSettingsBrowserTests extends BrowserTest {

    @Autowired
    PracticeService practices;

    @Test
    void aManagerSetsTheNameCurrencyAndLocale() {
        OwnPractice practice = OwnPractice.create(practices, "Kauri Wealth", "kauri.example");
        Actor manager = practice.user("Aroha", "Ngata", "+64 9 555 0101", UserType.PROFESSIONAL, true);

        loginAs(manager.email(), Fixtures.PASSWORD);
        page.getByTestId("nav-settings").click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Practice settings"))).isVisible();
        assertThat(page.getByTestId("example")).hasText("€1,234,567.89");

        page.getByLabel("Practice name").fill("");
        page.getByLabel("Currency").selectOption(new SelectOption().setValue("NZD"));
        page.getByLabel("How amounts and numbers are written").selectOption(new SelectOption().setValue("en-NZ"));
        page.getByTestId("save").click();
        assertThat(page.locator("#name-error")).hasText("Enter the practice's name.");
        assertThat(page.getByLabel("Currency")).hasValue("NZD");
        assertThat(page.getByLabel("How amounts and numbers are written")).hasValue("en-NZ");

        page.getByLabel("Practice name").fill(practice.practice.name());
        page.getByTestId("save").click();
        assertThat(page.getByTestId("saved")).hasText("Saved.");
        assertThat(page.getByTestId("example")).hasText("$1,234,567.89");
        screenshot("practice-settings");
    }
}
