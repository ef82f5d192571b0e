package com.atrium.audit;

import com.atrium.access.AccessChanged;
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
}
