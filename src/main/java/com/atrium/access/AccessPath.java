package com.atrium.access;

import java.time.Instant;
import java.util.Set;

/**
 * One reason a person has access to a client, in facts and in words.
 *
 * @param kind        how the access comes about
 * @param role        the team role, when the path is a team membership
 * @param description the path in words, e.g. "Team member as Paraplanner since 3 May 2026, added by Ann Lee"
 * @param since       when the fact was recorded, if known
 * @param grantedBy   who created the fact, if known
 * @param permissions what this path alone allows
 */
public record AccessPath(PathKind kind, TeamRole role, String description, Instant since, String grantedBy,
                         Set<Permission> permissions) {
}
