package com.atrium.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The client file sections on a demo household: the family tree, the inventories with totals, a simulation run. */
class ClientFileBrowserTests extends BrowserTest {
    @Autowired JdbcClient jdbc;

    /** The Harbour household with the most family links (the demo gave eight a full client file: links, wealth, donations). */
    long demoFile() {
        return jdbc.sql("""
                        SELECT l.household_id FROM person_link l JOIN household h ON h.id = l.household_id
                        JOIN practice p ON p.id = h.practice_id WHERE p.name = 'Harbour Wealth'
                        GROUP BY l.household_id ORDER BY COUNT(*) DESC, l.household_id LIMIT 1""")
                .query(Long.class).single();
    }

    @Test
    void familyWealthDonationsAndASimulationOnADemoFile() {
        long id = demoFile();
        loginAs("manager@harbour.example");
        page.navigate("/clients/" + id + "/family");
        assertThat(page.getByTestId("family-tree")).isVisible();
        assertThat(page.getByTestId("tree-node").first()).isVisible();
        assertThat(page.getByTestId("links")).containsText(" is ");
        assertThat(page.getByTestId("add-person")).isVisible();
        screenshot("family", true);

        page.getByTestId("tab-wealth").click();
        assertThat(page.getByTestId("net-worth")).hasText(Pattern.compile("^-?\\$[\\d,]+\\.\\d\\d$"));
        assertThat(page.getByTestId("wealth-row")).hasCount(4);
        screenshot("wealth", true);

        page.getByTestId("tab-donations").click();
        assertThat(page.getByTestId("donation-row").last()).containsText("Médecins Sans Frontières");
        screenshot("donations", true);

        page.getByTestId("tab-simulation").click();
        page.getByTestId("run-simulation").click();
        assertThat(page.getByText("Simulation run and saved.")).isVisible();
        assertThat(page.getByTestId("net-estate").first()).hasText(Pattern.compile("^-?\\$[\\d,]+\\.\\d\\d$"));
        screenshot("simulation", true);
    }
}
