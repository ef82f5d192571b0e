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

    record TokenForm(String name) {
    }

    @PostMapping
    @Operation(summary = "Create a token", description = "The answer carries the secret; it is never shown again.")
    ResponseEntity<NewApiToken> create(Actor actor, @RequestBody TokenForm form) {
        NewApiToken created = tokens.create(actor, form == null ? null : form.name());
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
