package com.atrium.bench;

import com.atrium.bench.Dataset.Household;
import com.atrium.bench.Dataset.OutsiderGrant;
import com.atrium.bench.Dataset.TeamMember;
import com.atrium.bench.Dataset.Type;
import com.atrium.bench.Dataset.User;
import com.atrium.bench.Dataset.Workgroup;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Atrium's rules for VIEW_FILE written once more, directly over the dataset (no database, no engine): the
 * reference the three engines are compared with. A person sees a client of their own practice, with an active
 * account, when they are a practice manager (staff), its primary professional or a team member, its secondary
 * adviser (a Professional), the owner or a member of its workgroup (staff), or an outsider with a live grant
 * (only when {@link Features#outsiderGrants()}).
 */
public final class Oracle {
    private final Dataset d;
    private final Features features;
    private final Set<Long> team = new HashSet<>();
    private final Map<Long, Set<Long>> groupPeople = new HashMap<>();
    private final Set<Long> grants = new HashSet<>();

    public Oracle(Dataset d, Features features) {
        this.d = d;
        this.features = features;
        for (TeamMember t : d.team) {
            team.add(key(t.clientId(), t.userId()));
        }
        for (Workgroup w : d.workgroups) {
            Set<Long> people = new HashSet<>(w.members());
            people.add(w.ownerId());
            groupPeople.put(w.id(), people);
        }
        if (features.outsiderGrants()) {
            for (OutsiderGrant g : d.grants) {
                if (g.liveAt(d.now)) {
                    grants.add(key(g.clientId(), g.outsiderId()));
                }
            }
        }
    }

    static long key(long clientId, long userId) {
        return clientId * 10_000_000L + userId;
    }

    public boolean canView(long userId, long clientId) {
        User u = d.user(userId);
        Household h = d.household(clientId);
        if (u == null || h == null || !u.active() || u.practiceId() != h.practiceId()) {
            return false;
        }
        if (u.staff() && u.manager()) {
            return true;
        }
        if (team.contains(key(clientId, userId))) {
            return true;
        }
        if (h.secondaryId() != null && h.secondaryId() == userId && u.type() == Type.PROFESSIONAL) {
            return true;
        }
        if (h.workgroupId() != null && u.staff() && groupPeople.get(h.workgroupId()).contains(userId)) {
            return true;
        }
        return grants.contains(key(clientId, userId));
    }

    /** How many clients the user sees. */
    public long visibleCount(long userId) {
        return visibleCount(userId, null);
    }

    /** How many clients the user sees whose search text contains {@code query} (lower-cased; null: all). */
    public long visibleCount(long userId, String query) {
        User u = d.user(userId);
        String q = query == null ? null : query.toLowerCase(java.util.Locale.ROOT);
        return d.households.stream().filter(h -> h.practiceId() == u.practiceId()).filter(h -> !"ARCHIVED".equals(h.status()))
                .filter(h -> q == null || h.searchText().contains(q)).filter(h -> canView(userId, h.id())).count();
    }
}
