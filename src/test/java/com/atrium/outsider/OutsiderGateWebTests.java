package com.atrium.outsider;

import static com.atrium.practice.TestLogins.as;
import static com.atrium.practice.TestLogins.asVerifiedOutsider;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import com.atrium.practice.PracticeService;
import com.atrium.shared.Actor;
import com.atrium.testsupport.Fixtures;
import com.atrium.testsupport.Fixtures.TestPractice;
import com.atrium.testsupport.IntegrationTest;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpMethod;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Outsiders never reach a staff page or API: every mapped endpoint outside the portal (and the few open
 * pages) answers 403 to a verified outsider, read from the running application's handler mappings, so a
 * new staff endpoint is covered the day it is added. Before the mobile code they reach only the code page.
 */
@IntegrationTest
class OutsiderGateWebTests {
    /** Pages everyone may open (login, the code step, invitation links, the dev mailbox, errors, API docs). */
    static final List<String> OPEN = List.of("/login", "/favicon.ico", "/login/code", "/invitations/", "/password-reset", "/dev/mailbox", "/error",
            "/v3/api-docs", "/swagger-ui");
    /** Staff endpoints that outsiders share on purpose (after their code): changing their own password. */
    static final List<String> SHARED = List.of("/api/me/password");

    @Autowired MockMvc mvc;
    @Autowired Fixtures fixtures;
    @Autowired PracticeService practices;
    @Autowired ApplicationContext context;

    Actor outsider(TestPractice p) {
        return practices.actor(practices.createOutsider(p.practice.id(), Fixtures.unique("gate").toLowerCase() + "@outsider.example",
                "Gate", "Keeper", "+33612345678", Fixtures.PASSWORD)).orElseThrow();
    }

    @Test
    void everyStaffEndpointRefusesAVerifiedOutsider() throws Exception {
        TestPractice p = fixtures.practice();
        Actor outsider = outsider(p);
        Set<String> checked = new TreeSet<>();
        for (RequestMappingHandlerMapping mapping : context.getBeansOfType(RequestMappingHandlerMapping.class).values()) {
            for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
                for (String pattern : info.getPatternValues()) {
                    if (pattern.equals("/") || pattern.startsWith("/portal") || pattern.startsWith("/api/portal")
                            || OPEN.stream().anyMatch(pattern::startsWith) || SHARED.contains(pattern)) {
                        continue;
                    }
                    Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
                    for (RequestMethod m : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
                        String path = pattern.replaceAll("\\{[^}]+}", "1");
                        MockHttpServletResponse r = mvc.perform(request(HttpMethod.valueOf(m.name()), path).with(csrf())
                                .with(asVerifiedOutsider(outsider))).andReturn().getResponse();
                        assertThat(r.getStatus()).as("%s %s as a verified outsider", m, pattern).isEqualTo(403);
                        checked.add(m + " " + pattern);
                    }
                }
            }
        }
        assertThat(mvc.perform(get("/").with(asVerifiedOutsider(outsider))).andReturn().getResponse().getRedirectedUrl())
                .as("home is the portal").isEqualTo("/portal");
        assertThat(checked).contains("GET /staff", "GET /api/staff", "GET /clients", "GET /api/clients/{id}", "GET /profile",
                "GET /clients/{id}/access-rights", "POST /api/clients/{id}/grants");
        System.out.println("Outsider gate: " + checked.size() + " staff endpoints refuse outsiders");
    }

    @Test
    void beforeTheMobileCodeAnOutsiderReachesOnlyTheCodePage() throws Exception {
        TestPractice p = fixtures.practice();
        Actor outsider = outsider(p);
        assertThat(mvc.perform(get("/portal").with(as(outsider))).andReturn().getResponse().getRedirectedUrl()).isEqualTo("/login/code");
        assertThat(mvc.perform(get("/clients").with(as(outsider))).andReturn().getResponse().getRedirectedUrl()).isEqualTo("/login/code");
        assertThat(mvc.perform(get("/api/portal/files").with(as(outsider))).andReturn().getResponse().getStatus()).isEqualTo(401);
        assertThat(mvc.perform(get("/login/code").with(as(outsider))).andReturn().getResponse().getStatus()).isEqualTo(200);
        // and the code was sent to their mobile (the demo sender records it)
        assertThat(mvc.perform(get("/dev/mailbox").param("to", "+33612345678")).andReturn().getResponse().getContentAsString())
                .contains("Your Atrium login code");
    }

    @Test
    void staffNeverUseThePortal() throws Exception {
        TestPractice p = fixtures.practice();
        assertThat(mvc.perform(get("/portal").with(as(p.manager))).andReturn().getResponse().getStatus()).isEqualTo(403);
        assertThat(mvc.perform(get("/api/portal/files").with(as(p.adviser))).andReturn().getResponse().getStatus()).isEqualTo(403);
    }
}
