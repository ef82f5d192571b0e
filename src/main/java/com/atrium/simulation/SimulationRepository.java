package com.atrium.simulation;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

@Repository
class SimulationRepository {
    private final JdbcClient jdbc;

    SimulationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Row(long id, long createdBy, Instant createdAt, String json) {
    }

    long insert(long practiceId, long householdId, long deceasedId, BigDecimal net, BigDecimal tax, String json, long by, OffsetDateTime at) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                        INSERT INTO simulation (practice_id, household_id, deceased_person_id, rule_version, net_estate, total_tax, result_json,
                                                created_by, created_at)
                        VALUES (:p, :h, :d, :rule, :net, :tax, :json, :by, :at)""")
                .param("p", practiceId).param("h", householdId).param("d", deceasedId).param("rule", EstateProjection.RULE)
                .param("net", net).param("tax", tax).param("json", json).param("by", by).param("at", at)
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    /** The household's simulations, newest first (at most {@code limit}). */
    List<Row> list(long householdId, int limit) {
        return jdbc.sql("SELECT id, created_by, created_at, result_json FROM simulation WHERE household_id = :h "
                        + "ORDER BY created_at DESC, id DESC LIMIT :limit")
                .param("h", householdId).param("limit", limit)
                .query((rs, i) -> new Row(rs.getLong("id"), rs.getLong("created_by"),
                        rs.getObject("created_at", OffsetDateTime.class).toInstant(), rs.getString("result_json")))
                .list();
    }
}
