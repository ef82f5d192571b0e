package com.atrium.inventory;

import com.atrium.audit.AuditRecord;
import com.atrium.audit.AuditableEvent;

/** A wealth item or donation was added, changed or removed; the household history records it with before and after. */
public record InventoryChanged(long practiceId, long actorUserId, long clientId, String action, String before, String after)
        implements AuditableEvent {

    @Override
    public AuditRecord auditRecord() {
        return AuditRecord.of(practiceId, actorUserId, action).client(clientId).change(before, after);
    }
}
