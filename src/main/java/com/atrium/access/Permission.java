package com.atrium.access;

/** What a person may do on a client file. The catalogue of who gets which lives in {@link TeamRole} and {@link PathKind}. */
public enum Permission {
    VIEW_FILE("View the client file"),
    EDIT_PROFILE("Edit the client profile"),
    EDIT_FAMILY("Edit the family structure"),
    EDIT_INVENTORIES("Edit the wealth and donations inventories"),
    MANAGE_NOTES("Write file notes"),
    RUN_SIMULATIONS("Create and run simulations"),
    EXPORT_PLAN("Export the plan (PDF)"),
    MANAGE_TEAM("Manage household access (team, roles, primary professional)"),
    MANAGE_OUTSIDERS("Grant outsiders access to the file"),
    GRANT_FAMILY("Grant family members of the file access");

    private final String label;

    Permission(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
