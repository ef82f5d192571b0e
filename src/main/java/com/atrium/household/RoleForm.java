package com.atrium.household;

import jakarta.validation.constraints.NotNull;

/** Changes a team member's role in place. */
public record RoleForm(@NotNull(message = "Choose a role.") String role) {
}
