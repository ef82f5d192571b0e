package com.atrium.workgroup;

import com.atrium.shared.Actor;
import com.atrium.shared.ConflictException;
import com.atrium.shared.InvalidInputException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Workgroup screens: the Workgroups panel of the profile page (created / belonged to / invitations /
 * default workgroup; served whole at /profile/workgroups and as a fragment for the profile page), one
 * workgroup's page (members, invite, edit, delete), and moving a client from its administration section.
 */
@Controller
class WorkgroupController {
    private final WorkgroupService workgroups;
    private final com.atrium.access.AccessWhatIf whatIf;
    private final com.atrium.shared.ClientNames households;

    WorkgroupController(WorkgroupService workgroups, com.atrium.access.AccessWhatIf whatIf, com.atrium.shared.ClientNames households) {
        this.workgroups = workgroups;
        this.whatIf = whatIf;
        this.households = households;
    }

    @GetMapping("/profile/workgroups")
    String panel(Actor actor, Model model, HttpServletRequest request) {
        List<WorkgroupView> mine = workgroups.mine(actor);
        model.addAttribute("owned", mine.stream().filter(WorkgroupView::owned).toList());
        model.addAttribute("belongs", mine.stream().filter(g -> !g.owned()).toList());
        model.addAttribute("groups", mine);
        model.addAttribute("defaultId", mine.stream().filter(WorkgroupView::defaultGroup).map(WorkgroupView::id).findFirst().orElse(null));
        model.addAttribute("invitations", workgroups.myInvitations(actor));
        boolean htmx = "true".equals(request.getHeader("HX-Request")) && !"true".equals(request.getHeader("HX-Boosted"));
        return htmx ? "workgroup/workgroups :: panel" : "workgroup/workgroups";
    }

    @PostMapping("/workgroups")
    String create(Actor actor, @RequestParam(required = false) String description, RedirectAttributes flash) {
        try {
            WorkgroupView g = workgroups.create(actor, new WorkgroupForm(description));
            flash.addFlashAttribute("message", "Workgroup \u201c" + g.description() + "\u201d created. Invite people from its page.");
        } catch (InvalidInputException e) {
            flash.addFlashAttribute("error", e.getMessage());
            flash.addFlashAttribute("description", description);
        }
        return "redirect:/profile/workgroups";
    }

    @GetMapping("/workgroups/{id}")
    String detail(Actor actor, @PathVariable long id, Model model) {
        model.addAttribute("group", workgroups.get(actor, id));
        model.addAttribute("members", workgroups.members(actor, id));
        model.addAttribute("pending", workgroups.pendingInvitations(actor, id));
        model.addAttribute("meId", actor.userId());
        return "workgroup/workgroup";
    }

    @PostMapping("/workgroups/{id}/description")
    String update(Actor actor, @PathVariable long id, @RequestParam(required = false) String description, RedirectAttributes flash) {
        try {
            workgroups.update(actor, id, new WorkgroupForm(description));
            flash.addFlashAttribute("message", "Description saved.");
        } catch (InvalidInputException e) {
            flash.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/workgroups/" + id;
    }

    @PostMapping("/workgroups/{id}/delete")
    String delete(Actor actor, @PathVariable long id, @RequestParam(defaultValue = "false") boolean preview, Model model,
                  RedirectAttributes flash) {
        if (preview) {
            // the confirmation step: the deletion run through the access module's what-if (rolled back): who loses what
            com.atrium.access.AccessWhatIf.Outcome<WorkgroupDeletion> o = whatIf.preview(actor, () -> workgroups.delete(actor, id));
            com.atrium.access.AccessDiff diff = o.diff().withClientNames(households.displayNames(actor.practiceId(), o.diff().clientIds()));
            model.addAttribute("confirmation", new com.atrium.access.ChangeConfirmation("Delete workgroup \u201c"
                    + o.result().description() + "\u201d?", diff.byPerson(), "/workgroups/" + id + "/delete", java.util.Map.of(),
                    "Delete workgroup", "/workgroups/" + id, null));
            return detail(actor, id, model);
        }
        WorkgroupDeletion d = workgroups.delete(actor, id);
        flash.addFlashAttribute("message", "Workgroup \u201c" + d.description() + "\u201d deleted. "
                + switch (d.unassignedClients()) {
                    case 0 -> "It had no clients.";
                    case 1 -> "Its 1 client is now in no workgroup.";
                    default -> "Its " + d.unassignedClients() + " clients are now in no workgroup.";
                });
        return "redirect:/profile/workgroups";
    }

    @PostMapping("/workgroups/{id}/invitations")
    String invite(Actor actor, @PathVariable long id, @RequestParam(required = false) String userId, RedirectAttributes flash) {
        try {
            InvitationView i = workgroups.invite(actor, id, new InvitationForm(userIdOf(userId)));
            flash.addFlashAttribute("message", i.inviteeName() + " is invited: they will see the invitation on their profile page.");
        } catch (InvalidInputException | ConflictException e) {
            flash.addFlashAttribute("error", e.getMessage());
            flash.addFlashAttribute("userId", userId);
        }
        return "redirect:/workgroups/" + id + "#invite";
    }

    @PostMapping("/workgroups/{id}/invitations/{invitationId}/withdraw")
    String withdraw(Actor actor, @PathVariable long id, @PathVariable long invitationId, RedirectAttributes flash) {
        workgroups.withdrawInvitation(actor, id, invitationId);
        flash.addFlashAttribute("message", "Invitation withdrawn.");
        return "redirect:/workgroups/" + id + "#invite";
    }

    @PostMapping("/workgroups/{id}/members/{userId}/remove")
    String remove(Actor actor, @PathVariable long id, @PathVariable long userId, RedirectAttributes flash) {
        try {
            workgroups.removeMember(actor, id, userId);
        } catch (InvalidInputException e) {
            flash.addFlashAttribute("error", e.getMessage());
            return "redirect:/workgroups/" + id;
        }
        if (userId == actor.userId()) {
            flash.addFlashAttribute("message", "You left the workgroup.");
            return "redirect:/profile/workgroups";
        }
        flash.addFlashAttribute("message", "Member removed.");
        return "redirect:/workgroups/" + id + "#members";
    }

    @PostMapping("/invitations/{id}/join")
    String join(Actor actor, @PathVariable long id, RedirectAttributes flash) {
        WorkgroupView g = workgroups.join(actor, id);
        flash.addFlashAttribute("message", "You joined \u201c" + g.description() + "\u201d. You now work on the clients assigned to it.");
        return "redirect:/profile/workgroups";
    }

    @PostMapping("/invitations/{id}/ignore")
    String ignore(Actor actor, @PathVariable long id, RedirectAttributes flash) {
        workgroups.ignore(actor, id);
        flash.addFlashAttribute("message", "Invitation ignored.");
        return "redirect:/profile/workgroups";
    }

    @PostMapping("/profile/default-workgroup")
    String setDefault(Actor actor, @RequestParam(required = false) Long workgroupId, RedirectAttributes flash) {
        try {
            Optional<WorkgroupRef> g = workgroups.setDefault(actor, workgroupId);
            flash.addFlashAttribute("message", g.map(w -> "New clients you create go to \u201c" + w.description() + "\u201d.")
                    .orElse("New clients you create go to no workgroup."));
        } catch (InvalidInputException e) {
            flash.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/profile/workgroups";
    }

    /** The client page's administration section: move the client to another workgroup (blank: none). */
    @PostMapping("/clients/{id}/workgroup")
    String moveClient(Actor actor, @PathVariable long id, @RequestParam(required = false) Long workgroupId, RedirectAttributes flash) {
        try {
            Optional<WorkgroupRef> g = workgroups.assignClient(actor, id, workgroupId);
            flash.addFlashAttribute("adminMessage", g.map(w -> "The client is now in workgroup \u201c" + w.description() + "\u201d.")
                    .orElse("The client is now in no workgroup."));
        } catch (InvalidInputException e) {
            flash.addFlashAttribute("adminError", e.getMessage());
        }
        return "redirect:/clients/" + id + "#administration";
    }

    private static Long userIdOf(String userId) {
        if (userId == null || userId.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(userId.trim());
        } catch (NumberFormatException e) {
            throw new InvalidInputException("userId", "A user id is a number (e.g. 42): find it on the person's profile page or in the staff list.");
        }
    }
}
