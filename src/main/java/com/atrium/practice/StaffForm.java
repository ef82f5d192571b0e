package com.atrium.practice;

import com.atrium.shared.UserType;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** A new staff user, as entered by a practice manager. */
public record StaffForm(
        @NotBlank(message = "Enter an email address.") @Email(message = "Enter a valid email address.") @Size(max = 254) String email,
        @NotBlank(message = "Enter a first name.") @Size(max = 100, message = "First name is at most 100 characters.") String firstName,
        @NotBlank(message = "Enter a last name.") @Size(max = 100, message = "Last name is at most 100 characters.") String lastName,
        @Size(max = 32) String phone,
        @NotNull(message = "Choose a user type.") UserType type,
        Boolean practiceManager,
        @NotBlank(message = "Enter an initial password.") @AcceptablePassword String password) {

    public boolean manager() {
        return Boolean.TRUE.equals(practiceManager);
    }
}
