package com.atrium.crm;

import java.time.Instant;

/** One integration as stored (secrets still encrypted). */
record IntegrationRow(long id, long practiceId, CrmType type, String name, String authMode, String forwardHost, String appId,
                      String clientSecretEnc, boolean enabled, IntegrationStatus status, boolean mappingsConfirmed,
                      String connectedAs, Long connectedBy, Instant connectedAt, String accessTokenEnc, Instant accessTokenIssuedAt,
                      Instant accessTokenExpiresAt, String refreshTokenEnc, long createdBy, Instant createdAt, Instant updatedAt) {

    String registrationId() {
        return CrmOAuth.registrationId(id);
    }

    boolean connected() {
        return status == IntegrationStatus.CONNECTED && refreshTokenEnc != null;
    }
}
