package com.atrium.household;

/** One row of the client list. */
public record ClientSummary(long id, String displayName, ClientStatus status, long primaryProfessionalId,
                            String primaryProfessionalName) {

    public String statusLabel() {
        return status.label();
    }
}
