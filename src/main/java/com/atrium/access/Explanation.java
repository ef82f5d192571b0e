package com.atrium.access;

import java.util.List;
import java.util.Set;

/** Every path that gives one person access to one client, and the permissions that result. */
public record Explanation(long userId, String userName, String userType, long clientId, boolean hasAccess,
                          List<AccessPath> paths, Set<Permission> permissions) {
}
