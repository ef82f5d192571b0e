package com.atrium.crm;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One insurance policy as the CRM holds it (read-only in Atrium). {@code endYear}: whole years from today until the
 * renewal date, counted up (0 once passed).
 */
public record PolicyView(String externalId, String source, String insuranceType, String insurer, String planName, BigDecimal cover,
                         BigDecimal premium, String frequency, String policyNumber, String status, LocalDate renewalDate,
                         Integer endYear) {
}
