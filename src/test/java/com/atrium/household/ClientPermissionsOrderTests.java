package com.atrium.household;

import static com.atrium.practice.TestLogins.as;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import com.atrium.access.Permission;
import com.atrium.testsupport.Fixtures;
import com.atrium.testsupport.Fixtures.TestPractice;
import com.atrium.testsupport.IntegrationTest;
import java.util.Arrays;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/** A client's permissions come in the catalogue's order (the "Your access" list once came out shuffled). */
@IntegrationTest
class ClientPermissionsOrderTests {
    @Autowired MockMvc mvc;
    @Autowired Fixtures fixtures;

    @Test
    void theCallersPermissionsAreListedInCatalogueOrder() throws Exception {
        TestPractice p = fixtures.practice();
        ClientView client = fixtures.client(p.adviser, "Orderly");
        // the primary professional holds every household permission: the whole catalogue but the business-account part, in its order
        String[] catalogue = Arrays.stream(Permission.values()).filter(x -> !x.businessOnly()).map(Enum::name).toArray(String[]::new);
        for (int i = 0; i < 2; i++) { // once computed, once from the cache
            mvc.perform(get("/api/clients/" + client.id()).with(as(p.adviser)))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.permissions", Matchers.contains(catalogue)));
        }
    }
}
