package com.atrium.shared;

/** The kinds of people who log in to Atrium. */
public enum UserType {
    PROFESSIONAL("Professional"),
    SUPPORT("Support staff"),
    ASSISTANT("Assistant"),
    OUTSIDER("Outsider");

    private final String label;

    UserType(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public boolean isStaff() {
        return this != OUTSIDER;
    }
}
