package com.atrium.audit;

import java.time.Instant;
import java.util.Objects;

/**
 * One security event to append to a practice's audit trail. Either hand it to
 * {@link SecurityEvents#record(SecurityEvent)} or publish it as an application event
 * ({@code ApplicationEventPublisher.publishEvent(event)}); both append synchronously in the caller's
 * transaction (or a new one when there is none), hash-chained like every other entry.
 * <pre>
 * securityEvents.record(SecurityEvent.of(SecurityEventKind.API_TOKEN_CREATED, actor.practiceId())
 *         .by(actor.userId()).about(actor.userId()).detail("Token \"backup script\", expires 3 Mar 2027"));
 * </pre>
 *
 * @param practiceId    whose trail it goes into (the practice of the account concerned)
 * @param actorUserId   who did it (null: Atrium itself, or an anonymous visitor such as a failed login)
 * @param kind          what happened
 * @param subjectUserId the account it concerns (null if none)
 * @param detail        a short text in words (e.g. "from 203.0.113.7"); never a secret (no password, code or token)
 * @param occurredAt    when (null: now)
 */
public record SecurityEvent(long practiceId, Long actorUserId, SecurityEventKind kind, Long subjectUserId, String detail,
                            Instant occurredAt) {

    public SecurityEvent {
        Objects.requireNonNull(kind, "kind");
    }

    /** Starts an event of {@code kind} in a practice; add the rest with the withers. */
    public static SecurityEvent of(SecurityEventKind kind, long practiceId) {
        return new SecurityEvent(practiceId, null, kind, null, null, null);
    }

    public SecurityEvent by(Long userId) {
        return new SecurityEvent(practiceId, userId, kind, subjectUserId, detail, occurredAt);
    }

    public SecurityEvent about(Long userId) {
        return new SecurityEvent(practiceId, actorUserId, kind, userId, detail, occurredAt);
    }

    public SecurityEvent detail(String text) {
        return new SecurityEvent(practiceId, actorUserId, kind, subjectUserId, text, occurredAt);
    }

    public SecurityEvent at(Instant when) {
        return new SecurityEvent(practiceId, actorUserId, kind, subjectUserId, detail, when);
    }

    /** The audit entry: action = the kind's name, subject = the account, after = the detail. */
    AuditRecord auditRecord() {
        return AuditRecord.of(practiceId, actorUserId, kind.name()).subject(subjectUserId).change(null, detail).at(occurredAt);
    }
}
