package com.atrium.access;

import java.time.Instant;

/** A staff user's place on a household team, as recorded by the access module. */
public record TeamMembership(long clientId, long userId, TeamRole role, boolean primary, Long grantedBy, Instant grantedAt) {
}
