package com.atrium.household;

import com.atrium.shared.ClientFileRead;
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
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The family structure over JSON. Reading needs access to the client file (VIEW_FILE); every change needs
 * EDIT_FAMILY. An invisible client answers 404 like an unknown one; a person or link of another household
 * answers 404 too.
 */
@RestController
@RequestMapping("/api/clients/{id}/family")
@Tag(name = "Family structure", description = "The household's people (holder, co-holders, spouse/partner, children, parents, others) "
        + "and the links between them")
class FamilyApiController {
    private final FamilyService family;

    FamilyApiController(FamilyService family) {
        this.family = family;
    }

    /** Links as the API writes them. */
    record LinksRequest(List<LinkForm> links) {
    }

    @ClientFileRead(ClientFileRead.Kind.FAMILY)
    @GetMapping
    @Operation(summary = "The family structure", description = "people (id, relationship, names, dateOfBirth, email, mobile in E.164), "
            + "links (PARENT_OF from parent to child, PARTNER_OF between partners), tree (parents / core / children / others, each "
            + "person with their relations in words) and the caller's permissions on the file.")
    FamilyView family(Actor actor, @PathVariable long id) {
        return family.family(actor, id);
    }

    @PostMapping("/people")
    @Operation(summary = "Add a person", description = "Body: {\"firstName\": \"Sam\", \"lastName\": \"Lee\", \"relationship\": \"CHILD\", "
            + "\"dateOfBirth\": \"2010-05-04\", \"email\": null, \"mobile\": \"+33 6 12 34 56 78\", \"parentIds\": [12, 13]}. "
            + "relationship is HOLDER, CO_HOLDER, SPOUSE, CHILD, PARENT or OTHER; the mobile needs its country code. Optional "
            + "parentIds (at most two), childIds and partnerId create the links at once. Adding a HOLDER hands the role over: "
            + "the former holder becomes a co-holder (a household always has exactly one holder).")
    ResponseEntity<PersonView> add(Actor actor, @PathVariable long id, @Valid @RequestBody FamilyPersonForm form) {
        PersonView added = family.addPerson(actor, id, form);
        return ResponseEntity.created(URI.create("/api/clients/" + id + "/family/people/" + added.id())).body(added);
    }

    @PatchMapping("/people/{personId}")
    @Operation(summary = "Change a person", description = "Only the fields given change; \"\" clears middleName, email or mobile. "
            + "Setting relationship to HOLDER hands the role over (the former holder becomes a co-holder); the holder's own "
            + "relationship cannot be changed otherwise (400).")
    PersonView change(Actor actor, @PathVariable long id, @PathVariable long personId, @Valid @RequestBody FamilyPersonForm form) {
        return family.updatePerson(actor, id, personId, form);
    }

    @DeleteMapping("/people/{personId}")
    @Operation(summary = "Remove a person", description = "Removes the person and their links. 409 for the holder (make someone else "
            + "the holder first) and for a person still named in the wealth or donations inventory.")
    ResponseEntity<Void> remove(Actor actor, @PathVariable long id, @PathVariable long personId) {
        family.removePerson(actor, id, personId);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/links")
    @Operation(summary = "Add a link", description = "Body: {\"fromPersonId\": 12, \"toPersonId\": 14, \"kind\": \"PARENT_OF\"} "
            + "(from the parent to the child) or kind PARTNER_OF (either order). A child has at most two parents; two people are "
            + "either parent and child or partners, never both.")
    ResponseEntity<PersonLinkView> addLink(Actor actor, @PathVariable long id, @Valid @RequestBody LinkForm form) {
        PersonLinkView added = family.addLink(actor, id, form);
        return ResponseEntity.created(URI.create("/api/clients/" + id + "/family/links/" + added.id())).body(added);
    }

    @DeleteMapping("/links/{linkId}")
    @Operation(summary = "Remove a link")
    ResponseEntity<Void> removeLink(Actor actor, @PathVariable long id, @PathVariable long linkId) {
        family.removeLink(actor, id, linkId);
        return ResponseEntity.noContent().build();
    }

    @PutMapping("/links")
    @Operation(summary = "Replace all links", description = "Body: {\"links\": [{\"fromPersonId\": 12, \"toPersonId\": 14, \"kind\": "
            + "\"PARENT_OF\"}, ...]}. Every link is checked first (errors name links[i].field); nothing changes when one is wrong. "
            + "Answers the whole family structure.")
    FamilyView replaceLinks(Actor actor, @PathVariable long id, @RequestBody LinksRequest request) {
        return family.replaceLinks(actor, id, request == null ? List.of() : request.links());
    }
}
