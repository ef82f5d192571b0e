package com.atrium.household.plan;

import com.atrium.access.AccessService;
import com.atrium.access.Permission;
import com.atrium.audit.AuditRecord;
import com.atrium.audit.AuditTrail;
import com.atrium.household.ClientView;
import com.atrium.household.HouseholdService;
import com.atrium.practice.PracticeService;
import com.atrium.shared.Actor;
import java.time.Clock;
import java.time.LocalDate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Exports a household's plan summary as a PDF, for those with the export permission, and records the export. */
@Service
class PlanExportService {
    static final String ACTION = "PLAN_EXPORTED";

    private final AccessService access;
    private final HouseholdService households;
    private final PracticeService practice;
    private final AuditTrail trail;
    private final PlanPdfRenderer renderer;
    private final Clock clock;

    PlanExportService(AccessService access, HouseholdService households, PracticeService practice, AuditTrail trail,
                      PlanPdfRenderer renderer, Clock clock) {
        this.access = access;
        this.households = households;
        this.practice = practice;
        this.trail = trail;
        this.renderer = renderer;
        this.clock = clock;
    }

    record PlanPdf(String fileName, byte[] content) {
    }

    /**
     * 404 when the actor may not see the client, 403 when they see it without {@link Permission#EXPORT_PLAN}.
     * The audit entry is appended after rendering, so the practice's chain is locked only for the commit.
     */
    @Transactional
    PlanPdf export(Actor actor, long clientId) {
        access.require(actor, Permission.EXPORT_PLAN, clientId);
        ClientView client = households.get(actor, clientId);
        PlanDocument plan = PlanDocument.of(client, practice.practiceOf(actor).name(), LocalDate.now(clock));
        byte[] pdf = renderer.pdf(plan);
        trail.record(AuditRecord.of(actor.practiceId(), actor.userId(), ACTION).client(clientId)
                .change(null, "Plan summary exported as PDF (" + plan.fileName() + ")"));
        return new PlanPdf(plan.fileName(), pdf);
    }
}
