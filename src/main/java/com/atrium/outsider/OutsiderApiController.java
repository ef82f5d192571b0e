package com.atrium.outsider;

import com.atrium.shared.Actor;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
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
 * External advisers and outsider grants of a client file over JSON. Reading needs access to the file; every
 * change is decided by the access module: only the file manager (primary professional) registers advisers and
 * manages grants, a holder or co-holder with access may grant their own family members.
 */
@RestController
@RequestMapping("/api/clients/{id}")
@Tag(name = "Outsiders", description = "External advisers of a client file and access grants to family members and external advisers")
class OutsiderApiController {
    private final OutsiderService outsiders;

    OutsiderApiController(OutsiderService outsiders) {
        this.outsiders = outsiders;
    }

    @GetMapping("/external-advisers")
    @Operation(summary = "External advisers registered in the file")
    List<ExternalAdviserView> advisers(Actor actor, @PathVariable long id) {
        return outsiders.advisers(actor, id);
    }

    @PostMapping("/external-advisers")
    @Operation(summary = "Register an external adviser (file manager only)", description = "Body: {\"firstName\": \"Claire\", "
            + "\"lastName\": \"Dubois\", \"email\": \"claire@notaires.example\", \"mobile\": \"+33 6 12 34 56 78\", \"firm\": \"Dubois & "
            + "associés\", \"type\": \"NOTARY\"}. type: BANKER, NOTARY, LAWYER, ACCOUNTANT or OTHER; the mobile needs its country code.")
    ResponseEntity<ExternalAdviserView> register(Actor actor, @PathVariable long id, @Valid @RequestBody ExternalAdviserForm form) {
        ExternalAdviserView a = outsiders.registerAdviser(actor, id, form);
        return ResponseEntity.created(URI.create("/api/clients/" + id + "/external-advisers/" + a.id())).body(a);
    }

    @PatchMapping("/external-advisers/{adviserId}")
    @Operation(summary = "Change an external adviser's details (file manager only)", description = "Same body as registering.")
    ExternalAdviserView update(Actor actor, @PathVariable long id, @PathVariable long adviserId, @Valid @RequestBody ExternalAdviserForm form) {
        return outsiders.updateAdviser(actor, id, adviserId, form);
    }

    @DeleteMapping("/external-advisers/{adviserId}")
    @Operation(summary = "Remove an external adviser (file manager only)", description = "Their access, if any, is withdrawn first.")
    ResponseEntity<Void> remove(Actor actor, @PathVariable long id, @PathVariable long adviserId) {
        outsiders.removeAdviser(actor, id, adviserId);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/grants")
    @Operation(summary = "Outsiders' access to the file", description = "Every grant with level (READ_WRITE / READ_ONLY), expiry, who "
            + "granted it and status: ACTIVE, INVITED (no account yet) or EXPIRED. Expired grants give no access.")
    List<GrantView> grants(Actor actor, @PathVariable long id) {
        return outsiders.grants(actor, id);
    }

    @PostMapping("/grants")
    @Operation(summary = "Give a family member or an external adviser access", description = "Body: {\"subject\": \"FAMILY\", "
            + "\"subjectId\": 42, \"level\": \"READ_ONLY\", \"email\": \"anne@example.org\", \"mobile\": \"+33 6 12 34 56 78\", "
            + "\"expiresOn\": \"2026-12-31\"}. subject FAMILY takes a person id of the file, ADVISER an external adviser id. Email and "
            + "mobile default to the person's recorded ones; both are required. The file manager grants anyone; a holder or co-holder "
            + "with access may grant their own family members (at most their own level). A holder's or co-holder's access can never "
            + "be withdrawn, downgraded or given an expiry. The person gets an invitation email (no account yet) or a notice.")
    ResponseEntity<GrantView> grant(Actor actor, @PathVariable long id, @Valid @RequestBody GrantForm form) {
        GrantView g = outsiders.grant(actor, id, form);
        return ResponseEntity.created(URI.create("/api/clients/" + id + "/grants/" + g.id())).body(g);
    }

    @PatchMapping("/grants/{grantId}")
    @Operation(summary = "Change a grant's level or expiry, or correct its email and mobile", description = "Body: {\"level\": "
            + "\"READ_WRITE\", \"expiresOn\": null} changes the level and last day (null: no end). {\"email\": \"anne@example.org\", "
            + "\"mobile\": \"+61 412 345 678\"} corrects the address and mobile while no account is linked to the grant (file "
            + "manager only): the invitation is sent again to the address with a fresh link and the earlier link stops working; once "
            + "an account is linked it answers 409 with the reason (the outsider changes their own details in the portal). The "
            + "mobile must be a mobile number. Both kinds may be sent together.")
    GrantView change(Actor actor, @PathVariable long id, @PathVariable long grantId, @Valid @RequestBody GrantChangeForm form) {
        return outsiders.changeGrant(actor, id, grantId, form);
    }

    @DeleteMapping("/grants/{grantId}")
    @Operation(summary = "Withdraw a grant", description = "Refused (409) for a holder or co-holder: their access can never be withdrawn.")
    ResponseEntity<Void> revoke(Actor actor, @PathVariable long id, @PathVariable long grantId) {
        outsiders.revokeGrant(actor, id, grantId);
        return ResponseEntity.noContent().build();
    }
}
