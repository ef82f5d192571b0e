package com.atrium.workgroup;

import com.atrium.shared.UserType;

/**
 * A workgroup as other modules see it: enough to name it, and to know whether its owner can be a
 * client's primary professional (assistants' clients take the owner as primary).
 */
public record WorkgroupRef(long id, String description, long ownerId, String ownerName, UserType ownerType, boolean ownerActive) {

    /** Only an active Professional can be primary professional. */
    public boolean ownerCanBePrimary() {
        return ownerType == UserType.PROFESSIONAL && ownerActive;
    }

    /** E.g. “Okafor clients” (owner Daniel Okafor). */
    public String label() {
        return "\u201c" + description + "\u201d (owner " + ownerName + ")";
    }
}
