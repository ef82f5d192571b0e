package com.atrium.crm;

import com.atrium.shared.Actor;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** A client's CRM file notes over JSON. */
@RestController
@Tag(name = "CRM integrations")
class FileNoteApiController {
    private final FileNoteService notes;

    FileNoteApiController(FileNoteService notes) {
        this.notes = notes;
    }

    @GetMapping("/api/clients/{id}/crm-notes")
    @Operation(summary = "The client's CRM file notes", description = "Each integration of the practice with whether it holds the client "
            + "(externalId null: not linked to the CRM, nothing is written there), and every file note queued for the client with its status: "
            + "QUEUED (waiting or retrying, with the last reason), SENT (with the CRM's note id), FAILED (with the reason). Needs MANAGE_NOTES.")
    CrmNotesView list(Actor actor, @PathVariable long id) {
        return notes.list(actor, id);
    }

    @PostMapping("/api/clients/{id}/crm-notes/{crmNoteId}/retry")
    @Operation(summary = "Retry a failed CRM file note", description = "Queued again and delivered at the next run (202); 409 unless it failed. "
            + "A note that may have reached the CRM is looked for by its guid first, so it is never written twice. Needs MANAGE_NOTES.")
    ResponseEntity<CrmNotesView.Note> retry(Actor actor, @PathVariable long id, @PathVariable long crmNoteId) {
        return ResponseEntity.accepted().body(notes.retry(actor, id, crmNoteId));
    }
}
