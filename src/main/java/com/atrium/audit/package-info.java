/**
 * The tamper-evident audit trail: an append-only, hash-chained record (one chain per practice) of every
 * access change, grant and other sensitive action. Fed in the changing transaction, by events
 * ({@link com.atrium.access.AccessChanged}, any {@link com.atrium.audit.AuditableEvent}) or by
 * {@link com.atrium.audit.AuditTrail#record}; read through {@link com.atrium.audit.AuditTrail}.
 */
package com.atrium.audit;
