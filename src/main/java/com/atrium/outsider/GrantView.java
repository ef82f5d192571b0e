package com.atrium.outsider;

import com.atrium.access.OutsiderGrant;
import com.atrium.shared.PhoneNumbers;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A grant as screens and the API show it. {@code status}: ACTIVE, INVITED (no account yet) or EXPIRED.
 * {@code explanation} is the access path in words, e.g. "Read-write access as family member granted by Ann Lee on
 * 4 Nov 2026, expires 30 Nov 2026".
 */
public record GrantView(long id, long clientId, String subject, long subjectId, String name, boolean holder, String level, String email,
                        String mobile, Long userId, LocalDate expiresOn, String grantedBy, Instant grantedAt, String status,
                        String explanation) {

    static GrantView of(OutsiderGrant g) {
        String status = g.expired() ? "EXPIRED" : g.userId() == null ? "INVITED" : "ACTIVE";
        String as = g.subject() == com.atrium.access.GrantSubject.ADVISER ? "external adviser"
                : g.holder() ? "holder / co-holder" : "family member";
        String words = g.level().label() + " access as " + as + " granted by " + g.grantedByName() + " on "
                + DAY.format(g.grantedAt().atZone(java.time.ZoneOffset.UTC)) + (g.expiresOn() == null ? ""
                : (g.expired() ? ", expired " : ", expires ") + DAY.format(g.expiresOn()));
        return new GrantView(g.id(), g.clientId(), g.subject().name(), g.subjectId(), g.subjectName(), g.holder(), g.level().name(),
                g.email(), g.mobile(), g.userId(), g.expiresOn(), g.grantedByName(), g.grantedAt(), status, words);
    }

    static final java.time.format.DateTimeFormatter DAY = java.time.format.DateTimeFormatter.ofPattern("d MMM yyyy", java.util.Locale.ENGLISH);

    public String levelLabel() {
        return "READ_WRITE".equals(level) ? "Read-write" : "Read-only";
    }

    public String statusLabel() {
        return switch (status) {
            case "EXPIRED" -> "Expired";
            case "INVITED" -> "Invited (no account yet)";
            default -> "Active";
        };
    }

    public String mobileDisplay() {
        return PhoneNumbers.display(mobile);
    }
}
