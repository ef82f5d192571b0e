package com.atrium.practice;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Limits failed logins per client address, whatever the account: after {@code address-max-failures} wrong
 * passwords (or unknown emails) from one address within {@code address-window-minutes}, logins from that
 * address are refused until the window ends. Counters live in the database, shared by every node. The address is
 * the client's as the servlet container sees it; behind a proxy, {@code server.forward-headers-strategy} makes it
 * the real client's (see docs/operations.md).
 */
@Component
class LoginThrottle {
    private final JdbcClient jdbc;
    private final Clock clock;
    private final int maxFailures;
    private final Duration window;

    LoginThrottle(JdbcClient jdbc, Clock clock,
                  @Value("${atrium.security.address-max-failures:30}") int maxFailures,
                  @Value("${atrium.security.address-window-minutes:15}") int windowMinutes) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.maxFailures = maxFailures;
        this.window = Duration.ofMinutes(windowMinutes);
    }

    /** May this address try to log in now? (No address known: yes; the per-account lock still applies.) */
    @Transactional(readOnly = true)
    public boolean allowed(String address) {
        if (address == null) {
            return true;
        }
        OffsetDateTime windowStart = OffsetDateTime.now(clock).minus(window);
        Integer failures = jdbc.sql("SELECT failures FROM login_address_throttle WHERE address = :a AND window_started_at > :w")
                .param("a", clip(address)).param("w", windowStart).query(Integer.class).optional().orElse(0);
        return failures < maxFailures;
    }

    /** Counts one failed login from the address (a new window starts when the last one has ended). */
    @Transactional(propagation = Propagation.REQUIRED)
    public void failed(String address) {
        if (address == null) {
            return;
        }
        String a = clip(address);
        OffsetDateTime now = OffsetDateTime.now(clock);
        for (int attempt = 0; attempt < 3; attempt++) {
            int updated = jdbc.sql("""
                            UPDATE login_address_throttle
                            SET failures = CASE WHEN window_started_at <= :w THEN 1 ELSE failures + 1 END,
                                window_started_at = CASE WHEN window_started_at <= :w THEN :now ELSE window_started_at END
                            WHERE address = :a""")
                    .param("w", now.minus(window)).param("now", now).param("a", a).update();
            if (updated == 1) {
                return;
            }
            int inserted = jdbc.sql("""
                            INSERT INTO login_address_throttle (address, window_started_at, failures) VALUES (:a, :now, 1)
                            ON CONFLICT DO NOTHING""")
                    .param("a", a).param("now", now).update();
            if (inserted == 1) {
                return;
            }
        }
    }

    private static String clip(String address) {
        return address.length() > 64 ? address.substring(0, 64) : address;
    }
}
