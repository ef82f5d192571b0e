package com.atrium.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Creates a uniquely named PostgreSQL database for this test run and drops it at the end, so runs
 * never collide. Points Spring at it through system properties. Configure with environment variables:
 * ATRIUM_TEST_PG_URL (server URL without database, default jdbc:postgresql://127.0.0.1:5432/),
 * ATRIUM_TEST_PG_USER / ATRIUM_TEST_PG_PASSWORD (default atrium / atrium), ATRIUM_TEST_KEEP_DB=true to keep it.
 */
public class PostgresTestDatabase implements LauncherSessionListener {
    private static String database;

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        if (database != null || System.getProperty("spring.datasource.url") != null) {
            return;
        }
        String name = "atrium_test_" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss")) + "_"
                + ProcessHandle.current().pid() + "_" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000));
        execute("CREATE DATABASE " + name);
        database = name;
        System.setProperty("spring.datasource.url", serverUrl() + name);
        System.setProperty("spring.datasource.username", user());
        System.setProperty("spring.datasource.password", password());
        System.setProperty("atrium.test.database", name);
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        if (database != null && !"true".equalsIgnoreCase(System.getenv("ATRIUM_TEST_KEEP_DB"))) {
            execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            database = null;
        }
    }

    private static void execute(String sql) {
        try (Connection c = DriverManager.getConnection(serverUrl() + "postgres", user(), password());
             Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("Tests need PostgreSQL at " + serverUrl() + " with role " + user()
                    + " (CREATEDB, CREATEROLE). Start it with .ci/setup-env.sh or set ATRIUM_TEST_PG_URL/USER/PASSWORD. " + e.getMessage(), e);
        }
    }

    public static String serverUrl() {
        String url = env("ATRIUM_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/");
        return url.endsWith("/") ? url : url + "/";
    }

    public static String user() {
        return env("ATRIUM_TEST_PG_USER", "atrium");
    }

    public static String password() {
        return env("ATRIUM_TEST_PG_PASSWORD", "atrium");
    }

    private static String env(String key, String fallback) {
        String v = System.getenv(key);
        return v == null || v.isBlank() ? fallback : v;
    }
}
