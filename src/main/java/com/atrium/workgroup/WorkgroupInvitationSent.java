package com.atrium.workgroup;

import java.time.Instant;

/**
 * Published when someone is invited to a workgroup. The invitee sees it on their profile page; a mail
 * module can listen to this to send an email notice (there is no mail infrastructure yet).
 */
public record WorkgroupInvitationSent(long practiceId, long invitationId, long workgroupId, String workgroupDescription,
                                      long inviteeId, long invitedBy, Instant at) {
}
