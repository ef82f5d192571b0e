package com.atrium.audit;

import static com.atrium.practice.TestLogins.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.atrium.access.AccessService;
import com.atrium.access.AccessSubjects;
import com.atrium.household.ClientView;
import com.atrium.household.TeamMemberForm;
import com.atrium.household.TeamService;
import com.atrium.shared.Actor;
import com.atrium.shared.ClientFileRead;
import com.atrium.testsupport.Fixtures;
import com.atrium.testsupport.Fixtures.TestPractice;
import com.atrium.testsupport.IntegrationTest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The read audit on PostgreSQL: every kind of client-file view recorded with who, what and from where, nothing for a
 * 404, who may see reads, the CSV export, nothing lost on a clean shutdown, retention. (Portal views: PortalReadAuditTests.)
 */
@IntegrationTest
class ReadAuditIntegrationTests {
    @Autowired MockMvc mvc;
    @Autowired Fixtures fixtures;
    @Autowired ReadAudit reads;
    @Autowired ReadRepository repository;
    @Autowired AccessService access;
    @Autowired AccessSubjects subjects;
    @Autowired TeamService teams;
    @Autowired JdbcClient jdbc;

    @Test
    void everyKindOfFileViewIsRecordedWithWhoWhatAndFromWhere() throws Exception {
        TestPractice p = fixtures.practice();
        ClientView c = fixtures.client(p.adviser, "Reader");
        String[] paths = {"/clients/%d", "/api/clients/%d", "/clients/%d/family", "/api/clients/%d/family", "/clients/%d/wealth",
                "/clients/%d/donations", "/api/clients/%d/inventory/wealth", "/api/clients/%d/inventory/donations",
                "/clients/%d/simulation", "/api/clients/%d/simulations", "/clients/%d/plan.pdf", "/api/clients/%d/plan.pdf",
                "/clients/%d/insurance", "/api/clients/%d/insurance"};
        for (String path : paths) {
            mvc.perform(open(String.format(path, c.id()), p.adviser)).andExpect(status().isOk());
        }
        reads.flush();
        List<String> recorded = jdbc.sql("SELECT what || ' ' || channel FROM client_read WHERE client_id = :c AND user_id = :u "
                        + "AND ip = '198.51.100.23' AND user_agent = 'ReadAuditTest/1.0' ORDER BY id")
                .param("c", c.id()).param("u", p.adviser.userId()).query(String.class).list();
        assertThat(recorded).containsExactly("DETAIL PAGE", "DETAIL API", "FAMILY PAGE", "FAMILY API", "WEALTH PAGE", "DONATIONS PAGE",
                "WEALTH API", "DONATIONS API", "SIMULATION PAGE", "SIMULATION API", "PLAN_EXPORT PAGE", "PLAN_EXPORT API",
                "INSURANCE PAGE", "INSURANCE API");
    }

    @Test
    void nothingIsRecordedForA404() throws Exception {
        TestPractice p = fixtures.practice();
        TestPractice other = fixtures.practice();
        ClientView c = fixtures.client(p.adviser, "Hidden");
        mvc.perform(open("/api/clients/" + c.id(), other.manager)).andExpect(status().isNotFound());
        mvc.perform(open("/clients/" + c.id() + "/family", other.manager)).andExpect(status().isNotFound());
        mvc.perform(open("/api/clients/" + c.id() + "/inventory/wealth", p.support)).andExpect(status().isNotFound());
        mvc.perform(open("/api/clients/999999999", p.manager)).andExpect(status().isNotFound());
        reads.flush();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM client_read WHERE client_id IN (:c, 999999999)").param("c", c.id())
                .query(Long.class).single()).isZero();
    }

    @Test
    void managersAndThePrimarySeeTheReads_otherTeamMembers403_everyoneElse404() throws Exception {
        TestPractice p = fixtures.practice();
        TestPractice other = fixtures.practice();
        ClientView c = fixtures.client(p.adviser, "Watched");
        teams.addMember(p.adviser, c.id(), new TeamMemberForm(p.support.userId(), "READ_ONLY"));
        mvc.perform(open("/clients/" + c.id(), p.support)).andExpect(status().isOk());

        mvc.perform(get("/api/clients/" + c.id() + "/reads").with(as(p.manager))).andExpect(status().isOk())
                .andExpect(jsonPath("$.total").value(1))
                .andExpect(jsonPath("$.items[0].userName").value(p.support.name()))
                .andExpect(jsonPath("$.items[0].what").value("DETAIL"))
                .andExpect(jsonPath("$.items[0].ip").value("198.51.100.23"));
        mvc.perform(get("/api/clients/" + c.id() + "/reads").with(as(p.adviser))).andExpect(status().isOk());
        mvc.perform(get("/api/clients/" + c.id() + "/reads").with(as(p.support))).andExpect(status().isForbidden());
        mvc.perform(get("/api/clients/" + c.id() + "/reads").with(as(p.otherAdviser))).andExpect(status().isNotFound());
        mvc.perform(get("/api/clients/" + c.id() + "/reads").with(as(other.manager))).andExpect(status().isNotFound());

        String history = mvc.perform(get("/clients/" + c.id() + "/history").with(as(p.manager))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(history).contains("Who opened this file", "1 opening recorded", p.support.name());
        assertThat(mvc.perform(get("/clients/" + c.id() + "/history").with(as(p.support))).andReturn().getResponse()
                .getContentAsString()).doesNotContain("Who opened this file");
    }

    @Test
    void practiceManagersExportThePracticesReadsAsCsv() throws Exception {
        TestPractice p = fixtures.practice();
        TestPractice other = fixtures.practice();
        ClientView c = fixtures.client(p.adviser, "Exported");
        ClientView elsewhere = fixtures.client(other.adviser, "Elsewhere");
        mvc.perform(get("/api/clients/" + c.id()).with(as(p.adviser)).with(from("198.51.100.23"))
                .header("User-Agent", "Agent, \"quoted\"")).andExpect(status().isOk());
        mvc.perform(open("/api/clients/" + elsewhere.id(), other.adviser)).andExpect(status().isOk());
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String csv = mvc.perform(get("/api/audit/reads?from=" + today.minusDays(1) + "&to=" + today).with(as(p.manager)))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        List<String> lines = csv.lines().toList();
        assertThat(lines.get(0)).isEqualTo("read_at,user_id,user_name,client_id,what,channel,ip,user_agent");
        assertThat(lines).hasSize(2);
        assertThat(lines.get(1)).contains("," + p.adviser.userId() + ",", "," + c.id() + ",DETAIL,API,198.51.100.23,",
                "\"Agent, \"\"quoted\"\"\"");

        mvc.perform(get("/api/audit/reads?from=" + today + "&to=" + today).with(as(p.adviser))).andExpect(status().isForbidden());
        mvc.perform(get("/api/audit/reads?from=" + today).with(as(p.manager))).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors.to").exists());
        mvc.perform(get("/api/audit/reads?from=" + today + "&to=" + today.minusDays(1)).with(as(p.manager)))
                .andExpect(status().isBadRequest());
        mvc.perform(get("/api/audit/reads?from=2020-01-01&to=" + today).with(as(p.manager))).andExpect(status().isBadRequest());
    }

    @Test
    void aCleanShutdownWritesEverythingStillQueued() {
        TestPractice p = fixtures.practice();
        ClientView c = fixtures.client(p.adviser, "Shutdown");
        // a second writer whose background flush would come only after an hour: only stop() can write these
        ReadAudit writer = new ReadAudit(repository, access, subjects, Clock.systemUTC(), Duration.ofHours(1), 1000, 730);
        writer.start();
        for (int i = 0; i < 3; i++) {
            writer.record(new ReadAudit.Read(p.practice.id(), c.id(), p.manager.userId(), Instant.now(), ClientFileRead.Kind.FAMILY,
                    "PAGE", "192.0.2.9", "test"));
        }
        assertThat(countFor(c)).as("still queued").isZero();
        writer.stop();
        assertThat(countFor(c)).isEqualTo(3);
        writer.record(new ReadAudit.Read(p.practice.id(), c.id(), p.manager.userId(), Instant.now(), ClientFileRead.Kind.FAMILY,
                "PAGE", "192.0.2.9", "test"));
        assertThat(countFor(c)).as("after shutdown began, written at once").isEqualTo(4);
    }

    @Test
    void readsOlderThanTheRetentionPeriodAreDeleted() {
        TestPractice p = fixtures.practice();
        ClientView c = fixtures.client(p.adviser, "Retained");
        repository.insert(List.of(
                new ReadAudit.Read(p.practice.id(), c.id(), p.adviser.userId(), Instant.now().minus(Duration.ofDays(731)),
                        ClientFileRead.Kind.DETAIL, "PAGE", null, null),
                new ReadAudit.Read(p.practice.id(), c.id(), p.adviser.userId(), Instant.now().minus(Duration.ofDays(729)),
                        ClientFileRead.Kind.DETAIL, "PAGE", null, null)));
        assertThat(reads.purge()).isGreaterThanOrEqualTo(1);
        assertThat(countFor(c)).isEqualTo(1);
    }

    @Test
    void csvFieldsCannotRunAsSpreadsheetFormulas() {
        assertThat(ReadAudit.csv("=HYPERLINK(\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\")\"");
        assertThat(ReadAudit.csv("+61 2")).isEqualTo("'+61 2");
        assertThat(ReadAudit.csv("plain")).isEqualTo("plain");
    }

    // ------------------------------------------------------------------ helpers

    private long countFor(ClientView c) {
        return jdbc.sql("SELECT COUNT(*) FROM client_read WHERE client_id = :c").param("c", c.id()).query(Long.class).single();
    }

    private static MockHttpServletRequestBuilder open(String path, Actor actor) {
        return get(path).with(as(actor)).with(from("198.51.100.23")).header("User-Agent", "ReadAuditTest/1.0");
    }

    private static RequestPostProcessor from(String address) {
        return request -> {
            request.setRemoteAddr(address);
            return request;
        };
    }
}
