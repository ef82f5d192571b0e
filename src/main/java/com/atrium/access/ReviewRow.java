package com.atrium.access;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * One person x client access in the access review, explained with the same paths and words as <em>Why?</em>.
 *
 * @param userId      the person (null for an invitation not accepted yet: the grant has no account)
 * @param userName    their name (for a pending invitation: the granted person's name)
 * @param email       for a pending invitation, the address invited; otherwise null
 * @param clientId    the client ({@code null} only for a practice manager's practice-wide row)
 * @param clientName  the client's name as the list sorts it
 * @param active      false for a disabled account (it has no access; the row shows what is still recorded)
 * @param paths       the paths, in the words of {@code explain} (for a disabled account: the facts still recorded)
 * @param permissions what the person may do (empty for a disabled account or a pending invitation)
 * @param summary     the answer in one sentence, as the <em>Why?</em> panel gives it
 * @param grantId     the outsider grant behind the row, if any
 * @param grantUntil  the grant's last day, if any
 * @param lastOpened  when the person last opened the file (read audit), if ever
 * @param lastLogin   when the person last logged in, if ever
 * @param stale       the stale criteria this row meets
 */
public record ReviewRow(Long userId, String userName, String userType, String email, Long clientId, String clientName,
                        boolean active, List<AccessPath> paths, Set<Permission> permissions, String summary, Long grantId,
                        LocalDate grantUntil, Instant lastOpened, Instant lastLogin, Set<ReviewQuery.Stale> stale) {

    /** A stable key for one row, to select it for revocation: {@code <user>:<client>} or {@code grant:<id>} for an invitation. */
    public String key() {
        if (userId == null) {
            return "grant:" + grantId;
        }
        return userId + ":" + (clientId == null ? "all" : clientId);
    }

    /** The same row with the client's name as screens show it (the review reads the name the list sorts by). */
    public ReviewRow withClientName(String name) {
        return new ReviewRow(userId, userName, userType, email, clientId, name == null ? clientName : name, active, paths, permissions,
                summary, grantId, grantUntil, lastOpened, lastLogin, stale);
    }

    public boolean has(PathKind kind) {
        return paths.stream().anyMatch(p -> p.kind() == kind);
    }

    /** The kinds of path, as codes, for the CSV and filters. */
    public List<PathKind> kinds() {
        return paths.stream().map(AccessPath::kind).toList();
    }
}
