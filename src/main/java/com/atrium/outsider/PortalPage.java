package com.atrium.outsider;

import com.atrium.household.FamilyService;
import com.atrium.household.PersonView;
import com.atrium.household.Relationship;
import com.atrium.inventory.DonationKind;
import com.atrium.inventory.InventoryService;
import com.atrium.inventory.WealthType;
import com.atrium.shared.Actor;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * What the portal page of one file shows (used to show it and to show it again with a form's errors). The forms
 * appear only from the flags of {@link PortalFileView}, which the access module computed; the services refuse
 * anything else anyway.
 */
@Component
class PortalPage {
    static final String VIEW = "outsider/portal-file";

    private final PortalService portal;
    private final InventoryService inventory;
    private final FamilyService family;
    private final OutsiderService outsiders;

    PortalPage(PortalService portal, InventoryService inventory, FamilyService family, OutsiderService outsiders) {
        this.portal = portal;
        this.inventory = inventory;
        this.family = family;
        this.outsiders = outsiders;
    }

    void fill(Actor actor, long id, Model model) {
        PortalFileView file = portal.file(actor, id);
        model.addAttribute("file", file);
        // holders and co-holders see their family's access and may give them access
        model.addAttribute("rights", file.canGrantFamily() ? outsiders.accessRights(actor, id) : null);
        model.addAttribute("wealth", inventory.wealth(actor, id));
        model.addAttribute("donations", inventory.donations(actor, id));
        model.addAttribute("me", actor.name());
        if (file.canEditFamily() || file.canEditInventories()) {
            // the people's details (first and last name, contact) for the edit forms and the owner / donor choices
            Map<Long, PersonView> people = new LinkedHashMap<>();
            family.family(actor, id).people().forEach(p -> people.put(p.id(), p));
            model.addAttribute("people", people);
            // who is holder or co-holder is decided by the file manager only: the portal never offers those roles
            model.addAttribute("relationships", java.util.Arrays.stream(Relationship.values())
                    .filter(r -> r != Relationship.HOLDER && r != Relationship.CO_HOLDER).toList());
            model.addAttribute("wealthTypes", WealthType.values());
            model.addAttribute("donationKinds", DonationKind.values());
        }
        if (!model.containsAttribute("input")) {
            model.addAttribute("input", Map.of());
            model.addAttribute("fieldErrors", Map.of());
            model.addAttribute("form", "");
        }
    }
}
