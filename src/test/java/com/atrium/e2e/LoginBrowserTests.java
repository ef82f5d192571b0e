package com.atrium.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Logging in and out through the real login form. */
class LoginBrowserTests extends BrowserTest {

    @Test
    void wrongPasswordIsRefusedThenTheRightOneLandsOnTheClientList() {
        page.navigate("/clients");
        assertThat(page).hasURL(Pattern.compile("/login$"));
        screenshot("login");

        loginAs("adviser2@harbour.example", "not-the-password");
        assertThat(page.getByRole(AriaRole.ALERT)).hasText("Email or password is not right. After several failed attempts, logins are paused for a few minutes.");
        assertThat(page.getByTestId("who")).not().isVisible();
        // the email typed is kept (once), the password is not, and the cursor waits in the password field
        assertThat(page.getByLabel("Email")).hasValue("adviser2@harbour.example");
        assertThat(page.getByLabel("Password")).hasValue("");
        assertThat(page.getByLabel("Password")).isFocused();
        page.reload();
        assertThat(page.getByLabel("Email")).hasValue("");

        loginAs("adviser2@harbour.example", DEMO_PASSWORD);
        assertThat(page).hasURL(Pattern.compile("/clients(\\?continue)?$"));
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Clients"))).isVisible();
        assertThat(page.getByTestId("who")).hasText("Sophie Lambert");
        assertThat(page.locator(".who-meta")).hasText("Professional · Harbour Wealth");
    }

    @Test
    void logOutEndsTheSession() {
        loginAs("assistant1@harbour.example");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log out")).click();
        assertThat(page.getByRole(AriaRole.STATUS)).hasText("You have been logged out.");

        page.navigate("/clients");
        assertThat(page).hasURL(Pattern.compile("/login$"));
        assertThat(page.getByLabel("Email")).isVisible();
    }
}
