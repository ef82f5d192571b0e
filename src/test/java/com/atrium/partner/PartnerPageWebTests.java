package com.atrium.partner;

import static com.atrium.practice.TestLogins.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.atrium.practice.PracticeService;
import com.atrium.shared.Actor;
import com.atrium.testsupport.Fixtures;
import com.atrium.testsupport.Fixtures.TestPractice;
import com.atrium.testsupport.IntegrationTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

/** The partner portal's pages, the workspace pages and advisor mode (banner, audit, exit to home). */
@IntegrationTest
class PartnerPageWebTests {
    @Autowired MockMvc mvc;
    @Autowired Fixtures fixtures;
    @Autowired PartnerService partner;
    @Autowired PracticeService practice;
    @Autowired JdbcClient jdbc;
    @Autowired com.atrium.access.AccessFacts facts;
    @Autowired org.springframework.transaction.support.TransactionTemplate tx;

    @Test
    void theEyeIconIsShownOnlyToThoseWhoMayEnterAdvisorMode() throws Exception {
        TestPractice p = fixtures.practice();
        AccountView a = PartnerTestSupport.account(partner, p.adviser, Licence.ESSENTIALS, 0);
        // a read-only team member sees the account in the portal, but advisor mode would be refused: no eye icon
        tx.executeWithoutResult(s -> facts.add(p.adviser.userId(),
                new com.atrium.access.Relation.Team(a.id(), com.atrium.access.TeamRole.READ_ONLY, p.assistant.userId())));
        mvc.perform(get("/partner").with(as(p.assistant))).andExpect(status().isOk())
                .andExpect(content().string(containsString("data-testid=\"account-" + a.id() + "\"")))
                .andExpect(content().string(org.hamcrest.Matchers.not(containsString("advisor-mode-" + a.id()))));
        mvc.perform(post("/partner/accounts/" + a.id() + "/advisor-mode").with(as(p.assistant)).with(csrf()))
                .andExpect(status().is4xxClientError());
        // the adviser who works on it gets the icon
        mvc.perform(get("/partner").with(as(p.adviser))).andExpect(status().isOk())
                .andExpect(content().string(containsString("advisor-mode-" + a.id())));
    }

    @Test
    void addUserAppendsToTheListAndClearsTheFieldsAndAHalfFilledRowIsNeverSilentlyDropped() throws Exception {
        TestPractice p = fixtures.practice();
        mvc.perform(get("/partner").with(as(p.adviser))).andExpect(status().isOk()).andExpect(content().string(containsString("Free trial")));
        mvc.perform(get("/partner/accounts/new").with(as(p.adviser))).andExpect(status().isOk())
                .andExpect(content().string(containsString("departments and department heads")));
        String bob = PartnerTestSupport.email("bob");
        mvc.perform(post("/partner/accounts").with(as(p.adviser)).with(csrf()).param("action", "add-user").param("name", "Acme")
                        .param("newFirstName", "Bob").param("newLastName", "Builder").param("newEmail", bob))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("value=\"" + bob + "\"")))
                .andExpect(content().string(containsString("<input id=\"newEmail\" type=\"email\" name=\"newEmail\" value=\"\">")))
                .andExpect(content().string(containsString("value=\"Acme\"")));
        long before = jdbc.sql("SELECT COUNT(*) FROM partner_account").query(Long.class).single();
        mvc.perform(post("/partner/accounts").with(as(p.adviser)).with(csrf()).param("action", "create").param("name", "Acme")
                        .param("licence", "ESSENTIALS").param("contactFirstName", "Ada").param("contactLastName", "L")
                        .param("contactEmail", PartnerTestSupport.email("ada")).param("newFirstName", "Half"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("This user is not added yet")));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM partner_account").query(Long.class).single()).isEqualTo(before);
    }

    @Test
    void anAccountIsCreatedFromTheFormWithTypedUsersAndACsvFileAllOrNothing() throws Exception {
        TestPractice p = fixtures.practice();
        String bad = "first name,last name,email\nAnn,One,ann@x.example\nBen,Two,\n";
        mvc.perform(multipart("/partner/accounts").file(new MockMultipartFile("file", "team.csv", "text/csv", bad.getBytes(StandardCharsets.UTF_8)))
                        .with(as(p.adviser)).with(csrf()).param("action", "create").param("name", "Bad Csv Ltd").param("licence", "GOALS")
                        .param("contactFirstName", "Ada").param("contactLastName", "L").param("contactEmail", PartnerTestSupport.email("ada")))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Line 3: Email is missing.")));
        String csv = PartnerTestSupport.csv(10);
        String location = mvc.perform(multipart("/partner/accounts")
                        .file(new MockMultipartFile("file", "team.csv", "text/csv", csv.getBytes(StandardCharsets.UTF_8)))
                        .with(as(p.adviser)).with(csrf()).param("action", "create").param("name", "Good Csv Ltd").param("licence", "FULL_BUSINESS")
                        .param("contactFirstName", "Ada").param("contactLastName", "L").param("contactEmail", PartnerTestSupport.email("ada"))
                        .param("users[0].firstName", "Bob").param("users[0].lastName", "B").param("users[0].email", PartnerTestSupport.email("b")))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        mvc.perform(get(location).with(as(p.adviser))).andExpect(status().isOk())
                .andExpect(content().string(containsString("Users (12)")))
                .andExpect(content().string(containsString("0 of 12 completed")));
    }

    @Test
    void advisorModeShowsTheBannerRecordsEveryActionAsActingInTheAccountAndExitsToHome() throws Exception {
        TestPractice p = fixtures.practice();
        AccountView a = PartnerTestSupport.account(partner, p.adviser, Licence.ESSENTIALS, 2);
        mvc.perform(get("/workspace/" + a.id() + "/quick-start").with(as(p.adviser))).andExpect(status().isNotFound());
        mvc.perform(post("/partner/accounts/" + a.id() + "/advisor-mode").with(as(p.adviser)).with(csrf()))
                .andExpect(redirectedUrl("/workspace/" + a.id()));
        mvc.perform(get("/workspace/" + a.id()).with(as(p.adviser))).andExpect(redirectedUrl("/workspace/" + a.id() + "/quick-start"));
        mvc.perform(get("/workspace/" + a.id() + "/quick-start").with(as(p.adviser))).andExpect(status().isOk())
                .andExpect(content().string(containsString("Advisor mode — " + a.name())))
                .andExpect(content().string(containsString("Send reminder")));
        mvc.perform(post("/workspace/" + a.id() + "/diagnostic/reminders").with(as(p.adviser)).with(csrf()))
                .andExpect(status().is3xxRedirection());
        // another adviser cannot enter; the account's own user sees no banner
        mvc.perform(post("/partner/accounts/" + a.id() + "/advisor-mode").with(as(p.otherAdviser)).with(csrf())).andExpect(status().isNotFound());
        long userId = a.users().get(1).userId();
        jdbc.sql("UPDATE app_user SET password_temporary_until = NULL WHERE id = :u").param("u", userId).update();
        Actor member = practice.actor(userId).orElseThrow();
        mvc.perform(get("/workspace/" + a.id() + "/quick-start").with(as(member))).andExpect(status().isOk())
                .andExpect(content().string(not(containsString("Advisor mode —"))));
        mvc.perform(post("/partner/advisor-mode/exit").with(as(p.adviser)).with(csrf())).andExpect(redirectedUrl("/"));
        mvc.perform(get("/workspace/" + a.id() + "/quick-start").with(as(p.adviser))).andExpect(status().isNotFound());
        List<String> trail = jdbc.sql("SELECT action || ': ' || after_text FROM audit_entry WHERE client_id = :a AND action LIKE 'ADVISOR%' ORDER BY seq")
                .param("a", a.id()).query(String.class).list();
        String who = p.adviser.name() + " acting in " + a.name();
        assertThat(trail).containsExactly("ADVISOR_MODE_STARTED: " + who + ": advisor mode started",
                "ADVISOR_MODE_ACTION: " + who + ": sent diagnostic reminders",
                "ADVISOR_MODE_ENDED: " + who + ": advisor mode ended");
    }

    @Test
    void theFirstLoginAsksForANewPasswordThenOpensTheQuickStart() throws Exception {
        TestPractice p = fixtures.practice();
        AccountView a = PartnerTestSupport.account(partner, p.adviser, Licence.ESSENTIALS, 0);
        Actor admin = practice.actor(a.users().get(0).userId()).orElseThrow();
        jdbc.sql("UPDATE app_user SET password_temporary_until = :t WHERE id = :u").param("t", java.time.OffsetDateTime.now().plusDays(1))
                .param("u", admin.userId()).update();
        mvc.perform(get("/workspace/" + a.id() + "/quick-start").with(as(admin))).andExpect(redirectedUrl("/workspace/password"));
        mvc.perform(post("/workspace/password").with(as(admin)).with(csrf()).param("password", "short").param("confirmation", "other"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("at least 12 characters")))
                .andExpect(content().string(containsString("The two passwords are not the same.")));
        mvc.perform(post("/workspace/password").with(as(admin)).with(csrf()).param("password", "a-long-new-password")
                .param("confirmation", "a-long-new-password")).andExpect(redirectedUrl("/workspace"));
        mvc.perform(get("/workspace").with(as(admin))).andExpect(redirectedUrl("/workspace/" + a.id()));
        mvc.perform(get("/workspace/" + a.id() + "/quick-start").with(as(admin))).andExpect(status().isOk())
                .andExpect(content().string(containsString("Take the diagnostic")));
        mvc.perform(get("/workspace/" + a.id() + "/diagnostic").with(as(admin))).andExpect(status().isOk())
                .andExpect(content().string(containsString("Rate each statement")));
    }
}
