package com.atrium.outsider;

import com.atrium.access.AccessLevel;
import com.atrium.access.GrantSubject;
import com.atrium.shared.Actor;
import com.atrium.shared.ConflictException;
import com.atrium.shared.InvalidInputException;
import jakarta.servlet.http.HttpServletResponse;
import java.time.LocalDate;
import java.util.function.Supplier;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The "Access rights" tab of a client file: every family member and external adviser with their access, and
 * the forms for those allowed (the file manager; a holder for their family). Input to correct (400) or a clash
 * (409) shows on the page; "not found" and "not allowed" go to the error page.
 */
@Controller
@RequestMapping("/clients/{id}/access-rights")
class AccessRightsController {
    private static final String PAGE = "outsider/access-rights";
    private final OutsiderService outsiders;
    private final com.atrium.household.HouseholdService households;
    private final com.atrium.access.AccessWhatIf whatIf;

    AccessRightsController(OutsiderService outsiders, com.atrium.household.HouseholdService households,
                           com.atrium.access.AccessWhatIf whatIf) {
        this.outsiders = outsiders;
        this.households = households;
        this.whatIf = whatIf;
    }

    @GetMapping
    String page(Actor actor, @PathVariable long id, Model model) {
        model.addAttribute("view", outsiders.accessRights(actor, id));
        model.addAttribute("client", households.get(actor, id)); // for the client file's tabs
        model.addAttribute("adviserTypes", AdviserType.values());
        return PAGE;
    }

    @PostMapping("/grants")
    String grant(Actor actor, @PathVariable long id, @RequestParam(required = false) GrantSubject subject,
                 @RequestParam(required = false) Long subjectId, @RequestParam(required = false) AccessLevel level,
                 @RequestParam(required = false) String email, @RequestParam(required = false) String mobile,
                 @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate expiresOn,
                 Model model, HttpServletResponse response, RedirectAttributes redirect) {
        return change(actor, id, model, response, redirect, () -> {
            if (subject == null || subjectId == null || level == null) {
                throw new InvalidInputException("level", "Choose read-write or read-only.");
            }
            GrantView g = outsiders.grant(actor, id, new GrantForm(subject, subjectId, level, email, mobile, expiresOn));
            return g.name() + " now has " + g.levelLabel().toLowerCase() + " access"
                    + ("INVITED".equals(g.status()) ? "; an invitation was sent to " + g.email() + "." : "; a notice was sent to " + g.email() + ".");
        });
    }

    @PostMapping("/grants/{grantId}")
    String changeGrant(Actor actor, @PathVariable long id, @PathVariable long grantId, @RequestParam(required = false) AccessLevel level,
                       @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate expiresOn,
                       Model model, HttpServletResponse response, RedirectAttributes redirect) {
        return change(actor, id, model, response, redirect, () -> {
            if (level == null) {
                throw new InvalidInputException("level", "Choose read-write or read-only.");
            }
            GrantView g = outsiders.changeGrant(actor, id, grantId, new GrantChangeForm(level, expiresOn));
            return g.name() + "'s access is now " + g.levelLabel().toLowerCase()
                    + (g.expiresOn() == null ? "." : " until " + GrantView.DAY.format(g.expiresOn()) + ".");
        });
    }

    @PostMapping("/grants/{grantId}/revoke")
    String revoke(Actor actor, @PathVariable long id, @PathVariable long grantId, @RequestParam(defaultValue = "false") boolean preview,
                  Model model, HttpServletResponse response, RedirectAttributes redirect) {
        if (preview) {
            // the confirmation step: the withdrawal run through the access module's what-if (rolled back), who loses what
            try {
                String name = outsiders.grant(actor, id, grantId).name();
                com.atrium.access.AccessDiff diff = whatIf.effects(actor, () -> outsiders.revokeGrant(actor, id, grantId));
                diff = diff.withClientNames(households.displayNames(actor, diff.clientIds()));
                model.addAttribute("confirmation", new com.atrium.access.ChangeConfirmation("Withdraw " + name + "'s access?",
                        diff.byPerson(), "/clients/" + id + "/access-rights/grants/" + grantId + "/revoke", java.util.Map.of(),
                        "Withdraw access", "/clients/" + id + "/access-rights", null));
                return page(actor, id, model);
            } catch (ConflictException e) {
                response.setStatus(409);
                model.addAttribute("error", e.getMessage());
                return page(actor, id, model);
            }
        }
        return change(actor, id, model, response, redirect, () -> {
            String name = outsiders.grant(actor, id, grantId).name();
            outsiders.revokeGrant(actor, id, grantId);
            return name + "'s access was withdrawn.";
        });
    }

    @PostMapping("/advisers")
    String register(Actor actor, @PathVariable long id, @RequestParam(required = false) String firstName,
                    @RequestParam(required = false) String lastName, @RequestParam(required = false) String email,
                    @RequestParam(required = false) String mobile, @RequestParam(required = false) String firm,
                    @RequestParam(required = false) AdviserType type, Model model, HttpServletResponse response, RedirectAttributes redirect) {
        return change(actor, id, model, response, redirect, () -> {
            if (firstName == null || firstName.isBlank() || lastName == null || lastName.isBlank()) {
                throw new InvalidInputException("lastName", "Enter the adviser's first and last name.");
            }
            if (type == null) {
                throw new InvalidInputException("type", "Choose the type of adviser.");
            }
            ExternalAdviserView a = outsiders.registerAdviser(actor, id, new ExternalAdviserForm(firstName, lastName, email, mobile, firm, type));
            return a.name() + " (" + a.typeLabel().toLowerCase() + ") was registered in the file: give them access below.";
        });
    }

    @PostMapping("/advisers/{adviserId}/remove")
    String removeAdviser(Actor actor, @PathVariable long id, @PathVariable long adviserId, Model model, HttpServletResponse response,
                         RedirectAttributes redirect) {
        return change(actor, id, model, response, redirect, () -> {
            String name = outsiders.adviser(actor, id, adviserId).name();
            outsiders.removeAdviser(actor, id, adviserId);
            return name + " was removed from the file.";
        });
    }

    private String change(Actor actor, long id, Model model, HttpServletResponse response, RedirectAttributes redirect,
                          Supplier<String> action) {
        try {
            redirect.addFlashAttribute("message", action.get());
            return "redirect:/clients/" + id + "/access-rights";
        } catch (InvalidInputException e) {
            return showError(actor, id, model, response, 400, e);
        } catch (ConflictException e) {
            response.setStatus(409);
            model.addAttribute("error", e.getMessage());
            return page(actor, id, model);
        }
    }

    private String showError(Actor actor, long id, Model model, HttpServletResponse response, int status, InvalidInputException e) {
        response.setStatus(status);
        java.util.LinkedHashSet<String> parts = new java.util.LinkedHashSet<>();
        parts.add(e.getMessage());
        parts.addAll(e.fieldErrors().values());
        model.addAttribute("error", String.join(" ", parts));
        return page(actor, id, model);
    }
}
