package com.atrium.access;

/** The two levels of an outsider grant. */
public enum AccessLevel {
    READ_WRITE("Read-write"),
    READ_ONLY("Read-only");

    private final String label;

    AccessLevel(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** True when this level gives at least what {@code other} gives. */
    public boolean covers(AccessLevel other) {
        return this == READ_WRITE || other == READ_ONLY;
    }
}
