package com.atrium.household;

import jakarta.validation.constraints.NotNull;

/**
 * Adds a staff user of the practice to a household's team.
 *
 * @param userId the staff user to add
 * @param role   ADVISER, PARAPLANNER, ADMINISTRATOR or READ_ONLY
 */
public record TeamMemberForm(@NotNull(message = "Choose the staff user to add.") Long userId,
                             @NotNull(message = "Choose a role: Adviser, Paraplanner, Administrator or Read-only.") String role) {
}
