package com.atrium.household;

/** A person found by email, with the household they belong to (for imports that link records by email). */
public record PersonMatch(long clientId, long personId, String firstName, String lastName, String email) {
}
