package com.atrium.outsider;

import com.atrium.audit.SecurityEvent;
import com.atrium.audit.SecurityEventKind;
import com.atrium.audit.SecurityEvents;
import com.atrium.shared.Actor;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The limits of the outsiders' login code, per account (table {@code login_code_state}), so that neither a new
 * session, a new password login nor a resend gives new tries:
 * <ul>
 * <li>{@code code-max-failures} (5) wrong codes in a row lock code entry; the n-th lock lasts
 *     {@code code-lock-minutes} × 2<sup>n−1</sup> (15, 30, 60 minutes ... at most 24 hours); a right code clears both
 *     counts;</li>
 * <li>at most {@code code-max-sends-per-hour} (5) codes are sent per account in a rolling window of an hour, the
 *     automatic first code of a login included.</li>
 * </ul>
 * Every step is a security event. Each decision locks the account's row, so concurrent requests count exactly.
 */
@Service
class LoginCodes {
    static final Duration MAX_LOCK = Duration.ofHours(24);
    private static final Duration SEND_WINDOW = Duration.ofHours(1);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final SecurityEvents events;
    private final int maxFailures;
    private final Duration lockFor;
    private final int maxSends;

    LoginCodes(JdbcClient jdbc, Clock clock, SecurityEvents events,
               @Value("${atrium.security.code-max-failures:5}") int maxFailures,
               @Value("${atrium.security.code-lock-minutes:15}") int lockMinutes,
               @Value("${atrium.security.code-max-sends-per-hour:5}") int maxSends) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.events = events;
        this.maxFailures = maxFailures;
        this.lockFor = Duration.ofMinutes(lockMinutes);
        this.maxSends = maxSends;
    }

    /** May a code be sent now? {@code sent} (and counted), or refused because code entry is locked or the hourly limit is reached. */
    record SendDecision(boolean sent, OffsetDateTime lockedUntil, OffsetDateTime nextSendAt) {
    }

    /** What a code entry led to. */
    enum Outcome { ACCEPTED, WRONG, LOCKED_NOW, LOCKED }

    record VerifyDecision(Outcome outcome, int triesLeft, OffsetDateTime lockedUntil) {
    }

    private record State(int failures, OffsetDateTime lockedUntil, int locks, OffsetDateTime windowStart, int sends) {
        boolean locked(OffsetDateTime now) {
            return lockedUntil != null && lockedUntil.isAfter(now);
        }
    }

    /** Is code entry locked for this account now (until when)? */
    @Transactional(readOnly = true)
    OffsetDateTime lockedUntil(long userId) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        return jdbc.sql("SELECT locked_until FROM login_code_state WHERE user_id = :u").param("u", userId)
                .query(OffsetDateTime.class).optional().filter(t -> t != null && t.isAfter(now)).orElse(null);
    }

    /** Counts a code about to be sent, if the limits allow it (the caller sends it only when {@code sent}). */
    @Transactional
    SendDecision beforeSend(Actor actor, String maskedMobile, boolean resend) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        State s = lock(actor.userId());
        if (s.locked(now)) {
            return new SendDecision(false, s.lockedUntil(), null);
        }
        boolean windowOver = s.windowStart() == null || !s.windowStart().plus(SEND_WINDOW).isAfter(now);
        OffsetDateTime windowStart = windowOver ? now : s.windowStart();
        int sends = windowOver ? 0 : s.sends();
        if (sends >= maxSends) {
            events.record(SecurityEvent.of(SecurityEventKind.LOGIN_CODE_RESEND_REFUSED, actor.practiceId()).by(actor.userId())
                    .about(actor.userId()).detail(maxSends + " codes already sent this hour" + (resend ? " (resend asked)" : "")));
            return new SendDecision(false, null, windowStart.plus(SEND_WINDOW));
        }
        jdbc.sql("UPDATE login_code_state SET send_window_started = :w, sends_in_window = :n WHERE user_id = :u")
                .param("w", windowStart).param("n", sends + 1).param("u", actor.userId()).update();
        events.record(SecurityEvent.of(SecurityEventKind.LOGIN_CODE_SENT, actor.practiceId()).by(actor.userId()).about(actor.userId())
                .detail("to " + maskedMobile + (resend ? ", resend" : "") + ", " + (sends + 1) + " of " + maxSends + " this hour"));
        return new SendDecision(true, null, null);
    }

    /** Records a code entry ({@code right}: it matched the session's unexpired code). A locked account is refused unchecked. */
    @Transactional
    VerifyDecision afterEntry(Actor actor, boolean right) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        State s = lock(actor.userId());
        if (s.locked(now)) {
            return new VerifyDecision(Outcome.LOCKED, 0, s.lockedUntil());
        }
        if (right) {
            jdbc.sql("UPDATE login_code_state SET failures = 0, locks = 0, locked_until = NULL WHERE user_id = :u")
                    .param("u", actor.userId()).update();
            events.record(SecurityEvent.of(SecurityEventKind.LOGIN_CODE_ACCEPTED, actor.practiceId()).by(actor.userId()).about(actor.userId()));
            return new VerifyDecision(Outcome.ACCEPTED, maxFailures, null);
        }
        int failures = s.failures() + 1;
        events.record(SecurityEvent.of(SecurityEventKind.LOGIN_CODE_FAILED, actor.practiceId()).by(actor.userId()).about(actor.userId())
                .detail("wrong code " + failures + " of " + maxFailures));
        if (failures < maxFailures) {
            jdbc.sql("UPDATE login_code_state SET failures = :f WHERE user_id = :u").param("f", failures).param("u", actor.userId()).update();
            return new VerifyDecision(Outcome.WRONG, maxFailures - failures, null);
        }
        int locks = s.locks() + 1;
        OffsetDateTime until = now.plus(lockDuration(locks));
        jdbc.sql("UPDATE login_code_state SET failures = 0, locks = :l, locked_until = :t WHERE user_id = :u")
                .param("l", locks).param("t", until).param("u", actor.userId()).update();
        events.record(SecurityEvent.of(SecurityEventKind.LOGIN_CODE_LOCKED, actor.practiceId()).by(actor.userId()).about(actor.userId())
                .detail("lock " + locks + ", for " + lockDuration(locks).toMinutes() + " minutes, until " + until.toInstant()));
        return new VerifyDecision(Outcome.LOCKED_NOW, 0, until);
    }

    /** The n-th lock in a row: lockFor × 2^(n−1), at most 24 hours. */
    Duration lockDuration(int locks) {
        Duration d = lockFor;
        for (int i = 1; i < locks && d.compareTo(MAX_LOCK) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(MAX_LOCK) > 0 ? MAX_LOCK : d;
    }

    private State lock(long userId) {
        jdbc.sql("INSERT INTO login_code_state (user_id) VALUES (:u) ON CONFLICT DO NOTHING").param("u", userId).update();
        return jdbc.sql("SELECT failures, locked_until, locks, send_window_started, sends_in_window FROM login_code_state "
                        + "WHERE user_id = :u FOR UPDATE")
                .param("u", userId)
                .query((rs, i) -> new State(rs.getInt(1), rs.getObject(2, OffsetDateTime.class), rs.getInt(3),
                        rs.getObject(4, OffsetDateTime.class), rs.getInt(5)))
                .single();
    }
}
