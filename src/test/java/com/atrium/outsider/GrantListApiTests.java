package com.atrium.outsider;

import static com.atrium.practice.TestLogins.as;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.atrium.household.ClientView;
import com.atrium.testsupport.Fixtures;
import com.atrium.testsupport.Fixtures.TestPractice;
import com.atrium.testsupport.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/** Listing a file's outsider grants (the list query once answered 500: "WHERE" ran into its condition). */
@IntegrationTest
class GrantListApiTests {
    @Autowired MockMvc mvc;
    @Autowired Fixtures fixtures;

    @Test
    void theFileManagerListsTheGrantsOfAFile() throws Exception {
        TestPractice p = fixtures.practice();
        ClientView client = fixtures.client(p.adviser, "Grantley");
        String url = "/api/clients/" + client.id() + "/grants";
        mvc.perform(get(url).with(as(p.adviser)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(0));

        long spouse = client.people().get(1).id();
        mvc.perform(post(url).with(as(p.adviser)).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"subject\": \"FAMILY\", \"subjectId\": " + spouse + ", \"level\": \"READ_ONLY\", "
                                + "\"email\": \"sam.grantley@example.com\", \"mobile\": \"+61 412 000 888\"}"))
                .andExpect(status().isCreated());
        mvc.perform(get(url).with(as(p.adviser)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(1))
                .andExpect(jsonPath("$[0].level").value("READ_ONLY"));
    }
}
