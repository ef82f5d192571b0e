package com.atrium.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.atrium.AtriumApplication;
import com.atrium.household.HouseholdService;
import com.atrium.practice.PracticeService;
import com.atrium.testsupport.Fixtures;
import com.atrium.testsupport.PostgresTestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Issue 10, finding 12: the owner/application role split on a real PostgreSQL. A database of its own, migrated by
 * Flyway as the owner (the test role), and Atrium running as an application role created for the test: the app works
 * (it writes and signs audit entries) and the start-up guard is satisfied, but its role can neither disable the audit
 * trail's triggers nor update, delete or truncate its rows, nor touch Flyway's history or the schema. Run as the owner
 * with the guard on, Atrium refuses to start.
 */
class DatabaseRoleSplitTests {
    static final String SUFFIX = Integer.toHexString(ThreadLocalRandom.current().nextInt(0x100000, 0xFFFFFF));
    static final String DATABASE = "atrium_split_" + SUFFIX;
    static final String APP_ROLE = "atrium_app_" + SUFFIX;
    static final String APP_PASSWORD = "app-" + SUFFIX;
    static ConfigurableApplicationContext app;

    @BeforeAll
    static void migrateAsOwnerAndRunAsApp() throws SQLException {
        admin("CREATE ROLE " + APP_ROLE + " LOGIN PASSWORD '" + APP_PASSWORD + "'");
        admin("CREATE DATABASE " + DATABASE);
        app = new SpringApplicationBuilder(AtriumApplication.class).profiles("test").run("--server.port=0",
                "--spring.main.banner-mode=off", "--spring.datasource.url=" + url(),
                "--spring.datasource.username=" + APP_ROLE, "--spring.datasource.password=" + APP_PASSWORD,
                "--spring.datasource.hikari.maximum-pool-size=4", "--spring.datasource.hikari.minimum-idle=1",
                "--spring.flyway.user=" + PostgresTestDatabase.user(), "--spring.flyway.password=" + PostgresTestDatabase.password(),
                "--atrium.audit.require-app-role=true");
    }

    @AfterAll
    static void dropTheDatabaseAndTheRole() throws SQLException {
        if (app != null) {
            app.close();
        }
        admin("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
        admin("DROP ROLE IF EXISTS " + APP_ROLE);
    }

    @Test
    void atriumWorksUnderTheApplicationRole_andSignsItsAuditEntries() throws SQLException {
        Fixtures fixtures = new Fixtures(app.getBean(PracticeService.class), app.getBean(HouseholdService.class));
        Fixtures.TestPractice p = fixtures.practice();
        fixtures.client(p.adviser, "Rolesplit");
        try (Connection c = asApp(); Statement s = c.createStatement()) {
            var rs = s.executeQuery("SELECT current_user, COUNT(*) FROM audit_entry WHERE practice_id = " + p.practice.id() + " GROUP BY 1");
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo(APP_ROLE);
            assertThat(rs.getLong(2)).isPositive();
        }
        assertThat(app.getBean(AuditTrail.class).verify(p.practice.id()).ok()).isTrue();
        assertThat(app.getBean(DatabaseRoleGuard.class).problem()).isNull();
    }

    @Test
    void theApplicationRoleCannotRewriteTheAuditTrail() throws SQLException {
        for (String sql : new String[] {
                "ALTER TABLE audit_entry DISABLE TRIGGER ALL",
                "ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_no_update_or_delete",
                "DROP TRIGGER audit_entry_no_update_or_delete ON audit_entry",
                "UPDATE audit_entry SET hash = hash",
                "DELETE FROM audit_entry",
                "TRUNCATE audit_entry",
                "DROP TABLE audit_entry",
                "UPDATE flyway_schema_history SET success = success",
                "SELECT COUNT(*) FROM flyway_schema_history",
                "CREATE TABLE audit_entry_copy (id bigint)",
        }) {
            try (Connection c = asApp(); Statement s = c.createStatement()) {
                assertThatThrownBy(() -> s.execute(sql)).as(sql).isInstanceOfSatisfying(SQLException.class,
                        e -> assertThat(e.getSQLState()).as(sql + ": " + e.getMessage()).isEqualTo("42501")); // insufficient_privilege
            }
        }
        try (Connection c = asApp(); Statement s = c.createStatement()) {
            var rs = s.executeQuery("SELECT has_table_privilege('audit_entry', 'INSERT'), has_table_privilege('audit_entry', 'SELECT'),"
                    + " has_table_privilege('audit_chain_head', 'UPDATE'), has_table_privilege('household', 'DELETE')");
            rs.next();
            assertThat(new boolean[] {rs.getBoolean(1), rs.getBoolean(2), rs.getBoolean(3), rs.getBoolean(4)}).containsOnly(true);
        }
    }

    @Test
    void runAsTheOwnerWithTheGuardOn_atriumRefusesToStart() {
        assertThatThrownBy(() -> new SpringApplicationBuilder(AtriumApplication.class).profiles("test").run("--server.port=0",
                "--spring.main.banner-mode=off", "--spring.datasource.url=" + url(),
                "--spring.datasource.username=" + PostgresTestDatabase.user(), "--spring.datasource.password=" + PostgresTestDatabase.password(),
                "--spring.datasource.hikari.maximum-pool-size=4", "--spring.datasource.hikari.minimum-idle=1",
                "--atrium.audit.require-app-role=true").close())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("owns audit_entry (it could disable its triggers)")
                .hasMessageContaining("SPRING_FLYWAY_USER");
    }

    static String url() {
        return PostgresTestDatabase.serverUrl() + DATABASE;
    }

    static Connection asApp() throws SQLException {
        return DriverManager.getConnection(url(), APP_ROLE, APP_PASSWORD);
    }

    static void admin(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(PostgresTestDatabase.serverUrl() + "postgres", PostgresTestDatabase.user(),
                PostgresTestDatabase.password()); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
