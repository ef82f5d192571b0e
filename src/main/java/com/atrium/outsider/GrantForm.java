package com.atrium.outsider;

import com.atrium.access.AccessLevel;
import com.atrium.access.GrantSubject;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;

/**
 * A new grant: who ({@code subject} FAMILY with a person id of the file, or ADVISER with an external adviser id),
 * which level, and the email and mobile (with country code) the person logs in with. Blank email or mobile
 * fall back to what the file records for that person; the grant always has both.
 */
public record GrantForm(
        @NotNull(message = "Choose a family member or an external adviser.") GrantSubject subject,
        @NotNull(message = "Choose a family member or an external adviser.") Long subjectId,
        @NotNull(message = "Choose read-write or read-only.") AccessLevel level,
        @Size(max = 254) String email,
        @Size(max = 32) String mobile,
        LocalDate expiresOn) {
}
