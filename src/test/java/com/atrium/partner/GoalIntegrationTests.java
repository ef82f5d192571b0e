package com.atrium.partner;

import static com.atrium.practice.TestLogins.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.atrium.shared.Actor;
import com.atrium.shared.ForbiddenException;
import com.atrium.shared.InvalidInputException;
import com.atrium.shared.NotFoundException;
import com.atrium.shared.UserType;
import com.atrium.testsupport.Fixtures;
import com.atrium.testsupport.Fixtures.TestPractice;
import com.atrium.testsupport.IntegrationTest;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Goals and risk insights, on PostgreSQL: the 60 % boundary (59 flagged, 60 not), organisation (milestone goals) vs
 * people (any goal), per adviser vs the manager's whole practice, a member of one account never seeing another's goals,
 * who updates a confidence, the history and the channel.
 */
@IntegrationTest
class GoalIntegrationTests {
    @Autowired MockMvc mvc;
    @Autowired Fixtures fixtures;
    @Autowired PartnerService partner;
    @Autowired GoalService goals;

    TestPractice p;
    AccountView account;
    Actor admin;
    Actor member;

    @BeforeEach
    void setUp() {
        p = fixtures.practice();
        account = PartnerTestSupport.account(partner, p.adviser, Licence.GOALS, 2);
        admin = business(account, 0);
        member = business(account, 1);
    }

    Actor business(AccountView a, int index) {
        MemberView m = a.users().get(index);
        return new Actor(m.userId(), p.practice.id(), m.name(), m.email(), UserType.BUSINESS, false);
    }

    GoalView goal(Actor by, String title, boolean milestone, int confidence) {
        return goals.create(by, account.id(), new GoalForm(title, null, null, "ORGANISATION", milestone, null, null, String.valueOf(confidence)));
    }

    static List<Long> ids(GoalService.RiskInsights r) {
        return r.goals().stream().map(GoalSummary::id).toList();
    }

    @Test
    void sixtyPercentIsTheBoundaryFiftyNineIsFlaggedSixtyIsNot() {
        GoalView at59 = goal(admin, "Hire a sales lead", true, 59);
        GoalView at60 = goal(admin, "Open a second site", true, 60);
        GoalView done = goal(admin, "Finished already", true, 10);
        goals.update(admin, account.id(), done.id(), new GoalForm(null, null, null, null, null, null, "COMPLETED", null));
        List<Long> flagged = ids(goals.riskInsights(p.adviser, "organisation", 0));
        assertThat(flagged).contains(at59.id()).doesNotContain(at60.id(), done.id());
        assertThat(at59.atRisk()).isTrue();
        assertThat(at60.atRisk()).isFalse();
        // moving 60 down to 59 flags it; 59 up to 60 clears it
        goals.updateConfidence(admin, account.id(), at60.id(), "59", "Supplier delay");
        goals.updateConfidence(admin, account.id(), at59.id(), "60", "Two good interviews");
        flagged = ids(goals.riskInsights(p.adviser, "people", 0));
        assertThat(flagged).contains(at60.id()).doesNotContain(at59.id());
    }

    @Test
    void organisationLevelShowsOnlyMilestoneGoalsPeopleLevelAnyGoal() {
        GoalView milestone = goal(admin, "Milestone at risk", true, 30);
        GoalView personal = goals.create(member, account.id(), new GoalForm("Learn the new CRM", null, null, "PERSONAL", false, null, null, "40"));
        assertThat(ids(goals.riskInsights(p.adviser, "organisation", 0))).contains(milestone.id()).doesNotContain(personal.id());
        assertThat(ids(goals.riskInsights(p.adviser, "people", 0))).contains(milestone.id(), personal.id());
        GoalService.RiskInsights people = goals.riskInsights(p.adviser, "PEOPLE", 0);
        GoalSummary row = people.goals().stream().filter(g -> g.id() == personal.id()).findFirst().orElseThrow();
        assertThat(row.ownerName()).isEqualTo(member.name());
        assertThat(row.accountName()).isEqualTo(account.name());
        assertThat(row.confidence()).isEqualTo(40);
        assertThat(row.trend()).isEqualTo("new");
        assertThatThrownBy(() -> goals.riskInsights(p.adviser, "everyone", 0)).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void riskInsightsArePerAdviserTheManagerSeesThePracticeAndNobodyElseSeesAnything() {
        GoalView mine = goal(admin, "Mine at risk", true, 20);
        AccountView theirs = PartnerTestSupport.account(partner, p.otherAdviser, Licence.GOALS, 0);
        Actor theirAdmin = new Actor(theirs.users().get(0).userId(), p.practice.id(), "Their Admin", theirs.users().get(0).email(),
                UserType.BUSINESS, false);
        GoalView other = goals.create(theirAdmin, theirs.id(), new GoalForm("Theirs at risk", null, null, null, true, null, null, "20"));
        assertThat(ids(goals.riskInsights(p.adviser, "people", 0))).contains(mine.id()).doesNotContain(other.id());
        assertThat(ids(goals.riskInsights(p.otherAdviser, "people", 0))).contains(other.id()).doesNotContain(mine.id());
        assertThat(ids(goals.riskInsights(p.manager, "people", 0))).contains(mine.id(), other.id());
        TestPractice elsewhere = fixtures.practice();
        assertThat(ids(goals.riskInsights(elsewhere.manager, "people", 0))).doesNotContain(mine.id(), other.id());
        // support staff and assistants have no risk insights; business users neither
        assertThatThrownBy(() -> goals.riskInsights(p.support, "people", 0)).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> goals.riskInsights(admin, "people", 0)).isInstanceOf(ForbiddenException.class);
    }

    @Test
    void aMemberOfOneAccountNeverSeesAnothersGoals() {
        GoalView mine = goal(admin, "Ours", false, 80);
        AccountView otherAccount = PartnerTestSupport.account(partner, p.adviser, Licence.GOALS, 1);
        Actor stranger = new Actor(otherAccount.users().get(1).userId(), p.practice.id(), "Stranger", otherAccount.users().get(1).email(),
                UserType.BUSINESS, false);
        assertThatThrownBy(() -> goals.goals(stranger, account.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> goals.goal(stranger, account.id(), mine.id())).isInstanceOf(NotFoundException.class);
        // the goal's id under the stranger's own account is not found either (goals are looked up through their account)
        assertThatThrownBy(() -> goals.goal(stranger, otherAccount.id(), mine.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> goals.post(stranger, account.id(), mine.id(), "hello")).isInstanceOf(NotFoundException.class);
        assertThat(goals.goals(stranger, otherAccount.id())).isEmpty();
        // a removed user loses the account at once
        partner.removeUser(p.adviser, account.id(), member.userId());
        assertThatThrownBy(() -> goals.goals(member, account.id())).isInstanceOf(NotFoundException.class);
    }

    @Test
    void theOwnerTheAdministratorOrAnAdviserInAdvisorModeUpdateConfidenceWithACommentEachUpdateKept() {
        GoalView g = goals.create(admin, account.id(), new GoalForm("Win three tenders", null, member.userId(), "ORGANISATION", true, "2027-03-31",
                null, "70"));
        assertThat(g.ownerName()).isEqualTo(member.name());
        g = goals.updateConfidence(member, account.id(), g.id(), "55", "Lost the first one");
        assertThat(g.confidence()).isEqualTo(55);
        assertThat(g.previousConfidence()).isEqualTo(70);
        assertThat(g.trend()).isEqualTo("down");
        g = goals.updateConfidence(admin, account.id(), g.id(), "65", "Two shortlists");
        assertThat(g.trend()).isEqualTo("up");
        assertThat(g.history()).extracting(GoalView.ConfidencePoint::confidence).containsExactly(70, 55, 65);
        assertThat(g.history()).extracting(GoalView.ConfidencePoint::comment).containsExactly("Starting confidence", "Lost the first one",
                "Two shortlists");
        assertThat(g.chart().dots()).hasSize(3);
        // the channel, newest first: updates and messages
        g = goals.post(member, account.id(), g.id(), "Can we review the pricing?");
        assertThat(g.channel().get(0).body()).isEqualTo("Can we review the pricing?");
        assertThat(g.channel().get(1).body()).isEqualTo("Confidence 55 % → 65 %: Two shortlists");
        // another member is neither owner nor administrator
        GoalView mine = goals.create(member, account.id(), new GoalForm("Mine", null, null, null, false, null, null, "90"));
        GoalView finalG = g;
        Actor third = business(PartnerTestSupport.account(partner, p.adviser, Licence.GOALS, 0), 0); // an admin, but elsewhere
        assertThatThrownBy(() -> goals.updateConfidence(third, account.id(), finalG.id(), "10", "x")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> goals.updateConfidence(member, account.id(), goals.create(admin, account.id(),
                new GoalForm("Admin's", null, null, null, false, null, null, "90")).id(), "10", "x"))
                .isInstanceOf(ForbiddenException.class).hasMessageContaining("owner");
        assertThat(goals.updateConfidence(admin, account.id(), mine.id(), "80", "admin may").confidence()).isEqualTo(80);
        // the related adviser from the portal is not a member: only as owner, or in advisor mode
        assertThatThrownBy(() -> goals.updateConfidence(p.adviser, account.id(), mine.id(), "50", "x")).isInstanceOf(ForbiddenException.class);
    }

    @Test
    void badInputIsRefusedWithEveryErrorOnItsField() {
        GoalView g = goal(admin, "Valid", false, 75);
        assertThatThrownBy(() -> goals.updateConfidence(admin, account.id(), g.id(), "101", " "))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.fieldErrors()).containsOnlyKeys("confidence", "comment"));
        assertThatThrownBy(() -> goals.create(admin, account.id(), new GoalForm(" ", null, 999_999_999L, "TEAM", false, "31/03/2027", "DONE", "-1")))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.fieldErrors())
                        .containsOnlyKeys("title", "ownerId", "level", "dueOn", "status", "confidence"));
        // a staff user of the practice who does not work on the account cannot own its goals
        assertThatThrownBy(() -> goals.create(admin, account.id(), new GoalForm("x", null, p.support.userId(), null, false, null, null, "50")))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.fieldErrors()).containsOnlyKeys("ownerId"));
        assertThat(goals.goal(admin, account.id(), g.id()).confidence()).isEqualTo(75);
    }

    @Test
    void theApiAnswersGoalsConfidenceAndRiskInsightsAndAnotherPracticeGets404() throws Exception {
        String created = mvc.perform(post("/api/partner/accounts/" + account.id() + "/goals").with(as(p.adviser)).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"title\":\"Launch online shop\",\"milestone\":true,\"confidence\":80}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.ownerId").value(p.adviser.userId()))
                .andExpect(jsonPath("$.mayUpdateConfidence").value(true))
                .andReturn().getResponse().getContentAsString();
        long goalId = Long.parseLong(created.replaceAll("^\\{\"id\":(\\d+).*$", "$1").trim());
        mvc.perform(post("/api/partner/accounts/" + account.id() + "/goals/" + goalId + "/confidence").with(as(p.adviser)).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"confidence\":45,\"comment\":\"Platform slipped\"}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.confidence").value(45))
                .andExpect(jsonPath("$.trend").value("down"));
        mvc.perform(get("/api/partner/risk-insights?level=organisation").with(as(p.adviser)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.level").value("organisation"))
                .andExpect(jsonPath("$.goals[?(@.id == %d)].confidence".formatted(goalId)).value(org.hamcrest.Matchers.contains(45)));
        mvc.perform(get("/api/partner/risk-insights?level=nobody").with(as(p.adviser)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.level").exists());
        mvc.perform(post("/api/partner/accounts/" + account.id() + "/goals/" + goalId + "/confidence").with(as(p.adviser)).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"confidence\":\"lots\",\"comment\":\"\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.confidence").exists())
                .andExpect(jsonPath("$.errors.comment").exists());
        TestPractice elsewhere = fixtures.practice();
        mvc.perform(get("/api/partner/accounts/" + account.id() + "/goals/" + goalId).with(as(elsewhere.manager)))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/partner/accounts/" + account.id() + "/goals").with(as(p.otherAdviser)))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/partner/accounts/" + account.id() + "/goals/" + goalId + "/messages").with(as(p.manager)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].body").value("Confidence 80 % → 45 %: Platform slipped"));
    }
}
