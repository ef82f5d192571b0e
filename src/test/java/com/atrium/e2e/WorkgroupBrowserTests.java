package com.atrium.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.atrium.practice.PracticeService;
import com.atrium.shared.UserType;
import com.atrium.testsupport.Fixtures;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Workgroups and assistants end to end (issue 4): a Professional creates a workgroup on their profile page
 * and invites an Assistant by user id; the Assistant joins from their profile and adds a client, whose
 * primary professional is the workgroup's owner. An assistant in no workgroup cannot add clients.
 *
 * <p>Each test works in a practice of its own ({@link OwnPractice}), so the demo practices stay as the other
 * browser tests and the README's tour expect them.
 */
class WorkgroupBrowserTests extends BrowserTest {

    @Autowired
    PracticeService practices;

    @Test
    void anOwnerInvitesAnAssistantWhoJoinsAndAddsAClientForTheOwner() {
        OwnPractice northshore = OwnPractice.create(practices, "Northshore Planning", "northshore.example");
        String owner = northshore.user("Nadia", "Brooks", "+61 412 555 231", UserType.PROFESSIONAL, false).email();
        String assistant = northshore.user("Leo", "Hart", null, UserType.ASSISTANT, false).email();

        // the owner creates a workgroup on their profile page
        login(owner);
        mainNav().getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Profile")).click();
        Locator workgroups = page.getByTestId("workgroups");
        assertThat(workgroups).containsText("You have not created a workgroup.");
        page.getByLabel("Add a workgroup").fill("  Brooks clients ");
        page.getByTestId("create-group").click();
        assertThat(page.getByRole(AriaRole.STATUS)).hasText("Workgroup \u201cBrooks clients\u201d created. Invite people from its page.");
        assertThat(page.getByTestId("owned-groups")).containsText("(1) Brooks clients 0 clients");

        // ... looks up the assistant's user id in the staff list, and invites them from the workgroup's page
        mainNav().getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Staff")).click();
        String assistantId = staffRow(assistant).locator("td").first().innerText().trim();
        assertThat(staffRow(assistant)).containsText("Leo Hart");
        page.goBack();
        page.getByTestId("group-link").getByText("Brooks clients").click();
        assertThat(page.getByTestId("group-name")).hasText("Brooks clients");
        page.getByLabel("User id").fill(assistantId);
        page.getByTestId("invite").click();
        assertThat(page.getByRole(AriaRole.STATUS)).hasText("Leo Hart is invited: they will see the invitation on their profile page.");
        assertThat(page.getByTestId("pending")).containsText("Leo Hart (id " + assistantId + ")");
        assertThat(page.getByTestId("members")).containsText("Nadia Brooks");
        assertThat(page.getByTestId("members").locator("tbody tr")).hasCount(1);

        // the assistant, in no workgroup yet, sees the invitation on their profile and joins
        context.clearCookies();
        login(assistant);
        assertThat(page.getByTestId("new-client")).hasCount(0);
        mainNav().getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Profile")).click();
        Locator invitation = page.getByTestId("invitation");
        assertThat(invitation).hasCount(1);
        assertThat(invitation).containsText("Nadia Brooks invited you to join \u201cBrooks clients\u201d (owner Nadia Brooks,");
        assertThat(page.getByTestId("member-groups")).not().containsText("Brooks clients");
        screenshot("workgroups");

        invitation.getByTestId("join").click();
        assertThat(page.getByRole(AriaRole.STATUS)).hasText("You joined \u201cBrooks clients\u201d. You now work on the clients assigned to it.");
        assertThat(page.getByTestId("invitation")).hasCount(0);
        assertThat(page.getByTestId("member-groups")).containsText("(2) Brooks clients owner Nadia Brooks");

        // the assistant adds a client: the workgroup's owner becomes its primary professional
        mainNav().getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Clients")).click();
        page.getByTestId("new-client").click();
        assertThat(page.getByLabel("Primary professional")).isDisabled();
        assertThat(page.getByLabel("Primary professional").locator("option:checked")).hasText("Nadia Brooks");
        assertThat(page.getByTestId("primary-hint")).hasText("Nadia Brooks owns your workgroup \u201cBrooks clients\u201d and becomes the primary professional.");
        Locator holder = page.getByRole(AriaRole.GROUP, new Page.GetByRoleOptions().setName("Holder"));
        holder.getByLabel("First name").fill("Mia");
        holder.getByLabel("Last name").fill("Calloway");
        holder.getByLabel("Email").fill("mia.calloway@example.com");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create client")).click();

        assertThat(page.getByRole(AriaRole.STATUS)).hasText("Client created.");
        assertThat(page.getByTestId("client-name")).hasText("Calloway, Mia");
        assertThat(page.getByTestId("primary")).containsText("Nadia Brooks");
        assertThat(page.getByTestId("client-workgroup")).containsText("Brooks clients");
        screenshot("assistant-new-client");

        // and the owner finds it among their clients
        context.clearCookies();
        login(owner);
        page.getByLabel("Search clients").pressSequentially("calloway");
        assertThat(page.locator("#results tbody tr")).hasCount(1);
        assertThat(page.locator("#results tbody tr").first()).containsText("Nadia Brooks");
    }

    @Test
    void anAssistantInNoWorkgroupHasNoAddClientAction() {
        OwnPractice practice = OwnPractice.create(practices, "Kestrel Advice", "kestrel.example");
        practice.user("Owen", "Grant", null, UserType.PROFESSIONAL, true);
        String assistant = practice.user("Iris", "Novak", null, UserType.ASSISTANT, false).email();
        login(assistant);
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Clients"))).isVisible();
        assertThat(page.getByTestId("client-count")).hasText("0 clients");
        assertThat(page.getByTestId("new-client")).hasCount(0);

        page.navigate("/clients/new");
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Not allowed"))).isVisible();
        assertThat(page.locator("main")).containsText("Assistants add clients through a workgroup, and you are not in any workgroup.");
    }

    private void login(String email) {
        loginAs(email, Fixtures.PASSWORD);
        assertThat(page.getByTestId("who")).isVisible();
    }

    private Locator mainNav() {
        return page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Main"));
    }

    private Locator staffRow(String email) {
        return page.locator("table.list tbody tr").filter(new Locator.FilterOptions().setHasText(email));
    }
}
