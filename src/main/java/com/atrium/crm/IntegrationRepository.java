package com.atrium.crm;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** SQL for integrations. Every read by id is scoped by practice, except the job's and the OAuth machinery's (no actor). */
@Repository
class IntegrationRepository {
    private final JdbcClient jdbc;

    IntegrationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insert(long practiceId, CrmType type, String name, long createdBy, Instant now) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                        INSERT INTO crm_integration (practice_id, crm_type, name, status, created_by, created_at, updated_at)
                        VALUES (:p, :t, :n, 'DRAFT', :by, :at, :at)""")
                .param("p", practiceId).param("t", type.name()).param("n", name).param("by", createdBy).param("at", ts(now))
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    List<IntegrationRow> list(long practiceId) {
        return jdbc.sql("SELECT * FROM crm_integration WHERE practice_id = :p ORDER BY id").param("p", practiceId)
                .query(IntegrationRepository::row).list();
    }

    Optional<IntegrationRow> find(long practiceId, long id) {
        return jdbc.sql("SELECT * FROM crm_integration WHERE practice_id = :p AND id = :id").param("p", practiceId).param("id", id)
                .query(IntegrationRepository::row).optional();
    }

    /** For the OAuth machinery and the job, which act for no user. */
    Optional<IntegrationRow> findAny(long id) {
        return jdbc.sql("SELECT * FROM crm_integration WHERE id = :id").param("id", id).query(IntegrationRepository::row).optional();
    }

    Optional<IntegrationRow> lock(long practiceId, long id) {
        return jdbc.sql("SELECT * FROM crm_integration WHERE practice_id = :p AND id = :id FOR UPDATE").param("p", practiceId)
                .param("id", id).query(IntegrationRepository::row).optional();
    }

    List<IntegrationRow> connectedAndEnabled() {
        return jdbc.sql("SELECT * FROM crm_integration WHERE status = 'CONNECTED' AND enabled = TRUE ORDER BY id")
                .query(IntegrationRepository::row).list();
    }

    void updateDetails(long id, String name, String host, String appId, String secretEnc, boolean enabled, IntegrationStatus status,
                       Instant now) {
        jdbc.sql("""
                        UPDATE crm_integration SET name = :n, forward_host = :h, app_id = :a, client_secret_enc = :s, enabled = :e,
                               status = :st, updated_at = :at WHERE id = :id""")
                .param("n", name).param("h", host).param("a", appId).param("s", secretEnc).param("e", enabled)
                .param("st", status.name()).param("at", ts(now)).param("id", id).update();
    }

    void confirmMappings(long id, Instant now) {
        jdbc.sql("UPDATE crm_integration SET mappings_confirmed = TRUE, updated_at = :at WHERE id = :id")
                .param("at", ts(now)).param("id", id).update();
    }

    void connected(long id, String connectedAs, long by, Instant now) {
        jdbc.sql("""
                        UPDATE crm_integration SET status = 'CONNECTED', connected_as = :as, connected_by = :by, connected_at = :at,
                               updated_at = :at WHERE id = :id""")
                .param("as", connectedAs).param("by", by).param("at", ts(now)).param("id", id).update();
    }

    void saveTokens(long id, String accessEnc, Instant issuedAt, Instant expiresAt, String refreshEnc) {
        jdbc.sql("""
                        UPDATE crm_integration SET access_token_enc = :a, access_token_issued_at = :i, access_token_expires_at = :x,
                               refresh_token_enc = COALESCE(:r, refresh_token_enc) WHERE id = :id""")
                .param("a", accessEnc).param("i", ts(issuedAt)).param("x", ts(expiresAt)).param("r", refreshEnc).param("id", id)
                .update();
    }

    /** The CRM refused the refresh token: the practice must give its consent again. */
    void forgetTokens(long id) {
        jdbc.sql("""
                        UPDATE crm_integration SET access_token_enc = NULL, access_token_issued_at = NULL, access_token_expires_at = NULL,
                               refresh_token_enc = NULL,
                               status = CASE WHEN status = 'CONNECTED' THEN 'CONFIGURED' ELSE status END WHERE id = :id""")
                .param("id", id).update();
    }

    void delete(long id) {
        jdbc.sql("DELETE FROM crm_integration WHERE id = :id").param("id", id).update();
    }

    private static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    static IntegrationRow row(ResultSet rs, int i) throws SQLException {
        long connectedBy = rs.getLong("connected_by");
        Long by = rs.wasNull() ? null : connectedBy;
        return new IntegrationRow(rs.getLong("id"), rs.getLong("practice_id"), CrmType.valueOf(rs.getString("crm_type")),
                rs.getString("name"), rs.getString("auth_mode"), rs.getString("forward_host"), rs.getString("app_id"),
                rs.getString("client_secret_enc"), rs.getBoolean("enabled"), IntegrationStatus.valueOf(rs.getString("status")),
                rs.getBoolean("mappings_confirmed"), rs.getString("connected_as"), by, instant(rs, "connected_at"),
                rs.getString("access_token_enc"), instant(rs, "access_token_issued_at"), instant(rs, "access_token_expires_at"),
                rs.getString("refresh_token_enc"), rs.getLong("created_by"), instant(rs, "created_at"), instant(rs, "updated_at"));
    }
}
