package com.atrium.practice;

import static com.atrium.practice.TestLogins.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.atrium.testsupport.Fixtures;
import com.atrium.testsupport.Fixtures.TestPractice;
import com.atrium.testsupport.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

/** Issue 12, item 7b: the new-staff form shows every error at once, each on its field, and keeps what was typed (not the password: it says so). */
@IntegrationTest
class NewStaffFormTests {
    @Autowired MockMvc mvc;
    @Autowired Fixtures fixtures;

    @Test
    void everyErrorAtOnce_onItsField_typedValuesKept() throws Exception {
        TestPractice p = fixtures.practice();
        MockHttpServletResponse r = mvc.perform(post("/staff").with(as(p.manager)).with(csrf())
                        .param("email", p.support.email()).param("firstName", "").param("lastName", "Kept-Lastname")
                        .param("phone", "12345").param("type", "SUPPORT").param("password", "password1234"))
                .andReturn().getResponse();
        assertThat(r.getStatus()).isLessThan(500);
        assertThat(r.getContentAsString())
                .contains("Enter a first name.", "already exists", "Enter the number with its country code", "one of the most common passwords")
                .contains("value=\"Kept-Lastname\"", "value=\"" + p.support.email() + "\"", "value=\"12345\"")
                .contains("the password is not kept").doesNotContain("highlighted fields");
    }
}
