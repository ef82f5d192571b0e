package com.atrium.audit;

import java.time.Instant;

/**
 * One security event as the Security events page and {@code GET /api/audit/security-events} show it.
 *
 * @param seq         its position in the practice's audit chain
 * @param kind        e.g. {@code LOGIN_FAILED}
 * @param kindLabel   in words, e.g. "Login failed"
 * @param actorName   who did it ("Atrium" for the system or an anonymous visitor)
 * @param subjectName the account concerned, by name (null if none)
 * @param detail      what else is known, in words (e.g. "from 203.0.113.7")
 * @param hash        the entry's hash in the chain
 */
public record SecurityEventView(long seq, Instant occurredAt, String kind, String kindLabel, Long actorUserId, String actorName,
                                Long subjectUserId, String subjectName, String detail, String hash) {
}
