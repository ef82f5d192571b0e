package com.atrium.crm;

import com.atrium.audit.AuditRecord;
import com.atrium.audit.AuditableEvent;

/** A sync created or changed a client from the CRM: on the client's History tab, with what changed. */
public record ClientSynced(long practiceId, long actorUserId, long clientId, String action, String before, String after)
        implements AuditableEvent {

    @Override
    public AuditRecord auditRecord() {
        return AuditRecord.of(practiceId, actorUserId, action).client(clientId).change(before, after);
    }
}
