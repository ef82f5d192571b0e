package com.atrium.outsider;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** SQL for external advisers; every query is scoped by practice and client. */
@Repository
class ExternalAdviserRepository {
    private final JdbcClient jdbc;

    ExternalAdviserRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<ExternalAdviserView> ofClient(long practiceId, long clientId) {
        return jdbc.sql("""
                        SELECT id, household_id, first_name, last_name, email, mobile, firm, adviser_type, created_at FROM external_adviser
                        WHERE practice_id = :p AND household_id = :c ORDER BY last_name, first_name, id""")
                .param("p", practiceId).param("c", clientId).query((rs, i) -> view(rs)).list();
    }

    Optional<ExternalAdviserView> find(long practiceId, long clientId, long id) {
        return jdbc.sql("""
                        SELECT id, household_id, first_name, last_name, email, mobile, firm, adviser_type, created_at FROM external_adviser
                        WHERE practice_id = :p AND household_id = :c AND id = :id""")
                .param("p", practiceId).param("c", clientId).param("id", id).query((rs, i) -> view(rs)).optional();
    }

    boolean emailUsed(long clientId, String email, Long except) {
        return jdbc.sql("SELECT COUNT(*) FROM external_adviser WHERE household_id = :c AND email = :e AND (CAST(:x AS bigint) IS NULL OR id <> :x)")
                .param("c", clientId).param("e", email).param("x", except).query(Long.class).single() > 0;
    }

    long insert(long practiceId, long clientId, String first, String last, String email, String mobile, String firm, AdviserType type,
                long by, OffsetDateTime at) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                        INSERT INTO external_adviser (practice_id, household_id, first_name, last_name, email, mobile, firm, adviser_type,
                                                      created_by, created_at)
                        VALUES (:p, :c, :f, :l, :e, :m, :firm, :t, :by, :at)""")
                .param("p", practiceId).param("c", clientId).param("f", first).param("l", last).param("e", email).param("m", mobile)
                .param("firm", firm).param("t", type.name()).param("by", by).param("at", at).update(keys, "id");
        return keys.getKey().longValue();
    }

    void update(long id, String first, String last, String email, String mobile, String firm, AdviserType type) {
        jdbc.sql("""
                        UPDATE external_adviser SET first_name = :f, last_name = :l, email = :e, mobile = :m, firm = :firm, adviser_type = :t
                        WHERE id = :id""")
                .param("f", first).param("l", last).param("e", email).param("m", mobile).param("firm", firm).param("t", type.name())
                .param("id", id).update();
    }

    void delete(long id) {
        jdbc.sql("DELETE FROM external_adviser WHERE id = :id").param("id", id).update();
    }

    private static ExternalAdviserView view(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new ExternalAdviserView(rs.getLong("id"), rs.getLong("household_id"), rs.getString("first_name"), rs.getString("last_name"),
                rs.getString("email"), rs.getString("mobile"), rs.getString("firm"), AdviserType.valueOf(rs.getString("adviser_type")),
                rs.getTimestamp("created_at").toInstant());
    }
}
