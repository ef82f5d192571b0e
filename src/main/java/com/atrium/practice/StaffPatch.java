package com.atrium.practice;

/**
 * A change to a staff user by a practice manager (PATCH, merge-style: a field left out or null stays). {@code type} is
 * {@code PROFESSIONAL}, {@code SUPPORT} or {@code ASSISTANT}; {@code practiceManager} gives or removes the capability;
 * {@code active} false disables the account (it loses every access at once, its sessions end and its API tokens are
 * revoked), true enables it again. Lengths agree with the database: names 100, email 254, phone 32 characters.
 * {@code phone} "" clears it.
 */
public record StaffPatch(String firstName, String lastName, String email, String phone, String type, Boolean practiceManager,
                         Boolean active) {

    public static StaffPatch active(boolean active) {
        return new StaffPatch(null, null, null, null, null, null, active);
    }
}
