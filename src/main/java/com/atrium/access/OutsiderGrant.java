package com.atrium.access;

import java.time.Instant;
import java.time.LocalDate;

/**
 * An outsider's access to one client as the access module records it.
 *
 * @param subjectId   the person (family member) or external adviser id, in the outsider module's terms
 * @param holder      a holder or co-holder: the grant can never be withdrawn or downgraded
 * @param userId      the outsider's account, once it exists (null until then)
 * @param expiresOn   last day of access (UTC), null for no end
 * @param expired     true when {@code expiresOn} is before today: the grant no longer gives access
 */
public record OutsiderGrant(long id, long clientId, GrantSubject subject, long subjectId, String subjectName, boolean holder,
                            AccessLevel level, String email, String mobile, Long userId, LocalDate expiresOn,
                            long grantedBy, String grantedByName, Instant grantedAt, boolean expired) {

    public PathKind pathKind() {
        return PathKind.ofGrant(subject, holder, level);
    }
}
