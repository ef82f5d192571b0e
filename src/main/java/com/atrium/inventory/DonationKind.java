package com.atrium.inventory;

public enum DonationKind {
    MONEY("Gift of money"), REAL_ESTATE("Property"), SHARES("Shares"), OTHER("Other");

    private final String label;

    DonationKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
