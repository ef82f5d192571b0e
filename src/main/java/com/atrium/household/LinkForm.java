package com.atrium.household;

import jakarta.validation.constraints.NotNull;

/**
 * A link between two people of the same household: {@code PARENT_OF} (from the parent to the child) or
 * {@code PARTNER_OF} (spouse / partner; either direction, stored once).
 */
public record LinkForm(@NotNull(message = "Choose the first person.") Long fromPersonId,
                       @NotNull(message = "Choose the second person.") Long toPersonId,
                       String kind) {
}
