package com.atrium.household;

public enum ClientStatus {
    ACTIVE("Active"), PROSPECT("Prospect"), ARCHIVED("Archived");

    private final String label;

    ClientStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
