package com.atrium.bench;

import com.atrium.access.PathKind;
import com.atrium.access.Permission;
import com.atrium.access.TeamRole;
import com.atrium.bench.Dataset.Role;
import java.util.EnumSet;
import java.util.Set;

/**
 * The permission sets of each way to a client, taken from Atrium's own catalogue (so the peers cannot drift
 * from it), plus the outsider grants of spec C7 (read-write: family structure and inventories; read-only: view).
 */
final class Catalogue {
    static final Set<Permission> MANAGER = PathKind.PRACTICE_MANAGER.fixedPermissions();
    static final Set<Permission> PRIMARY = PathKind.PRIMARY.fixedPermissions();
    static final Set<Permission> WORKGROUP = PathKind.WORKGROUP_MEMBER.fixedPermissions();
    static final Set<Permission> SECONDARY = PathKind.SECONDARY_ADVISER.fixedPermissions();
    static final Set<Permission> OUTSIDER_RW = EnumSet.of(Permission.VIEW_FILE, Permission.EDIT_FAMILY, Permission.EDIT_INVENTORIES);
    static final Set<Permission> OUTSIDER_RO = EnumSet.of(Permission.VIEW_FILE);

    private Catalogue() {
    }

    static Set<Permission> team(Role role) {
        return TeamRole.valueOf(role.name()).permissions();
    }

    /** Bit i is {@code Permission.values()[i]}. */
    static int mask(Set<Permission> permissions) {
        int m = 0;
        for (Permission p : permissions) {
            m |= 1 << p.ordinal();
        }
        return m;
    }
}
