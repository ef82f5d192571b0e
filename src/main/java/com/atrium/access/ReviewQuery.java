package com.atrium.access;

/**
 * What the access review lists (every filter optional; all of them together narrow it).
 *
 * @param person only this person's accesses
 * @param client only accesses to this client
 * @param kind   only accesses through this kind of path ({@link PathKind#PRACTICE_MANAGER}: only the practice managers)
 * @param role   only team members with this role
 * @param stale  only accesses that look stale in this way
 */
public record ReviewQuery(Long person, Long client, PathKind kind, TeamRole role, Stale stale) {

    public static ReviewQuery all() {
        return new ReviewQuery(null, null, null, null, null);
    }

    /** The ways an access can look stale (the review's {@code stale} filter). */
    public enum Stale {
        /** A team member (the primary included), on the team for 180 days or more, who has not opened the file in 180 days. */
        NOT_OPENED("Not opened in 180 days"),
        /** An outsider grant whose last day is within the next 30 days. */
        EXPIRING("Grant expires within 30 days"),
        /** An outsider grant to someone who has never logged in (including invitations not yet accepted). */
        NEVER_LOGGED_IN("Never logged in"),
        /** A disabled account still on a team, in a workgroup or secondary adviser (no access, but still recorded). */
        DISABLED("Disabled account still recorded");

        private final String label;

        Stale(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** Days after which a team member who has not opened the file counts as stale. */
    public static final int NOT_OPENED_DAYS = 180;
    /** Days ahead in which an expiring grant counts as stale. */
    public static final int EXPIRING_DAYS = 30;
}
