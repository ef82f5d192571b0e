package com.atrium.practice;

import com.atrium.shared.Actor;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Changing one's own password over JSON. */
@RestController
@Tag(name = "Practice", description = "The caller, and the staff of their practice")
class PasswordApiController {
    private final PasswordService passwords;

    PasswordApiController(PasswordService passwords) {
        this.passwords = passwords;
    }

    /** The body of {@code PUT /api/me/password}. */
    record PasswordChangeRequest(String currentPassword, String newPassword) {
    }

    @PutMapping("/api/me/password")
    @Operation(summary = "Change the caller's password",
            description = "Needs the current password. The new one follows the password policy (at least 12 characters, at most "
                    + "72 bytes, not a common password). Every error comes back at once in `errors` (currentPassword, newPassword). "
                    + "Ends the caller's other sessions (the calling session, if any, stays). 204 on success.")
    ResponseEntity<Void> change(Actor actor, @RequestBody PasswordChangeRequest body, HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        passwords.change(actor, new PasswordChangeForm(body.currentPassword(), body.newPassword(), null),
                session == null ? null : session.getId());
        return ResponseEntity.noContent().build();
    }
}
