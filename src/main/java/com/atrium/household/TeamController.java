package com.atrium.household;

import com.atrium.shared.Actor;
import com.atrium.shared.ConflictException;
import com.atrium.shared.InvalidInputException;
import com.atrium.shared.NotFoundException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.function.Supplier;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The "Team &amp; access" tab of a household (Manage household access). One template serves the page and
 * the htmx fragments: a change made through htmx answers with the refreshed panel, a plain form post
 * redirects back to the page (post/redirect/get).
 */
@Controller
@RequestMapping("/clients/{id}/access")
class TeamController {
    private static final String PAGE = "household/access";
    private static final String PANEL = "household/access :: panel";
    private static final String WHY = "household/access :: why";

    private final TeamService teams;
    private final com.atrium.access.AccessWhatIf whatIf;
    private final HouseholdService households;

    TeamController(TeamService teams, com.atrium.access.AccessWhatIf whatIf, HouseholdService households) {
        this.teams = teams;
        this.whatIf = whatIf;
        this.households = households;
    }

    @GetMapping
    String page(Actor actor, @PathVariable long id, Model model, HttpServletRequest request) {
        model.addAttribute("view", teams.page(actor, id));
        return htmx(request) ? PANEL : PAGE;
    }

    /** "Why can this person see this client?": the explanation alone for htmx, else the page with it open. */
    @GetMapping("/why")
    String why(Actor actor, @PathVariable long id, @RequestParam("user") long userId, Model model, HttpServletRequest request) {
        model.addAttribute("why", teams.explain(actor, id, userId));
        if (htmx(request)) {
            return WHY;
        }
        model.addAttribute("view", teams.page(actor, id));
        return PAGE;
    }

    @PostMapping("/members")
    String add(Actor actor, @PathVariable long id, @RequestParam(required = false) java.util.List<Long> userId,
               @RequestParam(required = false) String role, Model model, HttpServletRequest request,
               HttpServletResponse response, RedirectAttributes redirect) {
        return change(actor, id, model, request, response, redirect, () -> {
            // several chosen in the multi-select: one request, all or nothing
            java.util.List<Long> chosen = userId == null ? java.util.List.of() : userId.stream().filter(java.util.Objects::nonNull).toList();
            if (chosen.size() > 1) {
                java.util.List<TeamMemberView> added = teams.addMembers(actor, id, chosen, role);
                return String.join(", ", added.stream().map(TeamMemberView::name).toList()) + " now have access as "
                        + added.get(0).roleLabel() + ".";
            }
            TeamMemberView added = teams.addMember(actor, id, new TeamMemberForm(chosen.isEmpty() ? null : chosen.get(0), role));
            return added.name() + " now has access as " + added.roleLabel() + ".";
        });
    }

    @PostMapping("/members/{userId}/role")
    String changeRole(Actor actor, @PathVariable long id, @PathVariable long userId, @RequestParam(required = false) String role,
                      Model model, HttpServletRequest request, HttpServletResponse response, RedirectAttributes redirect) {
        return change(actor, id, model, request, response, redirect, () -> {
            TeamMemberView changed = teams.changeRole(actor, id, userId, new RoleForm(role));
            return changed.name() + "'s role is now " + changed.roleLabel() + ".";
        });
    }

    @PostMapping("/members/{userId}/remove")
    String remove(Actor actor, @PathVariable long id, @PathVariable long userId, @RequestParam(required = false) Long replacement,
                  @RequestParam(defaultValue = "false") boolean preview,
                  Model model, HttpServletRequest request, HttpServletResponse response, RedirectAttributes redirect) {
        if (preview) {
            java.util.Map<String, String> fields = new java.util.LinkedHashMap<>();
            if (replacement != null) {
                fields.put("replacement", String.valueOf(replacement));
            }
            return confirm(actor, id, model, request, response, () -> teams.removeMember(actor, id, userId, replacement),
                    r -> r.handOver() == null ? "Remove " + r.name() + " from the team?"
                            : "Remove " + r.name() + " from the team and hand over to " + r.handOver().primary() + "?",
                    "/clients/" + id + "/access/members/" + userId + "/remove", fields, "Remove");
        }
        return change(actor, id, model, request, response, redirect, () -> {
            Removal removal = teams.removeMember(actor, id, userId, replacement);
            return removal.handOver() == null ? removal.name() + " was removed from the team."
                    : removal.name() + " was removed from the team; " + removal.handOver().primary() + " is now the primary professional.";
        });
    }

    @PostMapping("/primary")
    String handOver(Actor actor, @PathVariable long id, @RequestParam(required = false) Long userId,
                    @RequestParam(required = false) Boolean keepFormerOnTeam, @RequestParam(defaultValue = "false") boolean preview,
                    Model model, HttpServletRequest request, HttpServletResponse response, RedirectAttributes redirect) {
        if (preview) {
            java.util.Map<String, String> fields = new java.util.LinkedHashMap<>();
            fields.put("userId", userId == null ? "" : String.valueOf(userId));
            fields.put("keepFormerOnTeam", String.valueOf(keepFormerOnTeam == null || keepFormerOnTeam));
            return confirm(actor, id, model, request, response, () -> teams.handOver(actor, id, new PrimaryForm(userId, keepFormerOnTeam)),
                    h -> "Hand over to " + h.primary() + "? " + h.previousPrimary() + (h.formerKeptOnTeam()
                            ? " stays on the team as Adviser." : " leaves the team."),
                    "/clients/" + id + "/access/primary", fields, "Hand over");
        }
        return change(actor, id, model, request, response, redirect, () -> {
            HandOver h = teams.handOver(actor, id, new PrimaryForm(userId, keepFormerOnTeam));
            if (!h.changed()) {
                return "Nothing changed: " + h.primary() + " already is the primary professional.";
            }
            return h.primary() + " is now the primary professional; " + h.previousPrimary()
                    + (h.formerKeptOnTeam() ? " stays on the team as Adviser." : " left the team.");
        });
    }

    /**
     * Runs one change. Input a person must correct (400) or a clash with the current state (409) is shown on
     * the page; "not found" and "not allowed" go to the error page like everywhere else.
     */
    private String change(Actor actor, long id, Model model, HttpServletRequest request, HttpServletResponse response,
                          RedirectAttributes redirect, Supplier<String> action) {
        String message;
        try {
            message = action.get();
        } catch (InvalidInputException e) {
            return showError(actor, id, model, request, response, 400, e.getMessage());
        } catch (ConflictException e) {
            return showError(actor, id, model, request, response, 409, e.getMessage());
        } catch (NotFoundException e) {
            // an invisible client answers 404 from the page load in showError; otherwise the person is not on the team
            return showError(actor, id, model, request, response, 404, "That person is not on this household's team.");
        }
        if (htmx(request)) {
            model.addAttribute("message", message);
            model.addAttribute("view", teams.page(actor, id));
            return PANEL;
        }
        redirect.addFlashAttribute("message", message);
        return "redirect:/clients/" + id + "/access";
    }

    /**
     * The confirmation step of an access change: the change runs through the access module's what-if (rolled back) and
     * the page shows who would lose and gain access, with the button that does it. Refusals show like the change's own.
     */
    private <T> String confirm(Actor actor, long id, Model model, HttpServletRequest request, HttpServletResponse response,
                               Supplier<T> change, java.util.function.Function<T, String> question, String action,
                               java.util.Map<String, String> fields, String label) {
        com.atrium.access.AccessWhatIf.Outcome<T> o;
        try {
            o = whatIf.preview(actor, change);
        } catch (InvalidInputException e) {
            return showError(actor, id, model, request, response, 400, e.getMessage());
        } catch (ConflictException e) {
            return showError(actor, id, model, request, response, 409, e.getMessage());
        } catch (NotFoundException e) {
            return showError(actor, id, model, request, response, 404, "That person is not on this household's team.");
        }
        com.atrium.access.AccessDiff diff = o.diff().withClientNames(households.displayNames(actor, o.diff().clientIds()));
        model.addAttribute("confirmation", new com.atrium.access.ChangeConfirmation(question.apply(o.result()), diff.byPerson(), action,
                fields, label, "/clients/" + id + "/access", htmx(request) ? "#access-panel" : null));
        model.addAttribute("view", teams.page(actor, id));
        return htmx(request) ? PANEL : PAGE;
    }

    private String showError(Actor actor, long id, Model model, HttpServletRequest request, HttpServletResponse response,
                             int status, String error) {
        model.addAttribute("view", teams.page(actor, id));
        model.addAttribute("error", error);
        if (htmx(request)) {
            return PANEL; // htmx swaps only 2xx answers: the panel carries the error
        }
        response.setStatus(status);
        return PAGE;
    }

    private static boolean htmx(HttpServletRequest request) {
        return "true".equals(request.getHeader("HX-Request")) && !"true".equals(request.getHeader("HX-Boosted"));
    }

}
