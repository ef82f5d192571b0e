package com.atrium.access;

import static com.atrium.access.Permission.EDIT_FAMILY;
import static com.atrium.access.Permission.EDIT_INVENTORIES;
import static com.atrium.access.Permission.EDIT_PROFILE;
import static com.atrium.access.Permission.EXPORT_PLAN;
import static com.atrium.access.Permission.MANAGE_NOTES;
import static com.atrium.access.Permission.RUN_SIMULATIONS;
import static com.atrium.access.Permission.ADVISOR_MODE;
import static com.atrium.access.Permission.EDIT_GOALS;
import static com.atrium.access.Permission.VIEW_FILE;
import static com.atrium.access.Permission.VIEW_GOALS;
import static com.atrium.access.Permission.COMPLETE_SURVEYS;
import static com.atrium.access.Permission.RUN_VALUES_SESSION;
import static com.atrium.access.Permission.VIEW_ENGAGEMENT;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * Roles a staff user can hold on a household team, and what each may do. This is the single place
 * the catalogue is written; docs/access-model.md mirrors it (a test keeps the two in step).
 */
public enum TeamRole {
    ADVISER("Adviser", EnumSet.of(VIEW_FILE, EDIT_PROFILE, EDIT_FAMILY, EDIT_INVENTORIES, MANAGE_NOTES, RUN_SIMULATIONS, EXPORT_PLAN,
            VIEW_ENGAGEMENT, COMPLETE_SURVEYS, RUN_VALUES_SESSION, VIEW_GOALS, EDIT_GOALS, ADVISOR_MODE)),
    PARAPLANNER("Paraplanner", EnumSet.of(VIEW_FILE, EDIT_FAMILY, EDIT_INVENTORIES, MANAGE_NOTES, RUN_SIMULATIONS, EXPORT_PLAN,
            VIEW_ENGAGEMENT, COMPLETE_SURVEYS, RUN_VALUES_SESSION, VIEW_GOALS, EDIT_GOALS)),
    ADMINISTRATOR("Administrator", EnumSet.of(VIEW_FILE, EDIT_PROFILE, MANAGE_NOTES, VIEW_ENGAGEMENT, COMPLETE_SURVEYS, VIEW_GOALS, EDIT_GOALS,
            ADVISOR_MODE)),
    READ_ONLY("Read-only", EnumSet.of(VIEW_FILE, VIEW_ENGAGEMENT, VIEW_GOALS));

    private final String label;
    private final Set<Permission> permissions;

    TeamRole(String label, Set<Permission> permissions) {
        this.label = label;
        this.permissions = Collections.unmodifiableSet(permissions);
    }

    public String label() {
        return label;
    }

    public Set<Permission> permissions() {
        return permissions;
    }
}
