package com.atrium.household;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.List;

/**
 * A new client household. The display name may be left blank: it is then made from the people
 * (e.g. "Nguyen, Linh & Tom"). The primary professional may be left blank: the rules pick one.
 * The workgroup may be left blank: the creator's default workgroup (if any) is used; {@value #NO_WORKGROUP}
 * means none. Assistants add clients through one of their workgroups, whose owner becomes primary.
 */
public record ClientForm(
        @Size(max = 200, message = "The name is at most 200 characters.") String displayName,
        ClientStatus status,
        Long primaryProfessionalId,
        @NotEmpty(message = "Add at least one person.") @Size(max = 20, message = "At most 20 people per household.") List<@Valid PersonForm> people,
        Long workgroupId) {

    /** {@code workgroupId} value meaning "no workgroup" (blank means "my default workgroup"). */
    public static final long NO_WORKGROUP = 0L;

    public ClientForm {
        people = people == null ? new ArrayList<>() : new ArrayList<>(people);
    }

    /** A client in the creator's default workgroup (if any). */
    public ClientForm(String displayName, ClientStatus status, Long primaryProfessionalId, List<PersonForm> people) {
        this(displayName, status, primaryProfessionalId, people, null);
    }
}
