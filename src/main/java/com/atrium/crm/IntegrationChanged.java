package com.atrium.crm;

import com.atrium.audit.AuditRecord;
import com.atrium.audit.AuditableEvent;

/** An integration was added, changed, connected or deleted, or a sync run started or ended: in the audit trail. */
public record IntegrationChanged(long practiceId, Long actorUserId, long integrationId, String action, String before, String after)
        implements AuditableEvent {

    @Override
    public AuditRecord auditRecord() {
        return AuditRecord.of(practiceId, actorUserId, action).change(before, after == null ? null : after);
    }
}
