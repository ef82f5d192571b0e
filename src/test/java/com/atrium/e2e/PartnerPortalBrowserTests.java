package com.atrium.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.atrium.partner.PartnerInvitationJob;
import com.atrium.partner.WorkspaceService;
import com.atrium.practice.PracticeService;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FilePayload;
import com.microsoft.playwright.Page;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The partner portal end to end: an adviser creates an account with two users typed on the form and ten from a CSV;
 * the primary contact opens the invitation in the dev mailbox, logs in with the temporary password, chooses their
 * own, takes the diagnostic and sees the quick-start gate open at 80 %; the adviser enters and leaves advisor mode.
 */
class PartnerPortalBrowserTests extends BrowserTest {
    @Autowired PartnerInvitationJob invitations;
    @Autowired WorkspaceService workspace;
    @Autowired PracticeService practice;
    @Autowired JdbcClient jdbc;

    @Test
    void createAnAccountTakeTheDiagnosticAndUseAdvisorMode() {
        String run = Long.toString(System.nanoTime() % 1_000_000, 36);
        String contact = "ada." + run + "@e2e-business.example";
        loginAs("adviser1@harbour.example");
        page.getByTestId("nav-partner").click();
        assertThat(page.getByTestId("trial-accounts")).containsText("Northwind Bakery");
        screenshot("partner-portal");
        page.getByTestId("add-account").click();
        page.getByLabel("Business name").fill("Acme Tools " + run);
        page.getByLabel("Licence").selectOption("ESSENTIALS");
        page.locator("#contactFirstName").fill("Ada");
        page.locator("#contactLastName").fill("Lovelace");
        page.locator("#contactEmail").fill(contact);
        for (String who : List.of("Bob", "Cy")) {
            page.locator("#newFirstName").fill(who);
            page.locator("#newLastName").fill("Builder");
            page.locator("#newEmail").fill(who.toLowerCase() + "." + run + "@e2e-business.example");
            page.getByTestId("add-user").click();
            assertThat(page.getByTestId("added-users")).containsText(who + " Builder");
            assertThat(page.locator("#newFirstName")).hasValue("");
        }
        StringBuilder csv = new StringBuilder("first name,last name,email\n");
        for (int i = 1; i <= 10; i++) {
            csv.append("Member").append(i).append(",Csv,member").append(i).append('.').append(run).append("@e2e-business.example\n");
        }
        // partner.js (deferred) shows the chosen file's name on the button: wait until it runs
        page.waitForLoadState();
        assertThat(page.locator("#file-label")).hasText("Click to upload file");
        page.getByTestId("csv-file").setInputFiles(new FilePayload("team.csv", "text/csv", csv.toString().getBytes(StandardCharsets.UTF_8)));
        assertThat(page.locator("#file-label")).hasText("team.csv");
        page.getByTestId("preview").click();
        assertThat(page.getByTestId("preview-table")).containsText("10 users in team.csv");
        screenshot("partner-new-account", true);
        page.getByTestId("create-account").click();
        assertThat(page.getByTestId("created")).containsText("13 users were created");
        assertThat(page.getByTestId("account-status")).containsText("Free trial");
        assertThat(page.getByTestId("participation-text")).containsText("0 of 13 completed");
        long accountId = Long.parseLong(page.url().replaceAll(".*/partner/accounts/(\\d+).*", "$1"));
        screenshot("partner-account", true);

        // the invitations go out (the job runs on a schedule in the demo; the test runs it) and arrive in the dev mailbox
        invitations.run();
        page.navigate("/dev/mailbox?to=" + contact);
        assertThat(page.getByTestId("mail").first()).containsText("temporary password");
        Matcher m = Pattern.compile("temporary password: (\\S+)").matcher(page.getByTestId("mail").first().innerText());
        org.assertj.core.api.Assertions.assertThat(m.find()).isTrue();
        String temporary = m.group(1);
        // ten of the twelve others complete the diagnostic (10 of 13 = 76.9 %: still closed)
        List<Long> others = jdbc.sql("SELECT user_id FROM partner_member WHERE account_id = :a AND admin_marker IS NULL ORDER BY user_id")
                .param("a", accountId).query(Long.class).list();
        for (long userId : others.subList(0, 10)) {
            Map<String, String> answers = new HashMap<>();
            for (int s = 1; s <= 20; s++) {
                answers.put("s" + s, String.valueOf(1 + (int) ((userId + s) % 5)));
            }
            workspace.submitDiagnostic(practice.actor(userId).orElseThrow(), accountId, answers);
        }

        // the primary contact: temporary password, then their own, then the quick start
        context.clearCookies();
        loginAs(contact, temporary);
        page.waitForURL("**/workspace/password");
        page.getByLabel("New password").fill("correct horse battery staple");
        page.getByLabel("Repeat it").fill("correct horse battery staple");
        page.getByTestId("save-password").click();
        assertThat(page.getByTestId("quick-start")).isVisible();
        assertThat(page.getByTestId("participation-text")).containsText("10 of 13 completed (76 %)");
        screenshot("partner-quick-start", true);
        page.getByTestId("take-diagnostic").click();
        for (int s = 1; s <= 20; s++) {
            page.getByTestId("s" + s + "-" + (1 + s % 5)).check();
        }
        screenshot("partner-diagnostic");
        page.getByTestId("submit-diagnostic").click();
        // 11 of 13 = 84.6 %: the gate is open, the workspace home shows
        assertThat(page.getByTestId("workspace-home")).isVisible();
        assertThat(page.getByTestId("done")).containsText("your answers are saved");
        screenshot("partner-workspace");

        // the adviser: advisor mode in and out
        context.clearCookies();
        loginAs("adviser1@harbour.example");
        page.navigate("/partner");
        page.getByTestId("advisor-mode-" + accountId).click();
        assertThat(page.getByTestId("advisor-banner")).containsText("Advisor mode — Acme Tools " + run);
        screenshot("partner-advisor-mode");
        page.getByTestId("exit-advisor-mode").click();
        page.waitForURL("**/clients**");
        assertThat(page.getByTestId("advisor-banner")).hasCount(0);
        org.assertj.core.api.Assertions.assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_entry WHERE client_id = :a AND action IN "
                + "('ADVISOR_MODE_STARTED', 'ADVISOR_MODE_ENDED')").param("a", accountId).query(Long.class).single()).isEqualTo(2);
    }
}
