package com.atrium.outsider;

import com.atrium.shared.ClientFileRead;
import com.atrium.shared.Actor;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The client portal's pages: my files, and one file (read-only or editable per the grant: see {@link PortalEditController}). */
@Controller
class PortalController {
    private final PortalService portal;
    private final PortalPage page;
    private final OutsiderService outsiders;

    PortalController(PortalService portal, PortalPage page, OutsiderService outsiders) {
        this.portal = portal;
        this.page = page;
        this.outsiders = outsiders;
    }

    @GetMapping("/portal")
    String files(Actor actor, @RequestParam(required = false) String q, Model model) {
        model.addAttribute("files", portal.files(actor, q));
        model.addAttribute("me", actor.name());
        return "outsider/portal";
    }

    @ClientFileRead(ClientFileRead.Kind.PORTAL_FILE)
    @GetMapping("/portal/files/{id}")
    String file(Actor actor, @PathVariable long id, Model model) {
        page.fill(actor, id, model);
        return PortalPage.VIEW;
    }

    /** A holder or co-holder gives a member of their family access (the access module decides who may). */
    @PostMapping("/portal/files/{id}/grants")
    String grant(Actor actor, @PathVariable long id, @RequestParam(required = false) Long subjectId,
                 @RequestParam(required = false) com.atrium.access.AccessLevel level, @RequestParam(required = false) String email,
                 @RequestParam(required = false) String mobile, org.springframework.web.servlet.mvc.support.RedirectAttributes flash) {
        portal.requireOutsider(actor);
        try {
            if (subjectId == null || level == null) {
                throw new com.atrium.shared.InvalidInputException("level", "Choose read-write or read-only.");
            }
            GrantView g = outsiders.grant(actor, id, new GrantForm(com.atrium.access.GrantSubject.FAMILY, subjectId, level, email, mobile, null));
            flash.addFlashAttribute("message", g.name() + " now has " + g.levelLabel().toLowerCase() + " access; we emailed "
                    + g.email() + ".");
        } catch (com.atrium.shared.InvalidInputException | com.atrium.shared.ConflictException e) {
            flash.addFlashAttribute("error", e.getMessage() + (e instanceof com.atrium.shared.InvalidInputException i && !i.fieldErrors().isEmpty()
                    ? " " + String.join(" ", new java.util.LinkedHashSet<>(i.fieldErrors().values())) : ""));
        }
        return "redirect:/portal/files/" + id;
    }
}
