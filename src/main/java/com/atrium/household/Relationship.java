package com.atrium.household;

/** How a person relates to the household's holder. */
public enum Relationship {
    HOLDER("Holder"),
    CO_HOLDER("Co-holder"),
    SPOUSE("Spouse / partner"),
    CHILD("Child"),
    PARENT("Parent"),
    OTHER("Other");

    private final String label;

    Relationship(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
