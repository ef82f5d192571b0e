package com.atrium.inventory;

public enum WealthKind {
    ASSET("Asset"), LIABILITY("Liability");

    private final String label;

    WealthKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
