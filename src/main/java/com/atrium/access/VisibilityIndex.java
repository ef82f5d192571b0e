package com.atrium.access;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The visibility index ({@code access_visible}, db/migration/access/V81): per user, the clients they reach
 * through a per-user path, with what lists sort, search and narrow by. Its definition is the view
 * {@code access_visible_def}; the table is kept equal to it in the same transaction as every fact change.
 * On PostgreSQL the database does it (triggers on the fact tables, db/vendor/postgresql/V82: incremental, and
 * a hand-made UPDATE is followed too); on H2 (the zero-setup run, no PL/pgSQL) the fact writer calls the
 * {@code rederive*} methods, which recompute the affected rows from the definition.
 */
@Component
class VisibilityIndex {
    private static final String COLUMNS =
            "user_id, client_id, practice_id, paths, grant_until, client_kind, sort_name, search_text, archived, workgroup_id";
    private final JdbcClient jdbc;
    private final boolean maintainedByDatabase;
    /** For JDBC batches (the bulk paths), on the same data source and so in the same transaction. */
    final org.springframework.jdbc.core.JdbcOperations batch;

    VisibilityIndex(JdbcClient jdbc, DataSource dataSource) {
        this.jdbc = jdbc;
        this.batch = new org.springframework.jdbc.core.JdbcTemplate(dataSource);
        this.maintainedByDatabase = isPostgres(dataSource);
    }

    private static boolean isPostgres(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            return c.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT).contains("postgres");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot tell which database this is", e);
        }
    }

    /** True on PostgreSQL, where triggers keep the index; the rederive methods are then no-ops. */
    boolean maintainedByDatabase() {
        return maintainedByDatabase;
    }

    void rederiveClient(long clientId) {
        rederive("client_id = :c", Map.of("c", clientId));
    }

    void rederiveClients(java.util.Collection<Long> clientIds) {
        if (!clientIds.isEmpty()) {
            rederive("client_id IN (:cs)", Map.of("cs", clientIds));
        }
    }

    void rederiveUser(long userId) {
        rederive("user_id = :u", Map.of("u", userId));
    }

    void rederivePair(long userId, long clientId) {
        rederive("user_id = :u AND client_id = :c", Map.of("u", userId, "c", clientId));
    }

    /** The user's rows for the clients of one workgroup (a member joined or left it). */
    void rederiveUserInGroup(long userId, long groupId) {
        rederive("user_id = :u AND client_id IN (SELECT client_id FROM access_client WHERE workgroup_id = :g)",
                Map.of("u", userId, "g", groupId));
    }

    private void rederive(String scope, Map<String, Object> params) {
        if (maintainedByDatabase) {
            return;
        }
        jdbc.sql("DELETE FROM access_visible WHERE " + scope).params(params).update();
        jdbc.sql("INSERT INTO access_visible (" + COLUMNS + ") SELECT " + COLUMNS + " FROM access_visible_def WHERE " + scope)
                .params(params).update();
    }

    /**
     * How many rows the index and its definition disagree on (missing, extra or different): 0 when exact.
     * The index tests assert it after every kind of change; operations can run it as a consistency check.
     */
    long drift() {
        return jdbc.sql("SELECT COUNT(*) FROM ((SELECT " + COLUMNS + " FROM access_visible_def EXCEPT SELECT " + COLUMNS
                        + " FROM access_visible) UNION ALL (SELECT " + COLUMNS + " FROM access_visible EXCEPT SELECT " + COLUMNS
                        + " FROM access_visible_def)) acc_drift")
                .query(Long.class).single();
    }

    /** Rebuilds the whole index from its definition (after a bulk load that bypassed the triggers, or to repair drift). */
    long rebuild() {
        jdbc.sql("DELETE FROM access_visible").update();
        long rows = jdbc.sql("INSERT INTO access_visible (" + COLUMNS + ") SELECT " + COLUMNS + " FROM access_visible_def").update();
        if (maintainedByDatabase) {
            // the tally too, from a count no client write can change meanwhile (SHARE blocks writers until commit)
            jdbc.sql("LOCK TABLE access_client IN SHARE MODE").update();
            jdbc.sql("DELETE FROM access_client_tally").update();
            jdbc.sql("INSERT INTO access_client_tally (practice_id, client_kind, archived, delta) SELECT practice_id, client_kind,"
                    + " archived, COUNT(*) FROM access_client GROUP BY practice_id, client_kind, archived").update();
        }
        return rows;
    }

    /**
     * On how many (practice, kind, archived) keys the client tally (db/vendor/postgresql/V190: a practice manager's
     * unsearched total) and a real count of {@code access_client} disagree: 0 when exact (and always 0 on H2, which
     * counts instead of keeping a tally).
     */
    long tallyDrift() {
        if (!maintainedByDatabase) {
            return 0;
        }
        return jdbc.sql("""
                        SELECT COUNT(*) FROM (
                            SELECT practice_id, client_kind, archived FROM (
                                SELECT practice_id, client_kind, archived, COUNT(*) AS n FROM access_client
                                GROUP BY practice_id, client_kind, archived
                                UNION ALL
                                SELECT practice_id, client_kind, archived, -SUM(delta) FROM access_client_tally
                                GROUP BY practice_id, client_kind, archived) acc_d
                            GROUP BY practice_id, client_kind, archived HAVING SUM(n) <> 0) acc_drift""")
                .query(Long.class).single();
    }

    /**
     * Folds the tally's rows of each key into one (the triggers append a row per statement that changes a count):
     * one statement, so every reader sees the old rows or their sum, never neither; rows appended meanwhile by other
     * transactions are not in its snapshot and stay. Returns how many rows it folded.
     */
    int compactTally() {
        if (!maintainedByDatabase) {
            return 0;
        }
        return jdbc.sql("""
                        WITH many AS (
                            SELECT practice_id, client_kind, archived FROM access_client_tally
                            GROUP BY practice_id, client_kind, archived HAVING COUNT(*) > 1),
                        gone AS (
                            DELETE FROM access_client_tally t USING many m
                            WHERE t.practice_id = m.practice_id AND t.client_kind = m.client_kind AND t.archived = m.archived
                            RETURNING t.practice_id, t.client_kind, t.archived, t.delta),
                        folded AS (
                            INSERT INTO access_client_tally (practice_id, client_kind, archived, delta)
                            SELECT practice_id, client_kind, archived, SUM(delta) FROM gone
                            GROUP BY practice_id, client_kind, archived HAVING SUM(delta) <> 0)
                        SELECT COUNT(*) FROM gone""")
                .query(Integer.class).single();
    }
}
