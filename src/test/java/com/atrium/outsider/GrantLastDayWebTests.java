package com.atrium.outsider;

import static com.atrium.practice.TestLogins.asVerifiedOutsider;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import com.atrium.access.AccessLevel;
import com.atrium.access.GrantSubject;
import com.atrium.household.ClientView;
import com.atrium.household.Relationship;
import com.atrium.practice.PracticeService;
import com.atrium.shared.Actor;
import com.atrium.testsupport.Fixtures;
import com.atrium.testsupport.Fixtures.TestPractice;
import com.atrium.testsupport.IntegrationTest;
import com.atrium.testsupport.MovableClock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * A grant's last day is inclusive (UTC, application clock): an outsider whose grant ends today still finds the client
 * in {@code GET /api/portal/files} (the list filter, i.e. the visibility index) and may open it; the day after, neither.
 */
@IntegrationTest
@Import(MovableClock.Config.class)
class GrantLastDayWebTests {
    @Autowired MockMvc mvc;
    @Autowired Fixtures fixtures;
    @Autowired OutsiderService outsiders;
    @Autowired Invitations invitations;
    @Autowired PracticeService practice;
    @Autowired JdbcClient jdbc;
    @Autowired MovableClock clock;

    @Test
    void aGrantEndingTodayIsVisibleTodayAndNotTomorrow() throws Exception {
        TestPractice p = fixtures.practice();
        ClientView client = fixtures.client(p.adviser, "Lastday");
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        Actor outsider = OutsiderTestSupport.grantWithAccount(outsiders, invitations, practice, jdbc, p.adviser, client.id(),
                GrantSubject.FAMILY, OutsiderTestSupport.person(client, Relationship.SPOUSE).id(), AccessLevel.READ_ONLY, today);

        String list = mvc.perform(get("/api/portal/files").with(asVerifiedOutsider(outsider))).andReturn().getResponse().getContentAsString();
        assertThat(list).as("on the last day").contains("\"id\":" + client.id());
        assertThat(mvc.perform(get("/api/portal/files/" + client.id()).with(asVerifiedOutsider(outsider))).andReturn().getResponse()
                .getStatus()).isEqualTo(200);

        clock.advance(Duration.ofDays(1));
        list = mvc.perform(get("/api/portal/files").with(asVerifiedOutsider(outsider))).andReturn().getResponse().getContentAsString();
        assertThat(list).as("the day after").doesNotContain("\"id\":" + client.id());
        assertThat(mvc.perform(get("/api/portal/files/" + client.id()).with(asVerifiedOutsider(outsider))).andReturn().getResponse()
                .getStatus()).isEqualTo(404);
    }
}
