package com.atrium.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.util.regex.Pattern;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/** The client screens on the demo practices: list, search-as-you-type, paging, detail, new client, isolation. */
class ClientBrowserTests extends BrowserTest {

    @Test
    void searchAsYouTypeNarrowsTheListWithoutReloadingThePage() {
        loginAs("manager@harbour.example");
        assertThat(count()).hasText(Pattern.compile("^\\d+ clients$"));
        assertThat(rows().first()).containsText("Anderson, Ava");
        screenshot("client-list");

        page.evaluate("window.notReloaded = true");
        page.getByLabel("Search clients").pressSequentially("nguy");

        // Harbour's five Nguyen households; Summit's "Nguyen, Ethan & Hugo" is another practice's
        assertThat(count()).hasText("5 clients");
        assertThat(rows()).hasCount(5);
        assertThat(rows().filter(new Locator.FilterOptions().setHasNotText("Nguyen"))).hasCount(0);
        assertThat(page.locator("#results")).not().containsText("Ethan & Hugo");
        assertThat(page).hasURL(Pattern.compile("/clients\\?q=nguy(&workgroup=all)?(&archived=exclude)?$"));
        Assertions.assertThat(page.evaluate("window.notReloaded === true")).isEqualTo(true);
        screenshot("client-search");

        page.getByLabel("Search clients").fill("no such client anywhere");
        assertThat(page.getByText("No clients match.")).isVisible();
        assertThat(count()).hasText("0 clients");
    }

    @Test
    void pagesThroughTheClients() {
        loginAs("manager@harbour.example");
        assertThat(page.locator(".pager")).containsText(Pattern.compile("Page 1 of \\d+"));
        assertThat(rows()).hasCount(25);
        assertThat(rows().first()).containsText("Anderson, Ava");

        page.getByTestId("next-page").click();
        assertThat(page.locator(".pager")).containsText(Pattern.compile("Page 2 of \\d+"));
        assertThat(page).hasURL(Pattern.compile("page=1"));
        assertThat(rows().first()).not().containsText("Anderson");
        assertThat(page.locator("[id=results]")).hasCount(1); // htmx replaced the section instead of nesting a copy

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("‹ Previous")).click();
        assertThat(page.locator(".pager")).containsText(Pattern.compile("Page 1 of \\d+"));
        assertThat(rows().first()).containsText("Anderson, Ava");
    }

    @Test
    void opensAClientAndSeesItsPeopleAndPrimaryProfessional() {
        loginAs("adviser1@harbour.example");
        page.getByLabel("Search clients").pressSequentially("young, wei");
        assertThat(rows()).hasCount(1);
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Young, Wei & Lily")).click();

        assertThat(page.getByTestId("client-name")).hasText("Young, Wei & Lily");
        assertThat(page.getByTestId("primary")).containsText("Daniel Okafor");
        Locator people = page.locator("section:has(h2:text('People')) tbody tr");
        assertThat(people.first()).containsText("Wei Young");
        assertThat(people.first()).containsText("Holder");
        assertThat(people.nth(1)).containsText("Lily Young");
        assertThat(people.nth(1)).containsText("Spouse");
        screenshot("client-detail");
    }

    @Test
    void createsAClientAfterCorrectingAValidationError() {
        loginAs("adviser1@harbour.example");
        page.getByTestId("new-client").click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("New client"))).isVisible();
        assertThat(page.getByLabel("Primary professional")).hasValue(Pattern.compile("\\d+"));
        assertThat(page.getByTestId("primary-hint")).not().isEmpty();

        Locator holder = page.getByRole(AriaRole.GROUP, new Page.GetByRoleOptions().setName("Holder"));
        holder.getByLabel("First name").fill("Ines");
        holder.getByLabel("Email").fill("ines.zeller@example.com");
        holder.getByLabel("Mobile").fill("+61 412 000 777");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create client")).click();

        assertThat(page.getByRole(AriaRole.ALERT)).isVisible();
        assertThat(holder.locator(".field-error")).hasText("Enter a last name.");
        assertThat(holder.getByLabel("First name")).hasValue("Ines");
        screenshot("new-client");

        holder.getByLabel("Last name").fill("Zeller");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create client")).click();

        assertThat(page.getByRole(AriaRole.STATUS)).hasText("Client created.");
        assertThat(page.getByTestId("client-name")).hasText("Zeller, Ines");
        assertThat(page.getByTestId("primary")).containsText("Daniel Okafor");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Clients").setExact(true)).first().click();
        // the list's htmx is deferred: typing before the new page's load event types into a box nothing listens to yet
        page.waitForURL(Pattern.compile(".*/clients$"));
        page.waitForLoadState();
        page.getByLabel("Search clients").pressSequentially("zeller");
        assertThat(rows().first()).containsText("Zeller, Ines");
    }

    @Test
    void anAdviserOfHarbourDoesNotSeeSummitsClients() {
        loginAs("manager@summit.example");
        page.getByLabel("Search clients").pressSequentially("patel");
        assertThat(rows()).hasCount(1);
        String summitClient = page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Patel, Mateo & Chloé"))
                .getAttribute("href");
        context.clearCookies();

        loginAs("adviser1@harbour.example");
        page.getByLabel("Search clients").pressSequentially("patel");
        // Harbour may have Patels of its own (the CRM browser test syncs some in): the point is that Summit's is absent
        page.waitForURL(Pattern.compile(".*q=patel.*"));
        assertThat(page.locator("a[href='" + summitClient + "']")).hasCount(0);
        page.navigate(summitClient);
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Not found"))).isVisible();
        assertThat(page.locator("body")).not().containsText("Patel");
    }

    @Test
    void theMainScreensFitAPhone() {
        phoneViewport();
        loginAs("adviser1@harbour.example");
        assertThat(rows().first()).isVisible();
        assertThat(page.getByTestId("who")).hasText("Daniel Okafor");
        assertNoSidewaysScrolling();
        screenshot("client-list-mobile");

        rows().first().getByRole(AriaRole.LINK).click();
        assertThat(page.getByTestId("client-name")).isVisible();
        assertNoSidewaysScrolling();
        String file = page.url().replaceAll("^https?://[^/]+", "");
        for (String path : new String[] {"/clients/new", "/staff", "/profile", file + "/access", file + "/access-rights"}) {
            page.navigate(path);
            assertThat(page.locator("main h1")).isVisible();
            assertNoSidewaysScrolling();
        }
        // Team & access as the practice manager (who sees the actions column): every action within the phone's width
        context.clearCookies();
        loginAs("manager@harbour.example");
        page.navigate(file + "/access");
        assertThat(page.getByTestId("team")).isVisible();
        assertNoSidewaysScrolling();
        Object cut = page.evaluate("[...document.querySelectorAll('[data-testid=team] .actions-cell *')]"
                + ".some(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)");
        Assertions.assertThat(cut).as("an action of Team & access is cut off at 390px").isEqualTo(false);
        screenshot("team-access-mobile");
    }

    private void assertNoSidewaysScrolling() {
        Object overflow = page.evaluate("document.documentElement.scrollWidth > document.documentElement.clientWidth");
        Assertions.assertThat(overflow).as("%s scrolls sideways at 390px", page.url()).isEqualTo(false);
    }

    private Locator rows() {
        return page.locator("#results tbody tr");
    }

    private Locator count() {
        return page.getByTestId("client-count");
    }
}
