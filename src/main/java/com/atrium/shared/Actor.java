package com.atrium.shared;

/**
 * Who is asking. Built from the authenticated user for every request; every service method that
 * reads or changes practice data takes one, and every query is scoped by {@link #practiceId()}.
 */
public record Actor(long userId, long practiceId, String name, String email, UserType type, boolean practiceManager) {
    /** The request attribute that holds the request's actor once it was resolved (for filters and interceptors). */
    public static final String REQUEST_ATTRIBUTE = "com.atrium.shared.Actor";

    public boolean isStaff() {
        return type.isStaff();
    }
}
