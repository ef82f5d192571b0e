package com.atrium.partner;

import static com.atrium.practice.TestLogins.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.atrium.shared.ForbiddenException;
import com.atrium.shared.NotFoundException;
import com.atrium.testsupport.Fixtures;
import com.atrium.testsupport.Fixtures.TestPractice;
import com.atrium.testsupport.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/**
 * My Business per adviser and in aggregate (practice managers only), licences by tier, accounts over time; and the
 * adviser's home with their goals and tasks in progress, editable in place.
 */
@IntegrationTest
class MyBusinessIntegrationTests {
    @Autowired MockMvc mvc;
    @Autowired Fixtures fixtures;
    @Autowired PartnerService partner;
    @Autowired MyBusinessService business;
    @Autowired GoalService goals;
    @Autowired TaskService tasks;

    TestPractice p;

    @BeforeEach
    void setUp() {
        p = fixtures.practice();
        AccountView paid = PartnerTestSupport.account(partner, p.adviser, Licence.ESSENTIALS, 0);
        partner.change(p.adviser, paid.id(), new AccountChange(null, true));
        PartnerTestSupport.account(partner, p.adviser, Licence.GOALS, 0);
        PartnerTestSupport.account(partner, p.otherAdviser, Licence.FULL_BUSINESS, 0);
    }

    static MyBusiness.Tier tier(MyBusiness m, Licence l) {
        return m.tiers().stream().filter(t -> t.licence() == l).findFirst().orElseThrow();
    }

    @Test
    void anAdviserSeesTheirOwnAccountsAManagerAnyAdvisersOrThePracticesAggregate() {
        MyBusiness mine = business.myBusiness(p.adviser, null);
        assertThat(mine.adviserId()).isEqualTo(p.adviser.userId());
        assertThat(mine.paidAccounts()).isEqualTo(1);
        assertThat(mine.trialAccounts()).isEqualTo(1);
        assertThat(tier(mine, Licence.ESSENTIALS).paid()).isEqualTo(1);
        assertThat(tier(mine, Licence.GOALS).trial()).isEqualTo(1);
        assertThat(tier(mine, Licence.FULL_BUSINESS).total()).isZero();
        assertThat(mine.months()).hasSize(12);
        assertThat(mine.months().get(11).accounts()).isEqualTo(2);
        assertThat(mine.months().get(11).paid()).isEqualTo(1);
        assertThat(mine.advisers()).as("an adviser picks nobody else").isEmpty();
        assertThat(mine.tierChart().bars()).hasSize(3);
        assertThatThrownBy(() -> business.myBusiness(p.adviser, p.otherAdviser.userId())).isInstanceOf(ForbiddenException.class);

        MyBusiness all = business.myBusiness(p.manager, null);
        assertThat(all.adviserId()).isNull();
        assertThat(all.paidAccounts()).isEqualTo(1);
        assertThat(all.trialAccounts()).isEqualTo(2);
        assertThat(all.advisers()).extracting(MyBusiness.Adviser::id).contains(p.adviser.userId(), p.otherAdviser.userId());
        MyBusiness theirs = business.myBusiness(p.manager, p.otherAdviser.userId());
        assertThat(theirs.trialAccounts()).isEqualTo(1);
        assertThat(tier(theirs, Licence.FULL_BUSINESS).trial()).isEqualTo(1);
        assertThat(theirs.paidAccounts()).isZero();
        assertThatThrownBy(() -> business.myBusiness(p.manager, p.support.userId())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> business.myBusiness(p.support, null)).isInstanceOf(ForbiddenException.class);
        TestPractice elsewhere = fixtures.practice();
        MyBusiness other = business.myBusiness(elsewhere.manager, null);
        assertThat(other.paidAccounts() + other.trialAccounts()).isZero();
        assertThatThrownBy(() -> business.myBusiness(elsewhere.manager, p.adviser.userId())).isInstanceOf(NotFoundException.class);
    }

    @Test
    void theApiAndThePageAnswerWithChartsAndTheirTables() throws Exception {
        mvc.perform(get("/api/partner/my-business").with(as(p.adviser)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.paidAccounts").value(1))
                .andExpect(jsonPath("$.trialAccounts").value(1));
        mvc.perform(get("/api/partner/my-business?adviser=" + p.otherAdviser.userId()).with(as(p.adviser)))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/partner/my-business?adviser=" + p.otherAdviser.userId()).with(as(p.manager)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.trialAccounts").value(1));
        mvc.perform(get("/partner/my-business").with(as(p.manager)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("data-testid=\"tier-table\"")))
                .andExpect(content().string(containsString("the whole practice")))
                .andExpect(content().string(containsString("<polyline")));
    }

    @Test
    void theAdvisersHomeListsTheirGoalsAndTasksInProgressAndUpdatesThemInPlace() throws Exception {
        AccountView a = PartnerTestSupport.account(partner, p.adviser, Licence.GOALS, 0);
        GoalView g = goals.create(p.adviser, a.id(), new GoalForm("Quarterly review", null, null, null, false, null, null, "70"));
        BoardView b = tasks.createBoard(p.adviser, a.id(), "Adviser");
        BoardView.Task t = tasks.createTask(p.adviser, a.id(), b.id(), new TaskForm("Prepare the review", String.valueOf(p.adviser.userId()),
                null, null, "IN_PROGRESS"));
        mvc.perform(get("/partner/home").with(as(p.adviser)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Quarterly review")))
                .andExpect(content().string(containsString("Prepare the review")));
        mvc.perform(post("/partner/accounts/" + a.id() + "/goals/" + g.id() + "/confidence").with(as(p.adviser)).with(csrf())
                        .param("back", "home").param("confidence", "50").param("comment", "Slipping"))
                .andExpect(redirectedUrl("/partner/home"));
        mvc.perform(post("/partner/accounts/" + a.id() + "/boards/" + b.id() + "/tasks/" + t.id() + "/move").with(as(p.adviser)).with(csrf())
                        .param("back", "home").param("stage", "DONE"))
                .andExpect(redirectedUrl("/partner/home"));
        assertThat(goals.myGoals(p.adviser)).filteredOn(x -> x.id() == g.id()).extracting(GoalSummary::confidence).containsExactly(50);
        assertThat(tasks.myOpenTasks(p.adviser)).extracting(h -> h.task().id()).doesNotContain(t.id());
        // another adviser's home does not show them
        assertThat(goals.myGoals(p.otherAdviser)).extracting(GoalSummary::id).doesNotContain(g.id());
    }
}
