package com.atrium.household;

import jakarta.validation.constraints.NotNull;

/**
 * Hands the primary professional role to another Professional of the practice.
 *
 * @param userId           the Professional who becomes primary
 * @param keepFormerOnTeam whether the former primary stays on the team as an Adviser (the default) or leaves it
 */
public record PrimaryForm(@NotNull(message = "Choose the Professional who becomes primary professional.") Long userId,
                          Boolean keepFormerOnTeam) {

    public boolean keepFormer() {
        return keepFormerOnTeam == null || keepFormerOnTeam;
    }
}
