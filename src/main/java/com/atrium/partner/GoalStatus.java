package com.atrium.partner;

/** Where a goal stands. Completed and cancelled goals are no longer at risk. */
public enum GoalStatus {
    NOT_STARTED("Not started"), IN_PROGRESS("In progress"), COMPLETED("Completed"), CANCELLED("Cancelled");

    private final String label;

    GoalStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public boolean open() {
        return this == NOT_STARTED || this == IN_PROGRESS;
    }
}
