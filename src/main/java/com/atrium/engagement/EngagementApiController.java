package com.atrium.engagement;

import com.atrium.shared.Actor;
import com.atrium.shared.ClientFileRead;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Client engagement over JSON for staff (/api/clients/{id}/...) and holders in the portal (/api/portal/files/{id}/...,
 * the same service: the access module decides, and in the portal a holder answers for themselves).
 */
@RestController
@Tag(name = "Client engagement", description = "Your Life survey, values sessions, investment preferences, client notes")
class EngagementApiController {
    private final EngagementService engagement;

    EngagementApiController(EngagementService engagement) {
        this.engagement = engagement;
    }

    @ClientFileRead(ClientFileRead.Kind.ENGAGEMENT)
    @GetMapping("/api/clients/{id}/surveys/your-life")
    @Operation(summary = "The client's Your Life surveys, newest first", description = "Each with the Your Life Score (%), every "
            + "dimension's rating (0-10) and percentage, and the goals to address. Needs VIEW_ENGAGEMENT.")
    List<YourLifeView> yourLife(Actor actor, @PathVariable long id) {
        return engagement.yourLife(actor, id);
    }

    @PostMapping("/api/clients/{id}/surveys/your-life")
    @Operation(summary = "Record a completed Your Life survey", description = "Body {personId, ratings: {HEALTH: 0-10, RELATIONSHIPS, "
            + "CAREER, FINANCES, LEISURE, PURPOSE}, goals: [..]}; every dimension is required (400 lists every missing one). Needs "
            + "COMPLETE_SURVEYS. Queues a file note for each CRM holding the client.")
    ResponseEntity<YourLifeView> completeYourLife(Actor actor, @PathVariable long id, @Valid @RequestBody YourLifeForm form) {
        YourLifeView v = engagement.completeYourLife(actor, id, form);
        return ResponseEntity.created(URI.create("/api/clients/" + id + "/surveys/your-life")).body(v);
    }

    @ClientFileRead(ClientFileRead.Kind.ENGAGEMENT)
    @GetMapping("/api/clients/{id}/values-sessions")
    @Operation(summary = "The client's values sessions, newest first", description = "Each person's top values in order and the progress. "
            + "Needs VIEW_ENGAGEMENT.")
    List<ValuesSessionView> valuesSessions(Actor actor, @PathVariable long id) {
        return engagement.valuesSessions(actor, id);
    }

    @PostMapping("/api/clients/{id}/values-sessions")
    @Operation(summary = "Save a values session", description = "Body {people: [{personId, values: [up to five keys of the values list, "
            + "most important first]}]}. Needs RUN_VALUES_SESSION. Queues a file note for each CRM holding the client.")
    ResponseEntity<ValuesSessionView> saveValuesSession(Actor actor, @PathVariable long id, @Valid @RequestBody ValuesSessionForm form) {
        ValuesSessionView v = engagement.saveValuesSession(actor, id, form);
        return ResponseEntity.created(URI.create("/api/clients/" + id + "/values-sessions")).body(v);
    }

    @ClientFileRead(ClientFileRead.Kind.ENGAGEMENT)
    @GetMapping("/api/clients/{id}/investment-preferences")
    @Operation(summary = "The client's investment preferences, newest first", description = "Every question with its answer. Needs "
            + "VIEW_ENGAGEMENT.")
    List<PreferencesView> preferences(Actor actor, @PathVariable long id) {
        return engagement.preferences(actor, id);
    }

    @PostMapping("/api/clients/{id}/investment-preferences")
    @Operation(summary = "Record completed investment preferences", description = "Body {personId, answers: {GOAL: .., TIME_HORIZON: .., "
            + "...}}: all ten questions, each with one of its answers. Needs COMPLETE_SURVEYS. Queues a file note for each CRM.")
    ResponseEntity<PreferencesView> completePreferences(Actor actor, @PathVariable long id, @Valid @RequestBody PreferencesForm form) {
        PreferencesView v = engagement.completePreferences(actor, id, form);
        return ResponseEntity.created(URI.create("/api/clients/" + id + "/investment-preferences")).body(v);
    }

    @ClientFileRead(ClientFileRead.Kind.PREFERENCES_EXPORT)
    @GetMapping("/api/clients/{id}/investment-preferences.pdf")
    @Operation(summary = "Export the investment preferences (PDF)", description = "Each participant's latest answers. Needs EXPORT_PLAN; 409 "
            + "when nobody has completed them. Audited, and file-noted with the PDF in every CRM holding the client.",
            responses = @ApiResponse(responseCode = "200", content = @Content(mediaType = "application/pdf")))
    ResponseEntity<byte[]> exportPreferences(Actor actor, @PathVariable long id) {
        return pdf(engagement.exportPreferences(actor, id));
    }

    static ResponseEntity<byte[]> pdf(EngagementService.Pdf pdf) {
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(pdf.fileName()).build().toString())
                .body(pdf.content());
    }

    @ClientFileRead(ClientFileRead.Kind.NOTES)
    @GetMapping("/api/clients/{id}/notes")
    @Operation(summary = "The client notes, newest first", description = "Needs MANAGE_NOTES.")
    List<NoteView> notes(Actor actor, @PathVariable long id) {
        return engagement.notes(actor, id);
    }

    @PostMapping("/api/clients/{id}/notes")
    @Operation(summary = "Write a client note", description = "Body {date (default today), body, followUpOn}. Needs MANAGE_NOTES.")
    ResponseEntity<NoteView> addNote(Actor actor, @PathVariable long id, @Valid @RequestBody NoteForm form) {
        NoteView n = engagement.addNote(actor, id, form);
        return ResponseEntity.created(URI.create("/api/clients/" + id + "/notes")).body(n);
    }

    @PostMapping("/api/clients/{id}/notes/{noteId}/crm")
    @Operation(summary = "Send a client note to the CRM as a file note", description = "Queued for every connected CRM that holds the "
            + "client (202); sending it again queues nothing more. See GET /api/clients/{id}/crm-notes. Needs MANAGE_NOTES.")
    ResponseEntity<NoteView> sendNote(Actor actor, @PathVariable long id, @PathVariable long noteId) {
        return ResponseEntity.accepted().body(engagement.sendNoteToCrm(actor, id, noteId));
    }

    // ------------------------------------------------------------------ the portal

    @ClientFileRead(ClientFileRead.Kind.PORTAL_ENGAGEMENT)
    @GetMapping("/api/portal/files/{id}/surveys/your-life")
    @Operation(summary = "My Your Life surveys on one of my files (holders and co-holders)")
    List<YourLifeView> portalYourLife(Actor actor, @PathVariable long id) {
        return engagement.yourLife(actor, id);
    }

    @PostMapping("/api/portal/files/{id}/surveys/your-life")
    @Operation(summary = "Complete my Your Life survey (holders and co-holders)", description = "Body as POST "
            + "/api/clients/{id}/surveys/your-life without personId: I answer for myself.")
    ResponseEntity<YourLifeView> portalCompleteYourLife(Actor actor, @PathVariable long id, @Valid @RequestBody YourLifeForm form) {
        YourLifeView v = engagement.completeYourLife(actor, id, form);
        return ResponseEntity.created(URI.create("/api/portal/files/" + id + "/surveys/your-life")).body(v);
    }

    @ClientFileRead(ClientFileRead.Kind.PORTAL_ENGAGEMENT)
    @GetMapping("/api/portal/files/{id}/values-sessions")
    @Operation(summary = "The values sessions of one of my files (holders and co-holders)")
    List<ValuesSessionView> portalValues(Actor actor, @PathVariable long id) {
        return engagement.valuesSessions(actor, id);
    }

    @ClientFileRead(ClientFileRead.Kind.PORTAL_ENGAGEMENT)
    @GetMapping("/api/portal/files/{id}/investment-preferences")
    @Operation(summary = "My investment preferences on one of my files (holders and co-holders)")
    List<PreferencesView> portalPreferences(Actor actor, @PathVariable long id) {
        return engagement.preferences(actor, id);
    }

    @PostMapping("/api/portal/files/{id}/investment-preferences")
    @Operation(summary = "Complete my investment preferences (holders and co-holders)", description = "Body as POST "
            + "/api/clients/{id}/investment-preferences without personId.")
    ResponseEntity<PreferencesView> portalCompletePreferences(Actor actor, @PathVariable long id, @Valid @RequestBody PreferencesForm form) {
        PreferencesView v = engagement.completePreferences(actor, id, form);
        return ResponseEntity.created(URI.create("/api/portal/files/" + id + "/investment-preferences")).body(v);
    }
}
