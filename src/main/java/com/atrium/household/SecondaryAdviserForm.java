package com.atrium.household;

import jakarta.validation.constraints.NotNull;

/** The Professional to appoint as a client's secondary adviser. */
public record SecondaryAdviserForm(@NotNull(message = "Enter the user id of the Professional to appoint.") Long userId) {
}
