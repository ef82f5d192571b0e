package com.atrium.inventory;

import com.atrium.shared.ClientFileRead;
import com.atrium.household.FamilyService;
import com.atrium.household.HouseholdService;
import com.atrium.shared.Actor;
import com.atrium.shared.ConflictException;
import com.atrium.shared.InvalidInputException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The client file's Wealth and Donations tabs: the inventories with their totals and, for those who may
 * edit them (flag computed by the access module), forms to add and remove entries (htmx swaps the panel).
 */
@Controller
class InventoryController {
    private final InventoryService inventory;
    private final HouseholdService households;
    private final FamilyService family;

    InventoryController(InventoryService inventory, HouseholdService households, FamilyService family) {
        this.inventory = inventory;
        this.households = households;
        this.family = family;
    }

    @ClientFileRead(ClientFileRead.Kind.WEALTH)
    @GetMapping("/clients/{id}/wealth")
    String wealth(Actor actor, @PathVariable long id, Model model, HttpServletRequest request) {
        fillWealth(actor, id, model);
        return htmx(request) ? "inventory/wealth :: panel" : "inventory/wealth";
    }

    @PostMapping("/clients/{id}/wealth")
    String addWealth(Actor actor, @PathVariable long id, @RequestParam(required = false) String type,
                     @RequestParam(required = false) String description, @RequestParam(required = false) BigDecimal value,
                     @RequestParam(required = false) List<Long> ownerIds, Model model, HttpServletRequest request,
                     HttpServletResponse response, RedirectAttributes redirect) {
        return change(actor, id, true, model, request, response, redirect, () -> {
            List<WealthItemForm.OwnerForm> owners = new ArrayList<>();
            if (ownerIds != null) {
                ownerIds.forEach(o -> owners.add(new WealthItemForm.OwnerForm(o, null)));
            }
            WealthItemView added = inventory.addWealthItem(actor, id, new WealthItemForm(null, type, description, value, null, owners));
            return added.typeLabel() + " \u201c" + added.description() + "\u201d was added.";
        });
    }

    /** Changes an item (type, description, value, owners shared equally): staff with EDIT_INVENTORIES, like adding. */
    @PostMapping("/clients/{id}/wealth/{itemId}")
    String changeWealth(Actor actor, @PathVariable long id, @PathVariable long itemId, @RequestParam(required = false) String type,
                        @RequestParam(required = false) String description, @RequestParam(required = false) BigDecimal value,
                        @RequestParam(required = false) List<Long> ownerIds, Model model, HttpServletRequest request,
                        HttpServletResponse response, RedirectAttributes redirect) {
        return change(actor, id, true, model, request, response, redirect, () -> {
            List<WealthItemForm.OwnerForm> owners = new ArrayList<>();
            if (ownerIds != null) {
                ownerIds.forEach(o -> owners.add(new WealthItemForm.OwnerForm(o, null)));
            }
            WealthItemView changed = inventory.updateWealthItem(actor, id, itemId, new WealthItemForm(null, type,
                    description == null ? "" : description, value, null, owners));
            return changed.typeLabel() + " \u201c" + changed.description() + "\u201d was changed.";
        });
    }

    @PostMapping("/clients/{id}/wealth/{itemId}/remove")
    String removeWealth(Actor actor, @PathVariable long id, @PathVariable long itemId, Model model, HttpServletRequest request,
                        HttpServletResponse response, RedirectAttributes redirect) {
        return change(actor, id, true, model, request, response, redirect, () -> {
            inventory.removeWealthItem(actor, id, itemId);
            return "The item was removed.";
        });
    }

    @ClientFileRead(ClientFileRead.Kind.DONATIONS)
    @GetMapping("/clients/{id}/donations")
    String donations(Actor actor, @PathVariable long id, Model model, HttpServletRequest request) {
        fillDonations(actor, id, model);
        return htmx(request) ? "inventory/donations :: panel" : "inventory/donations";
    }

    @PostMapping("/clients/{id}/donations")
    String addDonation(Actor actor, @PathVariable long id,
                       @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
                       @RequestParam(required = false) Long donorPersonId, @RequestParam(required = false) Long recipientPersonId,
                       @RequestParam(required = false) String recipientName, @RequestParam(required = false) BigDecimal amount,
                       @RequestParam(required = false) String kind, @RequestParam(required = false) String notes, Model model,
                       HttpServletRequest request, HttpServletResponse response, RedirectAttributes redirect) {
        return change(actor, id, false, model, request, response, redirect, () -> {
            DonationView d = inventory.addDonation(actor, id, new DonationForm(date, donorPersonId, recipientPersonId, recipientName, amount,
                    null, kind, notes));
            return "The donation from " + d.donorName() + " to " + d.recipientName() + " was added.";
        });
    }

    /** Changes a donation (every field of the add form): staff with EDIT_INVENTORIES, like adding. */
    @PostMapping("/clients/{id}/donations/{donationId}")
    String changeDonation(Actor actor, @PathVariable long id, @PathVariable long donationId,
                          @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
                          @RequestParam(required = false) Long donorPersonId, @RequestParam(required = false) Long recipientPersonId,
                          @RequestParam(required = false) String recipientName, @RequestParam(required = false) BigDecimal amount,
                          @RequestParam(required = false) String kind, @RequestParam(required = false) String notes, Model model,
                          HttpServletRequest request, HttpServletResponse response, RedirectAttributes redirect) {
        return change(actor, id, false, model, request, response, redirect, () -> {
            DonationView d = inventory.updateDonation(actor, id, donationId, new DonationForm(date, donorPersonId, recipientPersonId,
                    recipientPersonId != null ? null : recipientName, amount, null, kind, notes == null ? "" : notes));
            return "The donation from " + d.donorName() + " to " + d.recipientName() + " was changed.";
        });
    }

    @PostMapping("/clients/{id}/donations/{donationId}/remove")
    String removeDonation(Actor actor, @PathVariable long id, @PathVariable long donationId, Model model, HttpServletRequest request,
                          HttpServletResponse response, RedirectAttributes redirect) {
        return change(actor, id, false, model, request, response, redirect, () -> {
            inventory.removeDonation(actor, id, donationId);
            return "The donation was removed.";
        });
    }

    private String change(Actor actor, long id, boolean wealth, Model model, HttpServletRequest request, HttpServletResponse response,
                          RedirectAttributes redirect, Supplier<String> action) {
        String page = wealth ? "inventory/wealth" : "inventory/donations";
        String message;
        try {
            message = action.get();
        } catch (InvalidInputException | ConflictException e) {
            String error = e.getMessage();
            if (e instanceof InvalidInputException invalid && !invalid.fieldErrors().isEmpty()) {
                error = error + " " + String.join(" ", invalid.fieldErrors().values());
            }
            fill(actor, id, wealth, model);
            model.addAttribute("error", error);
            if (htmx(request)) {
                return page + " :: panel";
            }
            response.setStatus(e instanceof ConflictException ? 409 : 400);
            return page;
        }
        if (htmx(request)) {
            fill(actor, id, wealth, model);
            model.addAttribute("message", message);
            return page + " :: panel";
        }
        redirect.addFlashAttribute("message", message);
        return "redirect:/clients/" + id + (wealth ? "/wealth" : "/donations");
    }

    private void fill(Actor actor, long id, boolean wealth, Model model) {
        if (wealth) {
            fillWealth(actor, id, model);
        } else {
            fillDonations(actor, id, model);
        }
    }

    private void fillWealth(Actor actor, long id, Model model) {
        model.addAttribute("client", households.get(actor, id));
        model.addAttribute("wealth", inventory.wealth(actor, id));
        model.addAttribute("people", family.family(actor, id).people());
        model.addAttribute("types", WealthType.values());
    }

    private void fillDonations(Actor actor, long id, Model model) {
        model.addAttribute("client", households.get(actor, id));
        model.addAttribute("donations", inventory.donations(actor, id));
        model.addAttribute("people", family.family(actor, id).people());
        model.addAttribute("kinds", DonationKind.values());
    }

    private static boolean htmx(HttpServletRequest request) {
        return "true".equals(request.getHeader("HX-Request")) && !"true".equals(request.getHeader("HX-Boosted"));
    }
}
