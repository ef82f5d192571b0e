package com.atrium.practice;

import com.atrium.shared.PhoneNumbers;
import com.atrium.shared.UserType;

/** A staff user as screens and the API show them. */
public record StaffView(long id, String email, String firstName, String lastName, String phone, UserType type,
                        boolean practiceManager, boolean active) {

    public String name() {
        return firstName + " " + lastName;
    }

    public String typeLabel() {
        return type.label();
    }

    public String phoneDisplay() {
        return PhoneNumbers.display(phone);
    }
}
