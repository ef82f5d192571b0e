package com.atrium.access;

import com.atrium.shared.Actor;
import com.atrium.shared.InvalidInputException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The access core for integrators: one decision per call, decided by {@link AccessService}. */
@RestController
@RequestMapping("/api/access")
@Tag(name = "Access", description = "Ask the access core whether a user may do something on a client")
class AccessApiController {
    private static final String PERMISSIONS = Arrays.stream(Permission.values()).map(Enum::name).collect(Collectors.joining(", "));
    private final AccessService access;

    AccessApiController(AccessService access) {
        this.access = access;
    }

    @GetMapping("/check")
    @Operation(summary = "May a user do something on a client?",
            description = "user defaults to the caller. Staff may ask about themselves; practice managers about anyone. A user or "
                    + "client outside the caller's practice answers exactly like a denial (allowed false, no paths).")
    CheckAnswer check(Actor actor, @RequestParam(required = false) Long user, @RequestParam String permission,
                      @RequestParam long client) {
        return access.checkFor(actor, user == null ? actor.userId() : user, parse(permission), client);
    }

    private static Permission parse(String name) {
        try {
            return Permission.valueOf(name.trim());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("permission", "Unknown permission \u201c" + name + "\u201d; use one of " + PERMISSIONS + ".");
        }
    }
}
