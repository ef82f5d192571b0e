package com.atrium.household;

import jakarta.validation.constraints.NotNull;
import java.util.List;

/**
 * Adds a staff user of the practice to a household's team, or several at once with one role.
 *
 * @param userId  the staff user to add (or leave it out and give {@code userIds})
 * @param role    a team role by code or label (see {@link com.atrium.access.TeamRole})
 * @param userIds several staff users to add at once, all or nothing (each problem on {@code userIds[i]})
 */
public record TeamMemberForm(Long userId, @NotNull(message = "Choose a role.") String role, List<Long> userIds) {

    public TeamMemberForm {
        userIds = userIds == null ? List.of() : userIds.stream().filter(java.util.Objects::nonNull).toList();
    }

    public TeamMemberForm(Long userId, String role) {
        this(userId, role, null);
    }
}
