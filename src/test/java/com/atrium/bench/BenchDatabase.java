package com.atrium.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ThreadLocalRandom;
import org.flywaydb.core.Flyway;

/**
 * A PostgreSQL database created for one benchmark run (or one test), migrated by Atrium's own Flyway
 * migrations, and dropped at the end unless {@code ATRIUM_BENCH_KEEP_DB=true}. Server and role come from the
 * same variables as the tests: ATRIUM_TEST_PG_URL (default jdbc:postgresql://127.0.0.1:5432/),
 * ATRIUM_TEST_PG_USER / ATRIUM_TEST_PG_PASSWORD (atrium / atrium).
 */
public final class BenchDatabase implements AutoCloseable {
    public final String name;
    public final String url;
    public final String user = env("ATRIUM_TEST_PG_USER", "atrium");
    public final String password = env("ATRIUM_TEST_PG_PASSWORD", "atrium");
    private HikariDataSource pool;

    private BenchDatabase(String name) {
        this.name = name;
        this.url = server() + name;
    }

    /** Creates and migrates a fresh database named {@code atrium_bench_<time>_<random>}. */
    public static BenchDatabase create(String label) throws SQLException {
        String name = "atrium_" + label + "_" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss")) + "_"
                + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000));
        BenchDatabase db = new BenchDatabase(name);
        db.admin("CREATE DATABASE " + name);
        Flyway.configure().dataSource(db.url, db.user, db.password)
                .locations("classpath:db/migration", "classpath:db/vendor/postgresql")
                .placeholders(java.util.Map.of("approle", db.user)) // one role: the app-role grants have nothing to do
                .load().migrate();
        return db;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    /** A small pool on this database; {@code schema} sets the search path (e.g. the ACL peer's own schema). */
    public HikariDataSource pool(String schema, int size) {
        HikariConfig c = new HikariConfig();
        c.setJdbcUrl(schema == null ? url : url + "?currentSchema=" + schema);
        c.setUsername(user);
        c.setPassword(password);
        c.setMaximumPoolSize(size);
        c.setPoolName("bench-" + (schema == null ? "public" : schema));
        return new HikariDataSource(c);
    }

    public synchronized HikariDataSource pool() {
        if (pool == null) {
            pool = pool(null, 4);
        }
        return pool;
    }

    @Override
    public void close() throws SQLException {
        if (pool != null) {
            pool.close();
        }
        if (!"true".equalsIgnoreCase(System.getenv("ATRIUM_BENCH_KEEP_DB"))) {
            // FORCE cannot end a session of another role (e.g. an autovacuum worker busy on the fresh tables): retry
            for (int attempt = 1; ; attempt++) {
                try {
                    admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
                    return;
                } catch (SQLException e) {
                    if (attempt == 30) {
                        System.err.println("Could not drop database " + name + ": " + e.getMessage());
                        return;
                    }
                    try {
                        Thread.sleep(1000);
                    } catch (InterruptedException ie) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        }
    }

    private void admin(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(server() + "postgres", user, password); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    static String server() {
        String url = env("ATRIUM_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/");
        return url.endsWith("/") ? url : url + "/";
    }

    private static String env(String key, String fallback) {
        String v = System.getenv(key);
        return v == null || v.isBlank() ? fallback : v;
    }
}
