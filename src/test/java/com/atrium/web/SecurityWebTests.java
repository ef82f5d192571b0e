package com.atrium.web;

import static com.atrium.practice.TestLogins.as;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.atrium.testsupport.Fixtures;
import com.atrium.testsupport.Fixtures.TestPractice;
import com.atrium.testsupport.IntegrationTest;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

@IntegrationTest
class SecurityWebTests {
    @Autowired MockMvc mvc;
    @Autowired Fixtures fixtures;

    @Test
    void formLoginWithTheRightPasswordOpensTheClientList() throws Exception {
        TestPractice p = fixtures.practice();
        mvc.perform(formLogin("/login").user(p.adviser.email().toUpperCase()).password(Fixtures.PASSWORD))
                .andExpect(redirectedUrl("/"));
        mvc.perform(formLogin("/login").user(p.adviser.email()).password("nope-nope-nope"))
                .andExpect(redirectedUrl("/login?error=bad"));
    }

    @Test
    void fiveWrongPasswordsLockTheAccountEvenForTheRightPassword() throws Exception {
        TestPractice p = fixtures.practice();
        for (int i = 0; i < 5; i++) {
            mvc.perform(formLogin("/login").user(p.support.email()).password("wrong-" + i)).andExpect(redirectedUrl("/login?error=bad"));
        }
        mvc.perform(formLogin("/login").user(p.support.email()).password(Fixtures.PASSWORD))
                .andExpect(redirectedUrl("/login?error=bad")); // a lock answers like a wrong password
        // other accounts are unaffected
        mvc.perform(formLogin("/login").user(p.adviser.email()).password(Fixtures.PASSWORD)).andExpect(redirectedUrl("/"));
    }

    @Test
    void pagesNeedALoginAndFormsNeedTheCsrfToken() throws Exception {
        mvc.perform(get("/clients")).andExpect(status().is3xxRedirection())
                .andExpect(header().string("Location", Matchers.endsWith("/login")));
        TestPractice p = fixtures.practice();
        mvc.perform(post("/clients").with(as(p.adviser)).param("people[0].firstName", "A").param("people[0].lastName", "B"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/clients").with(as(p.adviser)).with(csrf()).param("people[0].firstName", "A").param("people[0].lastName", "B"))
                .andExpect(status().is3xxRedirection());
    }

    @Test
    void securityHeadersAreSent() throws Exception {
        mvc.perform(get("/login"))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Security-Policy", Matchers.containsString("default-src 'self'")))
                .andExpect(header().string("X-Content-Type-Options", "nosniff"))
                .andExpect(header().string("X-Frame-Options", "DENY"));
    }

    @Test
    void healthIsPublicButOtherActuatorEndpointsAreNot() throws Exception {
        mvc.perform(get("/actuator/health")).andExpect(status().isOk()).andExpect(content().string(Matchers.containsString("UP")));
        TestPractice p = fixtures.practice();
        mvc.perform(get("/actuator/env").with(as(p.manager))).andExpect(status().is4xxClientError());
        mvc.perform(get("/actuator/beans")).andExpect(status().is3xxRedirection())
                .andExpect(header().string("Location", Matchers.endsWith("/login")));
    }

    @Test
    void theOpenApiDocumentDescribesTheApi() throws Exception {
        mvc.perform(get("/v3/api-docs")).andExpect(status().isOk())
                .andExpect(content().string(Matchers.containsString("/api/clients")))
                .andExpect(content().string(Matchers.containsString("/api/me")));
    }
}
