package com.atrium.inventory;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.List;

/**
 * A wealth item as entered. To add: kind (ASSET or LIABILITY), type (e.g. REAL_ESTATE, CASH, SECURITIES,
 * LIFE_INSURANCE, BUSINESS, OTHER_ASSET; MORTGAGE, LOAN, TAX_DEBT, OTHER_LIABILITY), description, value
 * (EUR, at most 2 decimals) and at least one owner are required. To change (PATCH): only the fields given
 * change; owners, when given, replace the owners. kind may be left out: the type implies it.
 */
public record WealthItemForm(String kind, String type,
                             @Size(max = 500, message = "The description is at most 500 characters.") String description,
                             BigDecimal value, String currency, List<@Valid OwnerForm> owners) {

    /** One owner: a person of the household, with an optional share in percent (shares of one item add up to at most 100). */
    public record OwnerForm(Long personId, BigDecimal sharePercent) {
    }
}
