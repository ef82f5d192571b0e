package com.atrium.compliance;

import com.atrium.audit.AuditRecord;
import com.atrium.audit.AuditableEvent;

/**
 * A bulk revocation from the access review, as one entry of the hash-chained trail (each access withdrawn also has its
 * own entry, written by the access module as it withdraws it).
 */
record AccessRevokedInReview(long practiceId, long by, int revoked, int refused, String rows) implements AuditableEvent {
    @Override
    public AuditRecord auditRecord() {
        return AuditRecord.of(practiceId, by, "ACCESS_REVIEW_REVOCATION")
                .change(null, revoked + (revoked == 1 ? " access" : " accesses") + " revoked from the access review"
                        + (refused == 0 ? "" : ", " + refused + " refused") + (rows.isEmpty() ? "" : ": " + rows));
    }
}
