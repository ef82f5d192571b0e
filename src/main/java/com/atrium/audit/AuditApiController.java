package com.atrium.audit;

import com.atrium.shared.Actor;
import com.atrium.shared.Page;
import com.atrium.shared.PageRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The audit trail over JSON: a client's history for anyone who may see the client; the whole trail and its check for managers. */
@RestController
@Tag(name = "Audit trail", description = "Append-only, hash-chained record of access changes and other sensitive actions")
class AuditApiController {
    private final AuditTrail trail;
    private final SecurityEvents security;

    AuditApiController(AuditTrail trail, SecurityEvents security) {
        this.trail = trail;
        this.security = security;
    }

    @GetMapping("/api/clients/{id}/history")
    @Operation(summary = "A client's history", description = "Audit entries about the client, newest first, paged (size 1-200). "
            + "Anyone who may see the client; 404 otherwise.")
    Page<AuditEntryView> clientHistory(Actor actor, @PathVariable long id, @RequestParam(required = false) Integer page,
                                       @RequestParam(required = false) Integer size) {
        return trail.clientHistory(actor, id, PageRequest.of(page, size));
    }

    @GetMapping("/api/audit")
    @Operation(summary = "The practice's audit trail", description = "Every entry of the caller's practice, newest first, paged. Practice managers only.")
    Page<AuditEntryView> practiceTrail(Actor actor, @RequestParam(required = false) Integer page,
                                       @RequestParam(required = false) Integer size) {
        return trail.practiceTrail(actor, PageRequest.of(page, size));
    }

    @GetMapping("/api/audit/security-events")
    @Operation(summary = "The practice's security events", description = "Logins and failures, login codes, lockouts, staff and "
            + "manager-capability changes, API tokens, workgroup changes and passwords, newest first, paged; optionally one "
            + "kind (e.g. kind=LOGIN_FAILED). Practice managers only.")
    Page<SecurityEventView> securityEvents(Actor actor, @RequestParam(required = false) String kind,
                                        @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        return security.list(actor, SecurityEvents.kind(kind), PageRequest.of(page, size));
    }

    @GetMapping("/api/audit/verify")
    @Operation(summary = "Verify the practice's audit chain", description = "Walks the hash chain: ok with the number of entries, "
            + "or the first broken seq and why. Practice managers only.")
    ChainVerification verify(Actor actor) {
        return trail.verify(actor);
    }
}
