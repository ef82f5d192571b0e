package com.atrium.crm;

import com.atrium.shared.Actor;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** CRM integrations and their sync runs over JSON (practice managers only; another practice's ids answer 404). */
@RestController
@Tag(name = "CRM integrations", description = "Xplan sites connected to the practice, id-mapping imports and sync runs")
class IntegrationApiController {
    private final CrmService crm;

    IntegrationApiController(CrmService crm) {
        this.crm = crm;
    }

    @GetMapping("/api/integrations")
    @Operation(summary = "The practice's CRM integrations", description = "Secrets and tokens are never returned; secretSet says whether one is stored.")
    List<IntegrationView> list(Actor actor) {
        return crm.list(actor);
    }

    @PostMapping("/api/integrations")
    @Operation(summary = "Add an integration", description = "Body: {\"type\": \"XPLAN\", \"name\": \"Harbour Xplan\"}. It starts as a draft:"
            + " import the id mappings, then PATCH mappingsConfirmed, forwardHost, appId, clientSecret and enabled; the consent"
            + " itself happens in a browser at consentUrl.")
    ResponseEntity<IntegrationView> create(Actor actor, @RequestBody NewIntegrationForm form) {
        IntegrationView v = crm.create(actor, form);
        return ResponseEntity.created(URI.create("/api/integrations/" + v.id())).body(v);
    }

    @GetMapping("/api/integrations/{id}")
    @Operation(summary = "One integration")
    IntegrationView get(Actor actor, @PathVariable long id) {
        return crm.get(actor, id);
    }

    @PatchMapping("/api/integrations/{id}")
    @Operation(summary = "Change an integration", description = "Only the fields given change. Changing the host, the app id or the"
            + " secret of a connected integration drops its tokens: give the consent again.")
    IntegrationView update(Actor actor, @PathVariable long id, @Valid @RequestBody IntegrationForm form) {
        return crm.update(actor, id, form);
    }

    @DeleteMapping("/api/integrations/{id}")
    @Operation(summary = "Delete an integration", description = "Removes its tokens, its CRM ids, the policies copied from it and its runs;"
            + " the clients stay.")
    ResponseEntity<Void> delete(Actor actor, @PathVariable long id) {
        crm.delete(actor, id);
        return ResponseEntity.noContent().build();
    }

    @PostMapping(value = "/api/integrations/{id}/id-mappings", consumes = {"text/csv", "text/plain"})
    @Operation(summary = "Import CRM ids for existing clients", description = "Body: a CSV with the columns first name, last name, email,"
            + " CRM id (comma or semicolon, as Excel saves it). Every line is checked; with ?dryRun=true nothing is written and the"
            + " preview is returned; otherwise all links are made in one transaction, or none when a line has an error (400 with"
            + " lineErrors).")
    ResponseEntity<?> importMappings(Actor actor, @PathVariable long id, @RequestParam(defaultValue = "false") boolean dryRun,
                                     @RequestBody String csv) {
        MappingPreview p = crm.importMappings(actor, id, csv, dryRun);
        if (!p.ok()) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, p.errors().size() + " line(s) have errors;"
                    + " nothing was imported.");
            problem.setTitle("The file has errors");
            problem.setProperty("lineErrors", p.errors());
            return ResponseEntity.badRequest().body(problem);
        }
        return ResponseEntity.ok(p);
    }

    @PostMapping("/api/integrations/{id}/runs")
    @Operation(summary = "Sync now", description = "Starts a sync and answers 202 with the run at once; poll the run for progress."
            + " 409 while a run of this integration is in progress.")
    ResponseEntity<SyncRunView> start(Actor actor, @PathVariable long id) {
        SyncRunView run = crm.startRun(actor, id);
        return ResponseEntity.accepted().location(URI.create("/api/integrations/" + id + "/runs/" + run.id())).body(run);
    }

    @GetMapping("/api/integrations/{id}/runs")
    @Operation(summary = "The integration's runs, newest first (the last 50)")
    List<SyncRunView> runs(Actor actor, @PathVariable long id) {
        return crm.runs(actor, id);
    }

    @GetMapping("/api/integrations/{id}/runs/{runId}")
    @Operation(summary = "One run", description = "status, progress 0-100, the counts and every skipped or failed record and value not"
            + " copied, with the reason in words")
    SyncRunView run(Actor actor, @PathVariable long id, @PathVariable long runId) {
        return crm.run(actor, id, runId);
    }

    @com.atrium.shared.ClientFileRead(com.atrium.shared.ClientFileRead.Kind.INSURANCE)
    @GetMapping("/api/clients/{id}/insurance")
    @Operation(summary = "A client's insurance policies", description = "Copied from the CRM, read-only in Atrium; visible to whoever may"
            + " view the client file.")
    InsuranceView insurance(Actor actor, @PathVariable long id) {
        return crm.insurance(actor, id);
    }
}
