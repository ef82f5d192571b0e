package com.atrium.access;

/** Practice-level permissions (not tied to one client). */
public enum PracticePermission {
    VIEW_STAFF("See the practice's staff list"),
    MANAGE_STAFF("Create and change staff users"),
    CREATE_CLIENT("Add clients"),
    VIEW_AUDIT_TRAIL("See and verify the practice's audit trail"),
    MANAGE_INTEGRATIONS("See and change CRM integrations and their sync runs"),
    REVIEW_ACCESS("Review every access to the practice's clients and revoke it in bulk");

    private final String label;

    PracticePermission(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
