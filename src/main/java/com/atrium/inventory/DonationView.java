package com.atrium.inventory;

import java.math.BigDecimal;
import java.time.LocalDate;

/** One donation: recipientPersonId is set for a person of the household, otherwise recipientName names the recipient. */
public record DonationView(long id, LocalDate date, long donorPersonId, String donorName, Long recipientPersonId, String recipientName,
                           BigDecimal amount, String currency, DonationKind kind, String notes) {

    public String kindLabel() {
        return kind.label();
    }
}
