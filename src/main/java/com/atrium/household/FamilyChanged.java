package com.atrium.household;

import com.atrium.audit.AuditRecord;
import com.atrium.audit.AuditableEvent;

/**
 * The family structure of a household changed (a person added, changed or removed, a link added or
 * removed, the holder handed over). Published in the changing transaction; the audit trail records it
 * with the state before and after, in words, on the household's history.
 */
public record FamilyChanged(long practiceId, long actorUserId, long clientId, String action, String before, String after)
        implements AuditableEvent {

    @Override
    public AuditRecord auditRecord() {
        return AuditRecord.of(practiceId, actorUserId, action).client(clientId).change(before, after);
    }
}
