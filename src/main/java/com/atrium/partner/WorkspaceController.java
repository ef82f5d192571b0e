package com.atrium.partner;

import com.atrium.practice.PracticeService;
import com.atrium.shared.Actor;
import com.atrium.shared.InvalidInputException;
import com.atrium.shared.NotFoundException;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The business account's workspace: quick start (participation and results so far, the diagnostic to take) until the
 * gate opens, then home, results and users & administration. The same pages serve the account's users and an
 * adviser in advisor mode (purple banner). The gate is enforced by {@link WorkspaceGateInterceptor} for every
 * workspace route except the quick-start ones.
 */
@Controller
class WorkspaceController {
    private final WorkspaceService workspace;
    private final DiagnosticService diagnostic;
    private final PracticeService practice;

    WorkspaceController(WorkspaceService workspace, DiagnosticService diagnostic, PracticeService practice) {
        this.workspace = workspace;
        this.diagnostic = diagnostic;
        this.practice = practice;
    }

    @GetMapping("/workspace")
    String home(Actor actor) {
        long id = workspace.home(actor).orElseThrow(() -> new NotFoundException("Workspace"));
        return "redirect:/workspace/" + id;
    }

    @GetMapping("/workspace/{id}")
    String account(Actor actor, @PathVariable long id, Model model) {
        Workspace w = workspace.enter(actor, id);
        if (!w.open()) {
            return "redirect:/workspace/" + id + "/quick-start";
        }
        model.addAttribute("w", w);
        model.addAttribute("me", actor.name());
        model.addAttribute("d", workspace.diagnostic(actor, id));
        return "partner/workspace-home";
    }

    @GetMapping("/workspace/{id}/quick-start")
    String quickStart(Actor actor, @PathVariable long id, Model model) {
        Workspace w = workspace.enter(actor, id);
        model.addAttribute("w", w);
        model.addAttribute("me", actor.name());
        model.addAttribute("d", w.advisorMode() ? diagnostic.forAdviser(actor, id) : workspace.diagnostic(actor, id));
        return "partner/quick-start";
    }

    @GetMapping("/workspace/{id}/diagnostic")
    String questionnaire(Actor actor, @PathVariable long id, Model model) {
        return questionnairePage(actor, id, model, Map.of(), Map.of());
    }

    @PostMapping("/workspace/{id}/diagnostic")
    String submit(Actor actor, @PathVariable long id, @RequestParam Map<String, String> answers, Model model, RedirectAttributes redirect) {
        try {
            workspace.submitDiagnostic(actor, id, answers);
        } catch (InvalidInputException e) {
            model.addAttribute("message", e.getMessage());
            return questionnairePage(actor, id, model, e.fieldErrors(), answers);
        }
        redirect.addFlashAttribute("done", "Thank you: your answers are saved.");
        return "redirect:/workspace/" + id;
    }

    private String questionnairePage(Actor actor, long id, Model model, Map<String, String> errors, Map<String, String> answers) {
        model.addAttribute("w", workspace.enter(actor, id));
        model.addAttribute("me", actor.name());
        model.addAttribute("q", workspace.questionnaire(actor, id));
        model.addAttribute("errors", errors);
        model.addAttribute("answers", answers);
        return "partner/diagnostic";
    }

    @GetMapping("/workspace/{id}/results")
    String results(Actor actor, @PathVariable long id, Model model) {
        model.addAttribute("w", workspace.enter(actor, id));
        model.addAttribute("me", actor.name());
        model.addAttribute("d", workspace.diagnostic(actor, id));
        return "partner/results";
    }

    @GetMapping("/workspace/{id}/admin")
    String admin(Actor actor, @PathVariable long id, Model model) {
        model.addAttribute("w", workspace.enter(actor, id));
        model.addAttribute("me", actor.name());
        model.addAttribute("users", workspace.users(actor, id));
        return "partner/admin";
    }

    // ---- participation, managed by the adviser from the quick start in advisor mode (audited as acting in the account)

    @PostMapping("/workspace/{id}/diagnostic/participants")
    String addParticipant(Actor actor, @PathVariable long id, UserForm user, RedirectAttributes redirect) {
        workspace.enter(actor, id);
        try {
            MemberView m = diagnostic.addParticipant(actor, id, user);
            redirect.addFlashAttribute("done", m.name() + " takes part in the diagnostic; their invitation is on its way.");
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("participantErrors", e.fieldErrors());
            redirect.addFlashAttribute("participant", user);
        }
        return "redirect:/workspace/" + id + "/quick-start#diagnostic";
    }

    @PostMapping("/workspace/{id}/diagnostic/reminders")
    String remind(Actor actor, @PathVariable long id, RedirectAttributes redirect) {
        workspace.enter(actor, id);
        int n = diagnostic.remind(actor, id);
        redirect.addFlashAttribute("done", n + (n == 1 ? " reminder is" : " reminders are") + " on their way.");
        return "redirect:/workspace/" + id + "/quick-start#diagnostic";
    }

    @PostMapping("/workspace/{id}/diagnostic/participants/{userId}/remove")
    String removeParticipant(Actor actor, @PathVariable long id, @PathVariable long userId, RedirectAttributes redirect) {
        workspace.enter(actor, id);
        diagnostic.removeParticipant(actor, id, userId);
        redirect.addFlashAttribute("done", "The participant was removed from the diagnostic.");
        return "redirect:/workspace/" + id + "/quick-start#diagnostic";
    }

    // ---- first login: the temporary password is replaced before anything else (PartnerGate sends business users here)

    @GetMapping(PartnerGate.PASSWORD_PAGE)
    String passwordPage(Actor actor, Model model) {
        model.addAttribute("me", actor.name());
        model.addAttribute("errors", Map.of());
        return "partner/password";
    }

    @PostMapping(PartnerGate.PASSWORD_PAGE)
    String changePassword(Actor actor, @RequestParam(required = false) String password, @RequestParam(required = false) String confirmation,
                          Model model) {
        if (!practice.mustChangePassword(actor.userId())) {
            return "redirect:/workspace";
        }
        try {
            practice.replaceTemporaryPassword(actor.userId(), password, confirmation);
        } catch (InvalidInputException e) {
            model.addAttribute("me", actor.name());
            model.addAttribute("errors", e.fieldErrors());
            return "partner/password";
        }
        return "redirect:/workspace";
    }
}
