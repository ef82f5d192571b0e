package com.atrium.household;

import com.atrium.access.AccessFacts;
import com.atrium.access.AccessService;
import com.atrium.access.Relation;
import com.atrium.access.Explanation;
import com.atrium.access.Permission;
import com.atrium.access.PracticePermission;
import com.atrium.access.TeamMembership;
import com.atrium.access.TeamRole;
import com.atrium.household.AccessPageView.AccessRow;
import com.atrium.household.HouseholdRepository.HouseholdRow;
import com.atrium.practice.PracticeService;
import com.atrium.practice.StaffView;
import com.atrium.shared.Actor;
import com.atrium.shared.ConflictException;
import com.atrium.shared.InvalidInputException;
import com.atrium.shared.NotFoundException;
import com.atrium.shared.UserType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Manage household access: the team of a household, its roles and its primary professional.
 * <p>
 * Every change locks the household row first ({@code SELECT ... FOR UPDATE}), then asks the access
 * module whether the actor may manage the team, then validates against the state it now holds, and
 * records the fact with the access module in the same transaction. Concurrent changes to one
 * household therefore run one after the other, each seeing the result of the previous one: no lost
 * update, and never zero or two primaries (the database refuses those anyway).
 */
@Service
public class TeamService {
    private final HouseholdRepository households;
    private final HouseholdService householdService;
    private final AccessService access;
    private final AccessFacts facts;
    private final PracticeService practice;
    private final com.atrium.mail.Outbox outbox;
    private final com.atrium.shared.PublicUrl publicUrl;

    TeamService(HouseholdRepository households, HouseholdService householdService, AccessService access, AccessFacts facts,
                PracticeService practice, com.atrium.mail.Outbox outbox, com.atrium.shared.PublicUrl publicUrl) {
        this.outbox = outbox;
        this.publicUrl = publicUrl;
        this.facts = facts;
        this.households = households;
        this.householdService = householdService;
        this.access = access;
        this.practice = practice;
    }

    // ------------------------------------------------------------------ read

    /** The team: the primary professional first, then members in the order they joined. Anyone who can see the client sees it. */
    @Transactional(readOnly = true)
    public List<TeamMemberView> team(Actor actor, long clientId) {
        access.require(actor, Permission.VIEW_FILE, clientId);
        return members(actor.practiceId(), clientId);
    }

    /** Why (and whether) a user of the practice can see the client, every path in words. */
    @Transactional(readOnly = true)
    public Explanation explain(Actor actor, long clientId, long userId) {
        return access.explain(actor, clientId, userId);
    }

    /** Everyone with access to the client, each with their paths. */
    @Transactional(readOnly = true)
    public List<Explanation> whoHasAccess(Actor actor, long clientId) {
        return access.whoHasAccess(actor, clientId);
    }

    /** Everything the Team &amp; access screen shows. */
    @Transactional(readOnly = true)
    public AccessPageView page(Actor actor, long clientId) {
        ClientView client = householdService.get(actor, clientId);
        List<TeamMemberView> team = members(actor.practiceId(), clientId);
        Map<Long, TeamMemberView> byUser = new LinkedHashMap<>();
        team.forEach(m -> byUser.put(m.userId(), m));
        List<StaffView> staff = access.check(actor, PracticePermission.VIEW_STAFF) ? practice.staff(actor) : List.of();
        Map<Long, StaffView> staffById = staff.stream().collect(Collectors.toMap(StaffView::id, s -> s));

        List<AccessRow> rows = new ArrayList<>();
        Set<Long> shown = new HashSet<>();
        for (Explanation e : access.whoHasAccess(actor, clientId)) {
            rows.add(new AccessRow(e.userId(), e.userName(), typeLabel(staffById.get(e.userId()), e.userType()),
                    byUser.get(e.userId()), e));
            shown.add(e.userId());
        }
        for (TeamMemberView m : team) {
            if (!shown.contains(m.userId())) { // on the team but without access (a disabled account): say so
                rows.add(new AccessRow(m.userId(), m.name(), m.userTypeLabel(), m, access.explain(actor, clientId, m.userId())));
            }
        }
        boolean canManage = client.permissions().contains(Permission.MANAGE_TEAM);
        List<StaffView> addable = staff.stream().filter(StaffView::active).filter(s -> !byUser.containsKey(s.id())).toList();
        long primaryId = client.primaryProfessional() == null ? -1 : client.primaryProfessional().id();
        List<StaffView> candidates = practice.professionals(actor.practiceId()).stream().filter(p -> p.id() != primaryId).toList();
        return new AccessPageView(client, rows, canManage, addable, candidates, staff, Arrays.asList(TeamRole.values()));
    }

    // ------------------------------------------------------------------ change

    /** Adds an active staff user of the practice to the team with a role; they get an email with a link to the client. */
    @Transactional
    public TeamMemberView addMember(Actor actor, long clientId, TeamMemberForm form) {
        if (form.userId() == null && !form.userIds().isEmpty()) {
            return addMembers(actor, clientId, form.userIds(), form.role()).get(0);
        }
        HouseholdRow household = lockForManaging(actor, clientId);
        TeamRole role = role("role", form.role());
        if (form.userId() == null) {
            throw new InvalidInputException("userId", "Choose the staff user to add.");
        }
        StaffView user = addable(household, clientId, "userId", form.userId(), role);
        facts.add(actor.userId(), new Relation.Team(clientId, role, user.id()));
        notifyAdded(actor, household, user, role);
        return member(household.practiceId(), clientId, user.id());
    }

    /**
     * Adds several staff users with one role in one step, all or nothing: every one is checked first (each problem on
     * {@code userIds[i]}), then all are added in this transaction, each with their email.
     */
    @Transactional
    public List<TeamMemberView> addMembers(Actor actor, long clientId, List<Long> userIds, String roleText) {
        HouseholdRow household = lockForManaging(actor, clientId);
        java.util.Map<String, String> errors = new java.util.LinkedHashMap<>();
        TeamRole role = null;
        try {
            role = role("role", roleText);
        } catch (InvalidInputException e) {
            errors.putAll(e.fieldErrors());
        }
        List<Long> ids = userIds == null ? List.of() : userIds.stream().filter(java.util.Objects::nonNull).distinct().toList();
        if (ids.isEmpty()) {
            errors.put("userIds", "Choose at least one staff user to add.");
        } else if (ids.size() > 100) {
            errors.put("userIds", "Add at most 100 staff users at once.");
        }
        List<StaffView> users = new ArrayList<>();
        for (int i = 0; i < ids.size() && ids.size() <= 100; i++) {
            try {
                users.add(addable(household, clientId, "userIds[" + i + "]", ids.get(i), role));
            } catch (InvalidInputException e) {
                errors.put("userIds[" + i + "]", e.getMessage());
            } catch (ConflictException e) {
                errors.put("userIds[" + i + "]", e.getMessage());
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException("Nobody was added: " + String.join(" ", new java.util.LinkedHashSet<>(errors.values())), errors);
        }
        List<TeamMemberView> added = new ArrayList<>();
        for (StaffView user : users) {
            facts.add(actor.userId(), new Relation.Team(clientId, role, user.id()));
            notifyAdded(actor, household, user, role);
            added.add(member(household.practiceId(), clientId, user.id()));
        }
        return added;
    }

    /**
     * Whether this user may join the team with this role: an active staff user of the practice, not on the team yet, and
     * never an Assistant as Adviser (assistants never act as advisers: the role gives advisor mode and the adviser's edits).
     */
    private StaffView addable(HouseholdRow household, long clientId, String field, Long userId, TeamRole role) {
        StaffView user = staffUser(household, field, userId);
        if (!user.active()) {
            throw new InvalidInputException(field, user.name() + "'s account is disabled: enable it before giving them access.");
        }
        assistantNotAdviser(field, user, role);
        access.membership(clientId, user.id()).ifPresent(m -> {
            throw new ConflictException(user.name() + " is already on the team as "
                    + (m.primary() ? "primary professional" : m.role().label()) + ". Change their role instead of adding them again.");
        });
        return user;
    }

    private static void assistantNotAdviser(String field, StaffView user, TeamRole role) {
        if (role == TeamRole.ADVISER && user.type() == com.atrium.shared.UserType.ASSISTANT) {
            throw new InvalidInputException(field, user.name() + " is an assistant: assistants never act as advisers, so they cannot"
                    + " hold the Adviser role (it would let them enter business accounts in advisor mode and change the profile as an"
                    + " adviser). Choose Paraplanner, Administrator or Read-only.");
        }
    }

    /** The email a staff user gets when added to a team (through the outbox, in this transaction), with a link to the client. */
    private void notifyAdded(Actor actor, HouseholdRow household, StaffView user, TeamRole role) {
        String link = publicUrl.link("/clients/" + household.id());
        outbox.email(household.practiceId(), "TEAM_MEMBER_ADDED", user.email(), "You now work on " + household.displayName(),
                "Hello " + user.firstName() + ",\n\n" + actor.name() + " added you to the team of " + household.displayName() + " as "
                        + role.label() + ".\n\nOpen the client: " + link + "\n\nAtrium");
    }

    /** Changes a member's role in place (the primary professional's access comes from being primary, not from a role). */
    @Transactional
    public TeamMemberView changeRole(Actor actor, long clientId, long userId, RoleForm form) {
        HouseholdRow household = lockForManaging(actor, clientId);
        TeamRole role = role("role", form.role());
        TeamMembership current = membership(household, userId);
        if (current.primary()) {
            throw new ConflictException(nameOf(household, userId) + " is the primary professional: their access comes from being "
                    + "primary, not from a team role. Hand the primary role to someone else first.");
        }
        if (current.role() != role) {
            practice.userInPractice(household.practiceId(), userId).ifPresent(u -> assistantNotAdviser("role", u, role));
            facts.add(actor.userId(), new Relation.Team(clientId, role, userId));
        }
        return member(household.practiceId(), clientId, userId);
    }

    /**
     * Removes someone from the team. The primary professional can only be removed by naming a
     * replacement, who becomes primary in the same transaction; for anyone else the replacement is ignored.
     */
    @Transactional
    public Removal removeMember(Actor actor, long clientId, long userId, Long replacementId) {
        HouseholdRow household = lockForManaging(actor, clientId);
        TeamMembership current = membership(household, userId);
        if (!current.primary()) {
            facts.remove(actor.userId(), new Relation.Team(clientId, current.role(), userId));
            return new Removal(clientId, userId, nameOf(household, userId), null);
        }
        if (replacementId == null) {
            throw new ConflictException(nameOf(household, userId) + " is the primary professional and cannot be removed without a "
                    + "replacement. Name the Professional who takes over (replacement), or hand over first.");
        }
        if (replacementId == userId) {
            throw new InvalidInputException("replacement", "The replacement must be someone other than the person being removed.");
        }
        HandOver handOver = handOverLocked(actor, household, replacementId, false, "replacement");
        return new Removal(clientId, userId, nameOf(household, userId), handOver);
    }

    /**
     * Hands the primary professional role to another active Professional of the practice. The former
     * primary stays on the team as an Adviser unless {@code keepFormerOnTeam} is false. Asking for the
     * current primary changes nothing.
     */
    @Transactional
    public HandOver handOver(Actor actor, long clientId, PrimaryForm form) {
        HouseholdRow household = lockForManaging(actor, clientId);
        return handOverLocked(actor, household, form.userId(), form.keepFormer(), "userId");
    }

    // ------------------------------------------------------------------ bulk hand-over (the compliance module's reassignment)

    /**
     * A household as a bulk hand-over sees it once locked.
     *
     * @param secondaryId its secondary adviser, or null
     */
    public record HandOverCandidate(long clientId, String displayName, long primaryId, Long secondaryId) {
    }

    /** The ids of the actor's practice's households whose primary professional is {@code userId}. */
    @Transactional(readOnly = true)
    public List<Long> householdsWithPrimary(Actor actor, long userId) {
        return households.idsWithPrimary(actor.practiceId(), userId);
    }

    /**
     * Locks these households of the actor's practice (all of them, in id order, until the transaction ends) and answers
     * each one's primary and secondary as they are now; ids of other practices or of no household are left out. A bulk
     * hand-over locks first, then decides on what it holds, then calls {@link #handOver} for each: concurrent changes to
     * those households wait for it, or it waits for them and sees their result.
     */
    @Transactional(propagation = org.springframework.transaction.annotation.Propagation.MANDATORY)
    public List<HandOverCandidate> lockForHandOver(Actor actor, java.util.Collection<Long> clientIds) {
        return households.lockAll(actor.practiceId(), clientIds).stream()
                .map(h -> new HandOverCandidate(h.id(), h.displayName(), h.primaryProfessionalId(), h.secondaryProfessionalId())).toList();
    }

    /**
     * Hands many households over at once, each to its new primary (a reassignment): the rules of {@link #handOver} — the
     * actor manages each household's team, the new primary is an active Professional of the practice — then set-based
     * writes (household rows, then the access facts through {@link AccessFacts#addPrimaries}: one audit entry per
     * household). The households must have been locked by {@link #lockForHandOver} in this transaction. Households
     * already with their new primary are left alone.
     *
     * @param toByHousehold the new primary of each household
     * @param keepFormer    whether the former primaries stay on the teams as Advisers
     * @return how many households changed primary
     */
    @Transactional(propagation = org.springframework.transaction.annotation.Propagation.MANDATORY)
    public int handOverAll(Actor actor, Map<Long, Long> toByHousehold, boolean keepFormer) {
        Map<Long, StaffView> targets = new java.util.HashMap<>();
        for (long to : new HashSet<>(toByHousehold.values())) {
            StaffView user = practice.userInPractice(actor.practiceId(), to).orElseThrow(() -> new InvalidInputException("userId",
                    "There is no user with id " + to + " in your practice."));
            if (user.type() != UserType.PROFESSIONAL) {
                throw new InvalidInputException("userId", "Only Professionals can be primary professional: " + user.name() + " is "
                        + withArticle(user.type()) + ".");
            }
            if (!user.active()) {
                throw new InvalidInputException("userId", user.name() + "'s account is disabled: a disabled user cannot be primary professional.");
            }
            targets.put(to, user);
        }
        List<Relation.Primary> primaries = new ArrayList<>();
        Map<Long, List<Long>> byTarget = new LinkedHashMap<>();
        access.requireAll(actor, Permission.MANAGE_TEAM, toByHousehold.keySet());
        for (Map.Entry<Long, Long> e : toByHousehold.entrySet()) {
            primaries.add(new Relation.Primary(e.getKey(), e.getValue(), keepFormer));
            byTarget.computeIfAbsent(e.getValue(), k -> new ArrayList<>()).add(e.getKey());
        }
        byTarget.forEach((to, ids) -> households.setPrimaryAll(ids, to));
        return facts.addPrimaries(actor.userId(), primaries);
    }

    // ------------------------------------------------------------------ internals

    private HandOver handOverLocked(Actor actor, HouseholdRow household, Long toUserId, boolean keepFormer, String field) {
        StaffView to = staffUser(household, field, toUserId);
        if (to.type() != UserType.PROFESSIONAL) {
            throw new InvalidInputException(field, "Only Professionals can be primary professional: " + to.name() + " is "
                    + withArticle(to.type()) + ".");
        }
        if (!to.active()) {
            throw new InvalidInputException(field, to.name() + "'s account is disabled: a disabled user cannot be primary professional.");
        }
        long from = household.primaryProfessionalId();
        if (from == to.id()) {
            return new HandOver(household.id(), from, to.name(), from, to.name(), true, false);
        }
        households.setPrimary(household.id(), to.id());
        facts.add(actor.userId(), new Relation.Primary(household.id(), to.id(), keepFormer));
        return new HandOver(household.id(), from, nameOf(household, from), to.id(), to.name(), keepFormer, true);
    }

    /** Locks the household row, then checks the actor may manage its team (on the state now held). */
    private HouseholdRow lockForManaging(Actor actor, long clientId) {
        HouseholdRow household = households.lock(actor.practiceId(), clientId).orElseThrow(() -> new NotFoundException("Client"));
        access.require(actor, Permission.MANAGE_TEAM, clientId);
        return household;
    }

    private TeamMembership membership(HouseholdRow household, long userId) {
        return access.membership(household.id(), userId).orElseThrow(() -> new NotFoundException("Team member"));
    }

    /** A staff user of the household's practice; other practices' ids look exactly like unknown ids. */
    private StaffView staffUser(HouseholdRow household, String field, Long userId) {
        if (userId == null) {
            throw new InvalidInputException(field, "Choose a staff user.");
        }
        StaffView user = practice.userInPractice(household.practiceId(), userId)
                .orElseThrow(() -> new InvalidInputException(field, "There is no user with id " + userId + " in your practice."));
        if (!user.type().isStaff()) {
            throw new InvalidInputException(field, user.name() + " is an outsider: outsiders get access through a grant from the "
                    + "primary professional, not through the team.");
        }
        return user;
    }

    static TeamRole role(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(field, "Choose a role: " + roleList() + ".");
        }
        String v = value.trim();
        for (TeamRole r : TeamRole.values()) {
            if (r.name().equalsIgnoreCase(v) || r.label().equalsIgnoreCase(v)) {
                return r;
            }
        }
        throw new InvalidInputException(field, "\"" + v + "\" is not a team role. Choose one of: " + roleList() + ".");
    }

    private static String roleList() {
        return Arrays.stream(TeamRole.values()).map(r -> r.name() + " (" + r.label() + ")").collect(Collectors.joining(", "));
    }

    private static String withArticle(UserType type) {
        return switch (type) {
            case SUPPORT -> "Support staff";
            case ASSISTANT -> "an Assistant";
            case OUTSIDER -> "an Outsider";
            case BUSINESS -> "a Business user";
            case PROFESSIONAL -> "a Professional";
        };
    }

    private static String typeLabel(StaffView user, String type) {
        if (user != null) {
            return user.typeLabel();
        }
        try {
            return UserType.valueOf(type).label();
        } catch (IllegalArgumentException e) {
            return type.toLowerCase(Locale.ROOT);
        }
    }

    private String nameOf(HouseholdRow household, long userId) {
        return practice.userInPractice(household.practiceId(), userId).map(StaffView::name).orElse("user #" + userId);
    }

    private TeamMemberView member(long practiceId, long clientId, long userId) {
        return members(practiceId, clientId).stream().filter(m -> m.userId() == userId).findFirst()
                .orElseThrow(() -> new NotFoundException("Team member"));
    }

    private List<TeamMemberView> members(long practiceId, long clientId) {
        List<TeamMembership> team = access.team(clientId);
        Set<Long> ids = new HashSet<>();
        team.forEach(t -> {
            ids.add(t.userId());
            if (t.grantedBy() != null) {
                ids.add(t.grantedBy());
            }
        });
        Map<Long, StaffView> people = practice.usersInPractice(practiceId, ids);
        List<TeamMemberView> result = new ArrayList<>();
        for (TeamMembership t : team) {
            StaffView u = people.get(t.userId());
            if (u == null) {
                continue; // cannot happen: the team row's foreign key pins the user to the client's practice
            }
            StaffView by = t.grantedBy() == null ? null : people.get(t.grantedBy());
            result.add(new TeamMemberView(u.id(), u.name(), u.email(), u.type(), t.role(), t.primary(), u.active(), t.grantedAt(),
                    t.grantedBy(), by == null ? null : by.name()));
        }
        return result;
    }
}
