package com.atrium.practice;

import com.atrium.shared.Actor;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The caller's personal API tokens (send one as {@code Authorization: Bearer atr_...}). */
@RestController
@RequestMapping("/api/me/tokens")
@Tag(name = "API tokens", description = "Personal Bearer tokens for scripts")
class ApiTokenApiController {
    private final ApiTokenService tokens;

    ApiTokenApiController(ApiTokenService tokens) {
        this.tokens = tokens;
    }

    /**
     * @param expiresInDays 1 to 3650 days from now (default 90)
     * @param neverExpires  true for a token without expiry (not recommended)
     */
    record TokenForm(String name, Integer expiresInDays, Boolean neverExpires) {
    }

    @PostMapping
    @Operation(summary = "Create a token", description = "The answer carries the secret; it is never shown again. The token "
            + "expires after expiresInDays (default 90; expiresAt in the answer) unless neverExpires is true. A call "
            + "authenticated by a token cannot create tokens (403): use the profile page or HTTP Basic.")
    ResponseEntity<NewApiToken> create(Actor actor, @RequestBody(required = false) TokenForm form) {
        NewApiToken created = form == null ? tokens.create(actor, null)
                : tokens.create(actor, form.name(), form.expiresInDays(), Boolean.TRUE.equals(form.neverExpires()));
        return ResponseEntity.created(URI.create("/api/me/tokens/" + created.id())).body(created);
    }

    @GetMapping
    @Operation(summary = "The caller's active tokens")
    List<ApiTokenView> list(Actor actor) {
        return tokens.mine(actor);
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "Revoke a token", description = "Takes effect at the next request.")
    ResponseEntity<Void> revoke(Actor actor, @PathVariable long id) {
        tokens.revoke(actor, id);
        return ResponseEntity.noContent().build();
    }
}
