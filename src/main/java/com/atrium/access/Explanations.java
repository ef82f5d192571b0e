package com.atrium.access;

import com.atrium.access.AccessRules.ClientFacts;
import com.atrium.access.AccessRules.GrantFacts;
import com.atrium.access.AccessRules.SecondaryFacts;
import com.atrium.access.AccessRules.WorkgroupFacts;
import com.atrium.access.AccessSubjects.Subject;
import com.atrium.shared.Actor;
import com.atrium.shared.NotFoundException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import com.atrium.access.FactReads.PairFacts;

/**
 * Explanations: every path of one person to a client, and everyone who has access to it, in words.
 * Part of the access module behind {@link AccessService}; wired by it.
 */
final class Explanations {
    private final AccessSubjects subjects;
    private final AccessContext ctx;

    Explanations(AccessContext ctx) {
        this.ctx = ctx;
        this.subjects = ctx.subjects;
    }

    /** Every path that gives {@code userId} access to the client; the asker must be able to see the client. */
    Explanation explain(Actor asker, long clientId, long userId) {
        require(asker, Permission.VIEW_FILE, clientId);
        Subject subject = subject(userId).filter(s -> s.practiceId() == asker.practiceId())
                .orElseThrow(() -> new NotFoundException("User"));
        PairFacts r = relation(userId, clientId); // the same one query as check (the secondary only when it is this user)
        if (!r.exists()) {
            throw new NotFoundException("Client");
        }
        return ctx.decisions.explanation(subject, r.client(), r.team(), r.workgroup(), r.secondary(),
                r.grant(), r.member(), null);
    }

    /** Everyone who has access to the client, each with their paths: the primary first, then practice managers, then by name. */
    List<Explanation> whoHasAccess(Actor asker, long clientId) {
        require(asker, Permission.VIEW_FILE, clientId);
        return everyone(clientId);
    }

    /**
     * Everyone who has access to the client, each with their paths, as the facts stand in the current transaction (no
     * asker check: the what-if runs it on proposed facts, {@link WhatIf}). The primary first, then practice managers, then by name.
     */
    List<Explanation> everyone(long clientId) {
        ClientFacts client = clientFacts(clientId).orElseThrow(() -> new NotFoundException("Client"));
        List<TeamMembership> team = team(clientId);
        Map<Long, WorkgroupFacts> workgroup = workgroupMembersOf(clientId);
        Optional<SecondaryFacts> secondary = secondaryRow(clientId);
        Map<Long, GrantFacts> grants = grantsByUser(clientId);
        Map<Long, AccessRules.MemberFacts> members = ctx.reads.membersOf(clientId);
        FactReads.ClientSet facts = new FactReads.ClientSet(client, team, workgroup, secondary, grants, members);
        List<Subject> managers = subjects.practiceManagers(client.practiceId());
        Set<Long> ids = mentioned(facts);
        managers.forEach(m -> ids.add(m.userId()));
        return everyone(facts, managers, subjects.findAll(ids));
    }

    /**
     * {@link #everyone(long)} for many clients of one practice at once (the batch what-if, {@link AccessWhatIf}): the facts of all of
     * them in a few set-based statements ({@link FactReads#clientSets}), the practice managers once per practice, the
     * people once; then the same decision logic on each client as the single one. Only the clients of the practice are
     * answered (those that do not exist or belong to another practice are absent).
     */
    Map<Long, List<Explanation>> everyone(java.util.Collection<Long> clientIds, long practiceId) {
        if (clientIds.isEmpty()) {
            return Map.of();
        }
        Map<Long, FactReads.ClientSet> sets = new LinkedHashMap<>(ctx.reads.clientSets(clientIds));
        sets.values().removeIf(f -> f.client().practiceId() != practiceId);
        Map<Long, List<Subject>> managersByPractice = new java.util.HashMap<>();
        Set<Long> ids = new HashSet<>();
        sets.values().forEach(f -> {
            ids.addAll(mentioned(f));
            managersByPractice.computeIfAbsent(f.client().practiceId(), subjects::practiceManagers).forEach(m -> ids.add(m.userId()));
        });
        Map<Long, Subject> people = new java.util.HashMap<>();
        List<Long> all = new ArrayList<>(ids);
        for (int i = 0; i < all.size(); i += 5000) {
            people.putAll(subjects.findAll(all.subList(i, Math.min(all.size(), i + 5000))));
        }
        Map<Long, List<Explanation>> result = new LinkedHashMap<>();
        sets.forEach((clientId, f) -> result.put(clientId, everyone(f, managersByPractice.get(f.client().practiceId()), people)));
        return result;
    }

    /** Everyone the facts of a client name: candidates and those who granted, appointed or own what they hold. */
    private static Set<Long> mentioned(FactReads.ClientSet f) {
        Set<Long> ids = new HashSet<>();
        f.team().forEach(t -> {
            ids.add(t.userId());
            if (t.grantedBy() != null) {
                ids.add(t.grantedBy());
            }
        });
        f.workgroup().forEach((userId, w) -> {
            ids.add(userId);
            ids.add(w.ownerId());
        });
        f.secondary().ifPresent(s -> {
            ids.add(s.userId());
            if (s.appointedBy() != null) {
                ids.add(s.appointedBy());
            }
        });
        f.grants().forEach((userId, g) -> {
            ids.add(userId);
            if (g.grantedBy() != null) {
                ids.add(g.grantedBy());
            }
        });
        f.members().forEach((userId, m) -> {
            ids.add(userId);
            if (m.grantedBy() != null) {
                ids.add(m.grantedBy());
            }
        });
        return ids;
    }

    /** The decision logic on one client's facts: everyone with access, ranked. {@code people} names at least everyone mentioned. */
    private List<Explanation> everyone(FactReads.ClientSet f, List<Subject> managers, Map<Long, Subject> people) {
        ClientFacts client = f.client();
        List<TeamMembership> team = f.team();
        Map<Long, WorkgroupFacts> workgroup = f.workgroup();
        Optional<SecondaryFacts> secondary = f.secondary();
        Map<Long, GrantFacts> grants = f.grants();
        Map<Long, AccessRules.MemberFacts> members = f.members();
        Set<Long> candidates = new LinkedHashSet<>();
        managers.forEach(m -> candidates.add(m.userId()));
        team.forEach(t -> candidates.add(t.userId()));
        secondary.ifPresent(s -> candidates.add(s.userId()));
        candidates.addAll(workgroup.keySet());
        candidates.addAll(grants.keySet());
        candidates.addAll(members.keySet());
        Map<Long, Explanation> byUser = new LinkedHashMap<>();
        for (long userId : candidates) {
            Subject s = people.get(userId);
            if (s != null) {
                byUser.put(userId, ctx.decisions.explanation(s, client, team.stream().filter(t -> t.userId() == userId).findFirst(),
                        Optional.ofNullable(workgroup.get(userId)), secondary, Optional.ofNullable(grants.get(userId)),
                        Optional.ofNullable(members.get(userId)), people));
            }
        }
        List<Explanation> result = new ArrayList<>(byUser.values().stream().filter(Explanation::hasAccess).toList());
        result.sort(Comparator.comparingInt(Explanations::listRank).thenComparing(Explanation::userName)
                .thenComparingLong(Explanation::userId));
        return result;
    }

    /** The primary professional first, then practice managers, then everyone else. */
    static int listRank(Explanation e) {
        if (e.paths().stream().anyMatch(p -> p.kind() == PathKind.PRIMARY)) {
            return 0;
        }
        return e.paths().stream().anyMatch(p -> p.kind() == PathKind.PRACTICE_MANAGER) ? 1 : 2;
    }

    // ---- from the other parts

    private Optional<ClientFacts> clientFacts(long clientId) {
        return ctx.reads.clientFacts(clientId);
    }

    private Explanation explanation(Subject subject, ClientFacts client, Optional<TeamMembership> team, Optional<WorkgroupFacts> workgroup, Optional<SecondaryFacts> secondary, Optional<GrantFacts> grant, Map<Long, Subject> people) {
        return ctx.decisions.explanation(subject, client, team, workgroup, secondary, grant, people);
    }

    private Map<Long, GrantFacts> grantsByUser(long clientId) {
        return ctx.reads.grantsByUser(clientId);
    }

    private PairFacts relation(long userId, long clientId) {
        return ctx.reads.relation(userId, clientId);
    }

    private void require(Actor actor, Permission permission, long clientId) {
        ctx.decisions.require(actor, permission, clientId);
    }

    private void require(Actor actor, PracticePermission permission) {
        ctx.decisions.require(actor, permission);
    }

    private Optional<SecondaryFacts> secondaryRow(long clientId) {
        return ctx.reads.secondaryRow(clientId);
    }

    private Optional<Subject> subject(long userId) {
        return ctx.decisions.subject(userId);
    }

    private List<TeamMembership> team(long clientId) {
        return ctx.reads.team(clientId);
    }

    private Map<Long, WorkgroupFacts> workgroupMembersOf(long clientId) {
        return ctx.reads.workgroupMembersOf(clientId);
    }
}
