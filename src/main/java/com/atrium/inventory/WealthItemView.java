package com.atrium.inventory;

import java.math.BigDecimal;
import java.util.List;

/** One asset or liability with its owners. {@code sharePercent} of an owner is null when not given (equal split). */
public record WealthItemView(long id, WealthKind kind, WealthType type, String description, BigDecimal value, String currency,
                             List<Owner> owners) {

    public record Owner(long personId, String name, BigDecimal sharePercent) {
        public String label() {
            return sharePercent == null ? name : name + " (" + sharePercent.stripTrailingZeros().toPlainString() + " %)";
        }
    }

    public String typeLabel() {
        return type.label();
    }

    public String ownersLabel() {
        return String.join(", ", owners.stream().map(Owner::label).toList());
    }
}
