package com.atrium.outsider;

import com.atrium.shared.ClientFileRead;
import com.atrium.shared.Actor;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import com.atrium.household.FamilyPersonForm;
import com.atrium.household.FamilyService;
import com.atrium.household.FamilyView;
import com.atrium.household.PersonView;
import com.atrium.inventory.DonationsView;
import com.atrium.inventory.InventoryService;
import com.atrium.inventory.WealthItemForm;
import com.atrium.inventory.WealthItemView;
import com.atrium.inventory.WealthView;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The client portal over JSON, for outsiders logged in with their password and mobile code (a session: HTTP
 * Basic alone is refused for outsiders, it has no second factor). Staff get 403.
 */
@RestController
@RequestMapping("/api/portal")
@Tag(name = "Client portal", description = "Files granted to the logged-in family member or external adviser")
class PortalApiController {
    private final PortalService portal;
    private final FamilyService family;
    private final InventoryService inventory;
    private final OutsiderService outsiders;

    PortalApiController(PortalService portal, FamilyService family, InventoryService inventory, OutsiderService outsiders) {
        this.portal = portal;
        this.outsiders = outsiders;
        this.family = family;
        this.inventory = inventory;
    }

    @GetMapping("/files")
    @Operation(summary = "My files", description = "Only the files granted to me and not expired, with my access and the file manager's "
            + "name (at most 200; q searches by name).")
    List<PortalFileSummary> files(Actor actor, @RequestParam(required = false) String q) {
        return portal.files(actor, q);
    }

    @ClientFileRead(ClientFileRead.Kind.PORTAL_FILE)
    @GetMapping("/files/{id}")
    @Operation(summary = "One of my files", description = "The household, its people, the file manager's contact, my access in words and "
            + "what I may change. 404 for any file not granted to me (or expired).")
    PortalFileView file(Actor actor, @PathVariable long id) {
        return portal.file(actor, id);
    }

    // The file sections an outsider may read, and change when their grant allows it (read-write family members:
    // profile, family and inventories; read-write external advisers: family and inventories only). The same
    // services as the staff screens, so the access module decides; staff use /api/clients/{id}/...

    @ClientFileRead(ClientFileRead.Kind.PORTAL_FAMILY)
    @GetMapping("/files/{id}/family")
    @Operation(summary = "The family structure of one of my files")
    FamilyView family(Actor actor, @PathVariable long id) {
        portal.requireOutsider(actor);
        return family.family(actor, id);
    }

    @PostMapping("/files/{id}/family/people")
    @Operation(summary = "Add a person to the family (read-write grants only)", description = "Body as POST /api/clients/{id}/family/people.")
    ResponseEntity<PersonView> addPerson(Actor actor, @PathVariable long id, @Valid @RequestBody FamilyPersonForm form) {
        portal.requireOutsider(actor);
        PersonView p = family.addPerson(actor, id, form);
        return ResponseEntity.created(URI.create("/api/portal/files/" + id + "/family")).body(p);
    }

    @ClientFileRead(ClientFileRead.Kind.PORTAL_WEALTH)
    @GetMapping("/files/{id}/inventory/wealth")
    @Operation(summary = "The wealth inventory of one of my files")
    WealthView wealth(Actor actor, @PathVariable long id) {
        portal.requireOutsider(actor);
        return inventory.wealth(actor, id);
    }

    @PostMapping("/files/{id}/inventory/wealth")
    @Operation(summary = "Add an asset or liability (read-write grants only)", description = "Body as POST /api/clients/{id}/inventory/wealth.")
    ResponseEntity<WealthItemView> addWealthItem(Actor actor, @PathVariable long id, @Valid @RequestBody WealthItemForm form) {
        portal.requireOutsider(actor);
        WealthItemView item = inventory.addWealthItem(actor, id, form);
        return ResponseEntity.created(URI.create("/api/portal/files/" + id + "/inventory/wealth")).body(item);
    }

    @ClientFileRead(ClientFileRead.Kind.PORTAL_DONATIONS)
    @GetMapping("/files/{id}/inventory/donations")
    @Operation(summary = "The donations inventory of one of my files")
    DonationsView donations(Actor actor, @PathVariable long id) {
        portal.requireOutsider(actor);
        return inventory.donations(actor, id);
    }

    @PostMapping("/files/{id}/grants")
    @Operation(summary = "Give a member of my family access (holders and co-holders)", description = "Body as POST "
            + "/api/clients/{id}/grants with subject FAMILY. Only a holder or co-holder with access may, for people of the file's family, "
            + "at most at their own level; everyone else gets 403.")
    ResponseEntity<GrantView> grant(Actor actor, @PathVariable long id, @Valid @RequestBody GrantForm form) {
        portal.requireOutsider(actor);
        GrantView g = outsiders.grant(actor, id, form);
        return ResponseEntity.created(URI.create("/api/portal/files/" + id)).body(g);
    }
}
