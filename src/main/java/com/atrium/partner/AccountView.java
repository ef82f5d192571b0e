package com.atrium.partner;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A business account with what the asker may do on it (computed by the access module; templates only read the flags).
 */
public record AccountView(long id, String name, Licence licence, boolean paid, LocalDate trialStartedOn, LocalDate paidSince,
                          long adviserId, String adviserName, int diagnosticRound, boolean workspaceOpen, Instant createdAt,
                          List<MemberView> users, List<LicenceChangeView> licenceChanges, boolean mayManage,
                          boolean mayUseAdvisorMode) {

    public String licenceLabel() {
        return licence.label();
    }

    public String status() {
        return paid ? "Paid since " + PartnerService.DAY.format(paidSince) : "Free trial since " + PartnerService.DAY.format(trialStartedOn);
    }

    /** A change of licence or paid status, as recorded. */
    public record LicenceChangeView(Instant at, String by, String licenceBefore, String licenceAfter, Boolean paidBefore,
                                    boolean paidAfter, String text) {
        LicenceChangeView(Instant at, String by, String licenceBefore, String licenceAfter, Boolean paidBefore, boolean paidAfter) {
            this(at, by, licenceBefore, licenceAfter, paidBefore, paidAfter,
                    (licenceBefore == null ? "created" : licenceBefore + (Boolean.TRUE.equals(paidBefore) ? ", paid" : ", free trial"))
                            + " → " + licenceAfter + (paidAfter ? ", paid" : ", free trial"));
        }
    }
}
