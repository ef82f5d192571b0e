package com.atrium.practice;

/**
 * A change of one's own password. {@code confirmPassword} comes from the web form (the new password typed twice);
 * the API leaves it out. Every rule is checked by {@link PasswordService#change}, so all errors come back at once.
 */
public record PasswordChangeForm(String currentPassword, String newPassword, String confirmPassword) {
}
