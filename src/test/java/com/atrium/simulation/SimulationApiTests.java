package com.atrium.simulation;

import static com.atrium.practice.TestLogins.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.atrium.audit.AuditTrail;
import com.atrium.household.ClientView;
import com.atrium.household.FamilyPersonForm;
import com.atrium.household.FamilyService;
import com.atrium.household.TeamMemberForm;
import com.atrium.household.TeamService;
import com.atrium.inventory.DonationForm;
import com.atrium.inventory.InventoryService;
import com.atrium.inventory.WealthItemForm;
import com.atrium.inventory.WealthItemForm.OwnerForm;
import com.atrium.shared.Actor;
import com.atrium.shared.PageRequest;
import com.atrium.shared.UserType;
import com.atrium.testsupport.Fixtures;
import com.atrium.testsupport.Fixtures.TestPractice;
import com.atrium.testsupport.IntegrationTest;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/** Simulations over JSON: run on the family and inventories, stored as computed, staff with RUN_SIMULATIONS only. */
@IntegrationTest
class SimulationApiTests {
    @Autowired MockMvc mvc;
    @Autowired Fixtures fixtures;
    @Autowired TeamService teams;
    @Autowired FamilyService family;
    @Autowired InventoryService inventory;
    @Autowired AuditTrail trail;

    @Test
    void runsOnTheFileStoresTheResultAndOnlyThoseWhoRunSimulationsSeeThem() throws Exception {
        TestPractice p = fixtures.practice();
        ClientView client = fixtures.client(p.adviser, "Simula");
        long holder = client.people().get(0).id();
        long spouse = client.people().get(1).id();
        long kid = family.addPerson(p.adviser, client.id(), new FamilyPersonForm("Kim", null, "Simula", LocalDate.of(2005, 1, 1), null, null,
                "CHILD", List.of(holder, spouse), null, null)).id();
        inventory.addWealthItem(p.adviser, client.id(), new WealthItemForm(null, "SECURITIES", "Portfolio", new BigDecimal("600000"), null,
                List.of(new OwnerForm(holder, null))));
        inventory.addDonation(p.adviser, client.id(), new DonationForm(LocalDate.now().minusYears(3), holder, kid, null,
                new BigDecimal("100000"), null, "MONEY", null));

        mvc.perform(post("/api/clients/" + client.id() + "/simulations").with(csrf()).with(as(p.adviser)))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.result.deceasedName").value("Alex Simula"))
                .andExpect(jsonPath("$.result.netEstate").value(600000.00))
                // no partner link recorded: the SPOUSE person stands in; 1/4 to Sam, 3/4 to Kim whose allowance the donation used up
                .andExpect(jsonPath("$.result.heirs.length()").value(2))
                .andExpect(jsonPath("$.result.heirs[0].name").value("Sam Simula"))
                .andExpect(jsonPath("$.result.heirs[0].inherited").value(150000.00))
                .andExpect(jsonPath("$.result.heirs[1].inherited").value(450000.00))
                .andExpect(jsonPath("$.result.heirs[1].allowanceLeft").value(0.00))
                .andExpect(jsonPath("$.result.heirs[1].tax").value(88194.35));
        mvc.perform(post("/api/clients/" + client.id() + "/simulations").with(csrf()).with(as(p.adviser))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"deceasedPersonId\": 999999999}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.deceasedPersonId").value("Person 999999999 is not in this household."));
        mvc.perform(get("/api/clients/" + client.id() + "/simulations").with(as(p.manager)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(1))
                .andExpect(jsonPath("$[0].createdByName").value("adviser Tester"))
                .andExpect(jsonPath("$[0].result.totalTax").value(88194.35));
        assertThat(trail.clientHistory(p.manager, client.id(), PageRequest.of(0, 1)).items().get(0).action()).isEqualTo("SIMULATION_RUN");

        Actor readOnly = fixtures.user(p.practice, UserType.ASSISTANT, false, "ro");
        teams.addMember(p.manager, client.id(), new TeamMemberForm(readOnly.userId(), "READ_ONLY"));
        mvc.perform(get("/api/clients/" + client.id() + "/simulations").with(as(readOnly))).andExpect(status().isForbidden());
        mvc.perform(post("/api/clients/" + client.id() + "/simulations").with(csrf()).with(as(readOnly))).andExpect(status().isForbidden());
        mvc.perform(get("/clients/" + client.id()).with(as(readOnly)))
                .andExpect(status().isOk())
                .andExpect(result -> assertThat(result.getResponse().getContentAsString()).doesNotContain("tab-simulation").contains("tab-family"));
        mvc.perform(get("/api/clients/" + client.id() + "/simulations").with(as(fixtures.practice().manager))).andExpect(status().isNotFound());
    }
}
