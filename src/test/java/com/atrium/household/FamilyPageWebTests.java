package com.atrium.household;

import static com.atrium.practice.TestLogins.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.atrium.inventory.DonationForm;
import com.atrium.inventory.InventoryService;
import com.atrium.inventory.WealthItemForm;
import com.atrium.shared.Actor;
import com.atrium.shared.UserType;
import com.atrium.testsupport.Fixtures;
import com.atrium.testsupport.Fixtures.TestPractice;
import com.atrium.testsupport.IntegrationTest;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/** The Family, Wealth and Donations tabs: the tree, edit controls only for those who may edit, htmx fragments and errors. */
@IntegrationTest
class FamilyPageWebTests {
    @Autowired MockMvc mvc;
    @Autowired Fixtures fixtures;
    @Autowired TeamService teams;
    @Autowired FamilyService family;
    @Autowired InventoryService inventory;

    TestPractice p;
    ClientView client;
    Actor readOnly;

    @BeforeEach
    void setUp() {
        p = fixtures.practice();
        client = fixtures.client(p.adviser, "Pageton");
        readOnly = fixtures.user(p.practice, UserType.ASSISTANT, false, "ro");
        teams.addMember(p.manager, client.id(), new TeamMemberForm(readOnly.userId(), "READ_ONLY"));
        long holder = client.people().get(0).id();
        family.addPerson(p.adviser, client.id(), new FamilyPersonForm("Kim", null, "Pageton", LocalDate.of(2011, 2, 3), null, null, "CHILD",
                List.of(holder), null, null));
    }

    String page(String url, Actor actor, boolean htmx) throws Exception {
        var request = get(url).with(as(actor));
        if (htmx) {
            request = request.header("HX-Request", "true");
        }
        var response = mvc.perform(request).andReturn().getResponse();
        assertThat(response.getStatus()).as(url).isEqualTo(200);
        return response.getContentAsString();
    }

    @Test
    void theTreeShowsTheHouseholdAndChildrenAndOnlyEditorsGetTheForms() throws Exception {
        String html = page("/clients/" + client.id() + "/family", p.adviser, false);
        assertThat(html).contains("data-testid=\"family-tree\"", "Kim Pageton", "child of Alex Pageton", "data-testid=\"add-person\"",
                "data-testid=\"edit-person\"", "data-testid=\"tab-simulation\"");
        String ro = page("/clients/" + client.id() + "/family", readOnly, false);
        assertThat(ro).contains("Kim Pageton", "child of Alex Pageton").doesNotContain("data-testid=\"add-person\"", "data-testid=\"edit-person\"",
                "data-testid=\"add-link\"", "data-testid=\"tab-simulation\"");
        String fragment = page("/clients/" + client.id() + "/family", p.adviser, true);
        assertThat(fragment).contains("id=\"family-panel\"").doesNotContain("<html", "clientTabs");
    }

    @Test
    void anHtmxAddWithABadMobileAnswersThePanelWithTheMessageAndChangesNothing() throws Exception {
        String html = mvc.perform(post("/clients/" + client.id() + "/family/people").with(csrf()).with(as(p.adviser)).header("HX-Request", "true")
                        .param("firstName", "Lou").param("lastName", "Pageton").param("relationship", "CHILD").param("mobile", "12345"))
                .andReturn().getResponse().getContentAsString();
        assertThat(html).contains("data-testid=\"family-error\"", "Enter the number with its country code");
        assertThat(family.family(p.adviser, client.id()).people()).hasSize(3);
        String ok = mvc.perform(post("/clients/" + client.id() + "/family/people").with(csrf()).with(as(p.adviser)).header("HX-Request", "true")
                        .param("firstName", "Lou").param("lastName", "Pageton").param("relationship", "CHILD").param("mobile", "+33 6 12 34 56 78"))
                .andReturn().getResponse().getContentAsString();
        assertThat(ok).contains("Lou Pageton was added to the family.", "+33 6 12 34 56 78");
    }

    @Test
    void wealthAndDonationsTabsShowTotals() throws Exception {
        long holder = client.people().get(0).id();
        inventory.addWealthItem(p.adviser, client.id(), new WealthItemForm(null, "REAL_ESTATE", "Home", new BigDecimal("300000"), null,
                List.of(new WealthItemForm.OwnerForm(holder, null))));
        inventory.addWealthItem(p.adviser, client.id(), new WealthItemForm(null, "LOAN", "Car loan", new BigDecimal("12500.50"), null,
                List.of(new WealthItemForm.OwnerForm(holder, null))));
        inventory.addDonation(p.adviser, client.id(), new DonationForm(LocalDate.of(2020, 1, 1), holder, null, "Red Cross",
                new BigDecimal("1000"), null, "MONEY", null));
        String wealth = page("/clients/" + client.id() + "/wealth", readOnly, false);
        assertThat(wealth).contains("€300,000.00", "€12,500.50", "€287,499.50").doesNotContain("data-testid=\"add-wealth\"");
        assertThat(page("/clients/" + client.id() + "/wealth", p.adviser, false)).contains("data-testid=\"add-wealth\"");
        String donations = page("/clients/" + client.id() + "/donations", p.adviser, false);
        assertThat(donations).contains("Red Cross", "€1,000.00", "data-testid=\"add-donation\"");
    }
}
