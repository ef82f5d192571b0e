package com.atrium.inventory;

import com.atrium.access.Permission;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

/** The donations inventory of a client file, oldest first, with the total (EUR) and the viewer's permissions. */
public record DonationsView(long clientId, List<DonationView> donations, BigDecimal total, Set<Permission> permissions) {

    public boolean canEdit() {
        return permissions.contains(Permission.EDIT_INVENTORIES);
    }
}
