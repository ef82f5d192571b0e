package com.atrium.household;

import com.atrium.shared.ClientFileRead;
import com.atrium.shared.Actor;
import com.atrium.shared.ConflictException;
import com.atrium.shared.InvalidInputException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.LocalDate;
import java.util.List;
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
 * The client file's Family tab: the tree and, for those who may edit the family (decided by the access
 * module and carried in {@link FamilyView#canEdit()}), forms to add, change and remove people and links.
 * htmx posts answer with the refreshed panel; plain posts redirect back (post/redirect/get).
 */
@Controller
@RequestMapping("/clients/{id}/family")
class FamilyController {
    private static final String PAGE = "household/family";
    private static final String PANEL = "household/family :: panel";

    private final FamilyService family;
    private final HouseholdService households;
    private final java.util.List<PersonSources> sources;

    FamilyController(FamilyService family, HouseholdService households, java.util.List<PersonSources> sources) {
        this.family = family;
        this.households = households;
        this.sources = sources;
    }

    @ClientFileRead(ClientFileRead.Kind.FAMILY)
    @GetMapping
    String page(Actor actor, @PathVariable long id, Model model, HttpServletRequest request) {
        fill(actor, id, model);
        return htmx(request) ? PANEL : PAGE;
    }

    @PostMapping("/people")
    String add(Actor actor, @PathVariable long id, @RequestParam(required = false) String firstName,
               @RequestParam(required = false) String middleName, @RequestParam(required = false) String lastName,
               @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate dateOfBirth,
               @RequestParam(required = false) String email, @RequestParam(required = false) String mobile,
               @RequestParam(required = false) String relationship, @RequestParam(required = false) List<Long> parentIds,
               @RequestParam(required = false) List<Long> childIds, @RequestParam(required = false) Long partnerId,
               Model model, HttpServletRequest request, HttpServletResponse response, RedirectAttributes redirect) {
        return change(actor, id, model, request, response, redirect, () -> {
            PersonView p = family.addPerson(actor, id, new FamilyPersonForm(firstName, middleName, lastName, dateOfBirth, email, mobile,
                    relationship, parentIds, childIds, partnerId));
            return p.name() + " was added to the family.";
        });
    }

    @PostMapping("/people/{personId}")
    String edit(Actor actor, @PathVariable long id, @PathVariable long personId, @RequestParam(required = false) String firstName,
                @RequestParam(required = false) String middleName, @RequestParam(required = false) String lastName,
                @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate dateOfBirth,
                @RequestParam(required = false) String email, @RequestParam(required = false) String mobile,
                @RequestParam(required = false) String relationship,
                Model model, HttpServletRequest request, HttpServletResponse response, RedirectAttributes redirect) {
        return change(actor, id, model, request, response, redirect, () -> {
            // a form always sends every field: an empty one clears it
            PersonView p = family.updatePerson(actor, id, personId, new FamilyPersonForm(firstName, nz(middleName), lastName, dateOfBirth,
                    nz(email), nz(mobile), relationship, null, null, null));
            return p.name() + " was saved.";
        });
    }

    @PostMapping("/people/{personId}/remove")
    String remove(Actor actor, @PathVariable long id, @PathVariable long personId, Model model, HttpServletRequest request,
                  HttpServletResponse response, RedirectAttributes redirect) {
        return change(actor, id, model, request, response, redirect, () -> {
            String name = family.person(actor, id, personId).name();
            family.removePerson(actor, id, personId);
            return name + " was removed from the family.";
        });
    }

    @PostMapping("/links")
    String addLink(Actor actor, @PathVariable long id, @RequestParam(required = false) Long fromPersonId,
                   @RequestParam(required = false) Long toPersonId, @RequestParam(required = false) String kind, Model model,
                   HttpServletRequest request, HttpServletResponse response, RedirectAttributes redirect) {
        return change(actor, id, model, request, response, redirect, () -> {
            PersonLinkView link = family.addLink(actor, id, new LinkForm(fromPersonId, toPersonId, kind));
            return "Saved: " + link.label() + ".";
        });
    }

    @PostMapping("/links/{linkId}/remove")
    String removeLink(Actor actor, @PathVariable long id, @PathVariable long linkId, Model model, HttpServletRequest request,
                      HttpServletResponse response, RedirectAttributes redirect) {
        return change(actor, id, model, request, response, redirect, () -> {
            family.removeLink(actor, id, linkId);
            return "The link was removed.";
        });
    }

    private String change(Actor actor, long id, Model model, HttpServletRequest request, HttpServletResponse response,
                          RedirectAttributes redirect, Supplier<String> action) {
        String message;
        try {
            message = action.get();
        } catch (InvalidInputException e) {
            return showError(actor, id, model, request, response, 400, e.getMessage(), e.fieldErrors());
        } catch (ConflictException e) {
            return showError(actor, id, model, request, response, 409, e.getMessage(), java.util.Map.of());
        }
        if (htmx(request)) {
            model.addAttribute("message", message);
            fill(actor, id, model);
            return PANEL;
        }
        redirect.addFlashAttribute("message", message);
        return "redirect:/clients/" + id + "/family";
    }

    private String showError(Actor actor, long id, Model model, HttpServletRequest request, HttpServletResponse response, int status,
                             String error, java.util.Map<String, String> fieldErrors) {
        fill(actor, id, model);
        model.addAttribute("error", fieldErrors.isEmpty() ? error : error + " " + String.join(" ", fieldErrors.values()));
        if (htmx(request)) {
            return PANEL;
        }
        response.setStatus(status);
        return PAGE;
    }

    private void fill(Actor actor, long id, Model model) {
        model.addAttribute("client", households.get(actor, id));
        model.addAttribute("family", family.family(actor, id));
        // people whose name, date of birth, email and mobile a CRM owns (asked only once the file could be opened)
        java.util.Map<Long, String> synced = new java.util.HashMap<>();
        sources.forEach(s -> synced.putAll(s.syncedPeople(actor.practiceId(), id)));
        model.addAttribute("syncedPeople", synced);
        // holder and co-holder are offered to the file manager only (the access module's rule; the service refuses the rest)
        model.addAttribute("relationships", family.relationshipChoices(actor, id));
        model.addAttribute("recordsHolders", family.mayRecordHolders(actor, id));
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static boolean htmx(HttpServletRequest request) {
        return "true".equals(request.getHeader("HX-Request")) && !"true".equals(request.getHeader("HX-Boosted"));
    }
}
