package com.atrium.household;

import com.atrium.shared.ClientFileRead;
import com.atrium.shared.Actor;
import com.atrium.shared.Page;
import com.atrium.shared.PageRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Client households over JSON. Unknown and invisible ids answer 404 alike. */
@RestController
@RequestMapping("/api/clients")
@Tag(name = "Clients", description = "Client households visible to the caller")
class ClientApiController {
    private final HouseholdService households;

    ClientApiController(HouseholdService households) {
        this.households = households;
    }

    @GetMapping
    @Operation(summary = "List visible clients", description = "Sorted by name; q searches names and emails; workgroup narrows to one "
            + "workgroup (its id) or all (the default: every workgroup's clients plus the caller's own); archived: exclude (the "
            + "default: archived clients leave the list), only, include; paged (size 1-200).")
    Page<ClientSummary> list(Actor actor, @RequestParam(required = false) String q, @RequestParam(required = false) String workgroup,
                             @RequestParam(required = false) String archived,
                             @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        return households.list(actor, q, workgroup, ClientListFilter.of(archived), PageRequest.of(page, size));
    }

    @ClientFileRead(ClientFileRead.Kind.DETAIL)
    @GetMapping("/{id}")
    @Operation(summary = "One client file")
    ClientView get(Actor actor, @PathVariable long id) {
        return households.get(actor, id);
    }

    @PatchMapping("/{id}")
    @Operation(summary = "Change a client's profile", description = "Merge-style: only the fields given change. displayName (at most "
            + "200 characters), status (ACTIVE, PROSPECT, ARCHIVED: archived clients leave the default list and keep their file, "
            + "history and access), people (each {id, firstName, middleName, lastName, dateOfBirth, email, mobile}; \"\" clears the "
            + "optional ones). Needs EDIT_PROFILE; every problem at once in errors, per field; audited on the client's history.")
    ClientView update(Actor actor, @PathVariable long id, @RequestBody ClientPatch patch) {
        return households.updateProfile(actor, id, patch);
    }

    @PostMapping
    @Operation(summary = "Create a client household", description = "The primary professional follows the creation rules unless given.")
    ResponseEntity<ClientView> create(Actor actor, @Valid @RequestBody ClientForm form) {
        ClientView created = households.create(actor, form);
        return ResponseEntity.created(URI.create("/api/clients/" + created.id())).body(created);
    }
}
