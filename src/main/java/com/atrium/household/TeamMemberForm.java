package com.atrium.household;

import jakarta.validation.constraints.NotNull;

/**
 * Adds a staff user of the practice to a household's team.
 *
 * @param userId the staff user to add
 * @param role   a team role by code or label (see {@link com.atrium.access.TeamRole})
 */
public record TeamMemberForm(@NotNull(message = "Choose the staff user to add.") Long userId,
                             @NotNull(message = "Choose a role.") String role) {
}
