package com.atrium.audit;

/**
 * An application event that belongs in the audit trail. Publish it synchronously inside the changing
 * transaction (e.g. {@code ApplicationEventPublisher.publishEvent(new OutsiderGranted(...))} where
 * {@code OutsiderGranted implements AuditableEvent}); the trail appends it in that same transaction,
 * so the change and its record commit or roll back together.
 */
public interface AuditableEvent {

    /** What to append for this event. */
    AuditRecord auditRecord();
}
