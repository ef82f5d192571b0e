package com.atrium.access;

import java.time.Instant;

/**
 * Published (synchronously, inside the changing transaction) for every change to who may access a
 * client. The audit module appends each one to the tamper-evident trail in the same transaction, so
 * a change and its record commit or roll back together.
 *
 * @param practiceId    the practice the client belongs to
 * @param clientId      the client whose access changed, or null for a change that reaches every client of a workgroup
 *                      (a member joined or left: one event, not one per client; {@code after}/{@code before} name the
 *                      workgroup and how many clients it reaches)
 * @param changedBy     the user who made the change (null for system changes, e.g. expiry)
 * @param change        what kind of change
 * @param subjectUserId whose access changed (null when not about one person)
 * @param before        the state before, in words (null when there was none)
 * @param after         the state after, in words (null when there is none)
 * @param at            when
 */
public record AccessChanged(long practiceId, Long clientId, Long changedBy, Change change, Long subjectUserId,
                            String before, String after, Instant at) {

    public enum Change {
        CLIENT_REGISTERED, TEAM_MEMBER_ADDED, TEAM_ROLE_CHANGED, TEAM_MEMBER_REMOVED, PRIMARY_HANDED_OVER,
        /** The client was put in a workgroup, or moved to another one (its members gain access). */
        WORKGROUP_ASSIGNED,
        /** The client was taken out of its workgroup (by a move to none, or because the group was deleted). */
        WORKGROUP_UNASSIGNED,
        /** Someone joined a workgroup (one event for the whole group: {@code clientId} is null). */
        WORKGROUP_MEMBER_JOINED,
        /** Someone left or was removed from a workgroup (one event for the whole group: {@code clientId} is null). */
        WORKGROUP_MEMBER_LEFT,
        /** A secondary adviser was appointed (or replaced). */
        SECONDARY_SET,
        /** The secondary adviser was cleared. */
        SECONDARY_CLEARED,
        /** An outsider (family member or external adviser) was given access. */
        OUTSIDER_GRANTED,
        /** An outsider's level or expiry date changed. */
        OUTSIDER_GRANT_CHANGED,
        /** An outsider's access was withdrawn. */
        OUTSIDER_GRANT_REVOKED,
        /** The file manager corrected the email or mobile of a grant that no account is linked to yet. */
        OUTSIDER_CONTACT_CORRECTED,
        /** An outsider changed their own email or mobile (confirmed by a link or a code); their grants follow. */
        OUTSIDER_CONTACT_CHANGED,
        /** An outsider created their account, so their grants now reach them. */
        OUTSIDER_ACCOUNT_LINKED,
        /** A user joined a business account (or changed role there); a bulk upload is one event. */
        ACCOUNT_MEMBER_ADDED,
        /** A user left a business account. */
        ACCOUNT_MEMBER_REMOVED
        // advisor mode (a staff user acting as a member) is audited by the partner module as ADVISOR_MODE_STARTED / _ENDED
    }
}
