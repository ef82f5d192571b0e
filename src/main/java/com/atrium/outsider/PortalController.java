package com.atrium.outsider;

import com.atrium.shared.Actor;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** The client portal's pages: my files, and one file (read-only or editable per the grant). */
@Controller
class PortalController {
    private final PortalService portal;

    PortalController(PortalService portal) {
        this.portal = portal;
    }

    @GetMapping("/portal")
    String files(Actor actor, Model model) {
        model.addAttribute("files", portal.files(actor));
        model.addAttribute("me", actor.name());
        return "outsider/portal";
    }

    @GetMapping("/portal/files/{id}")
    String file(Actor actor, @PathVariable long id, Model model) {
        model.addAttribute("file", portal.file(actor, id));
        model.addAttribute("me", actor.name());
        return "outsider/portal-file";
    }
}
