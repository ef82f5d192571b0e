package com.atrium.practice;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Locale;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Loads users for Spring Security by email and throttles logins: after {@code max-failed-logins}
 * wrong passwords in a row the account is locked for {@code lock-minutes}. The counters live in the
 * database, so every node of a cluster sees the same lock.
 */
@Service
class LoginService implements UserDetailsService {
    private final UserRepository users;
    private final Clock clock;
    private final int maxFailures;
    private final Duration lockFor;

    LoginService(UserRepository users, Clock clock,
                 @Value("${atrium.security.max-failed-logins:5}") int maxFailures,
                 @Value("${atrium.security.lock-minutes:15}") int lockMinutes) {
        this.users = users;
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
        Object name = event.getAuthentication().getPrincipal();
        if (name instanceof String email) {
            users.recordFailedLogin(email.trim().toLowerCase(Locale.ROOT), maxFailures, OffsetDateTime.now(clock).plus(lockFor));
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
}
