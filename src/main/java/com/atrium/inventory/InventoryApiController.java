package com.atrium.inventory;

import com.atrium.shared.ClientFileRead;
import com.atrium.shared.Actor;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The wealth and donations inventories over JSON. Reading needs access to the client file (VIEW_FILE);
 * changes need EDIT_INVENTORIES. An invisible client answers 404 like an unknown one, and so does an item
 * of another household.
 */
@RestController
@RequestMapping("/api/clients/{id}/inventory")
@Tag(name = "Inventories", description = "Wealth inventory (assets and liabilities with owners) and donations inventory, in EUR")
class InventoryApiController {
    private final InventoryService inventory;

    InventoryApiController(InventoryService inventory) {
        this.inventory = inventory;
    }

    @ClientFileRead(ClientFileRead.Kind.WEALTH)
    @GetMapping("/wealth")
    @Operation(summary = "The wealth inventory", description = "assets and liabilities (each with owners and optional share %), "
            + "totalAssets, totalLiabilities, netWorth (EUR) and the caller's permissions.")
    WealthView wealth(Actor actor, @PathVariable long id) {
        return inventory.wealth(actor, id);
    }

    @PostMapping("/wealth")
    @Operation(summary = "Add an asset or liability", description = "Body: {\"kind\": \"ASSET\", \"type\": \"REAL_ESTATE\", "
            + "\"description\": \"Flat in Lyon\", \"value\": 450000.00, \"owners\": [{\"personId\": 12, \"sharePercent\": 50}, "
            + "{\"personId\": 13, \"sharePercent\": 50}]}. Types: REAL_ESTATE, CASH, SECURITIES, LIFE_INSURANCE, BUSINESS, OTHER_ASSET "
            + "(assets); MORTGAGE, LOAN, TAX_DEBT, OTHER_LIABILITY (liabilities). Value in EUR (currency, if given, must be EUR), "
            + "at most 2 decimals. Owners are people of the household; shares add up to at most 100 % (left out: equal split).")
    ResponseEntity<WealthItemView> addWealth(Actor actor, @PathVariable long id, @Valid @RequestBody WealthItemForm form) {
        WealthItemView added = inventory.addWealthItem(actor, id, form);
        return ResponseEntity.created(URI.create("/api/clients/" + id + "/inventory/wealth/" + added.id())).body(added);
    }

    @PatchMapping("/wealth/{itemId}")
    @Operation(summary = "Change an asset or liability", description = "Only the fields given change; owners, when given, replace the owners.")
    WealthItemView changeWealth(Actor actor, @PathVariable long id, @PathVariable long itemId, @Valid @RequestBody WealthItemForm form) {
        return inventory.updateWealthItem(actor, id, itemId, form);
    }

    @DeleteMapping("/wealth/{itemId}")
    @Operation(summary = "Remove an asset or liability")
    ResponseEntity<Void> removeWealth(Actor actor, @PathVariable long id, @PathVariable long itemId) {
        inventory.removeWealthItem(actor, id, itemId);
        return ResponseEntity.noContent().build();
    }

    @ClientFileRead(ClientFileRead.Kind.DONATIONS)
    @GetMapping("/donations")
    @Operation(summary = "The donations inventory", description = "donations (oldest first), total (EUR) and the caller's permissions.")
    DonationsView donations(Actor actor, @PathVariable long id) {
        return inventory.donations(actor, id);
    }

    @PostMapping("/donations")
    @Operation(summary = "Add a donation", description = "Body: {\"date\": \"2021-06-01\", \"donorPersonId\": 12, \"recipientPersonId\": 14, "
            + "\"amount\": 50000, \"kind\": \"MONEY\", \"notes\": \"For the flat\"}. The recipient is a person of the household "
            + "(recipientPersonId) or anyone else (recipientName), exactly one. Kinds: MONEY, REAL_ESTATE, SHARES, OTHER. "
            + "The date cannot be in the future; amount in EUR, more than 0.")
    ResponseEntity<DonationView> addDonation(Actor actor, @PathVariable long id, @Valid @RequestBody DonationForm form) {
        DonationView added = inventory.addDonation(actor, id, form);
        return ResponseEntity.created(URI.create("/api/clients/" + id + "/inventory/donations/" + added.id())).body(added);
    }

    @PatchMapping("/donations/{donationId}")
    @Operation(summary = "Change a donation", description = "Only the fields given change; \"notes\": \"\" clears the notes.")
    DonationView changeDonation(Actor actor, @PathVariable long id, @PathVariable long donationId, @Valid @RequestBody DonationForm form) {
        return inventory.updateDonation(actor, id, donationId, form);
    }

    @DeleteMapping("/donations/{donationId}")
    @Operation(summary = "Remove a donation")
    ResponseEntity<Void> removeDonation(Actor actor, @PathVariable long id, @PathVariable long donationId) {
        inventory.removeDonation(actor, id, donationId);
        return ResponseEntity.noContent().build();
    }
}
