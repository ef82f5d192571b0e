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

    AuditListeners(AuditTrail trail) {
        this.trail = trail;
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
