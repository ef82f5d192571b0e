package com.atrium.household;

import com.atrium.shared.PhoneNumbers;
import java.time.LocalDate;

public record PersonView(long id, Relationship relationship, String firstName, String middleName, String lastName,
                         LocalDate dateOfBirth, String email, String mobile) {

    public String name() {
        return firstName + (middleName == null || middleName.isBlank() ? "" : " " + middleName) + " " + lastName;
    }

    public String relationshipLabel() {
        return relationship.label();
    }

    public String mobileDisplay() {
        return PhoneNumbers.display(mobile);
    }
}
