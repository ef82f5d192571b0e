package com.atrium.workgroup;

import static com.atrium.outsider.OutsiderTestSupport.person;
import static com.atrium.practice.TestLogins.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.atrium.access.AccessLevel;
import com.atrium.access.GrantSubject;
import com.atrium.household.ClientView;
import com.atrium.household.Relationship;
import com.atrium.outsider.OutsiderTestSupport;
import com.atrium.shared.Actor;
import com.atrium.testsupport.Fixtures;
import com.atrium.testsupport.Fixtures.TestPractice;
import com.atrium.testsupport.IntegrationTest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Security review, finding 13: inviting a user id to a workgroup answered "&lt;name&gt; is not a staff user" for a client's or
 * an external adviser's id, so a staff member learnt the names of people of files they cannot open. Any id that is not an
 * invitable (active staff) user of the practice now gets the same answer, which names nobody.
 */
@IntegrationTest
class WorkgroupInviteAnswersAlikeTests {
    @Autowired MockMvc mvc;
    @Autowired Fixtures fixtures;
    @Autowired WorkgroupService workgroups;
    @Autowired ApplicationContext context;
    @Autowired JdbcClient jdbc;

    @Test
    void everyIdThatIsNotAnInvitableStaffUserGetsTheSameAnswer() throws Exception {
        TestPractice p = fixtures.practice();
        TestPractice other = fixtures.practice();
        // a client of a file the inviting owner (another adviser) cannot open
        ClientView c = fixtures.client(p.adviser, "Secretive");
        Actor client = OutsiderTestSupport.grantWithAccount(context, p.adviser, c.id(), GrantSubject.FAMILY, person(c, Relationship.HOLDER).id(),
                AccessLevel.READ_ONLY);
        Actor disabled = fixtures.user(p.practice, com.atrium.shared.UserType.SUPPORT, false, "gone");
        jdbc.sql("UPDATE app_user SET active = FALSE WHERE id = :u").param("u", disabled.userId()).update();
        long groupId = workgroups.create(p.otherAdviser, new WorkgroupForm("Probe group")).id();

        Map<String, Long> ids = new LinkedHashMap<>();
        ids.put("an id that exists nowhere", 987_654_321L);
        ids.put("a staff user of another practice", other.adviser.userId());
        ids.put("a client (outsider) of this practice", client.userId());
        ids.put("a disabled staff user of this practice", disabled.userId());
        Map<String, String> answers = new LinkedHashMap<>();
        for (Map.Entry<String, Long> e : ids.entrySet()) {
            MockHttpServletResponse r = mvc.perform(post("/api/workgroups/" + groupId + "/invitations").with(csrf()).with(as(p.otherAdviser))
                    .contentType(MediaType.APPLICATION_JSON).content("{\"userId\": " + e.getValue() + "}")).andReturn().getResponse();
            assertThat(r.getStatus()).as(e.getKey()).isEqualTo(400);
            String body = r.getContentAsString();
            assertThat(body).as(e.getKey()).doesNotContain(client.name(), other.adviser.name(), disabled.name(), "not a staff user", "disabled");
            answers.put(e.getKey(), body.replace(Long.toString(e.getValue()), "N"));
        }
        assertThat(answers.values()).as(answers.toString()).containsOnly(answers.get("an id that exists nowhere"));
        assertThat(answers.get("an id that exists nowhere")).contains("There is no user with id N in your practice who can join a workgroup");
    }
}
