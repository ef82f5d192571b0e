package com.atrium.practice;

import static com.atrium.practice.TestLogins.as;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.atrium.testsupport.Fixtures;
import com.atrium.testsupport.Fixtures.TestPractice;
import com.atrium.testsupport.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

@IntegrationTest
class StaffApiTests {
    @Autowired MockMvc mvc;
    @Autowired Fixtures fixtures;

    @Test
    void staffListIsThePracticesOwn() throws Exception {
        TestPractice p = fixtures.practice();
        fixtures.practice();
        mvc.perform(get("/api/staff").with(as(p.support)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(5));
    }

    @Test
    void managersCreateStaffAndEveryoneElseIsRefused() throws Exception {
        TestPractice p = fixtures.practice();
        String email = Fixtures.unique("Created").toLowerCase() + "@test.example";
        String body = "{\"email\": \"" + email.toUpperCase() + "\", \"firstName\": \"Cat\", \"lastName\": \"Doe\", "
                + "\"phone\": \"+61 2 9555 0199\", \"type\": \"ASSISTANT\", \"password\": \"a-long-password\"}";
        mvc.perform(post("/api/staff").with(as(p.adviser)).with(csrf()).contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isForbidden());
        mvc.perform(post("/api/staff").with(as(p.manager)).with(csrf()).contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.email").value(email))
                .andExpect(jsonPath("$.phone").value("+61295550199"))
                .andExpect(jsonPath("$.type").value("ASSISTANT"));
        mvc.perform(post("/api/staff").with(as(p.manager)).with(csrf()).contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isConflict());
    }

    @Test
    void invalidStaffInputIsExplainedPerField() throws Exception {
        TestPractice p = fixtures.practice();
        mvc.perform(post("/api/staff").with(as(p.manager)).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"email\": \"not-an-email\", \"firstName\": \"\", \"lastName\": \"Doe\", \"type\": \"SUPPORT\", \"password\": \"short\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.firstName").value("Enter a first name."))
                .andExpect(jsonPath("$.errors.password").value("Choose a password of at least 12 characters."))
                .andExpect(jsonPath("$.errors.email").value("Enter a valid email address."));
    }

    @Test
    void anotherPracticesStaffUserIsNotFound() throws Exception {
        TestPractice p = fixtures.practice();
        TestPractice other = fixtures.practice();
        mvc.perform(get("/api/staff/" + other.adviser.userId()).with(as(p.manager))).andExpect(status().isNotFound());
        mvc.perform(get("/api/staff/" + p.adviser.userId()).with(as(p.manager))).andExpect(status().isOk());
    }
}
