package com.atrium.workgroup;

import jakarta.validation.constraints.NotNull;

/** Who to invite: a user id (shown on every user's profile page and in the staff list). */
public record InvitationForm(@NotNull(message = "Enter the user id of the person to invite.") Long userId) {
}
