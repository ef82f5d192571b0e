package com.atrium.audit;

import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The owner/application role split (issue 10, finding 12): on PostgreSQL, the role Atrium runs as must not be able to
 * rewrite the audit trail — not its owner (who could {@code DISABLE TRIGGER}), not a superuser, and without
 * {@code UPDATE}, {@code DELETE} or {@code TRUNCATE} on {@code audit_entry}. With
 * {@code atrium.audit.require-app-role} (on in {@code prod}) Atrium refuses to start otherwise; elsewhere (the demo,
 * the tests: one role for everything) it says so in the log at debug level. Flyway, migrating as the owner, gives the
 * application role its rights ({@code db/vendor/postgresql/afterMigrate__app_role_rights.sql}). Runs after every other
 * start-up guard, once the context is up.
 */
@Component
@Order(-10)
class DatabaseRoleGuard implements ApplicationRunner {
    private static final Logger log = LoggerFactory.getLogger(DatabaseRoleGuard.class);
    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final boolean required;

    DatabaseRoleGuard(DataSource dataSource, JdbcClient jdbc, @Value("${atrium.audit.require-app-role:false}") boolean required) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.required = required;
    }

    @Override
    public void run(ApplicationArguments args) throws SQLException {
        String problem = problem();
        if (problem == null) {
            return;
        }
        if (required) {
            throw new IllegalStateException(problem + " Migrate as an owner role (SPRING_FLYWAY_USER / SPRING_FLYWAY_PASSWORD) and run"
                    + " Atrium as an application role (SPRING_DATASOURCE_USERNAME): docs/operations.md, \"Database roles\"."
                    + " To run anyway, set atrium.audit.require-app-role=false.");
        }
        log.debug("{} (allowed: atrium.audit.require-app-role is off)", problem);
    }

    /** What lets Atrium's own database role rewrite the audit trail, or null when nothing does (or not PostgreSQL). */
    String problem() throws SQLException {
        try (var connection = dataSource.getConnection()) {
            DatabaseMetaData meta = connection.getMetaData();
            if (!"PostgreSQL".equals(meta.getDatabaseProductName())) {
                return null;
            }
        }
        return jdbc.sql("""
                SELECT CASE
                         WHEN r.rolsuper THEN 'is a superuser'
                         WHEN pg_has_role(current_user, c.relowner, 'MEMBER') THEN 'owns audit_entry (it could disable its triggers)'
                         WHEN has_table_privilege(c.oid, 'UPDATE') OR has_table_privilege(c.oid, 'DELETE')
                              OR has_table_privilege(c.oid, 'TRUNCATE') THEN 'may UPDATE, DELETE or TRUNCATE audit_entry'
                       END AS problem, current_user AS role
                FROM pg_class c JOIN pg_roles r ON r.rolname = current_user
                WHERE c.oid = 'audit_entry'::regclass
                """)
                .query((rs, n) -> rs.getString("problem") == null ? null
                        : "Atrium's database role " + rs.getString("role") + " " + rs.getString("problem") + ", so it could rewrite the audit trail.")
                .optional().orElse(null);
    }
}
