package com.atrium.audit;

import java.time.Instant;
import java.util.regex.Pattern;

/**
 * One thing to append to a practice's audit trail.
 *
 * @param practiceId    whose chain it goes into
 * @param actorUserId   who did it (null for Atrium itself, e.g. an expiry)
 * @param action        what happened, as a stable code in capitals (e.g. {@code TEAM_MEMBER_ADDED},
 *                      {@code PLAN_EXPORTED}); screens show it as words ("Plan exported")
 * @param clientId      the client it concerns, if any (its History tab then shows it)
 * @param subjectUserId whose access or account it concerns, if any
 * @param before        the state before, in words (null when there was none)
 * @param after         the state after, in words (null when there is none)
 * @param occurredAt    when it happened (null: now)
 */
public record AuditRecord(long practiceId, Long actorUserId, String action, Long clientId, Long subjectUserId,
                          String before, String after, Instant occurredAt) {
    private static final Pattern ACTION = Pattern.compile("[A-Z][A-Z0-9_]{1,59}");

    public AuditRecord {
        if (action == null || !ACTION.matcher(action).matches()) {
            throw new IllegalArgumentException("An audit action is a code like PLAN_EXPORTED, not \"" + action + "\"");
        }
    }

    /** Starts a record of {@code action} by {@code actorUserId} in a practice; add the details with the withers. */
    public static AuditRecord of(long practiceId, Long actorUserId, String action) {
        return new AuditRecord(practiceId, actorUserId, action, null, null, null, null, null);
    }

    public AuditRecord client(Long id) {
        return new AuditRecord(practiceId, actorUserId, action, id, subjectUserId, before, after, occurredAt);
    }

    public AuditRecord subject(Long userId) {
        return new AuditRecord(practiceId, actorUserId, action, clientId, userId, before, after, occurredAt);
    }

    public AuditRecord change(String beforeText, String afterText) {
        return new AuditRecord(practiceId, actorUserId, action, clientId, subjectUserId, beforeText, afterText, occurredAt);
    }

    public AuditRecord at(Instant when) {
        return new AuditRecord(practiceId, actorUserId, action, clientId, subjectUserId, before, after, when);
    }
}
