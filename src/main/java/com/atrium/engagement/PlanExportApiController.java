package com.atrium.engagement;

import com.atrium.shared.ClientFileRead;
import com.atrium.shared.Actor;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** The plan export over the API. Errors are problem details like everywhere under /api. */
@RestController
@Tag(name = "Clients")
class PlanExportApiController {
    private final PlanExportService plans;

    PlanExportApiController(PlanExportService plans) {
        this.plans = plans;
    }

    @ClientFileRead(ClientFileRead.Kind.PLAN_EXPORT)
    @GetMapping("/api/clients/{id}/plan.pdf")
    @Operation(summary = "Export the client's plan (PDF)", description = "A plan summary of the household whose header carries "
            + "the primary professional's name, email and phone. Needs the export permission (403 otherwise; 404 when the "
            + "client is not visible). Each export is recorded in the audit trail.",
            responses = @ApiResponse(responseCode = "200", content = @Content(mediaType = "application/pdf")))
    ResponseEntity<byte[]> export(Actor actor, @PathVariable long id) {
        return PlanExportController.pdfResponse(plans.export(actor, id));
    }
}
