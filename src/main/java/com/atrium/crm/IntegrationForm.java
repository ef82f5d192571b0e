package com.atrium.crm;

import jakarta.validation.constraints.Size;

/**
 * An integration's details. On the form every field is sent; in {@code PATCH /api/integrations/{id}} a missing or
 * null field stays as it is (the secret, once stored, is only ever replaced, never shown).
 *
 * @param forwardHost       the Xplan site's host, no scheme: {@code harbour.xplan.iress.com.au}
 * @param appId             the app id (OAuth client id) Iress issued for Atrium; sent as {@code X-Xplan-App-Id}
 * @param clientSecret      the OAuth client secret Iress issued (write-only)
 * @param mappingsConfirmed the practice confirms that clients existing in both systems carry their CRM id
 */
public record IntegrationForm(
        @Size(max = 100, message = "The name is at most 100 characters.") String name,
        String authMode,
        @Size(max = 253, message = "The host is at most 253 characters.") String forwardHost,
        @Size(max = 200, message = "The app id is at most 200 characters.") String appId,
        @Size(max = 500, message = "The secret is at most 500 characters.") String clientSecret,
        Boolean enabled,
        Boolean mappingsConfirmed) {
}
