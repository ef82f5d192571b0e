package com.atrium.household;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;

/** One person of a household, as entered. */
public record PersonForm(
        @NotBlank(message = "Enter a first name.") @Size(max = 100, message = "First name is at most 100 characters.") String firstName,
        @Size(max = 100, message = "Middle name is at most 100 characters.") String middleName,
        @NotBlank(message = "Enter a last name.") @Size(max = 100, message = "Last name is at most 100 characters.") String lastName,
        @PastOrPresent(message = "Date of birth cannot be in the future.") LocalDate dateOfBirth,
        @Size(max = 254) String email,
        @Size(max = 32) String mobile,
        Relationship relationship) {
}
