package com.atrium.engagement;

import com.atrium.access.AccessService;
import com.atrium.access.Permission;
import com.atrium.audit.AuditRecord;
import com.atrium.audit.AuditTrail;
import com.atrium.household.ClientView;
import com.atrium.household.HouseholdService;
import com.atrium.inventory.InventoryService;
import com.atrium.practice.PracticeService;
import com.atrium.shared.Actor;
import com.atrium.simulation.SimulationService;
import com.atrium.simulation.SimulationView;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Exports a household's plan as a PDF (household, family, wealth and donations with totals, the latest simulation, Your
 * Life, top values, investment preferences, the primary professional's contact, page numbers) for those with the export
 * permission; records the export and publishes it, with the PDF, for the CRM file notes.
 */
@Service
class PlanExportService {
    static final String ACTION = "PLAN_EXPORTED";
    /** The subject of the plan's CRM file note (the seed's "Best Life Plan Created", named for Atrium). */
    static final String FILE_NOTE_SUBJECT = "Atrium Plan Created";

    private final AccessService access;
    private final HouseholdService households;
    private final PracticeService practice;
    private final InventoryService inventory;
    private final SimulationService simulations;
    private final EngagementRepository engagement;
    private final AuditTrail trail;
    private final PdfRenderer renderer;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    PlanExportService(AccessService access, HouseholdService households, PracticeService practice, InventoryService inventory,
                      SimulationService simulations, EngagementRepository engagement, AuditTrail trail, PdfRenderer renderer,
                      ApplicationEventPublisher events, Clock clock) {
        this.access = access;
        this.households = households;
        this.practice = practice;
        this.inventory = inventory;
        this.simulations = simulations;
        this.engagement = engagement;
        this.trail = trail;
        this.renderer = renderer;
        this.events = events;
        this.clock = clock;
    }

    record PlanPdf(String fileName, byte[] content) {
    }

    PlanDocument document(Actor actor, long clientId) {
        ClientView client = households.get(actor, clientId);
        List<SimulationView> runs = simulations.list(actor, clientId);
        List<ValuesSessionView> sessions = engagement.valuesSessions(clientId);
        return PlanDocument.of(client, practice.practiceOf(actor).name(), LocalDate.now(clock), inventory.wealth(actor, clientId),
                inventory.donations(actor, clientId), runs.isEmpty() ? null : runs.get(0),
                EngagementService.latestPerPerson(engagement.yourLife(clientId), YourLifeView::personId),
                sessions.isEmpty() ? null : sessions.get(0),
                EngagementService.latestPerPerson(engagement.preferences(clientId), PreferencesView::personId));
    }

    /**
     * 404 when the actor may not see the client, 403 when they see it without {@link Permission#EXPORT_PLAN}. The audit
     * entry is appended after rendering, so the practice's chain is locked only for the commit.
     */
    @Transactional
    PlanPdf export(Actor actor, long clientId) {
        access.require(actor, Permission.EXPORT_PLAN, clientId);
        PlanDocument plan = document(actor, clientId);
        byte[] pdf = renderer.pdf("engagement/plan-pdf", Map.of("plan", plan));
        long auditId = trail.record(AuditRecord.of(actor.practiceId(), actor.userId(), ACTION).client(clientId)
                .change(null, "Plan exported as PDF (" + plan.fileName() + ")"));
        events.publishEvent(new ClientInteractionRecorded(actor.practiceId(), clientId, ClientInteractionRecorded.Kind.PLAN_EXPORTED,
                auditId, FILE_NOTE_SUBJECT, "", plan.fileName(), pdf, actor.userId()));
        return new PlanPdf(plan.fileName(), pdf);
    }
}
