package com.atrium.workgroup;

import static com.atrium.practice.TestLogins.as;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
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

/**
 * Deleting a workgroup cuts what it gave, at once: an assistant whose only workgroup is deleted may no longer add
 * clients ({@code POST /api/clients} answers 403 right after) nor see the group's clients.
 */
@IntegrationTest
class WorkgroupDeletionCutsAccessTests {
    @Autowired MockMvc mvc;
    @Autowired Fixtures fixtures;
    @Autowired WorkgroupService workgroups;

    @Test
    void anAssistantWhoseOnlyWorkgroupIsDeletedCannotAddClients() throws Exception {
        TestPractice p = fixtures.practice();
        long id = new WorkgroupTestSupport(workgroups).group(p.adviser, "Only group", p.assistant);
        ClientView shared = fixtures.client(p.adviser, "Shared");
        workgroups.assignClient(p.adviser, shared.id(), id);
        String body = "{\"people\": [{\"firstName\": \"Bo\", \"lastName\": \"Lind\"}]}";
        mvc.perform(post("/api/clients").with(as(p.assistant)).with(csrf()).contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isCreated());
        mvc.perform(get("/api/clients/" + shared.id()).with(as(p.assistant))).andExpect(status().isOk());

        mvc.perform(delete("/api/workgroups/" + id).with(as(p.adviser)).with(csrf())).andExpect(status().isOk());

        mvc.perform(post("/api/clients").with(as(p.assistant)).with(csrf()).contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/clients/" + shared.id()).with(as(p.assistant))).andExpect(status().isNotFound());
        mvc.perform(get("/api/clients").with(as(p.assistant))).andExpect(jsonPath("$.total").value(0));
    }
}
