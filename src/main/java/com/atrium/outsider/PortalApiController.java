package com.atrium.outsider;

import com.atrium.shared.Actor;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The client portal over JSON, for outsiders logged in with their password and mobile code (a session: HTTP
 * Basic alone is refused for outsiders, it has no second factor). Staff get 403.
 */
@RestController
@RequestMapping("/api/portal")
@Tag(name = "Client portal", description = "Files granted to the logged-in family member or external adviser")
class PortalApiController {
    private final PortalService portal;

    PortalApiController(PortalService portal) {
        this.portal = portal;
    }

    @GetMapping("/files")
    @Operation(summary = "My files", description = "Only the files granted to me and not expired, with my access and the file manager's name.")
    List<PortalFileSummary> files(Actor actor) {
        return portal.files(actor);
    }

    @GetMapping("/files/{id}")
    @Operation(summary = "One of my files", description = "The household, its people, the file manager's contact, my access in words and "
            + "what I may change. 404 for any file not granted to me (or expired).")
    PortalFileView file(Actor actor, @PathVariable long id) {
        return portal.file(actor, id);
    }
}
