package com.atrium.outsider;

import com.atrium.shared.Actor;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/** The client portal's pages: my files, and one file (read-only or editable per the grant). */
@Controller
class PortalController {
    private final PortalService portal;
    private final com.atrium.inventory.InventoryService inventory;

    PortalController(PortalService portal, com.atrium.inventory.InventoryService inventory) {
        this.portal = portal;
        this.inventory = inventory;
    }

    @GetMapping("/portal")
    String files(Actor actor, @RequestParam(required = false) String q, Model model) {
        model.addAttribute("files", portal.files(actor, q));
        model.addAttribute("me", actor.name());
        return "outsider/portal";
    }

    @GetMapping("/portal/files/{id}")
    String file(Actor actor, @PathVariable long id, Model model) {
        model.addAttribute("file", portal.file(actor, id));
        model.addAttribute("wealth", inventory.wealth(actor, id));
        model.addAttribute("donations", inventory.donations(actor, id));
        model.addAttribute("me", actor.name());
        return "outsider/portal-file";
    }
}
