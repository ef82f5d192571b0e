package com.atrium.audit;

import java.time.Instant;

/**
 * One entry of the audit trail as screens and the API show it.
 *
 * @param seq         position in the practice's chain (1, 2, 3, ...)
 * @param actorName   who did it, as their name was when they did it ("Atrium" for the system)
 * @param actionLabel the action in words, e.g. "Team member added"
 * @param prevHash    hash of the previous entry (64 zeros for the first)
 * @param hash        SHA-256 over this entry's content and {@code prevHash}
 */
public record AuditEntryView(long seq, Instant occurredAt, Long actorUserId, String actorName, String action,
                             String actionLabel, Long clientId, Long subjectUserId, String before, String after,
                             String prevHash, String hash) {
}
