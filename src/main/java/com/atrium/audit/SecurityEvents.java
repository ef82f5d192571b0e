package com.atrium.audit;

import com.atrium.access.AccessService;
import com.atrium.access.AccessSubjects;
import com.atrium.access.PracticePermission;
import com.atrium.shared.Actor;
import com.atrium.shared.InvalidInputException;
import com.atrium.shared.Page;
import com.atrium.shared.PageRequest;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Security events in the audit trail: record one (logins, login codes, lockouts, staff and capability
 * changes, API tokens, workgroup changes, passwords), and list them for practice managers. They are
 * ordinary entries of the practice's hash chain (action = {@link SecurityEventKind} name), so they are
 * verified with the rest and cannot be rewritten by the application.
 */
@Service
public class SecurityEvents {
    private static final List<String> ALL = Arrays.stream(SecurityEventKind.values()).map(Enum::name).toList();

    private final AuditTrail trail;
    private final AuditRepository entries;
    private final AccessService access;
    private final AccessSubjects people;

    SecurityEvents(AuditTrail trail, AuditRepository entries, AccessService access, AccessSubjects people) {
        this.trail = trail;
        this.entries = entries;
        this.access = access;
        this.people = people;
    }

    /**
     * Appends the event to its practice's chain: in the caller's transaction when there is one (so it
     * rolls back with the change it describes), otherwise in its own (a failed login has no other
     * transaction, and its record must survive the failure). Returns the entry's seq.
     */
    @Transactional(propagation = Propagation.REQUIRED)
    public long record(SecurityEvent event) {
        return trail.record(event.auditRecord());
    }

    /** The practice's security events, newest first, optionally of one kind: practice managers only (403 otherwise). */
    @Transactional(readOnly = true)
    public Page<SecurityEventView> list(Actor actor, SecurityEventKind kind, PageRequest page) {
        access.require(actor, PracticePermission.VIEW_AUDIT_TRAIL);
        List<String> actions = kind == null ? ALL : List.of(kind.name());
        List<AuditEntryView> rows = entries.pageOfActions(actor.practiceId(), actions, page.offset(), page.size()).stream()
                .map(AuditTrail::view).toList();
        Map<Long, AccessSubjects.Subject> names = people.findAll(rows.stream().map(AuditEntryView::subjectUserId)
                .filter(Objects::nonNull).collect(Collectors.toSet()));
        List<SecurityEventView> items = rows.stream().map(e -> {
            AccessSubjects.Subject s = e.subjectUserId() == null ? null : names.get(e.subjectUserId());
            String subjectName = e.subjectUserId() == null ? null
                    : s != null && s.practiceId() == actor.practiceId() ? s.name() : "user #" + e.subjectUserId();
            return new SecurityEventView(e.seq(), e.occurredAt(), e.action(), e.actionLabel(), e.actorUserId(), e.actorName(),
                    e.subjectUserId(), subjectName, e.after(), e.hash());
        }).toList();
        long total = items.size() < page.size() && (page.page() == 0 || !items.isEmpty())
                ? page.offset() + items.size() : entries.countOfActions(actor.practiceId(), actions);
        return new Page<>(items, page.page(), page.size(), total);
    }

    /** Parses a kind from a request parameter (any case; blank = all kinds). */
    public static SecurityEventKind kind(String parameter) {
        if (parameter == null || parameter.isBlank()) {
            return null;
        }
        try {
            return SecurityEventKind.valueOf(parameter.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("kind", "Unknown kind of security event; use one of " + String.join(", ", ALL) + ".");
        }
    }
}
