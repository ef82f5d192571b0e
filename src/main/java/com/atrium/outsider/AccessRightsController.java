package com.atrium.outsider;

import com.atrium.access.AccessLevel;
import com.atrium.access.GrantSubject;
import com.atrium.shared.Actor;
import com.atrium.shared.ConflictException;
import com.atrium.shared.InvalidInputException;
import jakarta.servlet.http.HttpServletResponse;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
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
        Map<String, String> typed = typed("email", email, "mobile", mobile, "level", level == null ? null : level.name(),
                "expiresOn", expiresOn == null ? null : expiresOn.toString());
        return change(actor, id, model, response, redirect, "grant-" + subject + "-" + subjectId, typed, GRANT_FIELDS, () -> {
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
        return change(actor, id, model, response, redirect, null, Map.of(), Set.of(), () -> {
            if (level == null) {
                throw new InvalidInputException("level", "Choose read-write or read-only.");
            }
            GrantView g = outsiders.changeGrant(actor, id, grantId, new GrantChangeForm(level, expiresOn));
            return g.name() + "'s access is now " + g.levelLabel().toLowerCase()
                    + (g.expiresOn() == null ? "." : " until " + GrantView.DAY.format(g.expiresOn()) + ".");
        });
    }

    /** The file manager corrects the email and mobile of a grant with no account yet (the invitation goes again). */
    @PostMapping("/grants/{grantId}/contact")
    String correctContact(Actor actor, @PathVariable long id, @PathVariable long grantId, @RequestParam(required = false) String email,
                          @RequestParam(required = false) String mobile, Model model, HttpServletResponse response,
                          RedirectAttributes redirect) {
        return change(actor, id, model, response, redirect, "contact-" + grantId, typed("email", email, "mobile", mobile),
                Set.of("email", "mobile"), () -> {
                    GrantView g = outsiders.correctContact(actor, id, grantId, email, mobile);
                    return "ACTIVE".equals(g.status()) || g.userId() != null
                            ? g.name() + "'s email and mobile are now " + g.email() + " and " + g.mobileDisplay()
                            + ": an account already uses this address, so the access reaches it; a notice was sent."
                            : g.name() + "'s email and mobile are now " + g.email() + " and " + g.mobileDisplay()
                            + ": the invitation was sent again to " + g.email() + "; the link sent before no longer works.";
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
        return change(actor, id, model, response, redirect, null, Map.of(), Set.of(), () -> {
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
        Map<String, String> typed = typed("firstName", firstName, "lastName", lastName, "email", email, "mobile", mobile, "firm", firm,
                "type", type == null ? null : type.name());
        return change(actor, id, model, response, redirect, "adviser", typed, ADVISER_FIELDS, () -> {
            ExternalAdviserView a = outsiders.registerAdviser(actor, id, new ExternalAdviserForm(firstName, lastName, email, mobile, firm, type));
            return a.name() + " (" + a.typeLabel().toLowerCase() + ") was registered in the file: give them access below.";
        });
    }

    @PostMapping("/advisers/{adviserId}/remove")
    String removeAdviser(Actor actor, @PathVariable long id, @PathVariable long adviserId, Model model, HttpServletResponse response,
                         RedirectAttributes redirect) {
        return change(actor, id, model, response, redirect, null, Map.of(), Set.of(), () -> {
            String name = outsiders.adviser(actor, id, adviserId).name();
            outsiders.removeAdviser(actor, id, adviserId);
            return name + " was removed from the file.";
        });
    }

    private static final Set<String> GRANT_FIELDS = Set.of("email", "mobile", "level", "expiresOn");
    private static final Set<String> ADVISER_FIELDS = Set.of("firstName", "lastName", "email", "mobile", "firm", "type");

    /**
     * Runs a change; on wrong input (400) the page shows again with the form that failed open ({@code form}), what was
     * typed in it and each reason next to its field; only reasons that belong to no field of the form go to the banner.
     */
    private String change(Actor actor, long id, Model model, HttpServletResponse response, RedirectAttributes redirect, String form,
                          Map<String, String> typed, Set<String> fields, Supplier<String> action) {
        try {
            redirect.addFlashAttribute("message", action.get());
            return "redirect:/clients/" + id + "/access-rights";
        } catch (InvalidInputException e) {
            response.setStatus(400);
            Map<String, String> onFields = new LinkedHashMap<>();
            java.util.LinkedHashSet<String> elsewhere = new java.util.LinkedHashSet<>();
            e.fieldErrors().forEach((field, reason) -> {
                if (form != null && fields.contains(field)) {
                    onFields.put(field, reason);
                } else {
                    elsewhere.add(reason);
                }
            });
            if (onFields.isEmpty()) {
                elsewhere.add(0 < elsewhere.size() ? stripHighlighted(e.getMessage()) : e.getMessage());
            }
            String banner = onFields.isEmpty() ? String.join(" ", elsewhere)
                    : stripHighlighted(e.getMessage()) + (elsewhere.isEmpty() ? "" : " " + String.join(" ", elsewhere));
            model.addAttribute("error", banner);
            model.addAttribute("failedForm", form);
            model.addAttribute("typed", typed);
            model.addAttribute("fieldErrors", onFields);
            return page(actor, id, model);
        } catch (ConflictException e) {
            response.setStatus(409);
            model.addAttribute("error", e.getMessage());
            return page(actor, id, model);
        }
    }

    /** The services say "please correct the highlighted fields"; here the reasons are next to the fields themselves. */
    private static String stripHighlighted(String message) {
        return message == null ? "" : message.replace("please correct the highlighted fields.", "the reasons are next to the fields below.");
    }

    private static Map<String, String> typed(String... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1] == null ? "" : pairs[i + 1]);
        }
        return m;
    }
}
