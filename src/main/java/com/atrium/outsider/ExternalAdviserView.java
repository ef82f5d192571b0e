package com.atrium.outsider;

import com.atrium.shared.PhoneNumbers;
import java.time.Instant;

/** An external adviser registered in a client file. */
public record ExternalAdviserView(long id, long clientId, String firstName, String lastName, String email, String mobile, String firm,
                                  AdviserType type, Instant createdAt) {
    public String name() {
        return firstName + " " + lastName;
    }

    public String typeLabel() {
        return type.label();
    }

    public String mobileDisplay() {
        return PhoneNumbers.display(mobile);
    }
}
