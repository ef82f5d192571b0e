package com.atrium.outsider;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** An external adviser as the file manager enters them. Email and mobile (with country code) are required. */
public record ExternalAdviserForm(
        @NotBlank(message = "Enter a first name.") @Size(max = 100, message = "First name is at most 100 characters.") String firstName,
        @NotBlank(message = "Enter a last name.") @Size(max = 100, message = "Last name is at most 100 characters.") String lastName,
        @NotBlank(message = "Enter an email address.") @Size(max = 254) String email,
        @NotBlank(message = "Enter a mobile number with its country code.") @Size(max = 32) String mobile,
        @Size(max = 200, message = "The firm is at most 200 characters.") String firm,
        @NotNull(message = "Choose the type of adviser.") AdviserType type) {
}
