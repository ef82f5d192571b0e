package com.atrium.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 12, item 4 in Chromium: the file manager corrects the mistyped email of an invited external adviser on the Access
 * rights tab (a landline first: refused on its field, what was typed kept), the new address gets the invitation (read
 * from the dev mailbox) and its link works, the link sent to the old address no longer does. On the way: the demo's
 * expired grant shows as Expired (item 5) and the Give access form warns to check both email and mobile.
 */
class CorrectOutsiderContactBrowserTests extends BrowserTest {
    @Autowired JdbcClient jdbc;

    @Test
    void correctAnInvitedOutsidersEmail_theNewAddressGetsTheInvitation_theOldLinkDies() {
        long clientId = jdbc.sql("SELECT client_id FROM access_grant WHERE email = 'client@harbour.example'").query(Long.class).single();
        String fixed = "claire.dubois-" + System.nanoTime() + "@notaires.example";

        loginAs("adviser1@harbour.example");
        page.navigate("/clients/" + clientId + "/access-rights");
        assertThat(adviser("Oliver Grant")).containsText("Expired");
        assertThat(page.getByTestId("grant-contact-warning").first()).containsText("needs both to log in");
        Locator row = adviser("Claire Dubois");
        assertThat(row).containsText("Invited (no account yet)");
        row.getByTestId("correct-contact").click();
        row.getByTestId("correct-email").fill(fixed);
        row.getByTestId("correct-mobile").fill("+61 2 9555 0101");
        row.getByTestId("correct-save").click();

        row = adviser("Claire Dubois");
        assertThat(row.locator(".field-error")).containsText("is not a mobile number");
        assertThat(row.getByTestId("correct-email")).hasValue(fixed);
        assertThat(row.getByTestId("correct-mobile")).hasValue("+61 2 9555 0101");
        row.scrollIntoViewIfNeeded();
        screenshot("correct-contact-error");
        row.getByTestId("correct-mobile").fill("+33 6 12 34 56 79");
        row.getByTestId("correct-save").click();
        assertThat(page.getByTestId("message")).containsText("the invitation was sent again to " + fixed);
        assertThat(adviser("Claire Dubois")).containsText(fixed);
        assertThat(adviser("Claire Dubois")).containsText("+33 6 12 34 56 79");
        screenshot("correct-contact");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log out")).click();

        // the link sent to the mistyped address no longer works
        page.navigate("/dev/mailbox?to=notary@harbour.example");
        page.getByTestId("mail-link").first().click();
        assertThat(page.getByTestId("invitation-invalid")).isVisible();

        // the new address has the invitation, and its link works
        page.navigate("/dev/mailbox?to=" + fixed);
        assertThat(page.getByTestId("mail-subject").first()).containsText("invites you to Atrium");
        assertThat(page.getByTestId("mail-body").first()).containsText("ending in 679");
        page.getByTestId("mail-link").first().click();
        assertThat(page.getByTestId("invitation-email")).hasValue(fixed);
    }

    private Locator adviser(String name) {
        return page.getByTestId("adviser-row").filter(new Locator.FilterOptions().setHasText(name));
    }
}
