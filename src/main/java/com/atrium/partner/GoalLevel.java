package com.atrium.partner;

/** A goal's level: the organisation's, or a person's own. */
public enum GoalLevel {
    ORGANISATION("Organisation"), PERSONAL("Personal");

    private final String label;

    GoalLevel(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
