package com.atrium.outsider;

import com.atrium.access.Permission;
import com.atrium.household.FamilyPersonForm;
import com.atrium.household.FamilyService;
import com.atrium.household.PersonView;
import com.atrium.inventory.DonationForm;
import com.atrium.inventory.DonationView;
import com.atrium.inventory.InventoryService;
import com.atrium.inventory.WealthItemForm;
import com.atrium.inventory.WealthItemView;
import com.atrium.shared.Actor;
import com.atrium.shared.ConflictException;
import com.atrium.shared.InvalidInputException;
import jakarta.servlet.http.HttpServletResponse;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Changes to a granted file from the portal page: people of the family (add, change, remove), wealth items and
 * donations (add, remove). Each calls the same service as the staff screens, which asks the access module
 * ({@code EDIT_FAMILY}, {@code EDIT_INVENTORIES}): a read-only grant gets 403, an expired or unknown file 404,
 * staff 403 (they use the client file's tabs). Wrong input shows the page again with the reasons (400, nothing
 * changed); success redirects back with a message (post/redirect/get).
 */
@Controller
@RequestMapping("/portal/files/{id}")
class PortalEditController {
    /** What a date field accepts: the browser's date picker (2020-12-31) and dates as people write them (31/12/2020). */
    private static final List<DateTimeFormatter> DATES = List.of(DateTimeFormatter.ISO_LOCAL_DATE,
            DateTimeFormatter.ofPattern("d/M/uuuu").withResolverStyle(ResolverStyle.STRICT));

    private final PortalService portal;
    private final PortalPage page;
    private final FamilyService family;
    private final InventoryService inventory;

    PortalEditController(PortalService portal, PortalPage page, FamilyService family, InventoryService inventory) {
        this.portal = portal;
        this.page = page;
        this.family = family;
        this.inventory = inventory;
    }

    // ------------------------------------------------------------------ family

    @PostMapping("/family/people")
    String addPerson(Actor actor, @PathVariable long id, @RequestParam Map<String, String> input, Model model,
                     HttpServletResponse response, RedirectAttributes flash) {
        return change(actor, id, "person", input, model, response, flash, "family", () -> {
            Map<String, String> errors = new LinkedHashMap<>();
            LocalDate dob = date(input.get("dateOfBirth"), "dateOfBirth", errors);
            refuse(actor, id, Permission.EDIT_FAMILY, "The person was not added", errors);
            PersonView p = family.addPerson(actor, id, new FamilyPersonForm(input.get("firstName"), null, input.get("lastName"), dob,
                    input.get("email"), input.get("mobile"), input.get("relationship"), null, null, null));
            return p.name() + " was added to the family.";
        });
    }

    @PostMapping("/family/people/{personId}")
    String changePerson(Actor actor, @PathVariable long id, @PathVariable long personId, @RequestParam Map<String, String> input,
                        Model model, HttpServletResponse response, RedirectAttributes flash) {
        return change(actor, id, "person-" + personId, input, model, response, flash, "family", () -> {
            Map<String, String> errors = new LinkedHashMap<>();
            LocalDate dob = date(input.get("dateOfBirth"), "dateOfBirth", errors);
            refuse(actor, id, Permission.EDIT_FAMILY, "The person was not changed", errors);
            // the form sends every field: an empty email or mobile clears it (the names are required by the service)
            PersonView p = family.updatePerson(actor, id, personId, new FamilyPersonForm(nz(input.get("firstName")), null,
                    nz(input.get("lastName")), dob, nz(input.get("email")), nz(input.get("mobile")), input.get("relationship"), null, null, null));
            return p.name() + " was saved.";
        });
    }

    @PostMapping("/family/people/{personId}/remove")
    String removePerson(Actor actor, @PathVariable long id, @PathVariable long personId, Model model, HttpServletResponse response,
                        RedirectAttributes flash) {
        return change(actor, id, "", Map.of(), model, response, flash, "family", () -> {
            String name = family.person(actor, id, personId).name();
            family.removePerson(actor, id, personId);
            return name + " was removed from the family.";
        });
    }

    // ------------------------------------------------------------------ wealth

    @PostMapping("/wealth")
    String addWealthItem(Actor actor, @PathVariable long id, @RequestParam Map<String, String> input,
                         @RequestParam(required = false) List<Long> ownerIds, Model model, HttpServletResponse response,
                         RedirectAttributes flash) {
        return change(actor, id, "wealth", input, model, response, flash, "wealth", () -> {
            Map<String, String> errors = new LinkedHashMap<>();
            BigDecimal value = amount(input.get("value"), "value", errors);
            refuse(actor, id, Permission.EDIT_INVENTORIES, "The item was not added", errors);
            List<WealthItemForm.OwnerForm> owners = ownerIds == null ? List.of()
                    : ownerIds.stream().map(o -> new WealthItemForm.OwnerForm(o, null)).toList();
            WealthItemView added = inventory.addWealthItem(actor, id, new WealthItemForm(null, input.get("type"), input.get("description"),
                    value, null, owners));
            return added.typeLabel() + " \u201c" + added.description() + "\u201d was added.";
        });
    }

    @PostMapping("/wealth/{itemId}")
    String changeWealthItem(Actor actor, @PathVariable long id, @PathVariable long itemId, @RequestParam Map<String, String> input,
                            @RequestParam(required = false) List<Long> ownerIds, Model model, HttpServletResponse response,
                            RedirectAttributes flash) {
        return change(actor, id, "wealth-" + itemId, input, model, response, flash, "wealth", () -> {
            Map<String, String> errors = new LinkedHashMap<>();
            BigDecimal value = amount(input.get("value"), "value", errors);
            refuse(actor, id, Permission.EDIT_INVENTORIES, "The item was not changed", errors);
            List<WealthItemForm.OwnerForm> owners = ownerIds == null ? List.of()
                    : ownerIds.stream().map(o -> new WealthItemForm.OwnerForm(o, null)).toList();
            WealthItemView changed = inventory.updateWealthItem(actor, id, itemId, new WealthItemForm(null, input.get("type"),
                    nz(input.get("description")), value, null, owners));
            return changed.typeLabel() + " \u201c" + changed.description() + "\u201d was changed.";
        });
    }

    @PostMapping("/wealth/{itemId}/remove")
    String removeWealthItem(Actor actor, @PathVariable long id, @PathVariable long itemId, Model model, HttpServletResponse response,
                            RedirectAttributes flash) {
        return change(actor, id, "", Map.of(), model, response, flash, "wealth", () -> {
            inventory.removeWealthItem(actor, id, itemId);
            return "The item was removed.";
        });
    }

    // ------------------------------------------------------------------ donations

    @PostMapping("/donations")
    String addDonation(Actor actor, @PathVariable long id, @RequestParam Map<String, String> input, Model model,
                       HttpServletResponse response, RedirectAttributes flash) {
        return change(actor, id, "donation", input, model, response, flash, "donations", () -> {
            Map<String, String> errors = new LinkedHashMap<>();
            LocalDate date = date(input.get("date"), "date", errors);
            BigDecimal amount = amount(input.get("amount"), "amount", errors);
            Long donor = personId(input.get("donorPersonId"), "donorPersonId", errors);
            Long recipient = personId(input.get("recipientPersonId"), "recipientPersonId", errors);
            refuse(actor, id, Permission.EDIT_INVENTORIES, "The donation was not added", errors);
            DonationView d = inventory.addDonation(actor, id, new DonationForm(date, donor, recipient, input.get("recipientName"), amount,
                    null, input.get("kind"), input.get("notes")));
            return "The donation from " + d.donorName() + " to " + d.recipientName() + " was added.";
        });
    }

    @PostMapping("/donations/{donationId}")
    String changeDonation(Actor actor, @PathVariable long id, @PathVariable long donationId, @RequestParam Map<String, String> input,
                          Model model, HttpServletResponse response, RedirectAttributes flash) {
        return change(actor, id, "donation-" + donationId, input, model, response, flash, "donations", () -> {
            Map<String, String> errors = new LinkedHashMap<>();
            LocalDate date = date(input.get("date"), "date", errors);
            BigDecimal amount = amount(input.get("amount"), "amount", errors);
            Long donor = personId(input.get("donorPersonId"), "donorPersonId", errors);
            Long recipient = personId(input.get("recipientPersonId"), "recipientPersonId", errors);
            refuse(actor, id, Permission.EDIT_INVENTORIES, "The donation was not changed", errors);
            DonationView d = inventory.updateDonation(actor, id, donationId, new DonationForm(date, donor, recipient,
                    recipient != null ? null : input.get("recipientName"), amount, null, input.get("kind"), nz(input.get("notes"))));
            return "The donation from " + d.donorName() + " to " + d.recipientName() + " was changed.";
        });
    }

    @PostMapping("/donations/{donationId}/remove")
    String removeDonation(Actor actor, @PathVariable long id, @PathVariable long donationId, Model model, HttpServletResponse response,
                          RedirectAttributes flash) {
        return change(actor, id, "", Map.of(), model, response, flash, "donations", () -> {
            inventory.removeDonation(actor, id, donationId);
            return "The donation was removed.";
        });
    }

    // ------------------------------------------------------------------ helpers

    /**
     * Runs one change. Refusals by the access module (403/404) pass through to the error page; wrong input (400)
     * and conflicts (409) show the page again with the reasons and what was typed, under the form that failed.
     */
    private String change(Actor actor, long id, String form, Map<String, String> input, Model model, HttpServletResponse response,
                          RedirectAttributes flash, String section, Supplier<String> action) {
        portal.requireOutsider(actor);
        String message;
        try {
            message = action.get();
        } catch (InvalidInputException | ConflictException e) {
            model.addAttribute("error", e.getMessage());
            model.addAttribute("fieldErrors", e instanceof InvalidInputException i ? i.fieldErrors() : Map.of());
            model.addAttribute("input", input);
            model.addAttribute("form", form);
            page.fill(actor, id, model);
            response.setStatus(e instanceof ConflictException ? 409 : 400);
            return PortalPage.VIEW;
        }
        flash.addFlashAttribute("message", message);
        return "redirect:/portal/files/" + id + "#" + section;
    }

    /** Input the service never saw (a date or an amount that is not one): refused, after the access module's say. */
    private void refuse(Actor actor, long id, Permission permission, String what, Map<String, String> errors) {
        if (!errors.isEmpty()) {
            portal.require(actor, permission, id);
            throw new InvalidInputException(what + ": please correct the highlighted fields.", errors);
        }
    }

    /** A date as the browser's date field sends it (2020-12-31), or as people write it (31/12/2020). */
    static LocalDate date(String raw, String field, Map<String, String> errors) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String s = raw.trim();
        for (DateTimeFormatter f : DATES) {
            try {
                return LocalDate.parse(s, f);
            } catch (DateTimeParseException e) {
                // next format
            }
        }
        errors.put(field, "\u201c" + s + "\u201d is not a date: write it as day/month/year, e.g. 31/12/1980.");
        return null;
    }

    /** An amount in the practice's currency: spaces, a currency sign or code and thousands separators are fine; a comma may mark the cents. */
    static BigDecimal amount(String raw, String field, Map<String, String> errors) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        // a currency sign ($, €, £ ...) or code (AUD, EUR ...) typed with the amount is fine
        String s = raw.trim().replaceAll("\\p{Sc}", "").replaceAll("^[A-Za-z]{3}|[A-Za-z]{3}$", "").replaceAll("[\\s\u00a0\u202f']", "");
        if (s.contains(",") && s.contains(".")) {
            s = s.replace(",", "");
        } else if (s.matches("\\d{1,3}(,\\d{3})+")) {
            s = s.replace(",", "");
        } else {
            s = s.replace(',', '.');
        }
        try {
            return new BigDecimal(s);
        } catch (NumberFormatException e) {
            errors.put(field, "\u201c" + raw.trim() + "\u201d is not an amount: write it as a number, e.g. 250000 or 1250.50.");
            return null;
        }
    }

    private static Long personId(String raw, String field, Map<String, String> errors) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return Long.valueOf(raw.trim());
        } catch (NumberFormatException e) {
            errors.put(field, "Choose a person of the household from the list.");
            return null;
        }
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
