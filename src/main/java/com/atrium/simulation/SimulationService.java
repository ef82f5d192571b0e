package com.atrium.simulation;

import com.atrium.access.AccessService;
import com.atrium.access.Permission;
import com.atrium.household.FamilyService;
import com.atrium.household.FamilyView;
import com.atrium.household.PersonView;
import com.atrium.household.Relationship;
import com.atrium.inventory.DonationView;
import com.atrium.inventory.InventoryService;
import com.atrium.inventory.WealthItemView;
import com.atrium.inventory.WealthKind;
import com.atrium.inventory.WealthView;
import com.atrium.practice.PracticeService;
import com.atrium.practice.StaffView;
import com.atrium.shared.Actor;
import com.atrium.shared.InvalidInputException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.ObjectMapper;

/**
 * Runs the {@link EstateProjection} on a client file's family and inventories and keeps the result. Running
 * and reading simulations both need {@link Permission#RUN_SIMULATIONS} (a staff working tool: outsiders
 * never get it, and Read-only or Administrator team members do not see simulations either).
 */
@Service
public class SimulationService {
    static final int LIST_LIMIT = 50;

    private final SimulationRepository simulations;
    private final AccessService access;
    private final FamilyService family;
    private final InventoryService inventory;
    private final PracticeService practice;
    private final ApplicationEventPublisher events;
    private final ObjectMapper json;
    private final Clock clock;

    SimulationService(SimulationRepository simulations, AccessService access, FamilyService family, InventoryService inventory,
                      PracticeService practice, ApplicationEventPublisher events, ObjectMapper json, Clock clock) {
        this.simulations = simulations;
        this.access = access;
        this.family = family;
        this.inventory = inventory;
        this.practice = practice;
        this.events = events;
        this.json = json;
        this.clock = clock;
    }

    @Transactional
    public SimulationView run(Actor actor, long clientId, SimulationForm form) {
        access.require(actor, Permission.RUN_SIMULATIONS, clientId);
        FamilyView f = family.family(actor, clientId);
        Long requested = form == null ? null : form.deceasedPersonId();
        PersonView deceased = requested == null
                ? f.people().stream().filter(p -> p.relationship() == Relationship.HOLDER).findFirst().orElse(f.people().get(0))
                : f.people().stream().filter(p -> p.id() == requested).findFirst()
                        .orElseThrow(() -> new InvalidInputException("deceasedPersonId", "Person " + requested + " is not in this household."));
        WealthView wealth = inventory.wealth(actor, clientId);
        List<DonationView> donations = inventory.donations(actor, clientId).donations();
        LocalDate today = LocalDate.now(clock);
        EstateProjection.Result result = EstateProjection.project(deceased.id(),
                f.people().stream().map(p -> new EstateProjection.Person(p.id(), p.name(), p.relationship().name())).toList(),
                f.links().stream().map(l -> new EstateProjection.Link(l.fromPersonId(), l.toPersonId(), l.kind().name())).toList(),
                Stream.concat(wealth.assets().stream(), wealth.liabilities().stream()).map(SimulationService::item).toList(),
                donations.stream().map(d -> new EstateProjection.Gift(d.date(), d.donorPersonId(), d.recipientPersonId(), d.amount())).toList(),
                today);
        OffsetDateTime now = OffsetDateTime.now(clock);
        long id = simulations.insert(actor.practiceId(), clientId, deceased.id(), result.netEstate(), result.totalTax(),
                json.writeValueAsString(result), actor.userId(), now);
        events.publishEvent(new SimulationRun(actor.practiceId(), actor.userId(), clientId, "Estate of " + result.deceasedName()
                + ": net EUR " + result.netEstate().toPlainString() + ", " + result.heirs().size() + " heir(s), tax EUR "
                + result.totalTax().toPlainString() + " (rule " + result.rule() + ")"));
        return new SimulationView(id, now.toInstant(), actor.userId(), actor.name(), result);
    }

    /** The client's stored simulations, newest first (the last {@value #LIST_LIMIT}). */
    @Transactional(readOnly = true)
    public List<SimulationView> list(Actor actor, long clientId) {
        access.require(actor, Permission.RUN_SIMULATIONS, clientId);
        return simulations.list(clientId, LIST_LIMIT).stream().map(r -> new SimulationView(r.id(), r.createdAt(), r.createdBy(),
                practice.userInPractice(actor.practiceId(), r.createdBy()).map(StaffView::name).orElse("user #" + r.createdBy()),
                json.readValue(r.json(), EstateProjection.Result.class))).toList();
    }

    private static EstateProjection.Item item(WealthItemView i) {
        return new EstateProjection.Item(i.kind() == WealthKind.ASSET, i.value(),
                i.owners().stream().map(o -> new EstateProjection.Owner(o.personId(), o.sharePercent())).toList());
    }
}
