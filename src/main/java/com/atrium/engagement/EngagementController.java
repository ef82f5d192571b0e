package com.atrium.engagement;

import com.atrium.shared.Actor;
import com.atrium.shared.ClientFileRead;
import com.atrium.shared.ConflictException;
import com.atrium.shared.InvalidInputException;
import jakarta.servlet.http.HttpServletResponse;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The client file's Engagement and Notes tabs, and the portal's "Your Life and investment preferences" page. A form
 * that fails comes back with every error on its field and the typed values kept (400); a saved one redirects with a
 * message.
 */
@Controller
class EngagementController {
    private final EngagementService engagement;

    EngagementController(EngagementService engagement) {
        this.engagement = engagement;
    }

    // ------------------------------------------------------------------ staff

    @ClientFileRead(ClientFileRead.Kind.ENGAGEMENT)
    @GetMapping("/clients/{id}/engagement")
    String page(Actor actor, @PathVariable long id, Model model) {
        model.addAttribute("view", engagement.overview(actor, id));
        return "engagement/engagement";
    }

    @PostMapping("/clients/{id}/your-life")
    String yourLife(Actor actor, @PathVariable long id, @RequestParam MultiValueMap<String, String> params, Model model,
                    HttpServletResponse response, RedirectAttributes redirect) {
        return save(actor, id, false, "your-life", params, model, response, redirect, () -> {
            YourLifeView v = engagement.completeYourLife(actor, id, yourLifeForm(params));
            return "Your Life survey of " + v.personName() + " saved: Your Life Score " + v.score() + " %.";
        });
    }

    @PostMapping("/clients/{id}/values-sessions")
    String values(Actor actor, @PathVariable long id, @RequestParam MultiValueMap<String, String> params, Model model,
                  HttpServletResponse response, RedirectAttributes redirect) {
        return save(actor, id, false, "values", params, model, response, redirect, () -> {
            ValuesSessionView v = engagement.saveValuesSession(actor, id, valuesForm(params));
            return "Values session saved: progress " + v.progress() + " %.";
        });
    }

    @PostMapping("/clients/{id}/investment-preferences")
    String preferences(Actor actor, @PathVariable long id, @RequestParam MultiValueMap<String, String> params, Model model,
                       HttpServletResponse response, RedirectAttributes redirect) {
        return save(actor, id, false, "preferences", params, model, response, redirect, () -> {
            PreferencesView v = engagement.completePreferences(actor, id, preferencesForm(params));
            return "Investment preferences of " + v.personName() + " saved.";
        });
    }

    @ClientFileRead(ClientFileRead.Kind.PREFERENCES_EXPORT)
    @GetMapping("/clients/{id}/investment-preferences.pdf")
    ResponseEntity<byte[]> exportPreferences(Actor actor, @PathVariable long id) {
        return EngagementApiController.pdf(engagement.exportPreferences(actor, id));
    }

    @ClientFileRead(ClientFileRead.Kind.NOTES)
    @GetMapping("/clients/{id}/notes")
    String notes(Actor actor, @PathVariable long id, Model model) {
        fillNotes(actor, id, model);
        return "engagement/notes";
    }

    private void fillNotes(Actor actor, long id, Model model) {
        model.addAttribute("notes", engagement.notes(actor, id));
        model.addAttribute("view", engagement.notesPage(actor, id));
        model.addAttribute("today", engagement.today());
    }

    @PostMapping("/clients/{id}/notes")
    String addNote(Actor actor, @PathVariable long id, @RequestParam(required = false) String date, @RequestParam(required = false) String body,
                   @RequestParam(required = false) String followUpOn, Model model, HttpServletResponse response, RedirectAttributes redirect) {
        Map<String, String> errors = new LinkedHashMap<>();
        LocalDate d = date(date, "date", errors);
        LocalDate f = date(followUpOn, "followUpOn", errors);
        try {
            if (!errors.isEmpty()) {
                // still check the rest, so every error shows at once
                try {
                    engagement.validateNote(actor, id, new NoteForm(d, body, f));
                } catch (InvalidInputException e) {
                    errors.putAll(e.fieldErrors());
                }
                throw new InvalidInputException("The note was not saved.", errors);
            }
            engagement.addNote(actor, id, new NoteForm(d, body, f));
        } catch (InvalidInputException e) {
            fillNotes(actor, id, model);
            model.addAttribute("error", e.getMessage());
            model.addAttribute("fieldErrors", e.fieldErrors());
            model.addAttribute("input", Map.of("date", date == null ? "" : date, "body", body == null ? "" : body,
                    "followUpOn", followUpOn == null ? "" : followUpOn));
            response.setStatus(400);
            return "engagement/notes";
        }
        redirect.addFlashAttribute("message", "The note was saved.");
        return "redirect:/clients/" + id + "/notes";
    }

    @PostMapping("/clients/{id}/notes/{noteId}/crm")
    String sendNote(Actor actor, @PathVariable long id, @PathVariable long noteId, RedirectAttributes redirect) {
        engagement.sendNoteToCrm(actor, id, noteId);
        redirect.addFlashAttribute("message", "The note is on its way to the CRM (see CRM notes).");
        return "redirect:/clients/" + id + "/notes";
    }

    private static LocalDate date(String value, String field, Map<String, String> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            errors.put(field, "Enter a date like 2026-12-05.");
            return null;
        }
    }

    // ------------------------------------------------------------------ portal

    @ClientFileRead(ClientFileRead.Kind.PORTAL_ENGAGEMENT)
    @GetMapping("/portal/files/{id}/engagement")
    String portalPage(Actor actor, @PathVariable long id, Model model) {
        model.addAttribute("view", engagement.overview(actor, id));
        return "engagement/portal-engagement";
    }

    @PostMapping("/portal/files/{id}/your-life")
    String portalYourLife(Actor actor, @PathVariable long id, @RequestParam MultiValueMap<String, String> params, Model model,
                          HttpServletResponse response, RedirectAttributes redirect) {
        return save(actor, id, true, "your-life", params, model, response, redirect, () -> {
            YourLifeView v = engagement.completeYourLife(actor, id, yourLifeForm(params));
            return "Thank you: your Your Life survey was saved (Your Life Score " + v.score() + " %).";
        });
    }

    @PostMapping("/portal/files/{id}/investment-preferences")
    String portalPreferences(Actor actor, @PathVariable long id, @RequestParam MultiValueMap<String, String> params, Model model,
                             HttpServletResponse response, RedirectAttributes redirect) {
        return save(actor, id, true, "preferences", params, model, response, redirect, () -> {
            engagement.completePreferences(actor, id, preferencesForm(params));
            return "Thank you: your investment preferences were saved.";
        });
    }

    // ------------------------------------------------------------------ helpers

    private String save(Actor actor, long id, boolean portal, String form, MultiValueMap<String, String> params, Model model,
                        HttpServletResponse response, RedirectAttributes redirect, Supplier<String> action) {
        String page = portal ? "engagement/portal-engagement" : "engagement/engagement";
        try {
            redirect.addFlashAttribute("message", action.get());
        } catch (InvalidInputException | ConflictException e) {
            model.addAttribute("view", engagement.overview(actor, id));
            model.addAttribute("error", e.getMessage());
            model.addAttribute("fieldErrors", e instanceof InvalidInputException i ? i.fieldErrors() : Map.of());
            model.addAttribute("form", form);
            model.addAttribute("input", params.toSingleValueMap());
            model.addAttribute("inputs", params);
            response.setStatus(e instanceof ConflictException ? 409 : 400);
            return page;
        }
        return "redirect:" + (portal ? "/portal/files/" : "/clients/") + id + "/engagement";
    }

    static Long personId(MultiValueMap<String, String> params, String name) {
        String v = params.getFirst(name);
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(v.strip());
        } catch (NumberFormatException e) {
            return -1L; // not a person of the file: the service says so on the field
        }
    }

    static YourLifeForm yourLifeForm(MultiValueMap<String, String> params) {
        Map<String, Integer> ratings = new LinkedHashMap<>();
        for (Dimension d : Dimension.values()) {
            String v = params.getFirst("rating." + d.name());
            if (v != null && !v.isBlank()) {
                try {
                    ratings.put(d.name(), Integer.parseInt(v.strip()));
                } catch (NumberFormatException e) {
                    ratings.put(d.name(), -1);
                }
            }
        }
        List<String> goals = params.getOrDefault("goals", List.of());
        return new YourLifeForm(personId(params, "personId"), ratings, goals);
    }

    static ValuesSessionForm valuesForm(MultiValueMap<String, String> params) {
        List<ValuesSessionForm.PersonValues> people = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            if (!params.containsKey("people[" + i + "].personId")) {
                continue;
            }
            List<String> values = new ArrayList<>();
            for (int r = 1; r <= LifeValue.TOP; r++) {
                String v = params.getFirst("people[" + i + "].value" + r);
                if (v != null && !v.isBlank()) {
                    values.add(v);
                }
            }
            people.add(new ValuesSessionForm.PersonValues(personId(params, "people[" + i + "].personId"), values));
        }
        return new ValuesSessionForm(people);
    }

    static PreferencesForm preferencesForm(MultiValueMap<String, String> params) {
        Map<String, String> answers = new LinkedHashMap<>();
        for (InvestmentQuestion q : InvestmentQuestion.values()) {
            String v = params.getFirst("answer." + q.name());
            if (v != null) {
                answers.put(q.name(), v);
            }
        }
        return new PreferencesForm(personId(params, "personId"), answers);
    }
}
