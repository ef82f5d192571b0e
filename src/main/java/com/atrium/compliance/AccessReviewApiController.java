package com.atrium.compliance;

import com.atrium.access.AccessReview;
import com.atrium.access.ReviewQuery;
import com.atrium.shared.Actor;
import com.atrium.shared.PageRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The access review over HTTP: JSON pages, or the whole review as CSV ({@code Accept: text/csv}). */
@RestController
@Tag(name = "Compliance", description = "Access review, bulk revocation and bulk reassignment (practice managers)")
class AccessReviewApiController {
    private final AccessReviewService review;
    private final RevocationService revocations;

    AccessReviewApiController(AccessReviewService review, RevocationService revocations) {
        this.review = review;
        this.revocations = revocations;
    }

    @PostMapping(value = "/api/access/review/revocations", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Revoke rows of the access review in one step (dryRun=true: the preview, nothing changes)",
            description = "Practice managers only. Body: {\"rows\": [\"<person id>:<client id>\", \"grant:<id>\", ...]} (the review's "
                    + "row keys, at most 500). Each row is revoked whole (its team membership, secondary adviser appointment, "
                    + "outsider grant) in one transaction, or refused whole with the reason: the primary professional (hand over "
                    + "first), a holder's grant, a practice manager, a workgroup path, a business account's user. The preview "
                    + "answers the same, plus effects: who loses (or gains) access to which clients, computed by the access "
                    + "module on the proposed facts. Every withdrawal is in the hash-chained audit trail.")
    Revocations revoke(Actor actor, @RequestBody(required = false) RevocationForm form,
                       @RequestParam(defaultValue = "false") boolean dryRun) {
        return revocations.revoke(actor, form, dryRun);
    }

    @GetMapping(value = "/api/access/review", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Every person x client access of the practice, each explained like Why?",
            description = "Practice managers only. Filters (all optional): person (user id), client (client id), kind (a path kind: "
                    + "PRACTICE_MANAGER, PRIMARY, TEAM, WORKGROUP_MEMBER, SECONDARY_ADVISER, HOLDER_READ_WRITE, ...), role (a team "
                    + "role), stale (NOT_OPENED: team members who have not opened the file in 180 days; EXPIRING: grants ending "
                    + "within 30 days; NEVER_LOGGED_IN: grants to people who never logged in, invitations included; DISABLED: "
                    + "disabled accounts still on teams). practiceWide lists the practice managers (every client) on page 0.")
    AccessReview page(Actor actor, @RequestParam(required = false) String person, @RequestParam(required = false) String client,
                      @RequestParam(required = false) String kind, @RequestParam(required = false) String role,
                      @RequestParam(required = false) String stale, @RequestParam(required = false) Integer page,
                      @RequestParam(required = false) Integer size) {
        ReviewQuery query = AccessReviewService.query(person, client, kind, role, stale);
        return review.review(actor, query, PageRequest.of(page, size == null ? 50 : size));
    }

    @GetMapping(value = "/api/access/review", produces = "text/csv")
    @Operation(summary = "The whole access review as CSV (same filters)")
    void csv(Actor actor, @RequestParam(required = false) String person, @RequestParam(required = false) String client,
             @RequestParam(required = false) String kind, @RequestParam(required = false) String role,
             @RequestParam(required = false) String stale, HttpServletResponse response) throws IOException {
        ReviewQuery query = AccessReviewService.query(person, client, kind, role, stale);
        review.download(actor, query, response);
    }
}
