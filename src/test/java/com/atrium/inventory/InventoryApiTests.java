package com.atrium.inventory;

import static com.atrium.practice.TestLogins.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.atrium.audit.AuditEntryView;
import com.atrium.audit.AuditTrail;
import com.atrium.household.ClientView;
import com.atrium.household.FamilyService;
import com.atrium.household.TeamMemberForm;
import com.atrium.household.TeamService;
import com.atrium.shared.Actor;
import com.atrium.shared.PageRequest;
import com.atrium.shared.UserType;
import com.atrium.testsupport.Fixtures;
import com.atrium.testsupport.Fixtures.TestPractice;
import com.atrium.testsupport.IntegrationTest;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** The wealth and donations inventories over JSON: totals, validation, permissions, 404s, history, and people they name. */
@IntegrationTest
class InventoryApiTests {
    @Autowired MockMvc mvc;
    @Autowired Fixtures fixtures;
    @Autowired TeamService teams;
    @Autowired InventoryService inventory;
    @Autowired FamilyService family;
    @Autowired AuditTrail trail;

    TestPractice p;
    ClientView client;
    long holder;
    long spouse;
    Actor readOnly;

    @BeforeEach
    void setUp() {
        p = fixtures.practice();
        client = fixtures.client(p.adviser, "Inventa");
        holder = client.people().get(0).id();
        spouse = client.people().get(1).id();
        readOnly = fixtures.user(p.practice, UserType.ASSISTANT, false, "ro");
        teams.addMember(p.manager, client.id(), new TeamMemberForm(readOnly.userId(), "READ_ONLY"));
    }

    String base() {
        return "/api/clients/" + client.id() + "/inventory";
    }

    MockHttpServletRequestBuilder json(MockHttpServletRequestBuilder b, String body) {
        return b.with(csrf()).contentType(MediaType.APPLICATION_JSON).content(body);
    }

    @Test
    void assetsAndLiabilitiesWithOwnersAndTotals() throws Exception {
        mvc.perform(json(post(base() + "/wealth"), """
                        {"kind": "ASSET", "type": "REAL_ESTATE", "description": "Flat in Lyon", "value": 450000.50,
                         "owners": [{"personId": %d, "sharePercent": 50}, {"personId": %d, "sharePercent": 50}]}""".formatted(holder, spouse))
                        .with(as(p.adviser)))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.kind").value("ASSET"))
                .andExpect(jsonPath("$.currency").value("EUR"))
                .andExpect(jsonPath("$.owners.length()").value(2))
                .andExpect(jsonPath("$.owners[0].name").value("Alex Inventa"));
        mvc.perform(json(post(base() + "/wealth"), """
                        {"type": "MORTGAGE", "description": "Flat loan", "value": 120000, "owners": [{"personId": %d}]}""".formatted(holder))
                        .with(as(p.adviser)))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.kind").value("LIABILITY"));
        mvc.perform(get(base() + "/wealth").with(as(readOnly)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.assets.length()").value(1))
                .andExpect(jsonPath("$.liabilities.length()").value(1))
                .andExpect(jsonPath("$.totalAssets").value(450000.50))
                .andExpect(jsonPath("$.totalLiabilities").value(120000.00))
                .andExpect(jsonPath("$.netWorth").value(330000.50));
        long itemId = inventory.wealth(p.adviser, client.id()).liabilities().get(0).id();
        mvc.perform(json(patch(base() + "/wealth/" + itemId), "{\"value\": 100000}").with(as(p.adviser)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.value").value(100000.00))
                .andExpect(jsonPath("$.description").value("Flat loan"));
        AuditEntryView changed = trail.clientHistory(p.manager, client.id(), PageRequest.of(0, 5)).items().get(0);
        assertThat(changed.action()).isEqualTo("LIABILITY_CHANGED");
        assertThat(changed.before()).isEqualTo("Mortgage: Flat loan, EUR 120,000.00, owned by Alex Inventa");
        assertThat(changed.after()).isEqualTo("Mortgage: Flat loan, EUR 100,000.00, owned by Alex Inventa");
        mvc.perform(delete(base() + "/wealth/" + itemId).with(csrf()).with(as(p.adviser))).andExpect(status().isNoContent());
        assertThat(inventory.wealth(p.adviser, client.id()).netWorth()).isEqualByComparingTo("450000.50");
    }

    @Test
    void wealthValidationSaysWhatIsWrongAndChangesNothing() throws Exception {
        ClientView other = fixtures.client(p.adviser, "Elsewhere");
        mvc.perform(json(post(base() + "/wealth"), """
                        {"kind": "ASSET", "type": "MORTGAGE", "description": " ", "value": -5, "currency": "USD",
                         "owners": [{"personId": %d, "sharePercent": 70}, {"personId": %d, "sharePercent": 40}, {"personId": %d}]}"""
                        .formatted(holder, spouse, other.people().get(0).id())).with(as(p.adviser)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.type").value("Mortgage is a liability, not an asset."))
                .andExpect(jsonPath("$.errors.description").value("Describe the item."))
                .andExpect(jsonPath("$.errors.value").value("The amount cannot be negative (enter debts as liabilities)."))
                .andExpect(jsonPath("$.errors.currency").value("Amounts are in EUR in this practice."))
                .andExpect(jsonPath("$.errors['owners[2].personId']").value(Matchers.containsString("is not in this household")))
                .andExpect(jsonPath("$.errors.owners").value("The owners' shares add up to 110 %: at most 100 %."));
        mvc.perform(json(post(base() + "/wealth"), "{\"type\": \"CASH\", \"description\": \"x\", \"value\": 1.234, \"owners\": []}")
                        .with(as(p.adviser)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.value").value("Use at most 2 decimals (cents)."))
                .andExpect(jsonPath("$.errors.owners").value("Choose at least one owner (a person of the household)."));
        assertThat(inventory.wealth(p.adviser, client.id()).assets()).isEmpty();
    }

    @Test
    void donationsWithAHouseholdOrOutsideRecipientAndTheirTotal() throws Exception {
        mvc.perform(json(post(base() + "/donations"), """
                        {"date": "2021-06-01", "donorPersonId": %d, "recipientPersonId": %d, "amount": 50000, "kind": "MONEY",
                         "notes": "For the flat"}""".formatted(holder, spouse)).with(as(p.adviser)))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.donorName").value("Alex Inventa"))
                .andExpect(jsonPath("$.recipientName").value("Sam Inventa"));
        mvc.perform(json(post(base() + "/donations"), """
                        {"date": "2023-02-01", "donorPersonId": %d, "recipientName": "Red Cross", "amount": 1500.25, "kind": "OTHER"}"""
                        .formatted(spouse)).with(as(p.adviser)))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.recipientPersonId").doesNotExist());
        mvc.perform(get(base() + "/donations").with(as(readOnly)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.donations.length()").value(2))
                .andExpect(jsonPath("$.total").value(51500.25));
        mvc.perform(json(post(base() + "/donations"), """
                        {"date": "2999-01-01", "donorPersonId": %d, "recipientPersonId": %d, "recipientName": "Both", "amount": 0,
                         "kind": "CAR"}""".formatted(holder, holder)).with(as(p.adviser)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.date").value("The date of a donation cannot be in the future."))
                .andExpect(jsonPath("$.errors.recipientName").value("Give either a recipient of the household or a recipient's name, not both."))
                .andExpect(jsonPath("$.errors.amount").value("The amount must be more than 0."))
                .andExpect(jsonPath("$.errors.kind").value(Matchers.containsString("\"CAR\" is not a kind of donation")));
        mvc.perform(json(post(base() + "/donations"), "{\"donorPersonId\": %d, \"amount\": 10, \"kind\": \"MONEY\"}".formatted(holder))
                        .with(as(p.adviser)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.date").value("Enter the date of the donation."))
                .andExpect(jsonPath("$.errors.recipientPersonId").exists());
        long id = inventory.donations(p.adviser, client.id()).donations().get(0).id();
        mvc.perform(json(patch(base() + "/donations/" + id), "{\"recipientName\": \"A friend\", \"notes\": \"\"}").with(as(p.adviser)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.recipientPersonId").doesNotExist())
                .andExpect(jsonPath("$.recipientName").value("A friend"))
                .andExpect(jsonPath("$.notes").doesNotExist());
        assertThat(trail.clientHistory(p.manager, client.id(), PageRequest.of(0, 5)).items().get(0).action()).isEqualTo("DONATION_CHANGED");
        mvc.perform(delete(base() + "/donations/" + id).with(csrf()).with(as(p.adviser))).andExpect(status().isNoContent());
        assertThat(inventory.donations(p.adviser, client.id()).total()).isEqualByComparingTo("1500.25");
    }

    @Test
    void aPersonNamedInTheInventoriesCannotBeRemovedFromTheFamily() throws Exception {
        inventory.addWealthItem(p.adviser, client.id(), new WealthItemForm(null, "CASH", "Savings", new BigDecimal("10"), null,
                List.of(new WealthItemForm.OwnerForm(spouse, null))));
        mvc.perform(delete("/api/clients/" + client.id() + "/family/people/" + spouse).with(csrf()).with(as(p.adviser)))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value("Sam Inventa owns 1 wealth item: change or remove those entries in the inventories first."));
        assertThat(family.family(p.adviser, client.id()).people()).hasSize(2);
    }

    @Test
    void readOnlyMayViewButNotEditAndOtherPracticesGet404() throws Exception {
        long itemId = inventory.addWealthItem(p.adviser, client.id(), new WealthItemForm(null, "CASH", "Savings", new BigDecimal("10"), null,
                List.of(new WealthItemForm.OwnerForm(holder, null)))).id();
        long donationId = inventory.addDonation(p.adviser, client.id(), new DonationForm(LocalDate.of(2020, 1, 1), holder, spouse, null,
                new BigDecimal("5"), null, "MONEY", null)).id();
        mvc.perform(get(base() + "/wealth").with(as(readOnly))).andExpect(status().isOk()).andExpect(jsonPath("$.assets.length()").value(1));
        mvc.perform(json(post(base() + "/wealth"), "{\"type\": \"CASH\", \"description\": \"x\", \"value\": 1, \"owners\": [{\"personId\": %d}]}"
                        .formatted(holder)).with(as(readOnly)))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.detail").value(Matchers.containsString("may not edit the wealth and donations inventories")));
        mvc.perform(json(patch(base() + "/wealth/" + itemId), "{\"value\": 1}").with(as(readOnly))).andExpect(status().isForbidden());
        mvc.perform(delete(base() + "/donations/" + donationId).with(csrf()).with(as(readOnly))).andExpect(status().isForbidden());
        TestPractice other = fixtures.practice();
        for (Actor a : new Actor[] {other.manager, p.otherAdviser}) {
            mvc.perform(get(base() + "/wealth").with(as(a))).andExpect(status().isNotFound());
            mvc.perform(get(base() + "/donations").with(as(a))).andExpect(status().isNotFound());
            mvc.perform(delete(base() + "/wealth/" + itemId).with(csrf()).with(as(a))).andExpect(status().isNotFound());
            mvc.perform(json(patch(base() + "/donations/" + donationId), "{\"amount\": 1}").with(as(a))).andExpect(status().isNotFound());
        }
        // an item of another household through this household's URL: 404
        ClientView second = fixtures.client(p.adviser, "Secondinv");
        mvc.perform(delete("/api/clients/" + second.id() + "/inventory/wealth/" + itemId).with(csrf()).with(as(p.adviser)))
                .andExpect(status().isNotFound());
        assertThat(inventory.wealth(p.adviser, client.id()).assets()).hasSize(1);
        assertThat(inventory.donations(p.adviser, client.id()).donations()).hasSize(1);
    }
}
