package com.atrium.simulation;

import com.atrium.audit.AuditRecord;
import com.atrium.audit.AuditableEvent;

/** A simulation was run and stored; the household history records it. */
public record SimulationRun(long practiceId, long actorUserId, long clientId, String summary) implements AuditableEvent {

    @Override
    public AuditRecord auditRecord() {
        return AuditRecord.of(practiceId, actorUserId, "SIMULATION_RUN").client(clientId).change(null, summary);
    }
}
