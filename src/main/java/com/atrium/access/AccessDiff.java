package com.atrium.access;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What an access change would do (the what-if, {@link AccessWhatIf}): for every (person, client) whose access differs
 * between the facts as they are and the facts as proposed, what they may do before and after — both computed by the
 * same decision logic ({@code AccessRules} through {@code Decisions}), the second on the proposed facts.
 *
 * @param changes every (person, client) whose permissions differ, by person then client
 */
public record AccessDiff(List<Change> changes) {

    public enum Effect {
        /** Had access, has none. */
        LOSES,
        /** Had none, has access. */
        GAINS,
        /** Keeps access, with other permissions. */
        CHANGES
    }

    /**
     * One person on one client.
     *
     * @param clientName the client's name as the list sorts it (screens may replace it with the display name)
     * @param beforeWhy  the Why? sentence on the facts as they are (null when they had no access)
     * @param afterWhy   the Why? sentence on the proposed facts (null when they will have none)
     */
    public record Change(long userId, String userName, String userType, long clientId, String clientName, Set<Permission> before,
                         Set<Permission> after, String beforeWhy, String afterWhy) {
        public Effect effect() {
            if (after.isEmpty()) {
                return Effect.LOSES;
            }
            return before.isEmpty() ? Effect.GAINS : Effect.CHANGES;
        }

        /** Permissions the person loses (for a change of role: what they may no longer do). */
        public Set<Permission> lost() {
            java.util.EnumSet<Permission> s = java.util.EnumSet.noneOf(Permission.class);
            s.addAll(before);
            s.removeAll(after);
            return s;
        }

        /** Permissions the person gains. */
        public Set<Permission> gained() {
            java.util.EnumSet<Permission> s = java.util.EnumSet.noneOf(Permission.class);
            s.addAll(after);
            s.removeAll(before);
            return s;
        }
    }

    /** One person's effects, for the confirmation pages ("Ann Lee loses access to 3 clients: ..."). */
    public record Person(long userId, String name, List<Change> loses, List<Change> gains, List<Change> changes) {
    }

    public static AccessDiff none() {
        return new AccessDiff(List.of());
    }

    public boolean isEmpty() {
        return changes.isEmpty();
    }

    public List<Change> losses() {
        return changes.stream().filter(c -> c.effect() == Effect.LOSES).toList();
    }

    public List<Change> gains() {
        return changes.stream().filter(c -> c.effect() == Effect.GAINS).toList();
    }

    public List<Change> permissionChanges() {
        return changes.stream().filter(c -> c.effect() == Effect.CHANGES).toList();
    }

    /** The effects grouped by person (by name). */
    public List<Person> byPerson() {
        Map<Long, List<Change>> by = new LinkedHashMap<>();
        changes.stream().sorted(Comparator.comparing(Change::userName, Comparator.nullsLast(String::compareTo))
                        .thenComparingLong(Change::userId).thenComparing(Change::clientName, Comparator.nullsLast(String::compareTo)))
                .forEach(c -> by.computeIfAbsent(c.userId(), k -> new ArrayList<>()).add(c));
        List<Person> people = new ArrayList<>();
        by.forEach((id, list) -> people.add(new Person(id, list.get(0).userName(),
                list.stream().filter(c -> c.effect() == Effect.LOSES).toList(),
                list.stream().filter(c -> c.effect() == Effect.GAINS).toList(),
                list.stream().filter(c -> c.effect() == Effect.CHANGES).toList())));
        return people;
    }

    /** The same effects with the clients' names as screens show them (ids without a name keep theirs). */
    public AccessDiff withClientNames(Map<Long, String> names) {
        return new AccessDiff(changes.stream().map(c -> new Change(c.userId(), c.userName(), c.userType(), c.clientId(),
                names.getOrDefault(c.clientId(), c.clientName()), c.before(), c.after(), c.beforeWhy(), c.afterWhy())).toList());
    }

    /** The ids of the clients concerned. */
    public Set<Long> clientIds() {
        java.util.Set<Long> ids = new java.util.LinkedHashSet<>();
        changes.forEach(c -> ids.add(c.clientId()));
        return ids;
    }
}
