package com.atrium.practice;

import com.atrium.shared.UserType;

/** Someone's login account, as other modules may know it (no password, no counters). */
public record Account(long id, long practiceId, String email, String name, String phone, UserType type, boolean active) {
}
