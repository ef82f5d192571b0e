package com.atrium.access;

import static com.atrium.access.Permission.EDIT_FAMILY;
import static com.atrium.access.Permission.EDIT_INVENTORIES;
import static com.atrium.access.Permission.EDIT_PROFILE;
import static com.atrium.access.Permission.EXPORT_PLAN;
import static com.atrium.access.Permission.MANAGE_NOTES;
import static com.atrium.access.Permission.RUN_SIMULATIONS;
import static com.atrium.access.Permission.VIEW_FILE;

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
    TEAM(EnumSet.noneOf(Permission.class)),
    /**
     * Owner or member of the workgroup the client is assigned to: works on the file (everything an
     * Adviser team member may do) but manages nobody's access and grants no outsiders. A workgroup is
     * run by its owner, not by the client's file manager, so it must not hand out further access.
     */
    WORKGROUP_MEMBER(EnumSet.of(VIEW_FILE, EDIT_PROFILE, EDIT_FAMILY, EDIT_INVENTORIES, MANAGE_NOTES, RUN_SIMULATIONS, EXPORT_PLAN)),
    /**
     * The client's secondary adviser (a Professional named by those who manage access): co-advises on
     * the file with the same working permissions as a workgroup member, without managing access.
     */
    SECONDARY_ADVISER(EnumSet.of(VIEW_FILE, EDIT_PROFILE, EDIT_FAMILY, EDIT_INVENTORIES, MANAGE_NOTES, RUN_SIMULATIONS, EXPORT_PLAN));

    private final Set<Permission> fixed;

    PathKind(Set<Permission> fixed) {
        this.fixed = Collections.unmodifiableSet(fixed);
    }

    public Set<Permission> fixedPermissions() {
        return fixed;
    }
}
