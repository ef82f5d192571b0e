package com.atrium.outsider;

import static com.atrium.outsider.OutsiderTestSupport.person;
import static com.atrium.practice.TestLogins.asVerifiedOutsider;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.atrium.access.AccessLevel;
import com.atrium.access.GrantSubject;
import com.atrium.audit.ReadAudit;
import com.atrium.household.ClientView;
import com.atrium.household.Relationship;
import com.atrium.practice.PracticeService;
import com.atrium.shared.Actor;
import com.atrium.testsupport.Fixtures;
import com.atrium.testsupport.Fixtures.TestPractice;
import com.atrium.testsupport.IntegrationTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/** The read audit records outsiders' portal views (page and API), and nothing for a file they were not granted. */
@IntegrationTest
class PortalReadAuditTests {
    @Autowired MockMvc mvc;
    @Autowired Fixtures fixtures;
    @Autowired OutsiderService outsiders;
    @Autowired Invitations invitations;
    @Autowired PracticeService practice;
    @Autowired ReadAudit reads;
    @Autowired JdbcClient jdbc;

    @Test
    void portalViewsAreRecorded_aFileNotGrantedIsNot() throws Exception {
        TestPractice p = fixtures.practice();
        ClientView c = fixtures.client(p.adviser, "Portalread");
        ClientView notGranted = fixtures.client(p.adviser, "Portalnot");
        Actor spouse = OutsiderTestSupport.grantWithAccount(outsiders, invitations, practice, jdbc, p.adviser, c.id(), GrantSubject.FAMILY,
                person(c, Relationship.SPOUSE).id(), AccessLevel.READ_ONLY, null);
        for (String path : List.of("/portal/files/%d", "/api/portal/files/%d", "/api/portal/files/%d/family",
                "/api/portal/files/%d/inventory/wealth", "/api/portal/files/%d/inventory/donations")) {
            mvc.perform(get(String.format(path, c.id())).with(asVerifiedOutsider(spouse))).andExpect(status().isOk());
        }
        mvc.perform(get("/portal/files/" + notGranted.id()).with(asVerifiedOutsider(spouse))).andExpect(status().isNotFound());
        mvc.perform(get("/api/portal/files/" + notGranted.id()).with(asVerifiedOutsider(spouse))).andExpect(status().isNotFound());
        reads.flush();
        assertThat(jdbc.sql("SELECT what || ' ' || channel FROM client_read WHERE user_id = :u ORDER BY id")
                .param("u", spouse.userId()).query(String.class).list())
                .containsExactly("PORTAL_FILE PAGE", "PORTAL_FILE API", "PORTAL_FAMILY API", "PORTAL_WEALTH API", "PORTAL_DONATIONS API");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM client_read WHERE client_id = :c").param("c", notGranted.id()).query(Long.class)
                .single()).isZero();
    }
}
