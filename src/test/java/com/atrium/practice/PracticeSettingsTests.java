package com.atrium.practice;

import static com.atrium.practice.TestLogins.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.atrium.household.ClientView;
import com.atrium.testsupport.Fixtures;
import com.atrium.testsupport.Fixtures.TestPractice;
import com.atrium.testsupport.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Issue 12, item 7f: a practice manager sets the practice's name, currency and locale; the currency is fixed once amounts
 * are recorded (Atrium does not convert them); every refusal at once on its field, nothing changed; every change audited.
 */
@IntegrationTest
class PracticeSettingsTests {
    @Autowired MockMvc mvc;
    @Autowired Fixtures fixtures;
    @Autowired JdbcClient jdbc;

    @Test
    void onlyPracticeManagersSeeOrChangeTheSettings() throws Exception {
        TestPractice p = fixtures.practice();
        for (var someone : new com.atrium.shared.Actor[] {p.adviser, p.support, p.assistant}) {
            mvc.perform(get("/settings").with(as(someone))).andExpect(status().isForbidden());
            mvc.perform(get("/api/practice").with(as(someone))).andExpect(status().isForbidden());
            mvc.perform(patch("/api/practice").with(as(someone)).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                    .content("{\"locale\": \"en-US\"}")).andExpect(status().isForbidden());
        }
        assertThat(row(p)).isEqualTo(p.practice.name() + "|EUR|en-GB");
        mvc.perform(get("/api/practice").with(as(p.manager))).andExpect(status().isOk())
                .andExpect(jsonPath("$.name").value(p.practice.name())).andExpect(jsonPath("$.currency").value("EUR"))
                .andExpect(jsonPath("$.example").value("€1,234,567.89")).andExpect(jsonPath("$.currencyLocked").value(false));
        assertThat(mvc.perform(get("/settings").with(as(p.manager))).andReturn().getResponse().getContentAsString())
                .contains("Practice settings", "€1,234,567.89", "data-testid=\"nav-settings\"");
        assertThat(mvc.perform(get("/clients").with(as(p.adviser))).andReturn().getResponse().getContentAsString())
                .doesNotContain("data-testid=\"nav-settings\"");
    }

    @Test
    void everyRefusalAtOnce_onItsField_andNothingChanges() throws Exception {
        TestPractice p = fixtures.practice();
        TestPractice other = fixtures.practice();
        mvc.perform(patch("/api/practice").with(as(p.manager)).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\": \"" + other.practice.name() + "\", \"currency\": \"EURO\", \"locale\": \"english\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.name").value("Another practice is already called \"" + other.practice.name() + "\": choose another name."))
                .andExpect(jsonPath("$.errors.currency").value("\"EURO\" is not a currency code (ISO 4217, e.g. AUD)."))
                .andExpect(jsonPath("$.errors.locale").value("\"english\" is not a locale (a language and a country, e.g. en-AU)."));
        mvc.perform(patch("/api/practice").with(as(p.manager)).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\": \"  \", \"currency\": \"AUD\"}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors.name").value("Enter the practice's name."));
        assertThat(row(p)).isEqualTo(p.practice.name() + "|EUR|en-GB");
        assertThat(audited(p)).isZero();

        // the page: errors on their fields, what was typed kept, a 400 (never a 500)
        var r = mvc.perform(post("/settings").with(as(p.manager)).with(csrf()).param("name", "A".repeat(201)).param("currency", "ZZZ")
                .param("locale", "en-AU")).andReturn().getResponse();
        assertThat(r.getStatus()).isEqualTo(400);
        assertThat(r.getContentAsString()).contains("A practice&#39;s name has at most 200 characters (this one has 201).",
                "&quot;ZZZ&quot; is not a currency code", "value=\"" + "A".repeat(201) + "\"", "<option value=\"ZZZ\" selected=\"selected\">",
                "<option value=\"en-AU\" selected=\"selected\">");
        assertThat(row(p)).isEqualTo(p.practice.name() + "|EUR|en-GB");
    }

    @Test
    void theCurrencyIsFixedOnceAmountsAreRecorded_theLocaleIsNot() throws Exception {
        TestPractice p = fixtures.practice();
        String renamed = Fixtures.unique("Renamed practice");
        mvc.perform(patch("/api/practice").with(as(p.manager)).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\": \"" + renamed + "\", \"currency\": \"aud\", \"locale\": \"en-au\"}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.example").value("$1,234,567.89"));
        assertThat(row(p)).isEqualTo(renamed + "|AUD|en-AU");
        assertThat(jdbc.sql("SELECT before_text || ' -> ' || after_text FROM audit_entry WHERE practice_id = :p AND action = 'PRACTICE_SETTINGS_CHANGED'")
                .param("p", p.practice.id()).query(String.class).single())
                .isEqualTo("name \"" + p.practice.name() + "\", currency EUR, locale en-GB -> name \"" + renamed + "\", currency AUD, locale en-AU");

        ClientView c = fixtures.client(p.adviser, "Amounts");
        mvc.perform(post("/clients/" + c.id() + "/wealth").with(as(p.adviser)).with(csrf()).param("type", "CASH")
                .param("description", "Term deposit").param("value", "350000").param("ownerIds", "" + c.people().get(0).id()));
        mvc.perform(patch("/api/practice").with(as(p.manager)).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"currency\": \"NZD\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.currency").value("The currency cannot change: 1 amount is recorded in AUD (wealth items and donations) "
                        + "and Atrium does not convert amounts."));
        // the locale only changes how amounts are written: every screen follows at once
        mvc.perform(patch("/api/practice").with(as(p.manager)).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"locale\": \"de-DE\"}")).andExpect(status().isOk()).andExpect(jsonPath("$.currencyLocked").value(true));
        assertThat(row(p)).isEqualTo(renamed + "|AUD|de-DE");
        assertThat(mvc.perform(get("/clients/" + c.id() + "/wealth").with(as(p.adviser))).andReturn().getResponse().getContentAsString())
                .contains("350.000,00");
        assertThat(mvc.perform(get("/settings").with(as(p.manager))).andReturn().getResponse().getContentAsString())
                .contains("data-testid=\"currency-locked\"", "Fixed: 1 amount is recorded in AUD");
        assertThat(audited(p)).isEqualTo(2);
    }

    private String row(TestPractice p) {
        return jdbc.sql("SELECT name || '|' || currency || '|' || locale FROM practice WHERE id = :id").param("id", p.practice.id())
                .query(String.class).single();
    }

    private long audited(TestPractice p) {
        return jdbc.sql("SELECT COUNT(*) FROM audit_entry WHERE practice_id = :p AND action = 'PRACTICE_SETTINGS_CHANGED'")
                .param("p", p.practice.id()).query(Long.class).single();
    }
}
