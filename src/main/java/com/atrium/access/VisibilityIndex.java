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
        return jdbc.sql("INSERT INTO access_visible (" + COLUMNS + ") SELECT " + COLUMNS + " FROM access_visible_def").update();
    }
}
