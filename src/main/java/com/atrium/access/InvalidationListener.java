package com.atrium.access;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The access cache's ears: one connection of its own (outside the pool) that {@code LISTEN}s on the invalidation
 * channel and hands every notification's payload to the cache, on a daemon thread. While it cannot hear
 * ({@link #hearing()} is false) the cache is neither read nor filled; it is cleared whenever the listener (re)connects
 * or loses the connection, since changes may have been missed meanwhile, and the listener retries every second.
 * {@link #listening()} reports the same state to the outside, but changes only once the cache has been cleared: whoever
 * sees it false finds the cache empty. Part of {@link AccessCache}.
 */
final class InvalidationListener {
    private static final Logger log = LoggerFactory.getLogger(AccessCache.class);

    private final DataSource dataSource;
    private final String channel;
    private final Consumer<String> apply;
    private final Runnable reset;
    private final AtomicLong handled = new AtomicLong();
    /** Held while notifications are applied; tests hold it to keep the listener back. */
    private final ReentrantLock applying = new ReentrantLock();
    /** The cache may be read and filled (connected and hearing); the first flag to fall when the connection is lost. */
    private volatile boolean hearing;
    /** {@link #hearing}, as reported: falls after the cache was cleared, rises after it was. */
    private volatile boolean listening;
    private volatile boolean running;
    private volatile Thread thread;
    private volatile Connection connection;

    /**
     * @param apply applies one notification's payload (the cache's eviction)
     * @param reset clears everything (before listening starts, and when it stops)
     */
    InvalidationListener(DataSource dataSource, String channel, Consumer<String> apply, Runnable reset) {
        this.dataSource = dataSource;
        this.channel = channel;
        this.apply = apply;
        this.reset = reset;
    }

    boolean hearing() {
        return hearing;
    }

    boolean listening() {
        return listening;
    }

    boolean running() {
        return running;
    }

    long handled() {
        return handled.get();
    }

    void hold() {
        applying.lock();
    }

    void release() {
        applying.unlock();
    }

    void start() {
        running = true;
        Thread t = new Thread(this::listen, "atrium-access-listener");
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    void stop() {
        running = false;
        hearing = false;
        listening = false;
        Thread t = thread;
        if (t != null) {
            t.interrupt();
        }
        closeQuietly(connection);
    }

    private void listen() {
        while (running) {
            try (Connection c = openDedicatedConnection()) {
                connection = c;
                c.setAutoCommit(true);
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN " + channel);
                }
                PGConnection pg = c.unwrap(PGConnection.class);
                reset.run(); // we may have missed changes while not listening
                hearing = true;
                listening = true;
                log.info("Access cache on: listening for invalidations on '{}'", channel);
                int idle = 0;
                while (running) {
                    PGNotification[] ns = pg.getNotifications(500);
                    if (ns == null || ns.length == 0) {
                        if (++idle >= 10) { // every ~5 s without traffic: prove the connection is alive
                            idle = 0;
                            try (Statement s = c.createStatement()) {
                                s.execute("SELECT 1");
                            }
                        }
                        continue;
                    }
                    idle = 0;
                    applying.lock();
                    try {
                        for (PGNotification n : ns) {
                            apply.accept(n.getParameter());
                            handled.incrementAndGet();
                        }
                    } finally {
                        applying.unlock();
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (running) {
                    log.warn("Access cache off: invalidation listener lost ({}); retrying", e.getMessage());
                }
            } finally {
                hearing = false; // first: from now on nothing is read from the cache or put into it
                reset.run();
                listening = false;
                connection = null;
            }
            if (running) {
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Its own connection, outside the pool (LISTEN holds it for the life of the node). */
    private Connection openDedicatedConnection() throws SQLException {
        if (dataSource instanceof com.zaxxer.hikari.HikariDataSource h && h.getJdbcUrl() != null) {
            java.util.Properties props = new java.util.Properties();
            if (h.getUsername() != null) {
                props.setProperty("user", h.getUsername());
            }
            if (h.getPassword() != null) {
                props.setProperty("password", h.getPassword());
            }
            props.setProperty("ApplicationName", "atrium-access-listener");
            return DriverManager.getConnection(h.getJdbcUrl(), props);
        }
        return dataSource.getConnection();
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // closing on shutdown
            }
        }
    }
}
