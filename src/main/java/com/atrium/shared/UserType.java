package com.atrium.shared;

/** The kinds of people who log in to Atrium. */
public enum UserType {
    PROFESSIONAL("Professional"),
    SUPPORT("Support staff"),
    ASSISTANT("Assistant"),
    OUTSIDER("Outsider"),
    /** A user of a client business account (partner portal): reaches only that account's workspace. */
    BUSINESS("Business user");

    private final String label;

    UserType(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public boolean isStaff() {
        return this == PROFESSIONAL || this == SUPPORT || this == ASSISTANT;
    }

    public boolean isBusiness() {
        return this == BUSINESS;
    }
}
