package com.atrium.workgroup;

import java.time.Instant;

/**
 * One workgroup as the profile page and the API show it to the asking user, with what they may do
 * already decided.
 *
 * @param memberCount  everyone in the group, the owner included
 * @param clientCount  clients assigned to the group
 * @param owned        the asking user owns it
 * @param defaultGroup it is the asking user's default workgroup for new clients
 */
public record WorkgroupView(long id, String description, long ownerId, String ownerName, int memberCount, long clientCount,
                            Instant createdAt, boolean owned, boolean defaultGroup, boolean canEdit, boolean canInvite,
                            boolean canDelete) {
}
