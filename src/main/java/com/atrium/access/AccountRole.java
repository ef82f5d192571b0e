package com.atrium.access;

/** How a person is a member of a business account ({@link Relation.AccountMember}). */
public enum AccountRole {
    /** The account's administrator (its primary contact; a business user). */
    ADMIN("Administrator"),
    /** Another user of the account (a business user). */
    MEMBER("Member"),
    /** A staff user acting inside the account in advisor mode. */
    ADVISOR_MODE("Adviser in advisor mode");

    private final String label;

    AccountRole(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
