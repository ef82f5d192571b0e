package com.atrium.household;

import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;

/**
 * A person of the family as entered, to add (POST: firstName, lastName and relationship required) or to
 * change (PATCH: every field is optional, a missing or null field stays as it is; send "" to clear
 * middleName, email or mobile). The mobile needs its country code and is validated with libphonenumber.
 * <p>
 * When adding, {@code parentIds} (the people this person is a child of, at most two),
 * {@code childIds} (the people this person is a parent of) and {@code partnerId} (their spouse or
 * partner) create the links in the same step; when changing, they are ignored (use the link endpoints).
 * Making someone the HOLDER hands the role over: the former holder becomes a co-holder.
 */
public record FamilyPersonForm(
        @Size(max = 100, message = "First name is at most 100 characters.") String firstName,
        @Size(max = 100, message = "Middle name is at most 100 characters.") String middleName,
        @Size(max = 100, message = "Last name is at most 100 characters.") String lastName,
        LocalDate dateOfBirth,
        @Size(max = 254, message = "Email is at most 254 characters.") String email,
        @Size(max = 32, message = "Mobile is at most 32 characters.") String mobile,
        String relationship,
        List<Long> parentIds,
        List<Long> childIds,
        Long partnerId) {

    public FamilyPersonForm {
        parentIds = parentIds == null ? List.of() : List.copyOf(parentIds);
        childIds = childIds == null ? List.of() : List.copyOf(childIds);
    }

    /** A person without links. */
    public static FamilyPersonForm of(String firstName, String lastName, LocalDate dateOfBirth, String relationship) {
        return new FamilyPersonForm(firstName, null, lastName, dateOfBirth, null, null, relationship, null, null, null);
    }
}
