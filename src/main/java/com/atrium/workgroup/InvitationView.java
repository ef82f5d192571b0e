package com.atrium.workgroup;

import java.time.Instant;

/** A pending invitation to join a workgroup. */
public record InvitationView(long id, long workgroupId, String workgroupDescription, String ownerName, long inviteeId,
                             String inviteeName, String invitedByName, Instant invitedAt) {
}
