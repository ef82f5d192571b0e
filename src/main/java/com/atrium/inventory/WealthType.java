package com.atrium.inventory;

/** The type of a wealth item; each belongs to one kind (asset or liability). */
public enum WealthType {
    REAL_ESTATE(WealthKind.ASSET, "Real estate"),
    CASH(WealthKind.ASSET, "Cash and deposits"),
    SECURITIES(WealthKind.ASSET, "Securities"),
    LIFE_INSURANCE(WealthKind.ASSET, "Life insurance"),
    BUSINESS(WealthKind.ASSET, "Business"),
    OTHER_ASSET(WealthKind.ASSET, "Other asset"),
    MORTGAGE(WealthKind.LIABILITY, "Mortgage"),
    LOAN(WealthKind.LIABILITY, "Loan"),
    TAX_DEBT(WealthKind.LIABILITY, "Tax debt"),
    OTHER_LIABILITY(WealthKind.LIABILITY, "Other liability");

    private final WealthKind kind;
    private final String label;

    WealthType(WealthKind kind, String label) {
        this.kind = kind;
        this.label = label;
    }

    public WealthKind kind() {
        return kind;
    }

    public String label() {
        return label;
    }
}
