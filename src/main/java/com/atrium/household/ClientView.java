package com.atrium.household;

import com.atrium.access.Permission;
import com.atrium.shared.PhoneNumbers;
import com.atrium.workgroup.WorkgroupRef;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A client file as a screen or the API shows it, with what the viewer may do already decided by the
 * access module (templates never decide access). {@code workgroup} and {@code secondaryAdviser} are
 * null when there is none.
 */
public record ClientView(long id, String displayName, ClientStatus status, Contact primaryProfessional,
                         List<PersonView> people, Instant createdAt, String createdBy, Set<Permission> permissions,
                         WorkgroupRef workgroup, Contact secondaryAdviser) {

    public record Contact(long id, String name, String email, String phone) {
        /** The phone as people write it ("+61 412 555 201"); {@code phone} stays E.164. */
        public String phoneDisplay() {
            return PhoneNumbers.display(phone);
        }
    }

    public String statusLabel() {
        return status.label();
    }

    public boolean can(String permission) {
        return permissions.contains(Permission.valueOf(permission));
    }
}
