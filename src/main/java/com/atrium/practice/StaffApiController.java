package com.atrium.practice;

import com.atrium.shared.Actor;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The caller and their practice's staff over JSON. */
@RestController
@Tag(name = "Practice", description = "The caller, and the staff of their practice")
class StaffApiController {
    private final PracticeService practice;
    private final StaffAdministration administration;

    StaffApiController(PracticeService practice, StaffAdministration administration) {
        this.practice = practice;
        this.administration = administration;
    }

    /** Who is calling. */
    record MeResponse(long id, String email, String name, String type, boolean practiceManager, long practiceId, String practiceName) {
    }

    @GetMapping("/api/me")
    @Operation(summary = "The calling user")
    MeResponse me(Actor actor) {
        return new MeResponse(actor.userId(), actor.email(), actor.name(), actor.type().name(), actor.practiceManager(),
                actor.practiceId(), practice.practiceOf(actor).name());
    }

    @GetMapping("/api/staff")
    @Operation(summary = "Staff users of the caller's practice")
    List<StaffView> staff(Actor actor) {
        return practice.staff(actor);
    }

    @GetMapping("/api/staff/{id}")
    @Operation(summary = "One staff user of the caller's practice")
    StaffView one(Actor actor, @PathVariable long id) {
        return practice.staffMember(actor, id);
    }

    @org.springframework.web.bind.annotation.PatchMapping("/api/staff/{id}")
    @Operation(summary = "Change or disable a staff user (practice managers only)", description = "Merge-style: firstName, lastName, "
            + "email, phone (\"\" clears), type (PROFESSIONAL, SUPPORT, ASSISTANT: where no client needs them as they are), "
            + "practiceManager, active (false disables: every access ends at once, sessions end, API tokens are revoked). Disabling "
            + "the primary professional of any client is refused (409) with those clients in clients[] (id, name, role, handOver: "
            + "where to hand it over). A manager cannot disable themselves or remove the practice's last manager capability.")
    StaffView update(Actor actor, @PathVariable long id, @RequestBody StaffPatch patch) {
        return administration.update(actor, id, patch);
    }

    @PostMapping("/api/staff")
    @Operation(summary = "Create a staff user (practice managers only)")
    ResponseEntity<StaffView> create(Actor actor, @Valid @RequestBody StaffForm form) {
        StaffView created = practice.createStaff(actor, form);
        return ResponseEntity.created(URI.create("/api/staff/" + created.id())).body(created);
    }
}
