package com.atrium.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The read audit on the History tab: an adviser opens a client file, the practice manager sees who opened it. */
class ReadAuditBrowserTests extends BrowserTest {
    @Autowired JdbcClient jdbc;

    @Test
    void theManagerSeesWhoOpenedTheFileOnItsHistoryTab() {
        long id = jdbc.sql("""
                        SELECT h.id FROM household h JOIN practice p ON p.id = h.practice_id
                        JOIN app_user u ON u.practice_id = p.id AND u.email = 'adviser2@harbour.example'
                        JOIN access_team t ON t.client_id = h.id AND t.user_id = u.id
                        WHERE p.name = 'Harbour Wealth' ORDER BY h.id LIMIT 1""")
                .query(Long.class).single();
        loginAs("adviser2@harbour.example");
        page.navigate("/clients/" + id);
        page.navigate("/clients/" + id + "/family");
        context.clearCookies();

        loginAs("manager@harbour.example");
        page.navigate("/clients/" + id + "/history#reads");
        assertThat(page.getByTestId("reads")).containsText("Who opened this file");
        assertThat(page.getByTestId("read-entry").first()).containsText("Sophie Lambert");
        assertThat(page.getByTestId("reads")).containsText("Family");
        page.getByTestId("reads").scrollIntoViewIfNeeded();
        screenshot("history-reads");
    }
}
