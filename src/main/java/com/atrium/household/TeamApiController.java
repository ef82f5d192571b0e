package com.atrium.household;

import com.atrium.access.Explanation;
import com.atrium.shared.Actor;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Household access over JSON: the team, roles, the primary professional, and why people have access.
 * Reading needs access to the client; changing needs "manage household access" (practice managers and
 * the primary professional). An invisible client answers 404 like an unknown one.
 */
@RestController
@RequestMapping("/api/clients/{id}")
@Tag(name = "Household access", description = "Team, roles, primary professional and explanations of access")
class TeamApiController {
    private final TeamService teams;

    TeamApiController(TeamService teams) {
        this.teams = teams;
    }

    @GetMapping("/team")
    @Operation(summary = "The household's team", description = "Each member with userId, name, role and primary (true for the "
            + "primary professional), since and addedBy. The primary comes first.")
    List<TeamMemberView> team(Actor actor, @PathVariable long id) {
        return teams.team(actor, id);
    }

    @PostMapping("/team")
    @Operation(summary = "Add a staff user (or several) to the team", description = "Body: {\"userId\": 12, \"role\": \"PARAPLANNER\"}"
            + " answers the new member; {\"userIds\": [12, 13], \"role\": ...} adds several at once, all or nothing, and answers the "
            + "list. role is a team role code or label, as listed in docs/access-model.md (never Adviser for an assistant). Each new "
            + "member gets an email with a link to the client.")
    ResponseEntity<?> add(Actor actor, @PathVariable long id, @Valid @RequestBody TeamMemberForm form) {
        if (form.userId() == null && !form.userIds().isEmpty()) {
            java.util.List<TeamMemberView> added = teams.addMembers(actor, id, form.userIds(), form.role());
            return ResponseEntity.created(URI.create("/api/clients/" + id + "/team")).body(added);
        }
        TeamMemberView added = teams.addMember(actor, id, form);
        return ResponseEntity.created(URI.create("/api/clients/" + id + "/team/" + added.userId())).body(added);
    }

    @PatchMapping("/team/{userId}")
    @Operation(summary = "Change a member's role in place", description = "Body: {\"role\": \"READ_ONLY\"}.")
    TeamMemberView changeRole(Actor actor, @PathVariable long id, @PathVariable long userId, @Valid @RequestBody RoleForm form) {
        return teams.changeRole(actor, id, userId, form);
    }

    @DeleteMapping("/team/{userId}")
    @Operation(summary = "Remove someone from the team", description = "Removing the primary professional needs "
            + "?replacement={userId}: that Professional becomes primary and the former primary leaves the team, in one step.")
    ResponseEntity<Void> remove(Actor actor, @PathVariable long id, @PathVariable long userId,
                                @RequestParam(required = false) Long replacement) {
        teams.removeMember(actor, id, userId, replacement);
        return ResponseEntity.noContent().build();
    }

    @PutMapping("/primary")
    @Operation(summary = "Hand over the primary professional role", description = "Body: {\"userId\": 12, \"keepFormerOnTeam\": true}. "
            + "Only an active Professional of the practice can be primary; the former primary stays on the team as Adviser "
            + "unless keepFormerOnTeam is false.")
    HandOver handOver(Actor actor, @PathVariable long id, @Valid @RequestBody PrimaryForm form) {
        return teams.handOver(actor, id, form);
    }

    @GetMapping("/access")
    @Operation(summary = "Everyone who has access", description = "Each person with every path that gives them access, in words, "
            + "and the resulting permissions: the primary first, then practice managers, then by name.")
    List<Explanation> whoHasAccess(Actor actor, @PathVariable long id) {
        return teams.whoHasAccess(actor, id);
    }

    @GetMapping("/access/explain")
    @Operation(summary = "Why can this user see the client?", description = "Every path that grants the user access, in words, "
            + "and the resulting permissions; for a user without access, summary says why not. The user must be of your practice.")
    Explanation explain(Actor actor, @PathVariable long id, @RequestParam("user") long userId) {
        return teams.explain(actor, id, userId);
    }
}
