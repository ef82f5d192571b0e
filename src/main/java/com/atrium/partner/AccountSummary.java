package com.atrium.partner;

import java.time.LocalDate;

/** One row of the partner portal's account lists (free trial / paid). */
public record AccountSummary(long id, String name, Licence licence, boolean paid, LocalDate trialStartedOn, LocalDate paidSince,
                             long adviserId, String adviserName, int users, boolean quickStart, int diagnosticRound,
                             boolean mayUseAdvisorMode) {

    public String licenceLabel() {
        return licence.label();
    }
}
