package com.atrium.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.Page;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The whole outsider journey in a browser: the file manager gives a family member access on the Access rights
 * tab, the invitation arrives in the dev mailbox, the person creates an account from its link, logs in with the
 * password and the code sent to their mobile, and the client portal shows that one file only.
 */
class OutsiderJourneyBrowserTests extends BrowserTest {
    @Autowired JdbcClient jdbc;

    @Test
    void invitationAccountLoginWithCodeAndThePortal() {
        long clientId = jdbc.sql("SELECT client_id FROM access_grant WHERE email = 'client@harbour.example'").query(Long.class).single();
        String email = "journey-" + System.nanoTime() + "@family.example";

        loginAs("adviser1@harbour.example");
        page.navigate("/clients/" + clientId + "/access-rights");
        assertThat(page.getByTestId("family-row").first()).containsText("Read-write · Active");
        Locator row = page.getByTestId("family-row").filter(new Locator.FilterOptions().setHas(page.getByTestId("no-access"))).first();
        String name = row.getAttribute("data-name");
        row.getByTestId("give-access").click();
        row.getByTestId("grant-email").fill(email);
        row.getByTestId("grant-mobile").fill("+61 412 555 399");
        row.getByTestId("grant-level").selectOption("READ_WRITE");
        screenshot("access-rights");
        row.getByTestId("grant-save").click();
        assertThat(page.getByTestId("message")).containsText("an invitation was sent to " + email);
        assertThat(page.getByTestId("family-row").filter(new Locator.FilterOptions().setHasText(name)))
                .containsText("Invited (no account yet)");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log out")).click();

        page.navigate("/dev/mailbox?to=" + email);
        assertThat(page.getByTestId("mail-subject").first()).containsText("invites you to Atrium");
        screenshot("dev-mailbox");
        page.getByTestId("mail-link").first().click();

        assertThat(page.getByTestId("invitation-email")).hasValue(email);
        page.getByTestId("password").fill("journey-password-1");
        page.getByTestId("confirm").fill("journey-password-1");
        page.getByTestId("create-account").click();
        assertThat(page.getByTestId("welcome")).isVisible();

        loginAs(email, "journey-password-1");
        assertThat(page).hasURL(Pattern.compile("/login/code$"));
        page.navigate("/dev/mailbox?to=%2B61412555399");
        String sms = page.getByTestId("mail-body").first().textContent();
        Matcher code = Pattern.compile("(\\d{6})").matcher(sms);
        org.assertj.core.api.Assertions.assertThat(code.find()).as("a code in %s", sms).isTrue();
        page.navigate("/login/code");
        page.getByTestId("code").fill(code.group(1));
        page.getByTestId("verify").click();

        assertThat(page).hasURL(Pattern.compile("/portal$"));
        assertThat(page.getByTestId("file")).hasCount(1);
        page.getByTestId("file").first().getByRole(AriaRole.LINK).click();
        assertThat(page.getByTestId("portal-access")).containsText("Read-write");
        assertThat(page.getByTestId("file-manager")).containsText("Daniel Okafor");
        screenshot("portal");

        // a staff page is refused
        page.navigate("/clients/" + clientId);
        assertThat(page.locator("h1")).hasText("Not allowed");
    }
}
