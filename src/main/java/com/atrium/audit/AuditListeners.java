package com.atrium.audit;

import com.atrium.access.AccessChanged;
import com.atrium.practice.PasswordChanged;
import com.atrium.practice.PasswordResetCompleted;
import com.atrium.practice.PasswordResetRequested;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Feeds the trail from events, synchronously and in the publishing transaction (deliberately not
 * {@code @TransactionalEventListener}/{@code @ApplicationModuleListener}: an entry written after the
 * commit could be lost, and one written in another transaction could survive a rollback).
 */
@Component
class AuditListeners {
    private final AuditTrail trail;
    private final SecurityEvents security;

    AuditListeners(AuditTrail trail, SecurityEvents security) {
        this.trail = trail;
        this.security = security;
    }

    /** A security event published by any module (same as calling {@link SecurityEvents#record}). */
    @EventListener
    void on(SecurityEvent e) {
        security.record(e);
    }

    /** Every change to who may access a client: registration, team changes, primary hand-over. */
    @EventListener
    void on(AccessChanged e) {
        trail.record(new AuditRecord(e.practiceId(), e.changedBy(), e.change().name(), e.clientId(), e.subjectUserId(),
                e.before(), e.after(), e.at()));
    }

    /** Any other module's event that declares itself auditable (grants, workgroup changes, advisor-mode sessions...). */
    @EventListener
    void on(AuditableEvent e) {
        trail.record(e.auditRecord());
    }

    /** A password changed by its owner (security event). */
    @EventListener
    void on(PasswordChanged e) {
        trail.record(AuditRecord.of(e.practiceId(), e.userId(), "PASSWORD_CHANGED").subject(e.userId())
                .change(null, "password changed; " + sessions(e.sessionsEnded(), "other ") + " ended").at(e.at()));
    }

    /** A reset asked for an existing account (security event; requests for unknown addresses belong to no practice). */
    @EventListener
    void on(PasswordResetRequested e) {
        trail.record(AuditRecord.of(e.practiceId(), null, "PASSWORD_RESET_REQUESTED").subject(e.userId())
                .change(null, (e.linkSent() ? "reset link sent by email" : "no link sent: " + e.reason())
                        + "; requested from " + e.clientAddress()).at(e.at()));
    }

    /** A new password chosen through a reset link (security event). */
    @EventListener
    void on(PasswordResetCompleted e) {
        trail.record(AuditRecord.of(e.practiceId(), e.userId(), "PASSWORD_RESET_COMPLETED").subject(e.userId())
                .change(null, "new password set through a reset link from " + e.clientAddress() + "; "
                        + sessions(e.sessionsEnded(), "") + " ended").at(e.at()));
    }

    private static String sessions(int n, String other) {
        return n + " " + other + (n == 1 ? "session" : "sessions");
    }
}
