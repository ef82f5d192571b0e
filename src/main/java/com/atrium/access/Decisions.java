package com.atrium.access;

import com.atrium.access.AccessRules.ClientFacts;
import com.atrium.access.AccessRules.GrantFacts;
import com.atrium.access.AccessRules.SecondaryFacts;
import com.atrium.access.AccessRules.WorkgroupFacts;
import com.atrium.access.AccessSubjects.Subject;
import com.atrium.shared.Actor;
import com.atrium.shared.ForbiddenException;
import com.atrium.shared.NotFoundException;
import com.atrium.shared.UserType;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import com.atrium.access.FactReads.PairFacts;

/**
 * Decisions: rules → paths → permissions for one (user, client), answered from the check cache when it may
 * be trusted (see {@link AccessCache}); deny unless a path grants it. Also the practice-level rules.
 * Part of the access module behind {@link AccessService}; wired by it.
 */
final class Decisions {
    private final AccessSubjects subjects;
    private final Clock clock;
    private final AccessCache cache;
    private final AccessContext ctx;

    Decisions(AccessContext ctx) {
        this.ctx = ctx;
        this.subjects = ctx.subjects;
        this.clock = ctx.clock;
        this.cache = ctx.cache;
    }

    /**
     * May the actor do {@code permission} on the client? Deny unless a path grants it. Answered from
     * this node's {@link AccessCache} when it may be trusted, otherwise with one indexed query. No
     * transaction of its own: a cached answer costs no connection.
     */
    Decision check(Actor actor, Permission permission, long clientId) {
        Decision cached = cache.hit(actor, permission, clientId);
        if (cached != null) {
            return cached; // the hot path: no allocation
        }
        Subject subject = asSubject(actor);
        return decide(subject, permission, clientId);
    }

    /** Everything the actor may do on the client (empty when they may not see it). One evaluation for a whole screen. */
    Set<Permission> permissions(Actor actor, long clientId) {
        AccessCache.Derived derived = evaluate(asSubject(actor), clientId);
        return derived == NO_CLIENT ? Set.of() : derived.permissions(); // an unknown client: nothing (the caller answers 404)
    }

    /** May the user with this id (of any practice) do this? Used by the integrators' check endpoint. */
    Decision check(long userId, Permission permission, long clientId) {
        Subject known = cache.usable() ? cache.subject(userId) : null;
        Decision cached = known == null ? null : cache.hit(known, permission, clientId);
        if (cached != null) {
            return cached; // the hot path: no allocation
        }
        return subject(userId)
                .map(s -> decide(s, permission, clientId))
                .orElseGet(() -> new Decision(false, permission, "Unknown user", List.of()));
    }

    /**
     * Yes or no, for the user with this id: {@link #check(long, Permission, long)} without the decision's words. The
     * hit path is one read of the flat table (user and client packed into a primitive key, a permission bitmask): no
     * lock, no boxing, no allocation. A miss takes the ordinary path and remembers the bitmask when it does not depend
     * on the day (a grant with a last day is re-checked every time).
     */
    boolean allows(long userId, Permission permission, long clientId) {
        int mask = cache.mask(userId, clientId);
        if (mask != LongMaskTable.ABSENT) {
            return (mask >>> permission.ordinal() & 1) != 0;
        }
        long generation = cache.generation(); // before the user and the facts are read
        Optional<Subject> subject = subject(userId);
        if (subject.isEmpty()) {
            return false;
        }
        AccessCache.Derived derived = evaluate(subject.get(), clientId);
        if (derived == NO_CLIENT) {
            return false;
        }
        if (derived.day() == null && cache.usable()) {
            cache.putMask(userId, clientId, derived.mask(), generation);
        }
        return derived.allows(permission);
    }

    /**
     * The integrators' check: may {@code userId} do {@code permission} on the client? Staff may ask
     * about themselves, practice managers about anyone; a user of another practice (or no user at all)
     * answers like a denial, so nothing leaks about other practices.
     */
    CheckAnswer checkFor(Actor asker, long userId, Permission permission, long clientId) {
        if (!asker.isStaff()) {
            throw new ForbiddenException("Only staff users may use the access check.");
        }
        Decision d;
        if (userId == asker.userId()) {
            d = check(asker, permission, clientId);
        } else if (asker.practiceManager()) {
            d = subject(userId).filter(s -> s.practiceId() == asker.practiceId())
                    .map(s -> decide(s, permission, clientId))
                    .orElseGet(() -> new Decision(false, permission, "Unknown user", List.of()));
        } else {
            throw new ForbiddenException("You may ask only about yourself; practice managers may ask about anyone in their practice.");
        }
        List<PathKind> kinds = d.allowed()
                ? d.paths().stream().filter(p -> p.permissions().contains(permission)).map(AccessPath::kind).toList()
                : List.of();
        return new CheckAnswer(userId, clientId, permission, d.allowed(), kinds);
    }

    /**
     * Like {@link #check} but throws: {@link NotFoundException} when the actor may not even see the
     * client (so unknown and forbidden ids look alike), {@link ForbiddenException} with the reason when
     * they see it but may not do this.
     */
    void require(Actor actor, Permission permission, long clientId) {
        Decision d = check(actor, permission, clientId);
        if (d.allowed()) {
            return;
        }
        if (!d.visible()) {
            throw new NotFoundException("Client");
        }
        throw new ForbiddenException(d.reason());
    }

    /**
     * {@link #require} for many clients at once (a bulk operation): the facts of all of them in one statement, the same
     * rules on each; the first client that fails is answered exactly like {@link #require} (404 or 403 with the reason).
     */
    void requireAll(Actor actor, Permission permission, java.util.Collection<Long> clientIds) {
        Subject subject = asSubject(actor);
        Map<Long, PairFacts> facts = ctx.reads.relations(actor.userId(), clientIds);
        for (long clientId : clientIds) {
            PairFacts r = facts.get(clientId);
            boolean allowed = r != null && r.exists() && AccessRules.union(explanation(subject, r.client(), r.team(), r.workgroup(),
                    r.secondary(), r.grant(), r.member(), Map.of()).paths()).contains(permission);
            if (!allowed) {
                require(actor, permission, clientId); // the single check's answer and words
            }
        }
    }

    Decision decide(Subject subject, Permission permission, long clientId) {
        AccessCache.Derived derived = evaluate(subject, clientId);
        if (derived == null) {
            return new Decision(false, permission, "No such client", List.of());
        }
        Decision known = derived.decisions()[permission.ordinal()];
        if (known != null) {
            return known; // immutable: the same answer for the same facts, subject and day
        }
        List<AccessPath> paths = derived.paths();
        boolean allowed = derived.allows(permission);
        String reason;
        if (allowed) {
            reason = paths.stream().filter(p -> p.permissions().contains(permission)).findFirst()
                    .map(AccessPath::description).orElseThrow();
        } else if (paths.isEmpty()) {
            reason = subject.name() + " has no access to this client";
        } else {
            reason = subject.name() + " may not " + permission.label().toLowerCase() + " on this client ("
                    + String.join("; ", paths.stream().map(AccessPath::description).toList()) + ")";
        }
        Decision d = new Decision(allowed, permission, reason, paths);
        derived.decisions()[permission.ordinal()] = d;
        return d;
    }

    List<AccessPath> paths(Subject subject, ClientFacts client) {
        return explanation(subject, client, teamRow(client.clientId(), subject.userId()),
                workgroupRow(client.clientId(), subject.userId()), secondaryRow(client.clientId()),
                grantRow(client.clientId(), subject.userId()), ctx.reads.memberRow(client.clientId(), subject.userId()), null).paths();
    }

    static final AccessCache.Derived NO_CLIENT = null;

    /** Paths and permissions of the subject on the client; null when the client does not exist. */
    AccessCache.Derived evaluate(Subject subject, long clientId) {
        boolean cached = cache.usable();
        AccessCache.Entry entry = cached ? cache.get(subject.userId(), clientId) : null;
        if (entry == null) {
            long generation = cache.generation();
            entry = new AccessCache.Entry(relation(subject.userId(), clientId));
            if (cached) {
                cache.put(subject.userId(), clientId, entry, generation);
            }
        }
        if (!entry.relation.exists()) {
            return NO_CLIENT;
        }
        PairFacts r = entry.relation;
        LocalDate day = r.dated() ? today() : null; // a grant expires with the application clock, cache or not
        AccessCache.Derived derived = entry.derived;
        if (derived != null && derived.subject().equals(subject) && Objects.equals(derived.day(), day)) {
            return derived;
        }
        List<AccessPath> paths = explanation(subject, r.client(), r.team(), r.workgroup(),
                r.secondary(), r.grant(), r.member(), null).paths();
        // an unmodifiable EnumSet keeps the catalogue's order ("Your access" lists, JSON); Set.copyOf would shuffle it
        derived = new AccessCache.Derived(subject, day, List.copyOf(paths), java.util.Collections.unmodifiableSet(AccessRules.union(paths)));
        entry.derived = derived;
        return derived;
    }

    /** A person as access sees them, from this node's cache when it may be trusted. */
    Optional<Subject> subject(long userId) {
        boolean cached = cache.usable();
        Subject s = cached ? cache.subject(userId) : null;
        if (s != null) {
            return Optional.of(s);
        }
        long generation = cache.generation();
        Optional<Subject> found = subjects.find(userId);
        if (cached) {
            found.ifPresent(f -> cache.putSubject(f, generation));
        }
        return found;
    }

    /** Names of the people an explanation mentions. */
    Map<Long, Subject> people(Set<Long> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        if (!cache.usable()) {
            return subjects.findAll(ids);
        }
        Map<Long, Subject> result = new LinkedHashMap<>();
        for (long id : ids) {
            subject(id).ifPresent(s -> result.put(id, s));
        }
        return result;
    }

    /**
     * Practice-level rules: every staff user may see the staff list of their own practice; only
     * practice managers may manage staff. Outsiders get neither.
     */
    boolean check(Actor actor, PracticePermission permission) {
        if (!actor.isStaff()) {
            return false;
        }
        return switch (permission) {
            case VIEW_STAFF -> true;
            case MANAGE_STAFF -> actor.practiceManager();
            // assistants add clients only through a workgroup they own or belong to
            case CREATE_CLIENT -> actor.type() != UserType.ASSISTANT || inAnyWorkgroup(actor.userId());
            case VIEW_AUDIT_TRAIL -> actor.practiceManager();
            case MANAGE_INTEGRATIONS -> actor.practiceManager();
            case REVIEW_ACCESS -> actor.practiceManager();
            // the partner portal: advisers see their accounts' risks and business; managers every adviser's
            case VIEW_RISK_INSIGHTS, VIEW_MY_BUSINESS -> actor.type() == UserType.PROFESSIONAL || actor.practiceManager();
            case VIEW_PRACTICE_BUSINESS -> actor.practiceManager();
            case MANAGE_PRACTICE_SETTINGS -> actor.practiceManager();
        };
    }

    void require(Actor actor, PracticePermission permission) {
        if (!check(actor, permission)) {
            throw new ForbiddenException(switch (permission) {
                case CREATE_CLIENT -> actor.type() == UserType.ASSISTANT
                        ? "Assistants add clients through a workgroup, and you are not in any workgroup."
                        : "Only staff users may add clients.";
                case VIEW_STAFF -> "Only staff users may see the staff list.";
                case MANAGE_STAFF -> "Only practice managers may create and change staff users.";
                case VIEW_AUDIT_TRAIL -> "Only practice managers may see and verify the practice's audit trail.";
                case MANAGE_INTEGRATIONS -> "Only practice managers may see and change CRM integrations and their sync runs.";
                case REVIEW_ACCESS -> "Only practice managers may review the practice's access and revoke it.";
                case VIEW_RISK_INSIGHTS -> "Only advisers (Professionals) and practice managers see risk insights.";
                case VIEW_MY_BUSINESS -> "Only advisers (Professionals) and practice managers see My Business.";
                case VIEW_PRACTICE_BUSINESS -> "Only practice managers see My Business of other advisers and of the whole practice.";
                case MANAGE_PRACTICE_SETTINGS -> "Only practice managers may see and change the practice's settings.";
            });
        }
    }

    Explanation explanation(Subject subject, ClientFacts client, Optional<TeamMembership> team,
                                    Optional<WorkgroupFacts> workgroup, Optional<SecondaryFacts> secondary,
                                    Optional<GrantFacts> grant, Map<Long, Subject> people) {
        return explanation(subject, client, team, workgroup, secondary, grant, Optional.empty(), people);
    }

    Explanation explanation(Subject subject, ClientFacts client, Optional<TeamMembership> team,
                                    Optional<WorkgroupFacts> workgroup, Optional<SecondaryFacts> secondary,
                                    Optional<GrantFacts> grant, Optional<AccessRules.MemberFacts> member, Map<Long, Subject> people) {
        Map<Long, Subject> names = people;
        if (names == null) {
            Set<Long> ids = new HashSet<>();
            team.map(TeamMembership::grantedBy).ifPresent(ids::add);
            workgroup.filter(w -> !w.subjectIsOwner()).ifPresent(w -> ids.add(w.ownerId()));
            secondary.filter(s -> s.userId() == subject.userId()).map(SecondaryFacts::appointedBy).ifPresent(ids::add);
            grant.map(GrantFacts::grantedBy).ifPresent(ids::add);
            member.map(AccessRules.MemberFacts::grantedBy).ifPresent(ids::add);
            names = people(ids);
        }
        LocalDate today = today();
        List<AccessPath> paths = AccessRules.paths(subject, client, team, workgroup, secondary, grant, member, today, names);
        String noAccess = null;
        if (paths.isEmpty()) {
            noAccess = grant.filter(g -> g.expiredOn(today) && subject.active() && subject.practiceId() == client.practiceId())
                    .map(AccessRules::expiredReason).orElseGet(() -> AccessRules.noAccessReason(subject, client));
        }
        return new Explanation(subject.userId(), subject.name(), subject.type(), client.clientId(), !paths.isEmpty(),
                paths, AccessRules.union(paths), AccessRules.summary(subject.name(), paths, noAccess));
    }

    Subject asSubject(Actor actor) {
        return new Subject(actor.userId(), actor.practiceId(), practiceNameOf(actor), actor.name(), actor.type().name(),
                actor.practiceManager(), true);
    }

    String practiceNameOf(Actor actor) {
        if (!actor.practiceManager()) {
            return null; // only the manager path uses it
        }
        return subject(actor.userId()).map(Subject::practiceName).orElse("the practice");
    }

    // ---- from the other parts

    private OutsiderGrant grantRow(long clientId, long grantId, boolean lock) {
        return ctx.grants.grantRow(clientId, grantId, lock);
    }

    private Optional<GrantFacts> grantRow(long clientId, long userId) {
        return ctx.reads.grantRow(clientId, userId);
    }

    private boolean inAnyWorkgroup(long userId) {
        return ctx.reads.inAnyWorkgroup(userId);
    }

    private PairFacts relation(long userId, long clientId) {
        return ctx.reads.relation(userId, clientId);
    }

    private Optional<SecondaryFacts> secondaryRow(long clientId) {
        return ctx.reads.secondaryRow(clientId);
    }

    private Optional<TeamMembership> teamRow(long clientId, long userId) {
        return ctx.reads.teamRow(clientId, userId);
    }

    private LocalDate today() {
        return ctx.reads.today();
    }

    private Optional<WorkgroupFacts> workgroupRow(long clientId, long userId) {
        return ctx.reads.workgroupRow(clientId, userId);
    }
}
