package com.atrium.access;

/** Practice-level permissions (not tied to one client). */
public enum PracticePermission {
    VIEW_STAFF("See the practice's staff list"),
    MANAGE_STAFF("Create and change staff users"),
    CREATE_CLIENT("Add clients"),
    VIEW_AUDIT_TRAIL("See and verify the practice's audit trail"),
    MANAGE_INTEGRATIONS("See and change CRM integrations and their sync runs"),
    REVIEW_ACCESS("Review every access to the practice's clients and revoke it in bulk"),
    VIEW_RISK_INSIGHTS("See risk insights (goals below 60 % confidence) of the business accounts one may see"),
    VIEW_MY_BUSINESS("See My Business (paid and trial accounts, licences) for one's own accounts"),
    VIEW_PRACTICE_BUSINESS("See My Business for any adviser of the practice and in aggregate"),
    MANAGE_PRACTICE_SETTINGS("See and change the practice's name, currency and locale");

    private final String label;

    PracticePermission(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
