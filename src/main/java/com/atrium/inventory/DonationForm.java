package com.atrium.inventory;

import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A donation as entered. To add: date, donor (a person of the household), a recipient (recipientPersonId
 * for a person of the household, or recipientName for anyone else — exactly one), amount (EUR) and kind
 * (MONEY, REAL_ESTATE, SHARES, OTHER) are required; notes are optional. To change (PATCH): only the fields
 * given change (giving one recipient field replaces the other).
 */
public record DonationForm(LocalDate date, Long donorPersonId, Long recipientPersonId,
                           @Size(max = 200, message = "The recipient's name is at most 200 characters.") String recipientName,
                           BigDecimal amount, String currency, String kind,
                           @Size(max = 2000, message = "Notes are at most 2000 characters.") String notes) {
}
