package com.atrium.access;

import java.util.List;
import java.util.Set;

/**
 * Every path that gives one person access to one client, the permissions that result, and the
 * answer in one sentence ({@code summary}), also when the person has no access at all. The UI's
 * "Why?" panel and {@code /api/clients/{id}/access/explain} both render this same object.
 */
public record Explanation(long userId, String userName, String userType, long clientId, boolean hasAccess,
                          List<AccessPath> paths, Set<Permission> permissions, String summary) {

    /** Without a summary of its own: one is made from the paths. */
    public Explanation(long userId, String userName, String userType, long clientId, boolean hasAccess,
                       List<AccessPath> paths, Set<Permission> permissions) {
        this(userId, userName, userType, clientId, hasAccess, paths, permissions,
                AccessRules.summary(userName, paths, null));
    }

    /** Whether the explained person may do this (convenient for templates). */
    public boolean can(String permission) {
        return permissions.contains(Permission.valueOf(permission));
    }
}
