package com.atrium.inventory;

import static com.atrium.practice.TestLogins.as;
import static com.atrium.practice.TestLogins.asVerifiedOutsider;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.atrium.access.AccessLevel;
import com.atrium.access.GrantSubject;
import com.atrium.household.ClientView;
import com.atrium.household.Relationship;
import com.atrium.household.TeamMemberForm;
import com.atrium.household.TeamService;
import com.atrium.outsider.OutsiderTestSupport;
import com.atrium.practice.PracticeService;
import com.atrium.shared.Actor;
import com.atrium.shared.Money;
import com.atrium.testsupport.Fixtures;
import com.atrium.testsupport.Fixtures.TestPractice;
import com.atrium.testsupport.IntegrationTest;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Issue 12, item 7f: a practice works in one currency and locale, and every screen (staff tabs, simulation, portal)
 * writes amounts the same way through {@link Money}; wealth items and donations can be changed, not only removed, by staff
 * with write access and by outsiders whose grant allows it; each change audited.
 */
@IntegrationTest
class CurrencyAndEditingTests {
    @Autowired MockMvc mvc;
    @Autowired Fixtures fixtures;
    @Autowired PracticeService practice;
    @Autowired InventoryService inventory;
    @Autowired TeamService teams;
    @Autowired ApplicationContext context;
    @Autowired JdbcClient jdbc;

    @Test
    void amountsAreWrittenOneWay_inThePracticesCurrencyAndLocale() {
        assertThat(Money.of("AUD", "en-AU").format(new BigDecimal("350000"))).isEqualTo("$350,000.00");
        assertThat(Money.of("AUD", "en-AU").negative(new BigDecimal("1250.5"))).isEqualTo("-$1,250.50");
        assertThat(Money.of("EUR", "en-GB").format(new BigDecimal("12500.50"))).isEqualTo("€12,500.50");
        assertThat(Money.of("GBP", "en-GB").format(new BigDecimal("1"))).isEqualTo("£1.00");
        assertThat(Money.of("JPY", "ja-JP").format(new BigDecimal("1000"))).doesNotContain(".");
    }

    @Test
    void anAustralianPractice_recordsAndShowsAud_everywhere_andRefusesAnotherCurrency() throws Exception {
        TestPractice p = fixtures.practice();
        practice.setCurrency(p.practice.id(), "AUD", "en-AU");
        ClientView c = fixtures.client(p.adviser, "Sydney");
        long holder = c.people().get(0).id();
        mvc.perform(post("/api/clients/" + c.id() + "/inventory/wealth").with(as(p.adviser)).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"kind\": \"ASSET\", \"type\": \"REAL_ESTATE\", \"description\": \"Home\", \"value\": 350000, \"owners\": [{\"personId\": "
                                + holder + "}]}"))
                .andExpect(status().isCreated()).andExpect(jsonPath("$.currency").value("AUD"));
        mvc.perform(post("/api/clients/" + c.id() + "/inventory/wealth").with(as(p.adviser)).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"kind\": \"ASSET\", \"type\": \"CASH\", \"description\": \"Cash\", \"value\": 1, \"currency\": \"EUR\", \"owners\": "
                                + "[{\"personId\": " + holder + "}]}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors.currency").value("Amounts are in AUD in this practice."));
        inventory.addDonation(p.adviser, c.id(), new DonationForm(LocalDate.of(2021, 3, 1), holder, null, "A charity", new BigDecimal("2500"),
                null, "MONEY", null));

        assertThat(page(p.adviser, "/clients/" + c.id() + "/wealth")).contains("$350,000.00", "Value (<span>AUD</span>)").doesNotContain("€");
        assertThat(page(p.adviser, "/clients/" + c.id() + "/donations")).contains("$2,500.00").doesNotContain("€");
        mvc.perform(post("/clients/" + c.id() + "/simulation").with(as(p.adviser)).with(csrf())).andReturn();
        assertThat(page(p.adviser, "/clients/" + c.id() + "/simulation")).doesNotContain("€ ");
        Actor holderOutsider = OutsiderTestSupport.grantWithAccount(context, p.adviser, c.id(), GrantSubject.FAMILY, holder, AccessLevel.READ_WRITE);
        assertThat(mvc.perform(get("/portal/files/" + c.id()).with(asVerifiedOutsider(holderOutsider))).andReturn().getResponse()
                .getContentAsString()).contains("$350,000.00", "$2,500.00");
    }

    @Test
    void staffWithWriteAccessChangeAWealthItemAndADonation_onThePage_audited() throws Exception {
        TestPractice p = fixtures.practice();
        ClientView c = fixtures.client(p.adviser, "Changes");
        long holder = c.people().get(0).id();
        long spouse = c.people().stream().filter(x -> x.relationship() == Relationship.SPOUSE).findFirst().orElseThrow().id();
        teams.addMember(p.manager, c.id(), new TeamMemberForm(p.otherAdviser.userId(), "PARAPLANNER"));
        WealthItemView item = inventory.addWealthItem(p.adviser, c.id(), new WealthItemForm("ASSET", "REAL_ESTATE", "Flat",
                new BigDecimal("300000"), null, List.of(new WealthItemForm.OwnerForm(holder, null))));
        DonationView d = inventory.addDonation(p.adviser, c.id(), new DonationForm(LocalDate.of(2020, 5, 1), holder, spouse, null,
                new BigDecimal("10000"), null, "MONEY", null));

        mvc.perform(post("/clients/" + c.id() + "/wealth/" + item.id()).with(as(p.otherAdviser)).with(csrf())
                        .param("type", "REAL_ESTATE").param("description", "Flat in town").param("value", "320000")
                        .param("ownerIds", "" + holder, "" + spouse))
                .andExpect(status().is3xxRedirection());
        WealthItemView changed = inventory.wealth(p.adviser, c.id()).assets().get(0);
        assertThat(changed.description()).isEqualTo("Flat in town");
        assertThat(changed.value()).isEqualByComparingTo("320000");
        assertThat(changed.owners()).hasSize(2);
        mvc.perform(post("/clients/" + c.id() + "/donations/" + d.id()).with(as(p.otherAdviser)).with(csrf())
                        .param("date", "2020-06-01").param("donorPersonId", "" + holder).param("recipientPersonId", "")
                        .param("recipientName", "Red Cross").param("amount", "12000").param("kind", "MONEY").param("notes", "corrected"))
                .andExpect(status().is3xxRedirection());
        DonationView after = inventory.donations(p.adviser, c.id()).donations().get(0);
        assertThat(after.recipientName()).isEqualTo("Red Cross");
        assertThat(after.amount()).isEqualByComparingTo("12000");
        assertThat(after.date()).isEqualTo(LocalDate.of(2020, 6, 1));
        // wrong input: 400, the page with the reason, nothing changed
        mvc.perform(post("/clients/" + c.id() + "/wealth/" + item.id()).with(as(p.otherAdviser)).with(csrf())
                        .param("type", "REAL_ESTATE").param("description", "").param("value", "-5").param("ownerIds", "" + holder))
                .andExpect(status().isBadRequest());
        assertThat(inventory.wealth(p.adviser, c.id()).assets().get(0).description()).isEqualTo("Flat in town");
        // a read-only team member may not
        teams.addMember(p.manager, c.id(), new TeamMemberForm(p.assistant.userId(), "READ_ONLY"));
        mvc.perform(post("/clients/" + c.id() + "/wealth/" + item.id()).with(as(p.assistant)).with(csrf())
                .param("type", "CASH").param("description", "x").param("value", "1").param("ownerIds", "" + holder)).andExpect(status().isForbidden());
        assertThat(jdbc.sql("SELECT action FROM audit_entry WHERE client_id = :c AND action IN ('ASSET_CHANGED', 'DONATION_CHANGED') ORDER BY seq")
                .param("c", c.id()).query(String.class).list()).containsExactly("ASSET_CHANGED", "DONATION_CHANGED");
    }

    @Test
    void anOutsiderWithReadWriteAccessChangesEntriesInThePortal_readOnlyMayNot() throws Exception {
        TestPractice p = fixtures.practice();
        ClientView c = fixtures.client(p.adviser, "Portal");
        long holder = c.people().get(0).id();
        long spouse = c.people().stream().filter(x -> x.relationship() == Relationship.SPOUSE).findFirst().orElseThrow().id();
        WealthItemView item = inventory.addWealthItem(p.adviser, c.id(), new WealthItemForm("ASSET", "CASH", "Savings",
                new BigDecimal("5000"), null, List.of(new WealthItemForm.OwnerForm(holder, null))));
        DonationView d = inventory.addDonation(p.adviser, c.id(), new DonationForm(LocalDate.of(2020, 5, 1), holder, null, "School",
                new BigDecimal("100"), null, "MONEY", null));
        Actor rw = OutsiderTestSupport.grantWithAccount(context, p.adviser, c.id(), GrantSubject.FAMILY, holder, AccessLevel.READ_WRITE);
        Actor ro = OutsiderTestSupport.grantWithAccount(context, p.adviser, c.id(), GrantSubject.FAMILY, spouse, AccessLevel.READ_ONLY);
        mvc.perform(post("/portal/files/" + c.id() + "/wealth/" + item.id()).with(asVerifiedOutsider(ro)).with(csrf())
                .param("type", "CASH").param("description", "Savings").param("value", "1").param("ownerIds", "" + holder)).andExpect(status().isForbidden());
        mvc.perform(post("/portal/files/" + c.id() + "/wealth/" + item.id()).with(asVerifiedOutsider(rw)).with(csrf())
                        .param("type", "CASH").param("description", "Savings account").param("value", "€ 6 500,50").param("ownerIds", "" + holder))
                .andExpect(status().is3xxRedirection());
        assertThat(inventory.wealth(p.adviser, c.id()).assets().get(0).value()).isEqualByComparingTo("6500.50");
        String html = mvc.perform(post("/portal/files/" + c.id() + "/donations/" + d.id()).with(asVerifiedOutsider(rw)).with(csrf())
                        .param("date", "not a date").param("donorPersonId", "" + holder).param("recipientName", "School").param("amount", "abc")
                        .param("kind", "MONEY"))
                .andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();
        assertThat(html).contains("is not a date", "is not an amount", "value=\"abc\"");
        mvc.perform(post("/portal/files/" + c.id() + "/donations/" + d.id()).with(asVerifiedOutsider(rw)).with(csrf())
                        .param("date", "2020-05-02").param("donorPersonId", "" + holder).param("recipientName", "School").param("amount", "150")
                        .param("kind", "MONEY"))
                .andExpect(status().is3xxRedirection());
        assertThat(inventory.donations(p.adviser, c.id()).donations().get(0).amount()).isEqualByComparingTo("150");
    }

    private String page(Actor actor, String path) throws Exception {
        return mvc.perform(get(path).with(as(actor))).andReturn().getResponse().getContentAsString();
    }
}
