package com.atrium.compliance;

import com.atrium.audit.AuditRecord;
import com.atrium.audit.AuditableEvent;

/** The reassignment as one entry of the hash-chained trail (each household's hand-over has its own entry too). */
record ClientsReassigned(long practiceId, long by, long adviserId, String text) implements AuditableEvent {
    @Override
    public AuditRecord auditRecord() {
        return AuditRecord.of(practiceId, by, "CLIENTS_REASSIGNED").subject(adviserId).change(null, text);
    }
}
