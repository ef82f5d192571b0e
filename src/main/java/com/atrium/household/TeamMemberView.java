package com.atrium.household;

import com.atrium.access.TeamRole;
import com.atrium.shared.UserType;
import java.time.Instant;

/**
 * One person on a household's team, as the Team & access screen and {@code GET /api/clients/{id}/team}
 * show them.
 *
 * @param userId    the staff user
 * @param name      their name
 * @param email     their email
 * @param userType  Professional, Support staff or Assistant
 * @param role      their team role (for the primary: the role they keep if they hand over and stay)
 * @param primary   true for the household's primary professional
 * @param active    false when their account is disabled (they then have no access, whatever the team says)
 * @param since     when they joined the team (for the primary: when they became primary)
 * @param addedById who added them (or appointed the primary), when known
 * @param addedBy   that person's name, when known
 */
public record TeamMemberView(long userId, String name, String email, UserType userType, TeamRole role, boolean primary,
                             boolean active, Instant since, Long addedById, String addedBy) {

    public String roleLabel() {
        return primary ? "Primary professional" : role.label();
    }

    public String userTypeLabel() {
        return userType.label();
    }
}
