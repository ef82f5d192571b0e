package com.atrium.partner;

import com.atrium.access.ClientFilter;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Goals, their outcomes, confidence history and channel (the partner module's tables). */
@Repository
class GoalRepository {
    /** Below this confidence index a goal is at risk (59 is, 60 is not). */
    static final int RISK_BELOW = 60;

    private final JdbcClient jdbc;

    GoalRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record GoalRow(long id, long accountId, long practiceId, String accountName, String title, String description, long ownerId,
                   String ownerName, GoalLevel level, boolean milestone, LocalDate dueOn, GoalStatus status, int confidence,
                   Integer previousConfidence) {
        GoalSummary summary() {
            return new GoalSummary(id, accountId, accountName, title, ownerId, ownerName, level, milestone, dueOn, status, confidence,
                    previousConfidence, trend(confidence, previousConfidence), atRisk(confidence, status));
        }
    }

    static String trend(int confidence, Integer previous) {
        if (previous == null) {
            return "new";
        }
        return confidence > previous ? "up" : confidence < previous ? "down" : "flat";
    }

    static boolean atRisk(int confidence, GoalStatus status) {
        return confidence < RISK_BELOW && status.open();
    }

    private static final String COLUMNS = """
            g.id, g.account_id, g.practice_id, a.name AS account_name, g.title, g.description, g.owner_id,
            (SELECT u.first_name || ' ' || u.last_name FROM app_user u WHERE u.id = g.owner_id) AS owner_name,
            g.goal_level, g.milestone, g.due_on, g.status, g.confidence, g.previous_confidence""";

    long insert(long accountId, long practiceId, String title, String description, long ownerId, GoalLevel level, boolean milestone,
                LocalDate dueOn, GoalStatus status, int confidence, long by, OffsetDateTime now) {
        return insertId(jdbc.sql("""
                        INSERT INTO partner_goal (account_id, practice_id, title, description, owner_id, goal_level, milestone, due_on, status,
                                                  confidence, confidence_at, created_by, created_at)
                        VALUES (:a, :p, :t, :d, :o, :l, :m, :due, :s, :c, :now, :by, :now)""")
                .param("a", accountId).param("p", practiceId).param("t", title).param("d", description).param("o", ownerId)
                .param("l", level.name()).param("m", milestone).param("due", dueOn).param("s", status.name()).param("c", confidence)
                .param("now", now).param("by", by));
    }

    List<GoalSummary> ofAccount(long accountId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM partner_goal g JOIN partner_account a ON a.id = g.account_id WHERE g.account_id = :a"
                        + " ORDER BY CASE WHEN g.status IN ('NOT_STARTED', 'IN_PROGRESS') THEN 0 ELSE 1 END, g.due_on NULLS LAST, g.id")
                .param("a", accountId).query(GoalRepository::goal).list().stream().map(GoalRow::summary).toList();
    }

    Optional<GoalRow> find(long accountId, long goalId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM partner_goal g JOIN partner_account a ON a.id = g.account_id"
                        + " WHERE g.account_id = :a AND g.id = :g")
                .param("a", accountId).param("g", goalId).query(GoalRepository::goal).optional();
    }

    /** The goal row locked until the transaction ends (confidence updates queue, so the trend is never lost). */
    Optional<GoalRow> lock(long accountId, long goalId) {
        return jdbc.sql("SELECT id FROM partner_goal WHERE account_id = :a AND id = :g FOR UPDATE")
                .param("a", accountId).param("g", goalId).query(Long.class).optional()
                .flatMap(id -> find(accountId, id));
    }

    void update(long goalId, String title, String description, long ownerId, GoalLevel level, boolean milestone, LocalDate dueOn,
                GoalStatus status) {
        jdbc.sql("""
                        UPDATE partner_goal SET title = :t, description = :d, owner_id = :o, goal_level = :l, milestone = :m, due_on = :due,
                                                status = :s WHERE id = :g""")
                .param("t", title).param("d", description).param("o", ownerId).param("l", level.name()).param("m", milestone)
                .param("due", dueOn).param("s", status.name()).param("g", goalId).update();
    }

    void setConfidence(long goalId, int confidence, int previous, OffsetDateTime at) {
        jdbc.sql("UPDATE partner_goal SET previous_confidence = :prev, confidence = :c, confidence_at = :at WHERE id = :g")
                .param("prev", previous).param("c", confidence).param("at", at).param("g", goalId).update();
    }

    void insertConfidence(long accountId, long goalId, int confidence, String comment, long by, OffsetDateTime at) {
        jdbc.sql("""
                        INSERT INTO partner_goal_confidence (goal_id, account_id, confidence, comment, by_user, at)
                        VALUES (:g, :a, :c, :comment, :by, :at)""")
                .param("g", goalId).param("a", accountId).param("c", confidence).param("comment", comment).param("by", by).param("at", at)
                .update();
    }

    List<GoalView.ConfidencePoint> history(long goalId) {
        return jdbc.sql("""
                        SELECT c.confidence, c.comment, (SELECT u.first_name || ' ' || u.last_name FROM app_user u WHERE u.id = c.by_user), c.at
                        FROM partner_goal_confidence c WHERE c.goal_id = :g ORDER BY c.at, c.id""")
                .param("g", goalId)
                .query((rs, i) -> new GoalView.ConfidencePoint(rs.getInt(1), rs.getString(2), rs.getString(3),
                        rs.getObject(4, OffsetDateTime.class).toInstant()))
                .list();
    }

    void insertMessage(long accountId, long goalId, long author, String kind, String body, OffsetDateTime at) {
        jdbc.sql("""
                        INSERT INTO partner_goal_message (goal_id, account_id, author_id, kind, body, at)
                        VALUES (:g, :a, :u, :k, :b, :at)""")
                .param("g", goalId).param("a", accountId).param("u", author).param("k", kind).param("b", body).param("at", at).update();
    }

    /** The channel, newest first. */
    List<GoalView.Message> channel(long goalId) {
        return jdbc.sql("""
                        SELECT m.id, (SELECT u.first_name || ' ' || u.last_name FROM app_user u WHERE u.id = m.author_id), m.kind, m.body, m.at
                        FROM partner_goal_message m WHERE m.goal_id = :g ORDER BY m.at DESC, m.id DESC""")
                .param("g", goalId)
                .query((rs, i) -> new GoalView.Message(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getObject(5, OffsetDateTime.class).toInstant()))
                .list();
    }

    long insertOutcome(long accountId, long goalId, String title, BigDecimal target, BigDecimal current, String unit, OffsetDateTime at) {
        return insertId(jdbc.sql("""
                        INSERT INTO partner_goal_outcome (goal_id, account_id, title, target_value, current_value, unit, done, created_at)
                        VALUES (:g, :a, :t, :target, :current, :unit, FALSE, :at)""")
                .param("g", goalId).param("a", accountId).param("t", title).param("target", target).param("current", current)
                .param("unit", unit).param("at", at));
    }

    int updateOutcome(long goalId, long outcomeId, BigDecimal current, boolean done) {
        return jdbc.sql("UPDATE partner_goal_outcome SET current_value = :c, done = :d WHERE goal_id = :g AND id = :o")
                .param("c", current).param("d", done).param("g", goalId).param("o", outcomeId).update();
    }

    List<GoalView.Outcome> outcomes(long goalId) {
        return jdbc.sql("SELECT id, title, target_value, current_value, unit, done FROM partner_goal_outcome WHERE goal_id = :g ORDER BY id")
                .param("g", goalId)
                .query((rs, i) -> {
                    BigDecimal target = rs.getBigDecimal(3);
                    BigDecimal current = rs.getBigDecimal(4);
                    boolean done = rs.getBoolean(6);
                    int percent = done ? 100 : target == null || target.signum() == 0 || current == null ? 0
                            : Math.max(0, Math.min(100, current.multiply(BigDecimal.valueOf(100)).divide(target, 0, java.math.RoundingMode.DOWN)
                            .intValue()));
                    return new GoalView.Outcome(rs.getLong(1), rs.getString(2), target, current, rs.getString(5), done, percent);
                })
                .list();
    }

    void delete(long goalId) {
        jdbc.sql("UPDATE partner_task SET goal_id = NULL WHERE goal_id = :g").param("g", goalId).update();
        jdbc.sql("DELETE FROM partner_goal_message WHERE goal_id = :g").param("g", goalId).update();
        jdbc.sql("DELETE FROM partner_goal_outcome WHERE goal_id = :g").param("g", goalId).update();
        jdbc.sql("DELETE FROM partner_goal_confidence WHERE goal_id = :g").param("g", goalId).update();
        jdbc.sql("DELETE FROM partner_goal WHERE id = :g").param("g", goalId).update();
    }

    /**
     * Risk insights in one statement: the open goals below 60 % of every account the filter lets through (the access
     * module's filter over {@code a.id} / {@code a.practice_id}), lowest confidence first, a page of them with the total.
     *
     * @param milestonesOnly the organisation level (milestone goals only); otherwise the people level (any goal)
     */
    Page<GoalSummary> atRisk(ClientFilter visible, boolean milestonesOnly, int limit, int offset) {
        List<Object[]> rows = jdbc.sql("SELECT " + COLUMNS + ", COUNT(*) OVER () AS total"
                        + " FROM partner_account a JOIN partner_goal g ON g.account_id = a.id AND g.practice_id = a.practice_id"
                        + " WHERE (" + visible.predicate() + ") AND g.confidence < " + RISK_BELOW
                        + " AND g.status IN ('NOT_STARTED', 'IN_PROGRESS')" + (milestonesOnly ? " AND g.milestone = TRUE" : "")
                        + " ORDER BY g.confidence, g.id LIMIT " + limit + " OFFSET " + offset)
                .params(visible.params())
                .query((rs, i) -> new Object[] {goal(rs, i), rs.getLong("total")})
                .list();
        long total = rows.isEmpty() ? 0 : (Long) rows.get(0)[1];
        return new Page<>(rows.stream().map(r -> ((GoalRow) r[0]).summary()).toList(), total);
    }

    /** A page of a list and how many there are in all. */
    record Page<T>(List<T> items, long total) {
    }

    /** Goals the user owns that are in progress (or not started), across the accounts the filter lets through. */
    List<GoalSummary> ownedInProgress(ClientFilter visible, long ownerId, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM partner_goal g JOIN partner_account a ON a.id = g.account_id AND a.practice_id = g.practice_id"
                        + " WHERE g.owner_id = :owner AND g.status IN ('NOT_STARTED', 'IN_PROGRESS') AND (" + visible.predicate() + ")"
                        + " ORDER BY g.due_on NULLS LAST, g.id LIMIT " + limit)
                .param("owner", ownerId).params(visible.params())
                .query(GoalRepository::goal).list().stream().map(GoalRow::summary).toList();
    }

    /** The account's active users, its related adviser and one more staff user (the caller), by name. */
    List<GoalService.Person> people(long accountId, long practiceId, long adviserId, long staffId) {
        return jdbc.sql("""
                        SELECT u.id, u.first_name || ' ' || u.last_name AS name FROM app_user u
                        WHERE u.practice_id = :p AND u.active = TRUE
                          AND (u.id IN (SELECT m.user_id FROM partner_member m WHERE m.account_id = :a) OR u.id = :adv OR u.id = :me)
                        ORDER BY name, u.id FETCH FIRST 1000 ROWS ONLY""")
                .param("p", practiceId).param("a", accountId).param("adv", adviserId).param("me", staffId)
                .query((rs, i) -> new GoalService.Person(rs.getLong(1), rs.getString(2))).list();
    }

    /** Runs an INSERT and answers the generated id (PostgreSQL and H2 alike). */
    static long insertId(JdbcClient.StatementSpec insert) {
        org.springframework.jdbc.support.GeneratedKeyHolder keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
        insert.update(keys, "id");
        return keys.getKey().longValue();
    }

    static GoalRow goal(ResultSet rs, int i) throws SQLException {
        java.sql.Date due = rs.getDate("due_on");
        int prev = rs.getInt("previous_confidence");
        Integer previous = rs.wasNull() ? null : prev;
        return new GoalRow(rs.getLong("id"), rs.getLong("account_id"), rs.getLong("practice_id"), rs.getString("account_name"),
                rs.getString("title"), rs.getString("description"), rs.getLong("owner_id"), rs.getString("owner_name"),
                GoalLevel.valueOf(rs.getString("goal_level")), rs.getBoolean("milestone"), due == null ? null : due.toLocalDate(),
                GoalStatus.valueOf(rs.getString("status")), rs.getInt("confidence"), previous);
    }
}
