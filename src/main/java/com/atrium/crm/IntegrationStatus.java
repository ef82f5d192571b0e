package com.atrium.crm;

/** Where an integration is in its set-up. */
public enum IntegrationStatus {
    /** added: the practice checks that existing clients carry their CRM ids (id-mapping import), then confirms */
    DRAFT("Checking client ids"),
    /** details entered: waiting for the CRM's consent (OAuth 2.0) */
    CONFIGURED("Waiting for consent"),
    /** consent given: Atrium holds tokens and syncs */
    CONNECTED("Connected");

    private final String label;

    IntegrationStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
