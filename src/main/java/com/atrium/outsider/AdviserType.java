package com.atrium.outsider;

/** The kinds of external adviser a client file can record (spec C6). */
public enum AdviserType {
    BANKER("Banker"),
    NOTARY("Notary"),
    LAWYER("Lawyer"),
    ACCOUNTANT("Accountant"),
    OTHER("Other");

    private final String label;

    AdviserType(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
