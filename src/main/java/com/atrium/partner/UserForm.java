package com.atrium.partner;

/** One user to add to a business account (or to its diagnostic): first name, last name, email. */
public record UserForm(String firstName, String lastName, String email) {

    /** All three fields empty. */
    public boolean blank() {
        return isBlank(firstName) && isBlank(lastName) && isBlank(email);
    }

    static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
