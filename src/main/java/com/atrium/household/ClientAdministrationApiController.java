package com.atrium.household;

import com.atrium.shared.Actor;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** A client's administration over JSON: the secondary adviser. Unknown and invisible clients answer 404 alike. */
@RestController
@Tag(name = "Clients")
class ClientAdministrationApiController {
    private final HouseholdService households;

    ClientAdministrationApiController(HouseholdService households) {
        this.households = households;
    }

    @PutMapping("/api/clients/{id}/secondary-adviser")
    @Operation(summary = "Appoint the client's secondary adviser",
            description = "A Professional of the practice other than the primary (never an assistant). Allowed to those who manage the "
                    + "client's access (primary professional, practice managers).")
    ClientView set(Actor actor, @PathVariable long id, @Valid @RequestBody SecondaryAdviserForm form) {
        return households.setSecondaryAdviser(actor, id, form.userId());
    }

    @DeleteMapping("/api/clients/{id}/secondary-adviser")
    @Operation(summary = "Clear the client's secondary adviser")
    ResponseEntity<Void> clear(Actor actor, @PathVariable long id) {
        households.setSecondaryAdviser(actor, id, null);
        return ResponseEntity.noContent().build();
    }
}
