package com.atrium.crm;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** SQL for CRM links, policies, sync runs and their problems (the crm module's own tables only). */
@Repository
class SyncRepository {
    private final JdbcClient jdbc;
    /** For JDBC batches; null when built by hand (a test's run rows): the batch methods then write row by row. */
    private final org.springframework.jdbc.core.JdbcOperations batch;

    SyncRepository(JdbcClient jdbc) {
        this(jdbc, null);
    }

    @org.springframework.beans.factory.annotation.Autowired
    SyncRepository(JdbcClient jdbc, org.springframework.jdbc.core.JdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    private Boolean postgres;

    private boolean postgres() {
        if (postgres == null) {
            postgres = batch != null && Boolean.TRUE.equals(batch.execute((org.springframework.jdbc.core.ConnectionCallback<Boolean>) c ->
                    c.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT).contains("postgres")));
        }
        return postgres;
    }

    record Problem(String externalId, String kind, String message) {
    }

    /** A link of a client the sync just created, with its content hash and synced profile. */
    record NewLink(String externalId, long householdId, long personId, String hash, SyncedProfile profile) {
    }

    record NewPolicy(long householdId, MappingRules.Policy policy) {
    }

    /** Links of clients the sync just created, in one JDBC batch (a CRM id linked meanwhile fails the batch). */
    void insertSyncedLinks(long practiceId, long integrationId, List<NewLink> links, Instant now) {
        Timestamp at = Timestamp.from(now);
        com.atrium.shared.JdbcBatches.update(batch, """
                        INSERT INTO crm_client_link (practice_id, integration_id, external_id, household_id, person_id, source, linked_at,
                                                     content_hash, title, sex, address_line1, address_line2, suburb, postcode, state,
                                                     country_code, adviser_name, adviser_email, synced_at)
                        VALUES (?, ?, ?, ?, ?, 'SYNC', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                links.stream().map(l -> {
                    SyncedProfile p = l.profile();
                    return new Object[] {practiceId, integrationId, l.externalId(), l.householdId(), l.personId(), at, l.hash(), p.title(),
                            p.sex(), p.addressLine1(), p.addressLine2(), p.suburb(), p.postcode(), p.state(), p.countryCode(),
                            p.adviserName(), p.adviserEmail(), at};
                }).toList());
    }

    /** Policies of clients the sync just created (they have none yet), in one JDBC batch. */
    void insertPolicies(long practiceId, long integrationId, List<NewPolicy> policies) {
        com.atrium.shared.JdbcBatches.update(batch, """
                        INSERT INTO crm_policy (practice_id, integration_id, household_id, external_id, insurance_type, insurer,
                                                plan_name, cover, premium, frequency, policy_number, status, renewal_date)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                policies.stream().map(n -> {
                    MappingRules.Policy p = n.policy();
                    return new Object[] {practiceId, integrationId, n.householdId(), p.externalId(), p.insuranceType(), p.insurer(),
                            p.planName(), p.cover(), p.premium(), p.frequency(), p.policyNumber(), p.status(), p.renewalDate()};
                }).toList());
    }

    /** A run's problems, in one JDBC batch. */
    void problems(long runId, List<Problem> problems) {
        if (batch == null) {
            problems.forEach(p -> problem(runId, p.externalId(), p.kind(), p.message()));
            return;
        }
        com.atrium.shared.JdbcBatches.update(batch, "INSERT INTO crm_sync_problem (run_id, external_id, kind, message) VALUES (?, ?, ?, ?)",
                problems.stream().map(p -> new Object[] {runId, p.externalId(), p.kind(), clip(p.message(), 1000)}).toList());
    }

    // ------------------------------------------------------------------ links

    record Link(long id, long integrationId, String externalId, long householdId, Long personId, String source, String contentHash,
                String title, String sex, String addressLine1, String addressLine2, String suburb, String postcode, String state,
                String countryCode, String adviserName, String adviserEmail, Instant syncedAt) {
    }

    /** What tells an unchanged record: a link's id and content hash (null: compare again). */
    record LinkHash(long id, String contentHash) {
    }

    /** Every link of the integration, narrowly (id and hash), by CRM id: what tells a re-sync's unchanged records. */
    Map<String, LinkHash> linkHashes(long integrationId) {
        Map<String, LinkHash> out = new java.util.HashMap<>();
        jdbc.sql("SELECT id, external_id, content_hash FROM crm_client_link WHERE integration_id = :i").param("i", integrationId)
                .query(rs -> {
                    out.put(rs.getString(2), new LinkHash(rs.getLong(1), rs.getString(3)));
                });
        return out;
    }

    Map<String, Link> linksByExternalId(long integrationId, Collection<String> externalIds) {
        if (externalIds.isEmpty()) {
            return Map.of();
        }
        if (postgres()) {
            return batch.query("SELECT * FROM crm_client_link WHERE integration_id = ? AND external_id = ANY(?)", ps -> {
                ps.setLong(1, integrationId);
                ps.setArray(2, ps.getConnection().createArrayOf("varchar", externalIds.toArray()));
            }, SyncRepository::link).stream().collect(Collectors.toMap(Link::externalId, l -> l));
        }
        return jdbc.sql("SELECT * FROM crm_client_link WHERE integration_id = :i AND external_id IN (:ids)")
                .param("i", integrationId).param("ids", externalIds).query(SyncRepository::link).list().stream()
                .collect(Collectors.toMap(Link::externalId, l -> l));
    }

    List<Link> linksOfHousehold(long practiceId, long householdId) {
        return jdbc.sql("SELECT * FROM crm_client_link WHERE practice_id = :p AND household_id = :h ORDER BY integration_id")
                .param("p", practiceId).param("h", householdId).query(SyncRepository::link).list();
    }

    Map<Long, String> householdsLinked(long integrationId, Collection<Long> householdIds) {
        if (householdIds.isEmpty()) {
            return Map.of();
        }
        return jdbc.sql("SELECT household_id, external_id FROM crm_client_link WHERE integration_id = :i AND household_id IN (:h)")
                .param("i", integrationId).param("h", householdIds)
                .query((rs, n) -> Map.entry(rs.getLong(1), rs.getString(2))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    long countLinks(long integrationId) {
        return jdbc.sql("SELECT COUNT(*) FROM crm_client_link WHERE integration_id = :i").param("i", integrationId).query(Long.class).single();
    }

    long countPolicies(long integrationId) {
        return jdbc.sql("SELECT COUNT(*) FROM crm_policy WHERE integration_id = :i").param("i", integrationId).query(Long.class).single();
    }

    void insertImportedLink(long practiceId, long integrationId, String externalId, long householdId, long personId, Instant now) {
        jdbc.sql("""
                        INSERT INTO crm_client_link (practice_id, integration_id, external_id, household_id, person_id, source, linked_at)
                        VALUES (:p, :i, :e, :h, :pe, 'IMPORT', :at)""")
                .param("p", practiceId).param("i", integrationId).param("e", externalId).param("h", householdId).param("pe", personId)
                .param("at", Timestamp.from(now)).update();
    }

    /** Inserts the link of a client the sync just created; false when another writer linked that CRM id first. */
    boolean insertSyncedLink(long practiceId, long integrationId, String externalId, long householdId, long personId, Instant now) {
        try {
            jdbc.sql("""
                            INSERT INTO crm_client_link (practice_id, integration_id, external_id, household_id, person_id, source, linked_at)
                            VALUES (:p, :i, :e, :h, :pe, 'SYNC', :at)""")
                    .param("p", practiceId).param("i", integrationId).param("e", externalId).param("h", householdId)
                    .param("pe", personId).param("at", Timestamp.from(now)).update();
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    void updateLink(long linkId, Long personId, String hash, SyncedProfile p, Instant now) {
        jdbc.sql("""
                        UPDATE crm_client_link SET person_id = :pe, content_hash = :hash, title = :t, sex = :sex, address_line1 = :a1,
                               address_line2 = :a2, suburb = :sub, postcode = :pc, state = :st, country_code = :cc, adviser_name = :an,
                               adviser_email = :ae, synced_at = :at
                        WHERE id = :id""")
                .param("pe", personId).param("hash", hash).param("t", p.title()).param("sex", p.sex()).param("a1", p.addressLine1())
                .param("a2", p.addressLine2()).param("sub", p.suburb()).param("pc", p.postcode()).param("st", p.state())
                .param("cc", p.countryCode()).param("an", p.adviserName()).param("ae", p.adviserEmail()).param("at", Timestamp.from(now))
                .param("id", linkId).update();
    }

    /** A local edit of a synced client: forget the content hash so that the next sync puts the CRM's values back. */
    void forgetHashes(long householdId) {
        jdbc.sql("UPDATE crm_client_link SET content_hash = NULL WHERE household_id = :h AND content_hash IS NOT NULL")
                .param("h", householdId).update();
    }

    Optional<Link> link(long integrationId, String externalId) {
        return jdbc.sql("SELECT * FROM crm_client_link WHERE integration_id = :i AND external_id = :e")
                .param("i", integrationId).param("e", externalId).query(SyncRepository::link).optional();
    }

    private static Link link(ResultSet rs, int i) throws SQLException {
        long person = rs.getLong("person_id");
        Long personId = rs.wasNull() ? null : person;
        return new Link(rs.getLong("id"), rs.getLong("integration_id"), rs.getString("external_id"), rs.getLong("household_id"), personId,
                rs.getString("source"), rs.getString("content_hash"), rs.getString("title"), rs.getString("sex"),
                rs.getString("address_line1"), rs.getString("address_line2"), rs.getString("suburb"), rs.getString("postcode"),
                rs.getString("state"), rs.getString("country_code"), rs.getString("adviser_name"), rs.getString("adviser_email"),
                IntegrationRepository.instant(rs, "synced_at"));
    }

    // ------------------------------------------------------------------ policies

    record PolicyRow(long integrationId, String integrationName, String externalId, String insuranceType, String insurer, String planName,
                     BigDecimal cover, BigDecimal premium, String frequency, String policyNumber, String status, LocalDate renewalDate) {
    }

    void replacePolicies(long practiceId, long integrationId, long householdId, List<MappingRules.Policy> policies) {
        jdbc.sql("DELETE FROM crm_policy WHERE integration_id = :i AND household_id = :h").param("i", integrationId)
                .param("h", householdId).update();
        for (MappingRules.Policy p : policies) {
            jdbc.sql("""
                            INSERT INTO crm_policy (practice_id, integration_id, household_id, external_id, insurance_type, insurer,
                                                    plan_name, cover, premium, frequency, policy_number, status, renewal_date)
                            VALUES (:p, :i, :h, :e, :t, :ins, :plan, :c, :pr, :f, :n, :s, :r)""")
                    .param("p", practiceId).param("i", integrationId).param("h", householdId).param("e", p.externalId())
                    .param("t", p.insuranceType()).param("ins", p.insurer()).param("plan", p.planName()).param("c", p.cover())
                    .param("pr", p.premium()).param("f", p.frequency()).param("n", p.policyNumber()).param("s", p.status())
                    .param("r", p.renewalDate()).update();
        }
    }

    List<PolicyRow> policies(long practiceId, long householdId) {
        return jdbc.sql("""
                        SELECT p.*, i.name AS integration_name FROM crm_policy p JOIN crm_integration i ON i.id = p.integration_id
                        WHERE p.practice_id = :pr AND p.household_id = :h ORDER BY i.id, p.renewal_date, p.id""")
                .param("pr", practiceId).param("h", householdId)
                .query((rs, n) -> new PolicyRow(rs.getLong("integration_id"), rs.getString("integration_name"), rs.getString("external_id"),
                        rs.getString("insurance_type"), rs.getString("insurer"), rs.getString("plan_name"), rs.getBigDecimal("cover"),
                        rs.getBigDecimal("premium"), rs.getString("frequency"), rs.getString("policy_number"), rs.getString("status"),
                        rs.getObject("renewal_date", LocalDate.class)))
                .list();
    }

    // ------------------------------------------------------------------ runs

    /** Starts a run; empty when one is already running for the integration (the database allows one). */
    Optional<Long> startRun(long practiceId, long integrationId, String trigger, Long startedBy, Instant now) {
        try {
            GeneratedKeyHolder keys = new GeneratedKeyHolder();
            jdbc.sql("""
                            INSERT INTO crm_sync_run (practice_id, integration_id, trigger_kind, started_by, status, running_marker,
                                                      started_at, heartbeat_at)
                            VALUES (:p, :i, :t, :by, 'RUNNING', TRUE, :at, :at)""")
                    .param("p", practiceId).param("i", integrationId).param("t", trigger).param("by", startedBy)
                    .param("at", Timestamp.from(now)).update(keys, "id");
            return Optional.of(keys.getKey().longValue());
        } catch (DuplicateKeyException e) {
            return Optional.empty();
        }
    }

    void progress(long runId, Integer total, int processed, int[] counts, Instant now) {
        jdbc.sql("""
                        UPDATE crm_sync_run SET total = :t, processed = :p, created_count = :c, updated_count = :u, unchanged_count = :n,
                               skipped_count = :s, failed_count = :f, heartbeat_at = :at WHERE id = :id AND status = 'RUNNING'""")
                .param("t", total).param("p", processed).param("c", counts[0]).param("u", counts[1]).param("n", counts[2])
                .param("s", counts[3]).param("f", counts[4]).param("at", Timestamp.from(now)).param("id", runId).update();
    }

    void finish(long runId, SyncStatus status, String message, Instant now) {
        jdbc.sql("""
                        UPDATE crm_sync_run SET status = :s, running_marker = NULL, finished_at = :at, message = :m
                        WHERE id = :id AND status = 'RUNNING'""")
                .param("s", status.name()).param("at", Timestamp.from(now)).param("m", clip(message, 1000)).param("id", runId).update();
    }

    /** Runs whose node stopped (no heartbeat since {@code before}) become INTERRUPTED; returns how many. */
    int interruptStale(Instant before, Instant now) {
        return jdbc.sql("""
                        UPDATE crm_sync_run SET status = 'INTERRUPTED', running_marker = NULL, finished_at = :now,
                               message = 'Atrium stopped while this run was in progress; the next run completes it.'
                        WHERE status = 'RUNNING' AND heartbeat_at < :before""")
                .param("now", Timestamp.from(now)).param("before", Timestamp.from(before)).update();
    }

    void problem(long runId, String externalId, String kind, String message) {
        jdbc.sql("INSERT INTO crm_sync_problem (run_id, external_id, kind, message) VALUES (:r, :e, :k, :m)")
                .param("r", runId).param("e", externalId).param("k", kind).param("m", clip(message, 1000)).update();
    }

    List<SyncRunView> runs(long integrationId, int limit) {
        return jdbc.sql("SELECT * FROM crm_sync_run WHERE integration_id = :i ORDER BY id DESC LIMIT :l")
                .param("i", integrationId).param("l", limit).query((rs, n) -> run(rs, List.of())).list();
    }

    Optional<SyncRunView> run(long integrationId, long runId, boolean withProblems) {
        List<SyncRunView.Problem> problems = withProblems
                ? jdbc.sql("SELECT external_id, kind, message FROM crm_sync_problem WHERE run_id = :r ORDER BY id LIMIT 5000")
                .param("r", runId).query((rs, n) -> new SyncRunView.Problem(rs.getString(1), rs.getString(2), rs.getString(3))).list()
                : List.of();
        return jdbc.sql("SELECT * FROM crm_sync_run WHERE integration_id = :i AND id = :r").param("i", integrationId).param("r", runId)
                .query((rs, n) -> run(rs, problems)).optional();
    }

    private static SyncRunView run(ResultSet rs, List<SyncRunView.Problem> problems) throws SQLException {
        int totalRaw = rs.getInt("total");
        Integer total = rs.wasNull() ? null : totalRaw;
        int processed = rs.getInt("processed");
        SyncStatus status = SyncStatus.valueOf(rs.getString("status"));
        int progress = status == SyncStatus.SUCCEEDED ? 100
                : total == null || total == 0 ? 0 : Math.min(99, (int) (100L * processed / total));
        return new SyncRunView(rs.getLong("id"), rs.getLong("integration_id"), rs.getString("trigger_kind"), status,
                IntegrationRepository.instant(rs, "started_at"), IntegrationRepository.instant(rs, "finished_at"), total, processed,
                progress, rs.getInt("created_count"), rs.getInt("updated_count"), rs.getInt("unchanged_count"), rs.getInt("skipped_count"),
                rs.getInt("failed_count"), rs.getString("message"), problems);
    }

    private static String clip(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
