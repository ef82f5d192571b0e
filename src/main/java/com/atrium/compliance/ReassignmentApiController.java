package com.atrium.compliance;

import com.atrium.shared.Actor;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Bulk reassignment of a departing adviser's households over HTTP (practice managers). */
@RestController
@Tag(name = "Compliance")
class ReassignmentApiController {
    private final ReassignmentService reassignments;

    ReassignmentApiController(ReassignmentService reassignments) {
        this.reassignments = reassignments;
    }

    @PostMapping(value = "/api/staff/{id}/reassignment", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Hand every household of an adviser to a new primary professional, in one transaction (dryRun=true: the preview)",
            description = "Practice managers only. Body: {\"toUserId\": 12, \"byWorkgroup\": [{\"workgroupId\": 3, \"toUserId\": 14}], "
                    + "\"keepFormerOnTeam\": false, \"households\": [ids from the preview]}. The preview answers how many households, "
                    + "each team change, the workgroups concerned and the effects: who loses and who gains access to which clients "
                    + "(the access module's what-if). Refused as a whole (409, nothing moves) when any household cannot move, with "
                    + "every reason in `reasons`. Idempotent: retried, households already with the chosen primary count as "
                    + "alreadyMoved and nothing is written again. One PRIMARY_HANDED_OVER audit entry per household plus one "
                    + "CLIENTS_REASSIGNED for the operation.")
    Reassignment reassign(Actor actor, @PathVariable long id, @RequestBody(required = false) ReassignmentForm form,
                          @RequestParam(defaultValue = "false") boolean dryRun) {
        return reassignments.reassign(actor, id, form, dryRun);
    }

    @ExceptionHandler(ReassignmentRefused.class)
    ProblemDetail refused(ReassignmentRefused e) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
        p.setTitle("Conflict");
        p.setType(URI.create("about:blank"));
        p.setProperty("reasons", e.reasons());
        return p;
    }
}
