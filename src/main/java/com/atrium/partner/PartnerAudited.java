package com.atrium.partner;

import com.atrium.audit.AuditRecord;
import com.atrium.audit.AuditableEvent;

/**
 * Something that happened in the partner portal and belongs in the audit trail (licence changes, users added and
 * removed, participation, advisor-mode sessions and every action taken in advisor mode). Published inside the
 * changing transaction, so the change and its record commit or roll back together.
 */
public record PartnerAudited(AuditRecord auditRecord) implements AuditableEvent {
}
