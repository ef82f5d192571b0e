package com.atrium.partner;

import com.atrium.shared.Actor;
import com.atrium.shared.InvalidInputException;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The partner portal's pages for advisers: the account lists, Add client account, one account, advisor mode in and out. */
@Controller
class PartnerController {
    private final PartnerService partner;
    private final DiagnosticService diagnostic;
    private final AdvisorModeService advisorMode;

    PartnerController(PartnerService partner, DiagnosticService diagnostic, AdvisorModeService advisorMode) {
        this.partner = partner;
        this.diagnostic = diagnostic;
        this.advisorMode = advisorMode;
    }

    @GetMapping("/partner")
    String list(Actor actor, Model model) {
        List<AccountSummary> all = partner.accounts(actor);
        model.addAttribute("trial", all.stream().filter(a -> !a.paid()).toList());
        model.addAttribute("paid", all.stream().filter(AccountSummary::paid).toList());
        model.addAttribute("canCreate", partner.canCreate(actor));
        model.addAttribute("advisorSession", advisorMode.current(actor).orElse(null));
        return "partner/accounts";
    }

    @GetMapping("/partner/accounts/new")
    String newForm(Actor actor, Model model) {
        partner.requireCreate(actor);
        NewAccountPage form = new NewAccountPage();
        model.addAttribute("form", form);
        return page(model, form, Map.of(), null);
    }

    /**
     * One form, several buttons: Add user appends the three fields to the list and clears them; Preview shows the
     * CSV's rows and errors; Create account creates everything or nothing.
     */
    @PostMapping("/partner/accounts")
    String create(Actor actor, @ModelAttribute("form") NewAccountPage form, @RequestParam(required = false) MultipartFile file,
                  @RequestParam(defaultValue = "create") String action, Model model, RedirectAttributes redirect) {
        partner.requireCreate(actor);
        Map<String, String> errors = new LinkedHashMap<>();
        if (file != null && !file.isEmpty()) {
            try {
                form.setCsvText(BulkUsers.text(file.getBytes()));
                form.setCsvName(file.getOriginalFilename());
            } catch (InvalidInputException e) {
                errors.put("file", e.getMessage());
                form.setCsvText(null);
                form.setCsvName(null);
            } catch (IOException e) {
                errors.put("file", "The file could not be read; upload it again.");
            }
        }
        if (action.startsWith("remove-")) {
            int i = Integer.parseInt(action.substring(7));
            if (i >= 0 && i < form.getUsers().size()) {
                form.getUsers().remove(i);
            }
            return page(model, form, errors, null);
        }
        if (action.equals("remove-file")) {
            form.setCsvText(null);
            form.setCsvName(null);
            return page(model, form, errors, null);
        }
        if (action.equals("add-user")) {
            UserForm u = form.pendingUser();
            if (u.blank()) {
                errors.put("newUser", "Fill in the first name, last name and email of the user, then click Add user.");
            } else {
                try {
                    BulkUsers.row(0, u.firstName(), u.lastName(), u.email());
                    form.addPending();
                } catch (InvalidInputException e) {
                    e.fieldErrors().forEach((f, m) -> errors.put("new" + Character.toUpperCase(f.charAt(0)) + f.substring(1), m));
                }
            }
            return page(model, form, errors, null);
        }
        if (action.equals("preview")) {
            return page(model, form, errors, form.getCsvText() == null ? null : CsvPreview.of(form.getCsvName(), form.getCsvText()));
        }
        if (!form.pendingUser().blank()) {
            errors.put("newUser", "This user is not added yet: click Add user to add them, or clear the three fields.");
        }
        if (!errors.isEmpty()) {
            model.addAttribute("message", "Nothing was created: correct the fields shown.");
            return page(model, form, errors, null);
        }
        try {
            AccountView a = partner.create(actor, form.toForm(), form.getCsvText());
            redirect.addFlashAttribute("created", a.users().size() + (a.users().size() == 1 ? " user was" : " users were")
                    + " created. Their invitations, each with a temporary password, are on their way.");
            return "redirect:/partner/accounts/" + a.id();
        } catch (InvalidInputException e) {
            model.addAttribute("message", e.getMessage());
            return page(model, form, e.fieldErrors(), form.getCsvText() == null ? null : CsvPreview.of(form.getCsvName(), form.getCsvText()));
        }
    }

    private String page(Model model, NewAccountPage form, Map<String, String> errors, CsvPreview preview) {
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("lineErrors", errors.entrySet().stream().filter(e -> e.getKey().startsWith("line "))
                .map(e -> "Line " + e.getKey().substring(5) + ": " + e.getValue()).toList());
        model.addAttribute("preview", preview);
        model.addAttribute("licences", Licence.values());
        return "partner/new";
    }

    @GetMapping("/partner/accounts/{id}")
    String account(Actor actor, @PathVariable long id, Model model) {
        model.addAttribute("account", partner.account(actor, id));
        model.addAttribute("diagnostic", diagnostic.forAdviser(actor, id));
        model.addAttribute("licences", Licence.values());
        return "partner/account";
    }

    @PostMapping("/partner/accounts/{id}/licence")
    String licence(Actor actor, @PathVariable long id, @RequestParam Licence licence, @RequestParam(defaultValue = "false") boolean paid,
                   RedirectAttributes redirect) {
        partner.change(actor, id, new AccountChange(licence, paid));
        redirect.addFlashAttribute("done", "The licence is saved.");
        return "redirect:/partner/accounts/" + id;
    }

    @PostMapping("/partner/accounts/{id}/users")
    String addUser(Actor actor, @PathVariable long id, UserForm user, RedirectAttributes redirect) {
        try {
            MemberView m = partner.addUser(actor, id, user);
            redirect.addFlashAttribute("done", m.name() + " was added; their invitation is on its way.");
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("userErrors", e.fieldErrors());
            redirect.addFlashAttribute("user", user);
        }
        return "redirect:/partner/accounts/" + id + "#users";
    }

    @PostMapping("/partner/accounts/{id}/users/bulk")
    String bulk(Actor actor, @PathVariable long id, @RequestParam(required = false) MultipartFile file, RedirectAttributes redirect)
            throws IOException {
        try {
            PartnerService.BulkResult r = partner.addUsers(actor, id, file == null ? new byte[0] : file.getBytes());
            redirect.addFlashAttribute("done", r.message());
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("bulkMessage", e.getMessage());
            redirect.addFlashAttribute("bulkErrors", e.fieldErrors().entrySet().stream()
                    .map(x -> x.getKey().startsWith("line ") ? "Line " + x.getKey().substring(5) + ": " + x.getValue() : x.getValue()).toList());
        }
        return "redirect:/partner/accounts/" + id + "#users";
    }

    @PostMapping("/partner/accounts/{id}/users/{userId}/remove")
    String removeUser(Actor actor, @PathVariable long id, @PathVariable long userId, RedirectAttributes redirect) {
        partner.removeUser(actor, id, userId);
        redirect.addFlashAttribute("done", "The user was removed from the account; they can no longer log in.");
        return "redirect:/partner/accounts/" + id + "#users";
    }

    @PostMapping("/partner/accounts/{id}/users/{userId}/invitation")
    String resend(Actor actor, @PathVariable long id, @PathVariable long userId, RedirectAttributes redirect) {
        partner.resendInvitation(actor, id, userId);
        redirect.addFlashAttribute("done", "A new invitation with a new temporary password is on its way.");
        return "redirect:/partner/accounts/" + id + "#users";
    }

    @PostMapping("/partner/accounts/{id}/diagnostic/participants")
    String addParticipant(Actor actor, @PathVariable long id, UserForm user, RedirectAttributes redirect) {
        try {
            MemberView m = diagnostic.addParticipant(actor, id, user);
            redirect.addFlashAttribute("done", m.name() + " takes part in the diagnostic; their invitation is on its way.");
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("participantErrors", e.fieldErrors());
            redirect.addFlashAttribute("participant", user);
        }
        return "redirect:/partner/accounts/" + id + "#diagnostic";
    }

    @PostMapping("/partner/accounts/{id}/diagnostic/reminders")
    String remind(Actor actor, @PathVariable long id, RedirectAttributes redirect) {
        int n = diagnostic.remind(actor, id);
        redirect.addFlashAttribute("done", n == 0 ? "Everyone has completed the diagnostic: no reminder to send."
                : n + (n == 1 ? " reminder is" : " reminders are") + " on their way.");
        return "redirect:/partner/accounts/" + id + "#diagnostic";
    }

    @PostMapping("/partner/accounts/{id}/diagnostic/rounds")
    String startNextDiagnostic(Actor actor, @PathVariable long id, RedirectAttributes redirect) {
        try {
            DiagnosticView d = diagnostic.startNext(actor, id);
            redirect.addFlashAttribute("done", "Diagnostic " + d.round() + " has started: " + d.participants()
                    + (d.participants() == 1 ? " user takes" : " users take") + " part.");
        } catch (com.atrium.shared.ConflictException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/partner/accounts/" + id + "#diagnostic";
    }

    @PostMapping("/partner/accounts/{id}/diagnostic/participants/{userId}/remove")
    String removeParticipant(Actor actor, @PathVariable long id, @PathVariable long userId, RedirectAttributes redirect) {
        diagnostic.removeParticipant(actor, id, userId);
        redirect.addFlashAttribute("done", "The participant was removed from the diagnostic.");
        return "redirect:/partner/accounts/" + id + "#diagnostic";
    }

    @PostMapping("/partner/accounts/{id}/advisor-mode")
    String enterAdvisorMode(Actor actor, @PathVariable long id) {
        advisorMode.start(actor, id);
        return "redirect:/workspace/" + id;
    }

    /** Exit advisor mode: always back to the adviser's home. */
    @PostMapping("/partner/advisor-mode/exit")
    String exitAdvisorMode(Actor actor) {
        advisorMode.endAny(actor);
        return "redirect:/";
    }
}
