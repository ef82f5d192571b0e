package com.atrium.household;

import java.util.List;

/**
 * A change to a client's profile (PATCH, merge-style): a field left out or null stays as it is. {@code status} is
 * {@code ACTIVE}, {@code PROSPECT} or {@code ARCHIVED} (archiving takes the client out of the default client list; its
 * file, history and everyone's access stay). {@code people} changes the details of people already in the household,
 * each named by {@code id}: the same merge rule applies per field; {@code ""} clears middleName, dateOfBirth
 * (YYYY-MM-DD), email and mobile. Relationships and who is in the household are
 * the family structure's (the Family tab, {@code /api/clients/{id}/family}).
 * <p>
 * Lengths agree with the database columns: display name 200, names 100, email 254, mobile 32 characters. Every
 * problem is reported at once, per field ({@code displayName}, {@code status}, {@code people[0].email}, ...).
 */
public record ClientPatch(String displayName, String status, List<PersonPatch> people) {

    public ClientPatch {
        people = people == null ? List.of() : people.stream().map(p -> p == null ? new PersonPatch(null, null, null, null, null, null, null) : p)
                .toList();
    }

    /** The new status only (archive, restore). */
    public static ClientPatch status(ClientStatus status) {
        return new ClientPatch(null, status.name(), null);
    }

    /** One person's details; {@code id} is required, every other field optional. */
    public record PersonPatch(Long id, String firstName, String middleName, String lastName, String dateOfBirth, String email,
                              String mobile) {
    }
}
