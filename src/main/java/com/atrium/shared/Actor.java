package com.atrium.shared;

/**
 * Who is asking. Built from the authenticated user for every request; every service method that
 * reads or changes practice data takes one, and every query is scoped by {@link #practiceId()}.
 */
public record Actor(long userId, long practiceId, String name, String email, UserType type, boolean practiceManager) {

    public boolean isStaff() {
        return type.isStaff();
    }
}
