package com.atrium.bench;

import com.atrium.access.PathKind;
import com.atrium.access.Permission;
import com.atrium.access.TeamRole;
import com.atrium.bench.Dataset.Role;
import java.util.Set;

/**
 * The permission sets of each way to a client, taken from Atrium's own catalogue (so the peers cannot drift
 * from it), including the outsider grants' paths.
 */
final class Catalogue {
    static final Set<Permission> MANAGER = PathKind.PRACTICE_MANAGER.fixedPermissions();
    static final Set<Permission> PRIMARY = PathKind.PRIMARY.fixedPermissions();
    static final Set<Permission> WORKGROUP = PathKind.WORKGROUP_MEMBER.fixedPermissions();
    static final Set<Permission> SECONDARY = PathKind.SECONDARY_ADVISER.fixedPermissions();

    /** The outsider path of a (non-holder) grant, as Atrium names it: FAMILY_READ_WRITE, ADVISER_READ_ONLY, ... */
    static PathKind grant(Dataset.OutsiderGrant g) {
        return PathKind.valueOf((g.externalAdviser() ? "ADVISER" : "FAMILY") + (g.readWrite() ? "_READ_WRITE" : "_READ_ONLY"));
    }

    private Catalogue() {
    }

    static Set<Permission> team(Role role) {
        return TeamRole.valueOf(role.name()).permissions();
    }

    /** Bit i is {@code Permission.values()[i]}. */
    static int mask(Set<Permission> permissions) {
        int m = 0;
        for (Permission p : permissions) {
            if (p.businessOnly()) {
                continue; // the benchmark's clients are households: no path gives business-account permissions on them
            }
            m |= 1 << p.ordinal();
        }
        return m;
    }
}
