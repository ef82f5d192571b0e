package com.atrium.workgroup;

import com.atrium.shared.Actor;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** A client's workgroup over JSON. Unknown and invisible clients answer 404 alike. */
@RestController
@Tag(name = "Clients")
class ClientWorkgroupApiController {
    private final WorkgroupService workgroups;

    ClientWorkgroupApiController(WorkgroupService workgroups) {
        this.workgroups = workgroups;
    }

    /** The workgroup a client is assigned to (null: none). */
    record ClientWorkgroupResponse(long clientId, WorkgroupRef workgroup) {
    }

    @GetMapping("/api/clients/{id}/workgroup")
    @Operation(summary = "The client's workgroup")
    ClientWorkgroupResponse get(Actor actor, @PathVariable long id) {
        return new ClientWorkgroupResponse(id, workgroups.clientWorkgroup(actor, id).orElse(null));
    }

    @PutMapping("/api/clients/{id}/workgroup")
    @Operation(summary = "Move the client to a workgroup, or to none",
            description = "{\"workgroupId\": 12}, or {\"workgroupId\": null} for none. Allowed to those who manage the client's access; "
                    + "the workgroup must be one the caller owns or belongs to (practice managers: any of the practice).")
    ClientWorkgroupResponse put(Actor actor, @PathVariable long id, @RequestBody WorkgroupChoiceForm form) {
        return new ClientWorkgroupResponse(id, workgroups.assignClient(actor, id, form.workgroupId()).orElse(null));
    }
}
