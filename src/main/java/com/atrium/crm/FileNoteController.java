package com.atrium.crm;

import com.atrium.household.HouseholdService;
import com.atrium.shared.Actor;
import com.atrium.shared.ConflictException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The client file's CRM notes tab: each note and its status, Retry for a failed one, the "not linked" state. */
@Controller
class FileNoteController {
    private final FileNoteService notes;
    private final HouseholdService households;

    FileNoteController(FileNoteService notes, HouseholdService households) {
        this.notes = notes;
        this.households = households;
    }

    @GetMapping("/clients/{id}/crm-notes")
    String page(Actor actor, @PathVariable long id, Model model) {
        model.addAttribute("notes", notes.list(actor, id));
        model.addAttribute("client", households.get(actor, id));
        return "crm/notes";
    }

    @PostMapping("/clients/{id}/crm-notes/{crmNoteId}/retry")
    String retry(Actor actor, @PathVariable long id, @PathVariable long crmNoteId, RedirectAttributes redirect) {
        try {
            CrmNotesView.Note n = notes.retry(actor, id, crmNoteId);
            redirect.addFlashAttribute("message", "\u201c" + n.subject() + "\u201d is queued again for " + n.integration() + ".");
        } catch (ConflictException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/clients/" + id + "/crm-notes";
    }
}
