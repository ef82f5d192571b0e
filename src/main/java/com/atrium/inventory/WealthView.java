package com.atrium.inventory;

import com.atrium.access.Permission;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

/** The wealth inventory of a client file with its totals (EUR) and the viewer's permissions (from the access module). */
public record WealthView(long clientId, List<WealthItemView> assets, List<WealthItemView> liabilities, BigDecimal totalAssets,
                         BigDecimal totalLiabilities, BigDecimal netWorth, Set<Permission> permissions) {

    public boolean canEdit() {
        return permissions.contains(Permission.EDIT_INVENTORIES);
    }
}
