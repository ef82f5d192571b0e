package com.atrium.crm;

/** The CRMs Atrium can connect to. */
public enum CrmType {
    XPLAN("Iress Xplan");

    private final String label;

    CrmType(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
