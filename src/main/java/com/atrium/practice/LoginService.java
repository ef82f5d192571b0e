package com.atrium.practice;

import com.atrium.audit.SecurityEvent;
import com.atrium.audit.SecurityEventKind;
import com.atrium.audit.SecurityEvents;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Locale;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.authentication.event.InteractiveAuthenticationSuccessEvent;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Loads users for Spring Security by email and throttles logins: after {@code max-failed-logins} wrong passwords
 * in a row the account is locked for {@code lock-minutes}; once the lock has expired the count starts again, and a
 * lock in force is never extended. Failures also count against the client address ({@link LoginThrottle}). The
 * counters live in the database, so every node of a cluster sees the same lock. Logins, failures and locks are
 * recorded as security events in the account's practice's audit trail.
 */
@Service
class LoginService implements UserDetailsService {
    private final UserRepository users;
    private final LoginThrottle throttle;
    private final SecurityEvents securityEvents;
    private final Clock clock;
    private final int maxFailures;
    private final Duration lockFor;

    LoginService(UserRepository users, LoginThrottle throttle, SecurityEvents securityEvents, Clock clock,
                 @Value("${atrium.security.max-failed-logins:5}") int maxFailures,
                 @Value("${atrium.security.lock-minutes:15}") int lockMinutes) {
        this.users = users;
        this.throttle = throttle;
        this.securityEvents = securityEvents;
        this.clock = clock;
        this.maxFailures = maxFailures;
        this.lockFor = Duration.ofMinutes(lockMinutes);
    }

    @Override
    @Transactional(readOnly = true)
    public UserDetails loadUserByUsername(String username) {
        String email = username == null ? "" : username.trim().toLowerCase(Locale.ROOT);
        return users.byEmail(email)
                .filter(u -> u.passwordHash() != null)
                .map(u -> new AtriumPrincipal(u.id(), u.email(), u.passwordHash(), u.active(),
                        u.lockedUntil() != null && u.lockedUntil().isAfter(OffsetDateTime.now(clock)), u.type().name(),
                        temporaryPasswordSpent(u.id())))
                .orElseThrow(() -> new UsernameNotFoundException("Unknown user"));
    }

    /** A temporary password (business users' invitations) works once, until its expiry. */
    private boolean temporaryPasswordSpent(long userId) {
        return users.temporaryPassword(userId)
                .map(t -> t.usedAt() != null || !t.until().isAfter(OffsetDateTime.now(clock)))
                .orElse(false);
    }

    @EventListener
    @Transactional
    public void onFailure(AuthenticationFailureBadCredentialsEvent event) {
        String address = LoginAuthenticationProvider.address(event.getAuthentication());
        throttle.failed(address);
        Object name = event.getAuthentication().getPrincipal();
        if (name instanceof String email) {
            OffsetDateTime now = OffsetDateTime.now(clock);
            users.recordFailedLogin(email.trim().toLowerCase(Locale.ROOT), maxFailures, now, now.plus(lockFor)).ifPresent(f -> {
                securityEvents.record(SecurityEvent.of(SecurityEventKind.LOGIN_FAILED, f.practiceId()).about(f.userId())
                        .detail(from(address) + (f.wasLocked() ? " while the account was locked" : ", failure " + f.failures()
                                + " of " + maxFailures)));
                if (f.lockedNow()) {
                    securityEvents.record(SecurityEvent.of(SecurityEventKind.ACCOUNT_LOCKED, f.practiceId()).about(f.userId())
                            .detail("after " + f.failures() + " wrong passwords, until " + now.plus(lockFor).toInstant()));
                }
            });
        }
    }

    @EventListener
    @Transactional
    public void onSuccess(AuthenticationSuccessEvent event) {
        if (event.getAuthentication().getPrincipal() instanceof AtriumPrincipal p) {
            users.recordSuccessfulLogin(p.userId());
            users.markTemporaryPasswordUsed(p.userId(), OffsetDateTime.now(clock));
        }
    }

    /** A login through the form (HTTP Basic calls of scripts are not recorded one by one: they are every API call). */
    @EventListener
    @Transactional
    public void onInteractiveSuccess(InteractiveAuthenticationSuccessEvent event) {
        if (event.getAuthentication().getPrincipal() instanceof AtriumPrincipal p) {
            users.byId(p.userId()).ifPresent(u -> securityEvents.record(SecurityEvent.of(SecurityEventKind.LOGIN_SUCCEEDED,
                    u.practiceId()).by(u.id()).about(u.id()).detail(from(LoginAuthenticationProvider.address(event.getAuthentication()))
                    + (p.outsider() ? "; the login code step follows" : ""))));
        }
    }

    private static String from(String address) {
        return address == null ? "from an unknown address" : "from " + address;
    }
}
