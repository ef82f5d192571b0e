package com.atrium.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Partner portal part 2 end to end: in advisor mode an adviser creates a milestone goal in a client's workspace and
 * updates its confidence below 60 % with a comment; back in the portal, risk insights (organisation level) lists it and
 * its title opens the goal with its channel; then a task is dragged from To do to In progress on a board without a page
 * reload; My Business and the adviser's home show.
 */
class PartnerGoalsBrowserTests extends BrowserTest {
    @Autowired JdbcClient jdbc;

    @Test
    void aGoalBelowSixtyPercentShowsInRiskInsightsAndATaskIsDraggedAcrossTheBoard() {
        String run = Long.toString(System.nanoTime() % 1_000_000, 36);
        String title = "Open a Newcastle workshop " + run;
        long bluegum = jdbc.sql("SELECT id FROM partner_account WHERE name = 'Bluegum Engineering'").query(Long.class).single();
        loginAs("adviser1@harbour.example");
        page.navigate("/partner");
        page.getByTestId("advisor-mode-" + bluegum).click();
        assertThat(page.getByTestId("advisor-banner")).containsText("Advisor mode — Bluegum Engineering");
        page.getByTestId("nav-goals").click();
        page.locator("#title").fill(title);
        page.locator("#confidence").fill("80");
        page.locator("form[data-testid=new-goal] input[name=milestone]").check();
        page.getByTestId("create-goal").click();
        assertThat(page.getByTestId("goal-title")).hasText(title);
        assertThat(page.getByTestId("goal-confidence")).containsText("80 %");
        page.locator("#confidence").fill("45");
        page.locator("#comment").fill("The lease fell through");
        page.getByTestId("save-confidence").click();
        assertThat(page.getByTestId("at-risk")).isVisible();
        assertThat(page.getByTestId("messages")).containsText("Confidence 80 % → 45 %: The lease fell through");
        page.getByTestId("message-body").fill("Daniel, can we talk about other sites?");
        page.getByTestId("send-message").click();
        assertThat(page.getByTestId("messages").locator("li").first()).containsText("Daniel, can we talk about other sites?");
        page.getByTestId("exit-advisor-mode").click();
        page.waitForURL("**/clients**");

        // risk insights: organisation level (milestone goals) lists it; the title opens its detail
        page.navigate("/partner/risk-insights");
        page.getByTestId("tab-people").click();
        assertThat(page.getByTestId("risk-list")).containsText("Cut weld rework below 2 %");
        page.getByTestId("tab-organisation").click();
        assertThat(page.getByTestId("risk-list")).not().containsText("Cut weld rework below 2 %");
        assertThat(page.getByTestId("risk-list")).containsText(title);
        assertThat(page.getByTestId("risk-list")).containsText("Bluegum Engineering");
        screenshot("partner-risk-insights");
        page.getByRole(com.microsoft.playwright.options.AriaRole.LINK, new com.microsoft.playwright.Page.GetByRoleOptions().setName(title)).click();
        assertThat(page.getByTestId("goal-title")).hasText(title);
        page.getByTestId("goal-title").isVisible();
        page.navigate("/partner/accounts/" + bluegum + "/goals/"
                + jdbc.sql("SELECT id FROM partner_goal WHERE title = 'Win the Hunter Valley tender'").query(Long.class).single());
        assertThat(page.getByTestId("confidence-chart")).isVisible();
        screenshot("partner-goal", true);

        // the board: drag a task from To do to In progress; the page is not reloaded (a marker set on it survives)
        page.navigate("/partner/accounts/" + bluegum + "/boards");
        page.getByText("Operations").click();
        page.locator("#title").fill("Call the landlord " + run);
        page.getByTestId("create-task").click();
        com.microsoft.playwright.Locator card = page.getByTestId("column-TODO").locator(".task-card", new com.microsoft.playwright.Locator.LocatorOptions()
                .setHasText("Call the landlord " + run));
        assertThat(card).isVisible();
        page.evaluate("() => { window.__noReload = 'still here'; }");
        card.locator("strong").dragTo(page.getByTestId("column-IN_PROGRESS"));
        assertThat(page.getByTestId("column-IN_PROGRESS")).containsText("Call the landlord " + run);
        assertThat(page.getByTestId("column-TODO")).not().containsText("Call the landlord " + run);
        org.assertj.core.api.Assertions.assertThat(page.evaluate("() => window.__noReload")).isEqualTo("still here");
        org.assertj.core.api.Assertions.assertThat(jdbc.sql("SELECT stage FROM partner_task WHERE title = :t").param("t", "Call the landlord " + run)
                .query(String.class).single()).isEqualTo("IN_PROGRESS");
        screenshot("partner-board", true);

        page.navigate("/partner/my-business");
        assertThat(page.getByTestId("paid-accounts")).isVisible();
        assertThat(page.getByTestId("tier-table")).containsText("Full Business");
        screenshot("partner-my-business", true);
        page.navigate("/partner/home");
        assertThat(page.getByTestId("my-goals")).containsText("Quarterly strategy review with the board");
        assertThat(page.getByTestId("my-tasks")).containsText("Prepare the strategy review pack");
        screenshot("partner-adviser-home");
    }
}
