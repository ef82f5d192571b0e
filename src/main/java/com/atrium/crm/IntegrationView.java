package com.atrium.crm;

import java.time.Instant;

/**
 * An integration as the settings page and the API show it. The client secret and the tokens are never part of it:
 * {@code secretSet} only says whether one is stored.
 */
public record IntegrationView(long id, CrmType type, String name, String authMode, String forwardHost, String appId, boolean secretSet,
                              boolean enabled, IntegrationStatus status, boolean mappingsConfirmed, String connectedAs,
                              Instant connectedAt, Instant createdAt, SyncRunView lastRun, String consentUrl) {

    public String typeLabel() {
        return type.label();
    }

    public String statusLabel() {
        return status == IntegrationStatus.CONNECTED ? "Connected as " + connectedAs : status.label();
    }

    public boolean connected() {
        return status == IntegrationStatus.CONNECTED;
    }
}
