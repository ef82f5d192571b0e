package com.atrium.workgroup;

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
import org.springframework.web.bind.annotation.RestController;

/**
 * Workgroups over JSON: the caller's groups, owning one (edit, delete, members, invitations), answering
 * invitations and the default workgroup. A workgroup the caller may not see (another practice's, or
 * one they are not in) answers 404 like an unknown id.
 */
@RestController
@Tag(name = "Workgroups", description = "User-managed groups of staff that share the clients assigned to them")
class WorkgroupApiController {
    private final WorkgroupService workgroups;

    WorkgroupApiController(WorkgroupService workgroups) {
        this.workgroups = workgroups;
    }

    /** The caller's default workgroup for new clients (null: none). */
    record DefaultWorkgroupResponse(WorkgroupRef workgroup) {
    }

    @GetMapping("/api/workgroups")
    @Operation(summary = "Workgroups the caller owns or belongs to", description = "Owned first, each with its member count (owner included).")
    List<WorkgroupView> mine(Actor actor) {
        return workgroups.mine(actor);
    }

    @PostMapping("/api/workgroups")
    @Operation(summary = "Create a workgroup", description = "The caller becomes its owner. The description is trimmed; 1 to 100 characters.")
    ResponseEntity<WorkgroupView> create(Actor actor, @Valid @RequestBody WorkgroupForm form) {
        WorkgroupView created = workgroups.create(actor, form);
        return ResponseEntity.created(URI.create("/api/workgroups/" + created.id())).body(created);
    }

    @GetMapping("/api/workgroups/{id}")
    @Operation(summary = "One workgroup (owner, members and practice managers)")
    WorkgroupView get(Actor actor, @PathVariable long id) {
        return workgroups.get(actor, id);
    }

    @PatchMapping("/api/workgroups/{id}")
    @Operation(summary = "Change the description (owner only)")
    WorkgroupView update(Actor actor, @PathVariable long id, @Valid @RequestBody WorkgroupForm form) {
        return workgroups.update(actor, id, form);
    }

    @DeleteMapping("/api/workgroups/{id}")
    @Operation(summary = "Delete a workgroup (owner only)", description = "Its clients become unassigned in the same transaction; "
            + "the answer says how many.")
    WorkgroupDeletion delete(Actor actor, @PathVariable long id) {
        return workgroups.delete(actor, id);
    }

    @GetMapping("/api/workgroups/{id}/members")
    @Operation(summary = "Everyone in the workgroup", description = "The owner first (owner: true), then members in the order they joined.")
    List<MemberView> members(Actor actor, @PathVariable long id) {
        return workgroups.members(actor, id);
    }

    @DeleteMapping("/api/workgroups/{id}/members/{userId}")
    @Operation(summary = "Remove a member (owner), or leave (the member themselves)")
    ResponseEntity<Void> removeMember(Actor actor, @PathVariable long id, @PathVariable long userId) {
        workgroups.removeMember(actor, id, userId);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/api/workgroups/{id}/invitations")
    @Operation(summary = "Pending invitations to the workgroup (owner only; others get an empty list)")
    List<InvitationView> invitations(Actor actor, @PathVariable long id) {
        return workgroups.pendingInvitations(actor, id);
    }

    @PostMapping("/api/workgroups/{id}/invitations")
    @Operation(summary = "Invite a user of the practice by user id (owner only)",
            description = "400 for an id that is not a staff user of the practice or is the caller; 409 for a member or someone already invited.")
    ResponseEntity<InvitationView> invite(Actor actor, @PathVariable long id, @Valid @RequestBody InvitationForm form) {
        InvitationView created = workgroups.invite(actor, id, form);
        return ResponseEntity.created(URI.create("/api/workgroups/" + id + "/invitations/" + created.id())).body(created);
    }

    @DeleteMapping("/api/workgroups/{id}/invitations/{invitationId}")
    @Operation(summary = "Withdraw a pending invitation (owner only)")
    ResponseEntity<Void> withdraw(Actor actor, @PathVariable long id, @PathVariable long invitationId) {
        workgroups.withdrawInvitation(actor, id, invitationId);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/api/me/invitations")
    @Operation(summary = "Invitations addressed to the caller")
    List<InvitationView> myInvitations(Actor actor) {
        return workgroups.myInvitations(actor);
    }

    @PostMapping("/api/me/invitations/{id}/join")
    @Operation(summary = "Join the workgroup of an invitation", description = "Joining shares nothing by itself: only clients assigned to the group.")
    WorkgroupView join(Actor actor, @PathVariable long id) {
        return workgroups.join(actor, id);
    }

    @PostMapping("/api/me/invitations/{id}/ignore")
    @Operation(summary = "Ignore an invitation (deletes it)")
    ResponseEntity<Void> ignore(Actor actor, @PathVariable long id) {
        workgroups.ignore(actor, id);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/api/me/default-workgroup")
    @Operation(summary = "The caller's default workgroup for new clients")
    DefaultWorkgroupResponse defaultWorkgroup(Actor actor) {
        return new DefaultWorkgroupResponse(workgroups.defaultWorkgroup(actor).orElse(null));
    }

    @PutMapping("/api/me/default-workgroup")
    @Operation(summary = "Pick the default workgroup for new clients", description = "{\"workgroupId\": 12}, or {\"workgroupId\": null} for none. "
            + "Only a workgroup the caller owns or belongs to.")
    DefaultWorkgroupResponse setDefault(Actor actor, @RequestBody WorkgroupChoiceForm form) {
        return new DefaultWorkgroupResponse(workgroups.setDefault(actor, form.workgroupId()).orElse(null));
    }
}
