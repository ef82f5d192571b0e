package com.atrium.household;

import com.atrium.audit.AuditRecord;
import com.atrium.audit.AuditableEvent;

/**
 * A client's profile changed: its display name or people's details ({@code CLIENT_PROFILE_CHANGED}) or its status
 * ({@code CLIENT_STATUS_CHANGED}, {@code CLIENT_ARCHIVED}, {@code CLIENT_RESTORED}). Published in the changing transaction;
 * the audit trail appends it, with the state before and after in words, to the client's history.
 */
public record ClientProfileChanged(long practiceId, long actorUserId, long clientId, String action, String before, String after)
        implements AuditableEvent {

    @Override
    public AuditRecord auditRecord() {
        return AuditRecord.of(practiceId, actorUserId, action).client(clientId).change(before, after);
    }
}
