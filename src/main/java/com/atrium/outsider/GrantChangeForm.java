package com.atrium.outsider;

import com.atrium.access.AccessLevel;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;

/**
 * A change to a grant: its level and its last day (null: no end) — and, while no account is linked, a corrected
 * email and/or mobile. A body with only {@code email} / {@code mobile} (no {@code level}) leaves level and last day as
 * they are.
 */
public record GrantChangeForm(AccessLevel level, LocalDate expiresOn,
                              @Size(max = 254, message = "An email address is at most 254 characters.") String email,
                              @Size(max = 32, message = "A mobile number is at most 32 characters.") String mobile) {

    public GrantChangeForm(AccessLevel level, LocalDate expiresOn) {
        this(level, expiresOn, null, null);
    }

    boolean correctsContact() {
        return (email != null && !email.isBlank()) || (mobile != null && !mobile.isBlank());
    }
}
