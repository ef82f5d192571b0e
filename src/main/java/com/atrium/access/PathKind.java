package com.atrium.access;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * The ways a person can come to have access to a client. Paths whose permissions depend on a role
 * (a team membership) take them from {@link TeamRole}; the others have a fixed set here.
 */
public enum PathKind {
    /** Practice managers may see and manage every client of their practice (but only the file manager grants outsiders). */
    PRACTICE_MANAGER(EnumSet.complementOf(EnumSet.of(Permission.MANAGE_OUTSIDERS))),
    /** The primary professional (file manager) may do everything on their clients. */
    PRIMARY(EnumSet.allOf(Permission.class)),
    /** A team member: permissions of their {@link TeamRole}. */
    TEAM(EnumSet.noneOf(Permission.class));

    private final Set<Permission> fixed;

    PathKind(Set<Permission> fixed) {
        this.fixed = Collections.unmodifiableSet(fixed);
    }

    public Set<Permission> fixedPermissions() {
        return fixed;
    }
}
