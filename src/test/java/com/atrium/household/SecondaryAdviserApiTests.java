package com.atrium.household;

import static com.atrium.practice.TestLogins.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.atrium.access.AccessFacts;
import com.atrium.access.AccessService;
import com.atrium.access.Relation;
import com.atrium.access.Explanation;
import com.atrium.access.PathKind;
import com.atrium.access.Permission;
import com.atrium.access.TeamRole;
import com.atrium.shared.Actor;
import com.atrium.testsupport.Fixtures;
import com.atrium.testsupport.Fixtures.TestPractice;
import com.atrium.testsupport.IntegrationTest;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.transaction.support.TransactionTemplate;

/** The secondary adviser: a Professional other than the primary, never an assistant (refused by API and database). */
@IntegrationTest
class SecondaryAdviserApiTests {
    @Autowired MockMvc mvc;
    @Autowired Fixtures fixtures;
    @Autowired AccessService access;
    @Autowired AccessFacts facts;
    @Autowired HouseholdRepository households;
    @Autowired JdbcClient jdbc;
    @Autowired TransactionTemplate tx;

    TestPractice p;
    ClientView client;

    @BeforeEach
    void setUp() {
        p = fixtures.practice();
        client = fixtures.client(p.adviser, "Secondo");
    }

    @Test
    void thePrimaryAppointsAProfessionalWhoThenWorksOnTheFileAndShowsInExplain() throws Exception {
        mvc.perform(get("/api/clients/" + client.id()).with(as(p.otherAdviser))).andExpect(status().isNotFound());
        set(p.adviser, p.otherAdviser.userId())
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.secondaryAdviser.id").value(p.otherAdviser.userId()))
                .andExpect(jsonPath("$.secondaryAdviser.name").value(p.otherAdviser.name()));
        mvc.perform(get("/api/clients").with(as(p.otherAdviser))).andExpect(jsonPath("$.total").value(1));
        // on a household: the path's household permissions, never the business-account ones it carries for partner accounts
        assertThat(access.permissions(p.otherAdviser, client.id())).containsExactlyInAnyOrder(Permission.VIEW_FILE,
                Permission.EDIT_PROFILE, Permission.EDIT_FAMILY, Permission.EDIT_INVENTORIES, Permission.MANAGE_NOTES,
                Permission.RUN_SIMULATIONS, Permission.EXPORT_PLAN, Permission.VIEW_ENGAGEMENT, Permission.COMPLETE_SURVEYS,
                Permission.RUN_VALUES_SESSION);
        Explanation e = access.explain(p.manager, client.id(), p.otherAdviser.userId());
        assertThat(e.paths()).singleElement().satisfies(path -> {
            assertThat(path.kind()).isEqualTo(PathKind.SECONDARY_ADVISER);
            assertThat(path.description()).startsWith("Secondary adviser since ").endsWith(", appointed by " + p.adviser.name());
        });
        assertThat(access.whoHasAccess(p.adviser, client.id())).extracting(Explanation::userId).contains(p.otherAdviser.userId());

        mvc.perform(delete("/api/clients/" + client.id() + "/secondary-adviser").with(as(p.manager)).with(csrf()))
                .andExpect(status().isNoContent());
        mvc.perform(get("/api/clients/" + client.id()).with(as(p.otherAdviser))).andExpect(status().isNotFound());
        mvc.perform(get("/api/clients/" + client.id()).with(as(p.adviser))).andExpect(jsonPath("$.secondaryAdviser").value(Matchers.nullValue()));
    }

    @Test
    void onlyAProfessionalOtherThanThePrimaryCanBeSecondaryAndEachRefusalSaysWhy() throws Exception {
        set(p.adviser, p.assistant.userId())
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.userId").value(p.assistant.name()
                        + " is an assistant: assistants can never be the primary professional or the secondary adviser of a client."));
        set(p.adviser, p.support.userId())
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.userId").value("The secondary adviser must be a Professional; " + p.support.name() + " is Support staff."));
        set(p.adviser, p.adviser.userId())
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.userId").value(Matchers.containsString("already this client's primary professional")));
        TestPractice other = fixtures.practice();
        set(p.adviser, other.adviser.userId())
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.userId").value("There is no staff user with id " + other.adviser.userId() + " in your practice."));
        mvc.perform(put("/api/clients/" + client.id() + "/secondary-adviser").with(as(p.adviser)).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.userId").value("Enter the user id of the Professional to appoint."));
        assertThat(households.find(p.practice.id(), client.id()).orElseThrow().secondaryProfessionalId()).isNull();
    }

    @Test
    void theDatabaseRefusesAnAssistantOrThePrimaryAsSecondary() {
        assertThatThrownBy(() -> jdbc.sql("UPDATE household SET secondary_professional_id = :a WHERE id = :id")
                .param("a", p.assistant.userId()).param("id", client.id()).update())
                .isInstanceOf(DataIntegrityViolationException.class);
        assertThatThrownBy(() -> jdbc.sql("UPDATE access_client SET secondary_user_id = :a WHERE client_id = :id")
                .param("a", p.assistant.userId()).param("id", client.id()).update())
                .isInstanceOf(DataIntegrityViolationException.class);
        assertThatThrownBy(() -> jdbc.sql("UPDATE household SET secondary_professional_id = primary_professional_id WHERE id = :id")
                .param("id", client.id()).update())
                .isInstanceOf(DataIntegrityViolationException.class);
        // and an assistant can never be primary either (the foundation's composite key)
        assertThatThrownBy(() -> jdbc.sql("UPDATE household SET primary_professional_id = :a WHERE id = :id")
                .param("a", p.assistant.userId()).param("id", client.id()).update())
                .isInstanceOf(DataIntegrityViolationException.class);
        jdbc.sql("UPDATE household SET secondary_professional_id = :a WHERE id = :id")
                .param("a", p.otherAdviser.userId()).param("id", client.id()).update();
    }

    @Test
    void onlyThoseWhoManageAccessSetTheSecondaryOthersGet403Or404() throws Exception {
        tx.executeWithoutResult(s -> facts.add(p.adviser.userId(), new Relation.Team(client.id(), TeamRole.ADMINISTRATOR, p.support.userId())));
        set(p.support, p.otherAdviser.userId())
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.detail").value(Matchers.containsString("primary professional and practice managers")));
        set(p.otherAdviser, p.manager.userId()).andExpect(status().isNotFound());
        TestPractice other = fixtures.practice();
        set(other.manager, other.adviser.userId()).andExpect(status().isNotFound());
        mvc.perform(delete("/api/clients/" + client.id() + "/secondary-adviser").with(as(other.manager)).with(csrf()))
                .andExpect(status().isNotFound());
        set(p.manager, p.otherAdviser.userId()).andExpect(status().isOk());
    }

    @Test
    void handingThePrimaryRoleToTheSecondaryClearsTheSecondary() throws Exception {
        set(p.adviser, p.otherAdviser.userId()).andExpect(status().isOk());
        tx.executeWithoutResult(s -> {
            households.setPrimary(client.id(), p.otherAdviser.userId());
            facts.add(p.manager.userId(), new Relation.Primary(client.id(), p.otherAdviser.userId(), true));
        });
        mvc.perform(get("/api/clients/" + client.id()).with(as(p.manager)))
                .andExpect(jsonPath("$.primaryProfessional.id").value(p.otherAdviser.userId()))
                .andExpect(jsonPath("$.secondaryAdviser").value(Matchers.nullValue()));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM access_client WHERE client_id = :c AND secondary_user_id IS NOT NULL")
                .param("c", client.id()).query(Long.class).single()).isZero();
    }

    private ResultActions set(Actor actor, long userId) throws Exception {
        return mvc.perform(put("/api/clients/" + client.id() + "/secondary-adviser").with(as(actor)).with(csrf())
                .contentType(MediaType.APPLICATION_JSON).content("{\"userId\": " + userId + "}"));
    }
}
