package com.atrium.access;

/** Who an outsider grant is for: a member of the file's family structure, or an external adviser registered in the file. */
public enum GrantSubject {
    FAMILY("Family member"),
    ADVISER("External adviser");

    private final String label;

    GrantSubject(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
