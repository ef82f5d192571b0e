package com.atrium.crm;

import java.time.Instant;
import java.util.List;

/** A client's Insurance tab: where the data comes from (each CRM link with its CRM-owned profile values) and the policies. */
public record InsuranceView(long clientId, List<Source> sources, List<PolicyView> policies) {

    public record Source(String integration, String externalId, Instant syncedAt, String title, String sex, String addressLine1,
                         String addressLine2, String suburb, String postcode, String state, String countryCode, String adviserName,
                         String adviserEmail) {
    }

    public boolean fromCrm() {
        return !sources.isEmpty();
    }
}
