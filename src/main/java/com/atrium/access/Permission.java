package com.atrium.access;

/** What a person may do on a client file. The catalogue of who gets which lives in {@link TeamRole} and {@link PathKind}. */
public enum Permission {
    VIEW_FILE("View the client file"),
    EDIT_PROFILE("Edit the client profile"),
    EDIT_FAMILY("Edit the family structure"),
    EDIT_INVENTORIES("Edit the wealth and donations inventories"),
    MANAGE_NOTES("Write file notes"),
    RUN_SIMULATIONS("Create and run simulations"),
    EXPORT_PLAN("Export the plan and the investment preferences (PDF)"),
    MANAGE_TEAM("Manage household access (team, roles, primary professional)"),
    MANAGE_OUTSIDERS("Grant outsiders access to the file"),
    GRANT_FAMILY("Grant family members of the file access"),
    VIEW_ENGAGEMENT("See the Your Life survey, values and investment preferences"),
    COMPLETE_SURVEYS("Complete the Your Life survey and the investment preferences"),
    RUN_VALUES_SESSION("Run a values session"),
    // ---- business accounts (partner portal): on households nobody needs them, no screen asks
    VIEW_GOALS("See the account's goals, tasks and boards"),
    EDIT_GOALS("Create and change goals, tasks and boards, post in goal channels"),
    ENTER_WORKSPACE("Work in the account's workspace as one of its members"),
    ADMINISTER_WORKSPACE("Administer the account's users from its workspace"),
    ADVISOR_MODE("Enter the account's workspace in advisor mode"),
    MANAGE_ACCOUNT("Manage the business account (licence, users, diagnostic participation)");

    private final String label;

    Permission(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Permissions about a business account (partner portal): no path gives them on a household. */
    public boolean businessOnly() {
        return ordinal() >= VIEW_GOALS.ordinal();
    }
}
