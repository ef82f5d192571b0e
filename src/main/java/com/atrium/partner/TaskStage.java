package com.atrium.partner;

/** The three columns of every board, in order; their names can be changed, their stages not. */
public enum TaskStage {
    TODO("To do"), IN_PROGRESS("In progress"), DONE("Done");

    private final String defaultName;

    TaskStage(String defaultName) {
        this.defaultName = defaultName;
    }

    public String defaultName() {
        return defaultName;
    }
}
