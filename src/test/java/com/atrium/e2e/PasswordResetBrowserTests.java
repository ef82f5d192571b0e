package com.atrium.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.atrium.practice.PracticeService;
import com.atrium.shared.Actor;
import com.atrium.shared.UserType;
import com.atrium.testsupport.Fixtures;
import com.microsoft.playwright.Locator;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Forgot password, in Chromium: the login page's link, the same answer for any address, the link from the dev mailbox,
 * the policy's message on its field, the new password logs in; then changing it again on the profile page. Works in a
 * practice of its own, so the demo users keep their password for the other browser tests.
 */
class PasswordResetBrowserTests extends BrowserTest {
    @Autowired PracticeService practices;

    @Test
    void resetAForgottenPasswordFromTheDevMailboxThenChangeItOnTheProfile() {
        Actor user = OwnPractice.create(practices, "Lighthouse Advice", "lighthouse.example")
                .user("Nadia", "Brook", "+61 2 9555 0142", UserType.PROFESSIONAL, false);

        page.navigate("/login");
        page.getByTestId("forgot-password").click();
        page.getByTestId("reset-email").fill(user.email());
        page.getByTestId("send-reset-link").click();
        assertThat(page.getByTestId("reset-sent")).containsText("If an account uses this address");

        Locator link = mailLink(user.email());
        link.click();
        assertThat(page.getByRole(com.microsoft.playwright.options.AriaRole.HEADING,
                new com.microsoft.playwright.Page.GetByRoleOptions().setName("Choose a new password"))).isVisible();
        page.getByTestId("new-password").fill("password1234");
        page.getByTestId("confirm-password").fill("password1234");
        page.getByTestId("set-password").click();
        assertThat(page.locator(".field-error").first()).containsText("one of the most common passwords");
        screenshot("password-reset");

        page.getByTestId("new-password").fill("lanterns-over-the-bay");
        page.getByTestId("confirm-password").fill("lanterns-over-the-bay");
        page.getByTestId("set-password").click();
        assertThat(page.getByTestId("reset-done")).isVisible();

        loginAs(user.email(), Fixtures.PASSWORD);
        assertThat(page.getByRole(com.microsoft.playwright.options.AriaRole.ALERT)).isVisible();
        loginAs(user.email(), "lanterns-over-the-bay");
        assertThat(page.getByTestId("who")).hasText("Nadia Brook");

        page.navigate("/profile");
        page.getByLabel("Current password").fill("lanterns-over-the-bay");
        page.getByLabel("New password", new com.microsoft.playwright.Page.GetByLabelOptions().setExact(true)).fill("short");
        page.getByLabel("New password again").fill("different");
        page.getByTestId("change-password-submit").click();
        assertThat(page.getByTestId("change-password")).containsText("Choose a password of at least 12 characters.");
        assertThat(page.getByTestId("change-password")).containsText("The two new passwords are not the same.");
        page.getByTestId("change-password").scrollIntoViewIfNeeded();
        screenshot("profile-password");
        page.getByLabel("Current password").fill("lanterns-over-the-bay");
        page.getByLabel("New password", new com.microsoft.playwright.Page.GetByLabelOptions().setExact(true)).fill("ferry-at-seven-bells");
        page.getByLabel("New password again").fill("ferry-at-seven-bells");
        page.getByTestId("change-password-submit").click();
        assertThat(page.getByTestId("password-changed")).isVisible();
        assertThat(page).hasURL(Pattern.compile("/profile\\?password=changed"));
    }

    /**
     * The reset link in the dev mailbox. The address is looked up off the request thread, so the mail may take a moment
     * to be queued: reload until it is listed (a ceiling of about 20 s, not a timing assertion).
     */
    private Locator mailLink(String email) {
        for (int i = 0; i < 40; i++) {
            page.navigate("/dev/mailbox?to=" + email);
            if (page.getByTestId("mail-subject").count() > 0) {
                break;
            }
            page.waitForTimeout(500);
        }
        assertThat(page.getByTestId("mail-subject").first()).hasText("Reset your Atrium password");
        return page.getByTestId("mail-link").first();
    }
}
