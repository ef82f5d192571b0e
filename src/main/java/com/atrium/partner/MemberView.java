package com.atrium.partner;

import java.time.Instant;

/**
 * A user of a business account as the screens show them.
 *
 * @param invitation "Queued", "Sent 3 Dec 2026", "Expired", "Accepted" (they chose their own password)
 */
public record MemberView(long userId, String firstName, String lastName, String email, boolean admin, boolean active,
                         Instant addedAt, String invitation) {

    public String name() {
        return firstName + " " + lastName;
    }
}
