package com.atrium.access;

import com.atrium.access.AccessSubjects.Subject;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The rules, as small named functions from facts to paths. Pure: no database, no clock, so every
 * rule is tested table-driven. Anything not granted by a path here is denied.
 */
final class AccessRules {
    static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private AccessRules() {
    }

    /** Facts about one client as the access module records them. */
    record ClientFacts(long clientId, long practiceId, boolean business) {
        ClientFacts(long clientId, long practiceId) {
            this(clientId, practiceId, false);
        }
    }

    /**
     * The subject's place in the workgroup the client is assigned to (present only when the client is
     * in a workgroup and the subject owns it or belongs to it).
     */
    record WorkgroupFacts(long groupId, String description, long ownerId, boolean subjectIsOwner, Instant since) {
    }

    /** The client's secondary adviser, as recorded. */
    record SecondaryFacts(long userId, Long appointedBy, Instant since) {
    }

    static List<AccessPath> paths(Subject subject, ClientFacts client, Optional<TeamMembership> team,
                                  Map<Long, Subject> people) {
        return paths(subject, client, team, Optional.empty(), Optional.empty(), people);
    }

    /**
     * The subject's outsider grant on the client, as recorded.
     *
     * @param expiresOn last day of access (inclusive), null for none
     */
    record GrantFacts(long grantId, GrantSubject subject, boolean holder, AccessLevel level, LocalDate expiresOn,
                      Long grantedBy, Instant grantedAt) {
        boolean expiredOn(LocalDate today) {
            return expiresOn != null && expiresOn.isBefore(today);
        }
    }

    static List<AccessPath> paths(Subject subject, ClientFacts client, Optional<TeamMembership> team,
                                  Optional<WorkgroupFacts> workgroup, Optional<SecondaryFacts> secondary,
                                  Map<Long, Subject> people) {
        return paths(subject, client, team, workgroup, secondary, Optional.empty(), null, people);
    }

    /** The subject's membership of a business account, as recorded ({@link Relation.AccountMember}). */
    record MemberFacts(AccountRole role, Long grantedBy, Instant since) {
    }

    /** All paths, business-account membership included (see {@link #accountMember}). */
    static List<AccessPath> paths(Subject subject, ClientFacts client, Optional<TeamMembership> team,
                                  Optional<WorkgroupFacts> workgroup, Optional<SecondaryFacts> secondary,
                                  Optional<GrantFacts> grant, Optional<MemberFacts> member, LocalDate today, Map<Long, Subject> people) {
        List<AccessPath> paths = staffAndOutsiderPaths(subject, client, team, workgroup, secondary, grant, today, people);
        if (!client.business()) {
            return householdOnly(paths);
        }
        if (member.isPresent() && subject.active() && subject.practiceId() == client.practiceId()) {
            accountMember(subject, member.get(), union(paths), people).ifPresent(paths::add);
        }
        return paths;
    }

    /** On a household no path gives the business-account permissions (goals, workspace, advisor mode, account management). */
    static List<AccessPath> householdOnly(List<AccessPath> paths) {
        List<AccessPath> result = new ArrayList<>(paths.size());
        for (AccessPath p : paths) {
            if (p.permissions().stream().anyMatch(Permission::businessOnly)) {
                EnumSet<Permission> kept = EnumSet.noneOf(Permission.class);
                p.permissions().stream().filter(x -> !x.businessOnly()).forEach(kept::add);
                p = new AccessPath(p.kind(), p.role(), p.description(), p.since(), p.grantedBy(), java.util.Collections.unmodifiableSet(kept));
            }
            result.add(p);
        }
        return result;
    }

    /**
     * A business account's member: its users (business users only) as administrator or member, and a staff user in
     * advisor mode — the last only while another path still lets them use advisor mode there (an adviser taken off the
     * account loses the open session's rights at once).
     */
    static Optional<AccessPath> accountMember(Subject subject, MemberFacts m, Set<Permission> otherwise, Map<Long, Subject> people) {
        String by = nameOf(m.grantedBy(), people);
        if (m.role() == AccountRole.ADVISOR_MODE) {
            if (!isStaff(subject) || !otherwise.contains(Permission.ADVISOR_MODE)) {
                return Optional.empty();
            }
            return Optional.of(new AccessPath(PathKind.IN_ADVISOR_MODE, null, "In advisor mode in this account since "
                    + TIME.format(m.since() == null ? Instant.EPOCH : m.since()), m.since(), null, PathKind.IN_ADVISOR_MODE.fixedPermissions()));
        }
        if (!"BUSINESS".equals(subject.type())) {
            return Optional.empty(); // only the account's own (business) users are its members
        }
        PathKind kind = m.role() == AccountRole.ADMIN ? PathKind.ACCOUNT_ADMIN : PathKind.ACCOUNT_MEMBER;
        return Optional.of(new AccessPath(kind, null, (m.role() == AccountRole.ADMIN ? "Administrator" : "Member") + " of the account since "
                + day(m.since()) + (by == null ? "" : ", added by " + by), m.since(), by, kind.fixedPermissions()));
    }

    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm 'UTC'", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private static boolean isStaff(Subject s) {
        return "PROFESSIONAL".equals(s.type()) || "SUPPORT".equals(s.type()) || "ASSISTANT".equals(s.type());
    }

    static List<AccessPath> paths(Subject subject, ClientFacts client, Optional<TeamMembership> team,
                                  Optional<WorkgroupFacts> workgroup, Optional<SecondaryFacts> secondary,
                                  Optional<GrantFacts> grant, LocalDate today, Map<Long, Subject> people) {
        return paths(subject, client, team, workgroup, secondary, grant, Optional.empty(), today, people);
    }

    private static List<AccessPath> staffAndOutsiderPaths(Subject subject, ClientFacts client, Optional<TeamMembership> team,
                                  Optional<WorkgroupFacts> workgroup, Optional<SecondaryFacts> secondary,
                                  Optional<GrantFacts> grant, LocalDate today, Map<Long, Subject> people) {
        List<AccessPath> paths = new ArrayList<>();
        if (!subject.active() || subject.practiceId() != client.practiceId()) {
            return paths; // other practice or disabled account: nothing, ever
        }
        practiceManager(subject).ifPresent(paths::add);
        if ("BUSINESS".equals(subject.type())) {
            return paths; // a business account's users reach it only as its members (never a staff or outsider path)
        }
        team.flatMap(t -> primary(t, people)).ifPresent(paths::add);
        secondary.flatMap(s -> secondaryAdviser(subject, s, people)).ifPresent(paths::add);
        team.flatMap(t -> teamMember(t, people)).ifPresent(paths::add);
        workgroup.flatMap(w -> workgroupMember(subject, w, people)).ifPresent(paths::add);
        grant.flatMap(g -> outsiderGrant(subject, g, today, people)).ifPresent(paths::add);
        return paths;
    }

    /**
     * An outsider's grant: read-write or read-only, as a family member (holder / co-holder or other) or an
     * external adviser; no path once expired, and never for staff (grants are for outsiders only).
     */
    static Optional<AccessPath> outsiderGrant(Subject subject, GrantFacts g, LocalDate today, Map<Long, Subject> people) {
        if (!"OUTSIDER".equals(subject.type()) || g.expiredOn(today)) {
            return Optional.empty();
        }
        PathKind kind = PathKind.ofGrant(g.subject(), g.holder(), g.level());
        String by = nameOf(g.grantedBy(), people);
        return Optional.of(new AccessPath(kind, null, grantWords(g) + (by == null ? "" : " by " + by) + " on " + shortDay(g.grantedAt())
                + (g.expiresOn() == null ? "" : ", expires " + SHORT.format(g.expiresOn())), g.grantedAt(), by, kind.fixedPermissions()));
    }

    /** "Read-write access as holder / co-holder granted", "Read-only access as external adviser granted", ... */
    static String grantWords(GrantFacts g) {
        String as = g.subject() == GrantSubject.ADVISER ? "external adviser" : g.holder() ? "holder / co-holder" : "family member";
        return g.level().label() + " access as " + as + " granted";
    }

    /** Why an expired grant gives nothing, in words. */
    static String expiredReason(GrantFacts g) {
        return "their " + g.level().label().toLowerCase(Locale.ROOT) + " access expired on " + DAY.format(g.expiresOn());
    }

    /**
     * May this person (with these paths) create, change or withdraw an outsider grant? Only the file manager
     * (MANAGE_OUTSIDERS) manages grants in general; a holder or co-holder with access (GRANT_FAMILY) may
     * grant their own family members, at most at their own level, and change or withdraw only the grants
     * they made. Nobody withdraws or downgrades a holder's grant.
     *
     * @param existing the grant being changed or withdrawn (null when creating one)
     * @param level    the level asked for (null when withdrawing)
     * @return null when allowed, else the reason in words
     */
    static String grantRule(long actorId, List<AccessPath> paths, GrantSubject subject, AccessLevel level,
                            OutsiderGrant existing, boolean withdraw) {
        Set<Permission> mine = union(paths);
        if (existing != null && existing.holder()) {
            if (withdraw) {
                return "Access of a holder or co-holder can never be withdrawn.";
            }
            if (existing.level() == AccessLevel.READ_WRITE && level == AccessLevel.READ_ONLY) {
                return "Access of a holder or co-holder can never be downgraded.";
            }
        }
        if (mine.contains(Permission.MANAGE_OUTSIDERS)) {
            return null;
        }
        if (mine.contains(Permission.GRANT_FAMILY)) {
            if (subject != GrantSubject.FAMILY) {
                return "Holders and co-holders may grant access to members of their family only; the file manager"
                        + " registers external advisers and gives them access.";
            }
            AccessLevel own = paths.stream().filter(p -> p.kind() == PathKind.HOLDER_READ_WRITE).findAny().isPresent()
                    ? AccessLevel.READ_WRITE : AccessLevel.READ_ONLY;
            if (level != null && !own.covers(level)) {
                return "You have read-only access, so you may give your family read-only access only.";
            }
            if (existing != null && existing.grantedBy() != actorId) {
                return "You may change or withdraw only the access you granted; ask the file manager for the others.";
            }
            return null;
        }
        return "Only the file manager (the primary professional) may grant or change outsiders' access to this file,"
                + " even team members with write access cannot.";
    }

    /**
     * Who records who is holder or co-holder of a file (and so whose access, once given, is permanent)? Only the
     * file manager ({@code MANAGE_OUTSIDERS}): never a family member or external adviser from the portal, not other
     * staff either, even with write access to the family. (When a file is registered, the staff user registering it
     * records its first holder and co-holders.)
     *
     * @return null when allowed, else the reason in words
     */
    static String holderRecordRule(List<AccessPath> paths) {
        if (union(paths).contains(Permission.MANAGE_OUTSIDERS)) {
            return null;
        }
        return "Only the file manager (the primary professional) records who is holder or co-holder of a file, because their"
                + " access, once given, is permanent; family members, external advisers and other staff cannot.";
    }

    /**
     * May a person of the family be removed? Not while they have any grant (active, invited or expired): the grant
     * would go on without a person to list it against. A permanent (holder) grant keeps them in the family for good.
     *
     * @return null when allowed, else the reason in words
     */
    static String familyMemberRemovalRule(String name, OutsiderGrant grant) {
        if (grant == null) {
            return null;
        }
        if (grant.holder()) {
            return name + " has access to this file as holder or co-holder, which is permanent, so they stay in the family.";
        }
        return name + " has access to this file (" + grant.level().label().toLowerCase(Locale.ROOT) + "): the file manager"
                + " withdraws it first, then " + name + " can be removed from the family.";
    }

    /**
     * Whether a holder / co-holder record may end (the person stops being holder or co-holder): not while their grant
     * is permanent, since that access can never be withdrawn.
     */
    static String holderRecordEndRule(String name, OutsiderGrant grant) {
        if (grant != null && grant.holder()) {
            return name + " has permanent access to this file as holder or co-holder, so they stay holder or co-holder.";
        }
        return null;
    }

    static Optional<AccessPath> practiceManager(Subject subject) {
        if (!subject.practiceManager() || !isStaff(subject)) {
            return Optional.empty();
        }
        return Optional.of(new AccessPath(PathKind.PRACTICE_MANAGER, null,
                "Practice manager of " + subject.practiceName(), null, null,
                PathKind.PRACTICE_MANAGER.fixedPermissions()));
    }

    static Optional<AccessPath> primary(TeamMembership t, Map<Long, Subject> people) {
        if (!t.primary()) {
            return Optional.empty();
        }
        String by = nameOf(t.grantedBy(), people);
        return Optional.of(new AccessPath(PathKind.PRIMARY, null,
                "Primary professional (file manager) since " + day(t.grantedAt()) + (by == null ? "" : ", appointed by " + by),
                t.grantedAt(), by, PathKind.PRIMARY.fixedPermissions()));
    }

    static Optional<AccessPath> teamMember(TeamMembership t, Map<Long, Subject> people) {
        if (t.primary()) {
            return Optional.empty(); // the primary's team row is explained by the PRIMARY path
        }
        String by = nameOf(t.grantedBy(), people);
        return Optional.of(new AccessPath(PathKind.TEAM, t.role(),
                "Team member as " + t.role().label() + " since " + day(t.grantedAt()) + (by == null ? "" : ", added by " + by),
                t.grantedAt(), by, t.role().permissions()));
    }

    /** Owners and members of the client's workgroup work on its clients (see {@link PathKind#WORKGROUP_MEMBER}). */
    static Optional<AccessPath> workgroupMember(Subject subject, WorkgroupFacts w, Map<Long, Subject> people) {
        if (!isStaff(subject)) {
            return Optional.empty(); // workgroups are for staff only
        }
        String group = "workgroup \u201c" + w.description() + "\u201d";
        String description = w.subjectIsOwner()
                ? "Owner of " + group + ", to which this client is assigned"
                : "Member of " + group + " (owner " + nameOf(w.ownerId(), people) + ") since " + day(w.since())
                        + ", to which this client is assigned";
        return Optional.of(new AccessPath(PathKind.WORKGROUP_MEMBER, null, description, w.since(),
                w.subjectIsOwner() ? null : nameOf(w.ownerId(), people), PathKind.WORKGROUP_MEMBER.fixedPermissions()));
    }

    /** The client's secondary adviser (never an assistant: the database refuses one). */
    static Optional<AccessPath> secondaryAdviser(Subject subject, SecondaryFacts s, Map<Long, Subject> people) {
        if (s.userId() != subject.userId() || !"PROFESSIONAL".equals(subject.type())) {
            return Optional.empty();
        }
        String by = nameOf(s.appointedBy(), people);
        return Optional.of(new AccessPath(PathKind.SECONDARY_ADVISER, null,
                "Secondary adviser since " + day(s.since()) + (by == null ? "" : ", appointed by " + by),
                s.since(), by, PathKind.SECONDARY_ADVISER.fixedPermissions()));
    }

    static Set<Permission> union(List<AccessPath> paths) {
        EnumSet<Permission> all = EnumSet.noneOf(Permission.class);
        paths.forEach(p -> all.addAll(p.permissions()));
        return all;
    }

    /** Why a person without any path has no access, in words. */
    static String noAccessReason(Subject subject, ClientFacts client) {
        if (!subject.active()) {
            return "their account is disabled";
        }
        if (subject.practiceId() != client.practiceId()) {
            return "they belong to another practice";
        }
        if ("OUTSIDER".equals(subject.type())) {
            return "they have not been granted access to this file";
        }
        if ("BUSINESS".equals(subject.type())) {
            return "they are not a user of this account";
        }
        return "they are not a practice manager, not the primary professional and not on the team";
    }

    /**
     * The answer in one sentence: "Ann Lee has access: practice manager of Harbour Wealth." or
     * "Ann Lee has no access to this client: their account is disabled."
     */
    static String summary(String name, List<AccessPath> paths, String noAccessReason) {
        if (paths.isEmpty()) {
            return name + " has no access to this client" + (noAccessReason == null ? "." : ": " + noAccessReason + ".");
        }
        List<String> reasons = paths.stream().map(AccessPath::description).map(AccessRules::lowerFirst).toList();
        return name + " has access: " + String.join("; ", reasons) + ".";
    }

    private static String lowerFirst(String s) {
        return s == null || s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }

    static final DateTimeFormatter SHORT = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);

    private static String shortDay(Instant instant) {
        return instant == null ? "an unknown date" : DAY.format(instant);
    }

    static String day(Instant instant) {
        return instant == null ? "an unknown date" : DAY.format(instant);
    }

    private static String nameOf(Long userId, Map<Long, Subject> people) {
        if (userId == null) {
            return null;
        }
        Subject s = people.get(userId);
        return s == null ? "user #" + userId : s.name();
    }
}
