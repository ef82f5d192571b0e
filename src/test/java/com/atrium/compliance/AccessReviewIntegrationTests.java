package com.atrium.compliance;

import static com.atrium.practice.TestLogins.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.atrium.access.AccessLevel;
import com.atrium.access.AccessReview;
import com.atrium.access.AccessService;
import com.atrium.access.GrantSubject;
import com.atrium.access.PathKind;
import com.atrium.access.ReviewQuery;
import com.atrium.access.ReviewQuery.Stale;
import com.atrium.access.ReviewRow;
import com.atrium.access.TeamRole;
import com.atrium.audit.ReadAudit;
import com.atrium.audit.SecurityEvent;
import com.atrium.audit.SecurityEventKind;
import com.atrium.audit.SecurityEvents;
import com.atrium.household.ClientView;
import com.atrium.household.HouseholdService;
import com.atrium.household.Relationship;
import com.atrium.household.TeamMemberForm;
import com.atrium.household.TeamService;
import com.atrium.outsider.GrantForm;
import com.atrium.outsider.OutsiderService;
import com.atrium.outsider.OutsiderTestSupport;
import com.atrium.shared.Actor;
import com.atrium.shared.ClientFileRead;
import com.atrium.shared.ForbiddenException;
import com.atrium.shared.PageRequest;
import com.atrium.testsupport.Fixtures;
import com.atrium.testsupport.Fixtures.TestPractice;
import com.atrium.testsupport.IntegrationTest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The access review on PostgreSQL: every (person, client) access of the practice with the same words as Why?, the
 * filters, each stale criterion (and its opposite), who may see it, the CSV.
 */
@IntegrationTest
class AccessReviewIntegrationTests {
    @Autowired MockMvc mvc;
    @Autowired Fixtures fixtures;
    @Autowired AccessService access;
    @Autowired AccessReviewService review;
    @Autowired TeamService teams;
    @Autowired HouseholdService households;
    @Autowired OutsiderService outsiders;
    @Autowired ReadAudit reads;
    @Autowired SecurityEvents securityEvents;
    @Autowired JdbcClient jdbc;
    @Autowired ApplicationContext context;

    @Test
    void everyAccessOfThePracticeIsARowExplainedWithTheWordsOfWhy() {
        TestPractice p = fixtures.practice();
        TestPractice other = fixtures.practice();
        ClientView c = fixtures.client(p.adviser, "Reviewed");
        fixtures.client(other.adviser, "Elsewhere");
        teams.addMember(p.adviser, c.id(), new TeamMemberForm(p.support.userId(), "PARAPLANNER"));
        households.setSecondaryAdviser(p.manager, c.id(), p.otherAdviser.userId());
        Actor spouse = OutsiderTestSupport.grantWithAccount(context, p.adviser, c.id(), GrantSubject.FAMILY,
                OutsiderTestSupport.person(c, Relationship.SPOUSE).id(), AccessLevel.READ_ONLY);

        AccessReview page = review.review(p.manager, ReviewQuery.all(), PageRequest.of(0, 50));

        List<ReviewRow> rows = page.items().stream().filter(r -> c.id() == r.clientId()).toList();
        assertThat(rows).extracting(ReviewRow::userId).containsExactlyInAnyOrder(p.adviser.userId(), p.support.userId(),
                p.otherAdviser.userId(), spouse.userId());
        for (ReviewRow row : rows) {
            assertThat(row.summary()).as("row of " + row.userName())
                    .isEqualTo(access.explain(p.manager, c.id(), row.userId()).summary());
        }
        assertThat(row(rows, p.support).paths()).extracting(a -> a.kind()).containsExactly(PathKind.TEAM);
        assertThat(row(rows, p.adviser).has(PathKind.PRIMARY)).isTrue();
        assertThat(row(rows, p.otherAdviser).has(PathKind.SECONDARY_ADVISER)).isTrue();
        assertThat(row(rows, spouse).has(PathKind.FAMILY_READ_ONLY)).isTrue();
        assertThat(page.items()).as("nothing of another practice").allMatch(r -> r.clientName() != null && !r.clientName().startsWith("Elsewhere"));
        assertThat(page.practiceWide()).extracting(ReviewRow::userId).contains(p.manager.userId());
        assertThat(page.practiceWide().get(0).summary()).contains("has access: practice manager of");
        assertThat(page.total()).isEqualTo(page.items().size());
    }

    @Test
    void filtersNarrowByPersonClientPathKindAndRole() {
        TestPractice p = fixtures.practice();
        ClientView a = fixtures.client(p.adviser, "Alpha");
        ClientView b = fixtures.client(p.adviser, "Beta");
        teams.addMember(p.adviser, a.id(), new TeamMemberForm(p.support.userId(), "READ_ONLY"));
        teams.addMember(p.adviser, b.id(), new TeamMemberForm(p.support.userId(), "ADMINISTRATOR"));

        assertThat(keys(p.manager, new ReviewQuery(p.support.userId(), null, null, null, null)))
                .containsExactlyInAnyOrder(p.support.userId() + ":" + a.id(), p.support.userId() + ":" + b.id());
        assertThat(keys(p.manager, new ReviewQuery(null, a.id(), null, null, null)))
                .containsExactlyInAnyOrder(p.adviser.userId() + ":" + a.id(), p.support.userId() + ":" + a.id());
        assertThat(keys(p.manager, new ReviewQuery(null, null, PathKind.PRIMARY, null, null)))
                .containsExactlyInAnyOrder(p.adviser.userId() + ":" + a.id(), p.adviser.userId() + ":" + b.id());
        assertThat(keys(p.manager, new ReviewQuery(null, null, null, TeamRole.ADMINISTRATOR, null)))
                .containsExactly(p.support.userId() + ":" + b.id());
        AccessReview managers = review.review(p.manager, new ReviewQuery(null, null, PathKind.PRACTICE_MANAGER, null, null),
                PageRequest.of(0, 50));
        assertThat(managers.items()).isEmpty();
        assertThat(managers.practiceWide()).extracting(ReviewRow::userId).contains(p.manager.userId());
    }

    @Test
    void teamMembersWhoHaveNotOpenedTheFileIn180DaysAreStale() {
        TestPractice p = fixtures.practice();
        ClientView c = fixtures.client(p.adviser, "Dormant");
        teams.addMember(p.adviser, c.id(), new TeamMemberForm(p.support.userId(), "PARAPLANNER"));
        teams.addMember(p.adviser, c.id(), new TeamMemberForm(p.otherAdviser.userId(), "ADVISER"));
        teams.addMember(p.adviser, c.id(), new TeamMemberForm(p.assistant.userId(), "READ_ONLY"));
        jdbc.sql("UPDATE access_team SET granted_at = :t WHERE client_id = :c")
                .param("t", Instant.now().minus(400, ChronoUnit.DAYS).atOffset(ZoneOffset.UTC)).param("c", c.id()).update();
        // the other adviser opened it 10 days ago, the assistant 200 days ago, the support user never
        reads.record(new ReadAudit.Read(p.practice.id(), c.id(), p.otherAdviser.userId(), Instant.now().minus(10, ChronoUnit.DAYS),
                ClientFileRead.Kind.DETAIL, "PAGE", null, null));
        reads.record(new ReadAudit.Read(p.practice.id(), c.id(), p.assistant.userId(), Instant.now().minus(200, ChronoUnit.DAYS),
                ClientFileRead.Kind.DETAIL, "PAGE", null, null));
        // a member added yesterday has not opened it either, but is not stale yet
        ClientView fresh = fixtures.client(p.adviser, "Fresh");
        teams.addMember(p.adviser, fresh.id(), new TeamMemberForm(p.support.userId(), "PARAPLANNER"));

        List<ReviewRow> stale = review.review(p.manager, new ReviewQuery(null, null, null, null, Stale.NOT_OPENED), PageRequest.of(0, 50))
                .items();
        assertThat(stale).extracting(ReviewRow::key).containsExactlyInAnyOrder(p.adviser.userId() + ":" + c.id(),
                p.support.userId() + ":" + c.id(), p.assistant.userId() + ":" + c.id());
        assertThat(stale).allMatch(r -> r.stale().contains(Stale.NOT_OPENED));
        ReviewRow all = review.review(p.manager, new ReviewQuery(p.otherAdviser.userId(), c.id(), null, null, null), PageRequest.of(0, 5))
                .items().get(0);
        assertThat(all.stale()).isEmpty();
        assertThat(all.lastOpened()).isNotNull();
    }

    @Test
    void grantsExpiringWithin30DaysAndGrantsToPeopleWhoNeverLoggedInAreStale() {
        TestPractice p = fixtures.practice();
        ClientView c = fixtures.client(p.adviser, "Granted");
        ClientView d = fixtures.client(p.adviser, "Invited");
        Actor spouse = OutsiderTestSupport.grantWithAccount(context, p.adviser, c.id(), GrantSubject.FAMILY,
                OutsiderTestSupport.person(c, Relationship.SPOUSE).id(), AccessLevel.READ_ONLY);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        jdbc.sql("UPDATE access_grant SET expires_on = :d WHERE user_id = :u").param("d", today.plusDays(10))
                .param("u", spouse.userId()).update();
        // an invitation nobody accepted: no account, never logged in; its grant ends in 60 days (not "expiring")
        String email = OutsiderTestSupport.email("pending");
        outsiders.grant(p.adviser, d.id(), new GrantForm(GrantSubject.FAMILY, OutsiderTestSupport.person(d, Relationship.SPOUSE).id(),
                AccessLevel.READ_WRITE, email, "+33 6 12 34 56 78", today.plusDays(60)));

        List<ReviewRow> expiring = review.review(p.manager, new ReviewQuery(null, null, null, null, Stale.EXPIRING), PageRequest.of(0, 50))
                .items();
        assertThat(expiring).extracting(ReviewRow::userId).containsExactly(spouse.userId());
        assertThat(expiring.get(0).grantUntil()).isEqualTo(today.plusDays(10));

        List<ReviewRow> never = review.review(p.manager, new ReviewQuery(null, null, null, null, Stale.NEVER_LOGGED_IN),
                PageRequest.of(0, 50)).items();
        assertThat(never).extracting(ReviewRow::userName).hasSize(2);
        ReviewRow invited = never.stream().filter(r -> r.userId() == null).findFirst().orElseThrow();
        assertThat(invited.email()).isEqualTo(email);
        assertThat(invited.summary()).contains("has no access yet", "no account created", "read-write access as family member");
        assertThat(invited.permissions()).isEmpty();
        assertThat(invited.key()).startsWith("grant:");

        // once the outsider has logged in, their grant is no longer "never logged in"
        securityEvents.record(SecurityEvent.of(SecurityEventKind.LOGIN_SUCCEEDED, p.practice.id()).by(spouse.userId())
                .about(spouse.userId()));
        assertThat(review.review(p.manager, new ReviewQuery(null, null, null, null, Stale.NEVER_LOGGED_IN), PageRequest.of(0, 50))
                .items()).extracting(ReviewRow::userId).containsOnlyNulls();
    }

    @Test
    void disabledAccountsStillOnTeamsAreListedWithWhatIsStillRecorded() {
        TestPractice p = fixtures.practice();
        ClientView c = fixtures.client(p.adviser, "Leaver");
        teams.addMember(p.adviser, c.id(), new TeamMemberForm(p.support.userId(), "ADMINISTRATOR"));
        jdbc.sql("UPDATE app_user SET active = FALSE WHERE id = :u").param("u", p.support.userId()).update();

        List<ReviewRow> disabled = review.review(p.manager, new ReviewQuery(null, null, null, null, Stale.DISABLED), PageRequest.of(0, 50))
                .items();
        assertThat(disabled).extracting(ReviewRow::key).containsExactly(p.support.userId() + ":" + c.id());
        ReviewRow row = disabled.get(0);
        assertThat(row.active()).isFalse();
        assertThat(row.permissions()).isEmpty();
        assertThat(row.summary()).startsWith(access.explain(p.manager, c.id(), p.support.userId()).summary())
                .contains("Still recorded: team member as Administrator");
        assertThat(keys(p.manager, ReviewQuery.all())).as("no access, so not among the accesses").doesNotContain(row.key());
    }

    @Test
    void onlyPracticeManagersReviewAccess_apiAndCsv() throws Exception {
        TestPractice p = fixtures.practice();
        ClientView c = fixtures.client(p.adviser, "Exported, \"quoted\"");
        assertThatThrownBy(() -> review.review(p.adviser, ReviewQuery.all(), PageRequest.of(0, 5))).isInstanceOf(ForbiddenException.class);
        mvc.perform(get("/api/access/review").with(as(p.adviser))).andExpect(status().isForbidden());
        mvc.perform(get("/api/access/review").header("Accept", "text/csv").with(as(p.adviser))).andExpect(status().isForbidden());
        mvc.perform(get("/access-review").with(as(p.support))).andExpect(status().isForbidden());
        mvc.perform(get("/api/access/review?kind=NOPE&stale=later&person=x").with(as(p.manager))).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.kind").exists()).andExpect(jsonPath("$.errors.stale").exists())
                .andExpect(jsonPath("$.errors.person").exists());

        mvc.perform(get("/api/access/review?client=" + c.id()).with(as(p.manager))).andExpect(status().isOk())
                .andExpect(jsonPath("$.total").value(1))
                .andExpect(jsonPath("$.items[0].userId").value(p.adviser.userId()))
                .andExpect(jsonPath("$.items[0].paths[0].kind").value("PRIMARY"));
        String csv = mvc.perform(get("/api/access/review?client=" + c.id()).header("Accept", "text/csv").with(as(p.manager)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        List<String> lines = csv.lines().toList();
        assertThat(lines.get(0)).isEqualTo(AccessReviewService.CSV_HEADER);
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith(p.adviser.userId() + ",").contains(",PRIMARY,", "\"Exported, \"\"quoted\"\""));
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith(p.manager.userId() + ",").contains("PRACTICE_MANAGER"));

        String html = mvc.perform(get("/access-review?stale=NEVER_LOGGED_IN").with(as(p.manager))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(html).contains("Access review", "No access matches these filters.");
        String page = mvc.perform(get("/access-review?client=" + c.id()).with(as(p.manager))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains(p.adviser.name(), "has access: primary professional (file manager) since", "data-testid=\"select-row\"");
    }

    // ------------------------------------------------------------------ helpers

    private List<String> keys(Actor manager, ReviewQuery q) {
        return review.review(manager, q, PageRequest.of(0, 200)).items().stream().map(ReviewRow::key).toList();
    }

    private static ReviewRow row(List<ReviewRow> rows, Actor who) {
        return rows.stream().filter(r -> r.userId() != null && r.userId() == who.userId()).findFirst().orElseThrow();
    }
}
