package com.atrium.partner;

import static com.atrium.practice.TestLogins.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import com.atrium.practice.PracticeService;
import com.atrium.shared.Actor;
import com.atrium.testsupport.Fixtures;
import com.atrium.testsupport.Fixtures.TestPractice;
import com.atrium.testsupport.IntegrationTest;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Business users: invitations with a temporary password (hashed, once, 7 days, forced change) and the gate that keeps
 * them in their workspace — every staff page and API refuses them (read from the running application's mappings, so
 * a new staff endpoint is covered the day it is added).
 */
@IntegrationTest
class BusinessUserLoginTests {
    static final java.util.List<String> OPEN = java.util.List.of("/login", "/favicon.ico", "/img/favicon.svg", "/invitations/", "/dev/mailbox", "/error", "/v3/api-docs",
            "/swagger-ui", "/workspace");

    @Autowired MockMvc mvc;
    @Autowired Fixtures fixtures;
    @Autowired PartnerService partner;
    @Autowired PracticeService practice;
    @Autowired PartnerInvitationJob invitations;
    @Autowired JdbcClient jdbc;
    @Autowired ApplicationContext context;

    @Test
    void theTemporaryPasswordIsHashedWorksOnceAndForcesAChange() throws Exception {
        TestPractice p = fixtures.practice();
        AccountView a = PartnerTestSupport.account(partner, p.adviser, Licence.GOALS, 1);
        String email = a.users().get(1).email();
        assertThat(invitations.run()).isGreaterThanOrEqualTo(2);
        String password = PartnerTestSupport.temporaryPassword(jdbc, email);
        String hash = jdbc.sql("SELECT password_hash FROM app_user WHERE email = :e").param("e", email).query(String.class).single();
        assertThat(hash).startsWith("{bcrypt}").doesNotContain(password);
        // first login: in, but every page leads to the password change
        MockHttpServletResponse first = mvc.perform(formLogin("/login").user(email).password(password)).andReturn().getResponse();
        assertThat(first.getRedirectedUrl()).isEqualTo("/");
        Actor user = practice.actor(a.users().get(1).userId()).orElseThrow();
        assertThat(mvc.perform(get("/workspace").with(as(user))).andReturn().getResponse().getRedirectedUrl()).isEqualTo("/workspace/password");
        assertThat(mvc.perform(get("/api/partner/accounts").with(as(user))).andReturn().getResponse().getStatus()).isEqualTo(403);
        // the same temporary password never works twice
        assertThat(mvc.perform(formLogin("/login").user(email).password(password)).andReturn().getResponse().getRedirectedUrl())
                .isEqualTo("/login?error=expired");
    }

    @Test
    void anExpiredTemporaryPasswordIsRefusedAndSaysSoOnlyToWhoeverKnowsIt() throws Exception {
        TestPractice p = fixtures.practice();
        AccountView a = PartnerTestSupport.account(partner, p.adviser, Licence.GOALS, 0);
        String email = a.users().get(0).email();
        invitations.run();
        String password = PartnerTestSupport.temporaryPassword(jdbc, email);
        // seven days later (the validity is stored with the password: move it into the past)
        jdbc.sql("UPDATE app_user SET password_temporary_until = password_temporary_until - INTERVAL '7' DAY WHERE email = :e")
                .param("e", email).update();
        assertThat(mvc.perform(formLogin("/login").user(email).password(password)).andReturn().getResponse().getRedirectedUrl())
                .isEqualTo("/login?error=expired");
        assertThat(mvc.perform(formLogin("/login").user(email).password("wrong-password")).andReturn().getResponse().getRedirectedUrl())
                .isEqualTo("/login?error=bad");
    }

    @Test
    void aBusinessUserIsRefusedOnEveryStaffPageAndApi() throws Exception {
        TestPractice p = fixtures.practice();
        AccountView a = PartnerTestSupport.account(partner, p.adviser, Licence.GOALS, 0);
        long userId = a.users().get(0).userId();
        jdbc.sql("UPDATE app_user SET password_temporary_until = NULL WHERE id = :u").param("u", userId).update();
        Actor user = practice.actor(userId).orElseThrow();
        Set<String> checked = new TreeSet<>();
        for (RequestMappingHandlerMapping mapping : context.getBeansOfType(RequestMappingHandlerMapping.class).values()) {
            for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
                for (String pattern : info.getPatternValues()) {
                    if (pattern.equals("/") || OPEN.stream().anyMatch(pattern::startsWith)) {
                        continue;
                    }
                    Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
                    for (RequestMethod m : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
                        String path = pattern.replaceAll("\\{[^}]+}", String.valueOf(a.id()));
                        MockHttpServletResponse r = mvc.perform(request(HttpMethod.valueOf(m.name()), path).with(csrf()).with(as(user)))
                                .andReturn().getResponse();
                        assertThat(r.getStatus()).as("%s %s as a business user", m, pattern).isEqualTo(403);
                        checked.add(m + " " + pattern);
                    }
                }
            }
        }
        assertThat(mvc.perform(get("/").with(as(user))).andReturn().getResponse().getRedirectedUrl()).isEqualTo("/workspace");
        assertThat(checked).contains("GET /clients", "GET /api/clients/{id}", "GET /staff", "GET /api/partner/accounts",
                "GET /api/partner/accounts/{id}", "POST /api/partner/accounts/{id}/advisor-mode", "GET /portal");
        System.out.println("Partner gate: " + checked.size() + " staff endpoints refuse business users");
    }
}
