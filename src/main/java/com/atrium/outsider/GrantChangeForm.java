package com.atrium.outsider;

import com.atrium.access.AccessLevel;
import jakarta.validation.constraints.NotNull;
import java.time.LocalDate;

/** A change to a grant: its level and its last day (null: no end). */
public record GrantChangeForm(@NotNull(message = "Choose read-write or read-only.") AccessLevel level, LocalDate expiresOn) {
}
