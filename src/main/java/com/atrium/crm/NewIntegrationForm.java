package com.atrium.crm;

/** {@code POST /api/integrations}: the CRM type (XPLAN) and, optionally, the details at once. */
public record NewIntegrationForm(CrmType type, String name, String authMode, String forwardHost, String appId, String clientSecret,
                                 Boolean enabled, Boolean mappingsConfirmed) {

    IntegrationForm details() {
        return new IntegrationForm(name, authMode, forwardHost, appId, clientSecret, enabled, mappingsConfirmed);
    }
}
