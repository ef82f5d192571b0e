package com.atrium.household;

/** One row of the client list ({@code workgroupId} and {@code workgroupDescription} null when the client is in none). */
public record ClientSummary(long id, String displayName, ClientStatus status, long primaryProfessionalId,
                            String primaryProfessionalName, Long workgroupId, String workgroupDescription) {

    public String statusLabel() {
        return status.label();
    }
}
