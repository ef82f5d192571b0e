package com.atrium.partner;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for the questionnaire, participants and responses. */
@Repository
class DiagnosticRepository {
    private final JdbcClient jdbc;
    private final com.atrium.shared.BulkInsert bulk;
    private final NamedParameterJdbcTemplate named;

    DiagnosticRepository(JdbcClient jdbc, NamedParameterJdbcTemplate named, com.atrium.shared.BulkInsert bulk) {
        this.bulk = bulk;
        this.jdbc = jdbc;
        this.named = named;
    }

    record Area(String code, String title, String description) {
    }

    record Statement(int id, String areaCode, String text) {
    }

    record ParticipantRow(long userId, OffsetDateTime invitedAt, OffsetDateTime completedAt, OffsetDateTime removedAt,
                          OffsetDateTime remindedAt) {
        boolean counts() {
            return removedAt == null;
        }
    }

    List<Area> areas() {
        return jdbc.sql("SELECT code, title, description FROM partner_diagnostic_area ORDER BY position")
                .query((rs, i) -> new Area(rs.getString(1), rs.getString(2), rs.getString(3))).list();
    }

    List<Statement> statements() {
        return jdbc.sql("""
                        SELECT s.id, s.area_code, s.text FROM partner_diagnostic_statement s
                        JOIN partner_diagnostic_area a ON a.code = s.area_code
                        WHERE s.active = TRUE ORDER BY a.position, s.position""")
                .query((rs, i) -> new Statement(rs.getInt(1), rs.getString(2), rs.getString(3))).list();
    }

    void addParticipants(long accountId, int round, List<Long> userIds, OffsetDateTime now) {
        bulk.insert(com.atrium.shared.BulkInsert.into("partner_participant").column("user_id", userIds.toArray(Long[]::new))
                .constant("account_id", accountId).constant("round_no", round).constant("invited_at", now));
    }

    List<ParticipantRow> participants(long accountId, int round) {
        return jdbc.sql("""
                        SELECT user_id, invited_at, completed_at, removed_at, reminded_at FROM partner_participant
                        WHERE account_id = :a AND round_no = :r ORDER BY invited_at, user_id""")
                .param("a", accountId).param("r", round).query(DiagnosticRepository::participant).list();
    }

    Optional<ParticipantRow> participant(long accountId, int round, long userId) {
        return jdbc.sql("""
                        SELECT user_id, invited_at, completed_at, removed_at, reminded_at FROM partner_participant
                        WHERE account_id = :a AND round_no = :r AND user_id = :u""")
                .param("a", accountId).param("r", round).param("u", userId).query(DiagnosticRepository::participant).optional();
    }

    /** Completed and counted participants (removed ones do not count), in one query. */
    record Counts(int participants, int completed) {
        /** At least 80 %: completed / participants >= 4/5, in integers (79.9 % is below, 80 % is not). */
        boolean reachedGate() {
            return participants > 0 && completed * 5L >= participants * 4L;
        }

        int percent() {
            return participants == 0 ? 0 : (int) Math.floor(completed * 100.0 / participants);
        }
    }

    Counts counts(long accountId, int round) {
        return jdbc.sql("""
                        SELECT COUNT(*), COUNT(completed_at) FROM partner_participant
                        WHERE account_id = :a AND round_no = :r AND removed_at IS NULL""")
                .param("a", accountId).param("r", round).query((rs, i) -> new Counts(rs.getInt(1), rs.getInt(2))).single();
    }

    void remove(long accountId, int round, long userId, long by, OffsetDateTime now) {
        jdbc.sql("""
                        UPDATE partner_participant SET removed_at = :at, removed_by = :by
                        WHERE account_id = :a AND round_no = :r AND user_id = :u AND removed_at IS NULL""")
                .param("at", now).param("by", by).param("a", accountId).param("r", round).param("u", userId).update();
    }

    /** Marks the reminder on every counted participant who has not completed; returns their user ids. */
    List<Long> remindable(long accountId, int round) {
        return jdbc.sql("""
                        SELECT user_id FROM partner_participant
                        WHERE account_id = :a AND round_no = :r AND removed_at IS NULL AND completed_at IS NULL ORDER BY user_id""")
                .param("a", accountId).param("r", round).query(Long.class).list();
    }

    void markReminded(long accountId, int round, List<Long> userIds, OffsetDateTime now) {
        if (userIds.isEmpty()) {
            return;
        }
        jdbc.sql("UPDATE partner_participant SET reminded_at = :at WHERE account_id = :a AND round_no = :r AND user_id IN (:u)")
                .param("at", now).param("a", accountId).param("r", round).param("u", userIds).update();
    }

    void saveResponses(long accountId, int round, long userId, Map<Integer, Integer> ratings, OffsetDateTime now) {
        SqlParameterSource[] batch = ratings.entrySet().stream()
                .map(e -> new MapSqlParameterSource().addValue("a", accountId).addValue("r", round).addValue("u", userId)
                        .addValue("s", e.getKey()).addValue("v", e.getValue()))
                .toArray(SqlParameterSource[]::new);
        named.batchUpdate("INSERT INTO partner_response (account_id, round_no, user_id, statement_id, rating) VALUES (:a, :r, :u, :s, :v)",
                batch);
        jdbc.sql("UPDATE partner_participant SET completed_at = :at WHERE account_id = :a AND round_no = :r AND user_id = :u")
                .param("at", now).param("a", accountId).param("r", round).param("u", userId).update();
    }

    /** Average rating per statement of completed, counted participants' responses. */
    Map<Integer, double[]> averages(long accountId, int round) {
        Map<Integer, double[]> result = new java.util.HashMap<>();
        jdbc.sql("""
                        SELECT r.statement_id, AVG(CAST(r.rating AS double precision)), COUNT(*) FROM partner_response r
                        JOIN partner_participant p ON p.account_id = r.account_id AND p.round_no = r.round_no AND p.user_id = r.user_id
                        WHERE r.account_id = :a AND r.round_no = :r AND p.removed_at IS NULL AND p.completed_at IS NOT NULL
                        GROUP BY r.statement_id""")
                .param("a", accountId).param("r", round)
                .query((rs, i) -> Map.entry(rs.getInt(1), new double[] {rs.getDouble(2), rs.getInt(3)})).list()
                .forEach(e -> result.put(e.getKey(), e.getValue()));
        return result;
    }

    private static ParticipantRow participant(ResultSet rs, int i) throws SQLException {
        return new ParticipantRow(rs.getLong("user_id"), rs.getObject("invited_at", OffsetDateTime.class),
                rs.getObject("completed_at", OffsetDateTime.class), rs.getObject("removed_at", OffsetDateTime.class),
                rs.getObject("reminded_at", OffsetDateTime.class));
    }
}
