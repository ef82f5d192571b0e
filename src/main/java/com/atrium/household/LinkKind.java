package com.atrium.household;

/** How two people of a household are linked. */
public enum LinkKind {
    /** From a parent to their child. */
    PARENT_OF("parent of"),
    /** Spouse or partner (symmetric). */
    PARTNER_OF("spouse / partner of");

    private final String label;

    LinkKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
