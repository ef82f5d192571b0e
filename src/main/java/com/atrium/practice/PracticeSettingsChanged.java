package com.atrium.practice;

import com.atrium.audit.AuditRecord;
import com.atrium.audit.AuditableEvent;

/** A practice manager changed the practice's name, currency or locale: in the audit trail, before and after in words. */
record PracticeSettingsChanged(long practiceId, long actorUserId, String before, String after) implements AuditableEvent {

    @Override
    public AuditRecord auditRecord() {
        return AuditRecord.of(practiceId, actorUserId, "PRACTICE_SETTINGS_CHANGED").change(before, after);
    }
}
