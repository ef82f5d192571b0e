package com.atrium.workgroup;

import com.atrium.access.AccessFacts;
import com.atrium.access.AccessService;
import com.atrium.access.Relation;
import com.atrium.access.Decision;
import com.atrium.access.Permission;
import com.atrium.audit.SecurityEvent;
import com.atrium.audit.SecurityEventKind;
import com.atrium.practice.PracticeService;
import com.atrium.practice.StaffView;
import com.atrium.shared.Actor;
import com.atrium.shared.ConflictException;
import com.atrium.shared.ForbiddenException;
import com.atrium.shared.InvalidInputException;
import com.atrium.shared.NotFoundException;
import com.atrium.workgroup.WorkgroupRepository.GroupRow;
import com.atrium.workgroup.WorkgroupRepository.InvitationRow;
import com.atrium.workgroup.WorkgroupRepository.MemberRow;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The workgroup module's API. Any staff user creates workgroups and owns them; the owner edits,
 * deletes, invites by user id and removes members; invitees join or ignore. Clients are assigned to
 * at most one workgroup, and the access module is told every fact (membership, assignment) in the
 * same transaction, so owners and members reach the group's clients at once, and only those.
 *
 * <p>Who may see a workgroup: its owner, its members and the practice's managers; to anyone else
 * (and to other practices) it does not exist.
 */
@Service
public class WorkgroupService {
    public static final int DESCRIPTION_MAX = 100;

    private final WorkgroupRepository groups;
    private final AccessService access;
    private final AccessFacts facts;
    private final PracticeService practice;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    WorkgroupService(WorkgroupRepository groups, AccessService access, AccessFacts facts, PracticeService practice,
                     ApplicationEventPublisher events, Clock clock) {
        this.facts = facts;
        this.groups = groups;
        this.access = access;
        this.practice = practice;
        this.events = events;
        this.clock = clock;
    }

    // ------------------------------------------------------------------ reading

    /** The workgroups the actor owns (first) or belongs to, each with its member count. */
    @Transactional(readOnly = true)
    public List<WorkgroupView> mine(Actor actor) {
        requireStaff(actor);
        return views(actor, groups.groupsOf(actor.practiceId(), actor.userId()));
    }

    @Transactional(readOnly = true)
    public WorkgroupView get(Actor actor, long id) {
        return views(actor, List.of(visible(actor, id))).get(0);
    }

    /** Everyone in the group: the owner first, then members in the order they joined. */
    @Transactional(readOnly = true)
    public List<MemberView> members(Actor actor, long id) {
        GroupRow g = visible(actor, id);
        List<MemberRow> rows = groups.members(id);
        Set<Long> ids = new HashSet<>();
        ids.add(g.ownerId());
        rows.forEach(r -> ids.add(r.userId()));
        Map<Long, StaffView> people = practice.usersInPractice(actor.practiceId(), ids);
        boolean owner = g.ownerId() == actor.userId();
        List<MemberView> result = new ArrayList<>();
        StaffView o = people.get(g.ownerId());
        result.add(new MemberView(g.ownerId(), nameOf(o, g.ownerId()), o == null ? null : o.email(), o == null ? null : o.type(), true,
                g.createdAt(), false));
        for (MemberRow r : rows) {
            StaffView s = people.get(r.userId());
            result.add(new MemberView(r.userId(), nameOf(s, r.userId()), s == null ? null : s.email(), s == null ? null : s.type(), false,
                    r.joinedAt(), owner || r.userId() == actor.userId()));
        }
        return result;
    }

    /** Invitations to this group that nobody has answered yet (the owner only). */
    @Transactional(readOnly = true)
    public List<InvitationView> pendingInvitations(Actor actor, long id) {
        GroupRow g = visible(actor, id);
        if (g.ownerId() != actor.userId()) {
            return List.of();
        }
        return invitationViews(actor.practiceId(), groups.invitationsTo(id));
    }

    /** Invitations addressed to the actor, oldest first. */
    @Transactional(readOnly = true)
    public List<InvitationView> myInvitations(Actor actor) {
        requireStaff(actor);
        return invitationViews(actor.practiceId(), groups.invitationsOf(actor.userId()));
    }

    /** The actor's default workgroup for new clients, if they picked one. */
    @Transactional(readOnly = true)
    public Optional<WorkgroupRef> defaultWorkgroup(Actor actor) {
        return groups.defaultOf(actor.userId()).flatMap(id -> groups.find(actor.practiceId(), id)).map(g -> refs(actor.practiceId(), List.of(g)).get(0));
    }

    /** Workgroups the actor owns or belongs to (what they may put their new clients in). */
    @Transactional(readOnly = true)
    public List<WorkgroupRef> groupsOf(Actor actor) {
        if (!actor.isStaff()) {
            return List.of();
        }
        return refs(actor.practiceId(), groups.groupsOf(actor.practiceId(), actor.userId()));
    }

    /**
     * Workgroups a client search can be narrowed to, and a client may be moved to by this actor: their
     * own groups; for practice managers every group of the practice.
     */
    @Transactional(readOnly = true)
    public List<WorkgroupRef> selectableBy(Actor actor) {
        if (!actor.isStaff()) {
            return List.of();
        }
        return actor.practiceManager() ? refs(actor.practiceId(), groups.allOf(actor.practiceId())) : groupsOf(actor);
    }

    /** A workgroup the actor may see (owner, member, practice manager); any other id is "not found". */
    @Transactional(readOnly = true)
    public WorkgroupRef find(Actor actor, long id) {
        return refs(actor.practiceId(), List.of(visible(actor, id))).get(0);
    }

    /** The workgroup of a client the actor may see (404 otherwise). */
    @Transactional(readOnly = true)
    public Optional<WorkgroupRef> clientWorkgroup(Actor actor, long clientId) {
        access.require(actor, Permission.VIEW_FILE, clientId);
        return assignmentOf(actor.practiceId(), clientId);
    }

    /** The workgroup a client of this practice is assigned to, if any. */
    @Transactional(readOnly = true)
    public Optional<WorkgroupRef> assignmentOf(long practiceId, long clientId) {
        return groups.assignmentOf(practiceId, clientId).flatMap(id -> groups.find(practiceId, id))
                .map(g -> refs(practiceId, List.of(g)).get(0));
    }

    /**
     * SQL expressions for the id and the description of the workgroup the client in {@code clientIdColumn} is
     * assigned to (null when none), so a list can carry them in its one statement.
     */
    public String[] assignmentSql(String clientIdColumn, String practiceIdColumn) {
        String group = "(SELECT wc.workgroup_id FROM workgroup_client wc WHERE wc.client_id = " + clientIdColumn
                + " AND wc.practice_id = " + practiceIdColumn + ")";
        return new String[] {group, "(SELECT w.description FROM workgroup_client wc JOIN workgroup w ON w.id = wc.workgroup_id"
                + " WHERE wc.client_id = " + clientIdColumn + " AND wc.practice_id = " + practiceIdColumn + ")"};
    }

    /** Workgroups of several clients of one practice at once (clients without one are absent). */
    @Transactional(readOnly = true)
    public Map<Long, WorkgroupRef> assignmentsOf(long practiceId, Collection<Long> clientIds) {
        Map<Long, Long> byClient = groups.assignmentsOf(practiceId, clientIds);
        Map<Long, WorkgroupRef> refsById = refs(practiceId, groups.findAll(practiceId, new HashSet<>(byClient.values()))).stream()
                .collect(Collectors.toMap(WorkgroupRef::id, r -> r));
        Map<Long, WorkgroupRef> result = new LinkedHashMap<>();
        byClient.forEach((client, group) -> {
            WorkgroupRef r = refsById.get(group);
            if (r != null) {
                result.put(client, r);
            }
        });
        return result;
    }

    // ------------------------------------------------------------------ owning a workgroup

    @Transactional
    public WorkgroupView create(Actor actor, WorkgroupForm form) {
        requireStaff(actor);
        String description = description(form);
        long id = groups.insert(actor.practiceId(), actor.userId(), description, now());
        facts.workgroupDefined(id, actor.practiceId(), actor.userId(), description);
        security(SecurityEventKind.WORKGROUP_CREATED, actor, actor.userId(), quoted(id, description));
        return get(actor, id);
    }

    @Transactional
    public WorkgroupView update(Actor actor, long id, WorkgroupForm form) {
        GroupRow g = owned(actor, id, "edit it");
        String description = description(form);
        if (!description.equals(g.description())) {
            groups.updateDescription(id, description);
            facts.workgroupDefined(id, actor.practiceId(), g.ownerId(), description);
            security(SecurityEventKind.WORKGROUP_RENAMED, actor, null, quoted(id, g.description()) + " renamed " + quoted(id, description));
        }
        return get(actor, id);
    }

    /** Deletes the group; its clients become unassigned in the same transaction (each access change is recorded). */
    @Transactional
    public WorkgroupDeletion delete(Actor actor, long id) {
        GroupRow g = owned(actor, id, "delete it");
        groups.lock(actor.practiceId(), id);
        List<Long> clients = groups.clientsOf(id);
        for (long clientId : clients) {
            facts.remove(actor.userId(), new Relation.ClientWorkgroup(clientId, id));
        }
        groups.unassignAll(id);
        facts.workgroupDeleted(id);
        groups.delete(id); // members, invitations and default choices go with it
        security(SecurityEventKind.WORKGROUP_DELETED, actor, null, quoted(id, g.description()) + ", " + clients.size()
                + (clients.size() == 1 ? " client" : " clients") + " unassigned");
        return new WorkgroupDeletion(id, g.description(), clients.size());
    }

    /** How many clients deleting this group would unassign (the delete button says so). */
    @Transactional(readOnly = true)
    public long clientCount(Actor actor, long id) {
        visible(actor, id);
        return groups.clientCounts(List.of(id)).getOrDefault(id, 0L);
    }

    /**
     * Invites a user of the same practice by user id. Each refusal says why: no such staff user in the
     * practice (an id of another practice is answered exactly like an unknown one, so nothing leaks),
     * inviting yourself, someone already in the group, someone already invited.
     */
    @Transactional
    public InvitationView invite(Actor actor, long id, InvitationForm form) {
        GroupRow g = owned(actor, id, "invite people");
        groups.lock(actor.practiceId(), id);
        Long userId = form == null ? null : form.userId();
        if (userId == null) {
            throw new InvalidInputException("userId", "Enter the user id of the person to invite.");
        }
        if (userId == actor.userId()) {
            throw new InvalidInputException("userId", "You own this workgroup already: enter the user id of someone else.");
        }
        // finding 13: any id that is not an active staff user of the practice (unknown, another practice's, a client's or
        // an external adviser's, a business user's, a disabled account) gets the same answer, which names nobody
        StaffView invitee = practice.userInPractice(actor.practiceId(), userId)
                .filter(u -> u.type().isStaff() && u.active())
                .orElseThrow(() -> new InvalidInputException("userId", "There is no user with id " + userId + " in your practice who can"
                        + " join a workgroup (an active staff user): check the id on their profile page or in the staff list."));
        if (groups.isMember(id, userId)) {
            throw new ConflictException(invitee.name() + " is already a member of \u201c" + g.description() + "\u201d.");
        }
        if (groups.invitationExists(id, userId)) {
            throw new ConflictException(invitee.name() + " has already been invited to \u201c" + g.description()
                    + "\u201d and has not answered yet.");
        }
        OffsetDateTime at = now();
        long invitationId = groups.insertInvitation(actor.practiceId(), id, userId, actor.userId(), at);
        events.publishEvent(new WorkgroupInvitationSent(actor.practiceId(), invitationId, id, g.description(), userId, actor.userId(),
                at.toInstant()));
        security(SecurityEventKind.WORKGROUP_MEMBER_INVITED, actor, userId, quoted(id, g.description()));
        return invitationViews(actor.practiceId(), List.of(groups.invitation(actor.practiceId(), id, invitationId).orElseThrow())).get(0);
    }

    /** The owner withdraws an invitation nobody answered yet. */
    @Transactional
    public void withdrawInvitation(Actor actor, long id, long invitationId) {
        owned(actor, id, "withdraw invitations");
        InvitationRow inv = groups.invitation(actor.practiceId(), id, invitationId).orElseThrow(() -> new NotFoundException("Invitation"));
        groups.deleteInvitation(inv.id());
    }

    /** The owner removes a member, or a member leaves. The owner cannot leave: they delete the group instead. */
    @Transactional
    public void removeMember(Actor actor, long id, long userId) {
        GroupRow g = visible(actor, id);
        if (g.ownerId() != actor.userId() && userId != actor.userId()) {
            throw new ForbiddenException("Only the owner of \u201c" + g.description() + "\u201d may remove its members.");
        }
        if (userId == g.ownerId()) {
            throw new InvalidInputException("The owner cannot leave their own workgroup: delete the workgroup instead.");
        }
        groups.lock(actor.practiceId(), id);
        if (groups.deleteMember(id, userId) == 0) {
            throw new NotFoundException("Member");
        }
        groups.clearDefaultIf(userId, id);
        facts.remove(actor.userId(), new Relation.WorkgroupMember(id, userId));
        security(SecurityEventKind.WORKGROUP_MEMBER_REMOVED, actor, userId, quoted(id, g.description())
                + (userId == actor.userId() ? " (left)" : " (removed by the owner)"));
    }

    // ------------------------------------------------------------------ invitations (the invitee)

    /** Joins the group the invitation is for; the invitation is used up. */
    @Transactional
    public WorkgroupView join(Actor actor, long invitationId) {
        requireStaff(actor);
        InvitationRow inv = groups.invitationFor(actor.userId(), invitationId).orElseThrow(() -> new NotFoundException("Invitation"));
        groups.lock(inv.practiceId(), inv.workgroupId()).orElseThrow(() -> new NotFoundException("Invitation"));
        groups.deleteInvitation(inv.id());
        if (!groups.isMember(inv.workgroupId(), actor.userId())) {
            groups.insertMember(inv.practiceId(), inv.workgroupId(), actor.userId(), inv.invitedBy(), now());
            facts.add(actor.userId(), new Relation.WorkgroupMember(inv.workgroupId(), actor.userId()));
        }
        WorkgroupView joined = get(actor, inv.workgroupId());
        security(SecurityEventKind.WORKGROUP_MEMBER_JOINED, actor, actor.userId(), quoted(inv.workgroupId(), joined.description()));
        return joined;
    }

    /** Ignoring an invitation deletes it. */
    @Transactional
    public void ignore(Actor actor, long invitationId) {
        requireStaff(actor);
        InvitationRow inv = groups.invitationFor(actor.userId(), invitationId).orElseThrow(() -> new NotFoundException("Invitation"));
        groups.deleteInvitation(inv.id());
        security(SecurityEventKind.WORKGROUP_INVITATION_IGNORED, actor, actor.userId(), "workgroup #" + inv.workgroupId());
    }

    /** A workgroup change as a security event of the actor's practice (same transaction). */
    private void security(SecurityEventKind kind, Actor actor, Long subject, String detail) {
        events.publishEvent(SecurityEvent.of(kind, actor.practiceId()).by(actor.userId()).about(subject).detail(detail));
    }

    private static String quoted(long id, String description) {
        return "\u201c" + description + "\u201d (#" + id + ")";
    }

    // ------------------------------------------------------------------ default workgroup

    /** Picks the workgroup new clients of the actor go to ({@code null}: none, the default). */
    @Transactional
    public Optional<WorkgroupRef> setDefault(Actor actor, Long workgroupId) {
        requireStaff(actor);
        if (workgroupId == null) {
            groups.setDefault(actor.practiceId(), actor.userId(), null);
            return Optional.empty();
        }
        GroupRow g = visible(actor, workgroupId);
        if (!ownsOrBelongs(actor, g)) {
            throw new InvalidInputException("workgroupId", "Pick a workgroup you own or belong to.");
        }
        groups.setDefault(actor.practiceId(), actor.userId(), workgroupId);
        return Optional.of(refs(actor.practiceId(), List.of(g)).get(0));
    }

    // ------------------------------------------------------------------ client assignment

    /**
     * Moves a client to a workgroup ({@code null}: none). Assigning shares the client with every
     * member of the group, so it takes the right to manage the client's access (primary professional,
     * practice managers); the group must be one the actor owns or belongs to (managers: any group of
     * the practice).
     */
    @Transactional
    public Optional<WorkgroupRef> assignClient(Actor actor, long clientId, Long workgroupId) {
        Decision d = access.check(actor, Permission.MANAGE_TEAM, clientId);
        if (!d.allowed()) {
            if (!d.visible()) {
                throw new NotFoundException("Client");
            }
            throw new ForbiddenException("Only those who manage this client's access (its primary professional and practice managers)"
                    + " may move it to another workgroup.");
        }
        Optional<GroupRow> target = Optional.empty();
        if (workgroupId != null) {
            GroupRow g = visible(actor, workgroupId);
            if (!actor.practiceManager() && !ownsOrBelongs(actor, g)) {
                throw new InvalidInputException("workgroupId", "You can put a client only in a workgroup you own or belong to.");
            }
            groups.lock(actor.practiceId(), workgroupId);
            target = Optional.of(g);
        }
        Optional<Long> current = groups.assignmentOf(actor.practiceId(), clientId);
        if (!Objects.equals(current.orElse(null), workgroupId)) {
            if (workgroupId == null) {
                groups.unassign(clientId);
            } else {
                groups.assign(actor.practiceId(), clientId, workgroupId, actor.userId(), now());
            }
            if (workgroupId == null) {
                facts.remove(actor.userId(), new Relation.ClientWorkgroup(clientId, current.get()));
            } else {
                facts.add(actor.userId(), new Relation.ClientWorkgroup(clientId, workgroupId));
            }
        }
        return target.map(g -> refs(actor.practiceId(), List.of(g)).get(0));
    }

    /**
     * Puts a client its creator has just registered in one of the creator's workgroups (the creation
     * flow of the household module calls this in its transaction; the group is the creator's choice
     * or default, already checked to be one they own or belong to).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void assignNewClient(Actor creator, long clientId, long workgroupId) {
        GroupRow g = groups.find(creator.practiceId(), workgroupId).orElseThrow(() -> new NotFoundException("Workgroup"));
        if (!ownsOrBelongs(creator, g)) {
            throw new InvalidInputException("workgroupId", "You can put a client only in a workgroup you own or belong to.");
        }
        if (groups.assignmentOf(creator.practiceId(), clientId).isPresent()) {
            throw new IllegalStateException("Client " + clientId + " is already in a workgroup");
        }
        groups.lock(creator.practiceId(), workgroupId);
        groups.assign(creator.practiceId(), clientId, workgroupId, creator.userId(), now());
        facts.add(creator.userId(), new Relation.ClientWorkgroup(clientId, workgroupId));
    }

    // ------------------------------------------------------------------ internals

    private GroupRow visible(Actor actor, long id) {
        requireStaff(actor);
        GroupRow g = groups.find(actor.practiceId(), id).orElseThrow(() -> new NotFoundException("Workgroup"));
        if (!actor.practiceManager() && !ownsOrBelongs(actor, g)) {
            throw new NotFoundException("Workgroup");
        }
        return g;
    }

    private GroupRow owned(Actor actor, long id, String what) {
        GroupRow g = visible(actor, id);
        if (g.ownerId() != actor.userId()) {
            String owner = practice.userInPractice(actor.practiceId(), g.ownerId()).map(StaffView::name).orElse("its owner");
            throw new ForbiddenException("Only the owner of \u201c" + g.description() + "\u201d, " + owner + ", may " + what + ".");
        }
        return g;
    }

    private boolean ownsOrBelongs(Actor actor, GroupRow g) {
        return g.ownerId() == actor.userId() || groups.isMember(g.id(), actor.userId());
    }

    private static void requireStaff(Actor actor) {
        if (!actor.isStaff()) {
            throw new ForbiddenException("Workgroups are for staff users.");
        }
    }

    private static String description(WorkgroupForm form) {
        String d = form == null || form.description() == null ? "" : form.description().trim();
        if (d.isEmpty()) {
            throw new InvalidInputException("description", "Enter a description for the workgroup.");
        }
        if (d.length() > DESCRIPTION_MAX) {
            throw new InvalidInputException("description", "The description is at most " + DESCRIPTION_MAX + " characters (it has "
                    + d.length() + ").");
        }
        return d;
    }

    private List<WorkgroupView> views(Actor actor, List<GroupRow> rows) {
        List<Long> ids = rows.stream().map(GroupRow::id).toList();
        Map<Long, Integer> members = groups.memberCounts(ids);
        Map<Long, Long> clients = groups.clientCounts(ids);
        Map<Long, StaffView> owners = practice.usersInPractice(actor.practiceId(), rows.stream().map(GroupRow::ownerId).collect(Collectors.toSet()));
        Long defaultId = groups.defaultOf(actor.userId()).orElse(null);
        return rows.stream().map(g -> {
            boolean owned = g.ownerId() == actor.userId();
            return new WorkgroupView(g.id(), g.description(), g.ownerId(), nameOf(owners.get(g.ownerId()), g.ownerId()),
                    1 + members.getOrDefault(g.id(), 0), clients.getOrDefault(g.id(), 0L), g.createdAt(), owned,
                    Objects.equals(defaultId, g.id()), owned, owned, owned);
        }).toList();
    }

    private List<WorkgroupRef> refs(long practiceId, List<GroupRow> rows) {
        Map<Long, StaffView> owners = practice.usersInPractice(practiceId, rows.stream().map(GroupRow::ownerId).collect(Collectors.toSet()));
        return rows.stream().map(g -> {
            StaffView o = owners.get(g.ownerId());
            return new WorkgroupRef(g.id(), g.description(), g.ownerId(), nameOf(o, g.ownerId()), o == null ? null : o.type(),
                    o != null && o.active());
        }).toList();
    }

    private List<InvitationView> invitationViews(long practiceId, List<InvitationRow> rows) {
        Set<Long> userIds = new HashSet<>();
        Map<Long, GroupRow> byGroup = new LinkedHashMap<>();
        for (InvitationRow r : rows) {
            userIds.add(r.inviteeId());
            userIds.add(r.invitedBy());
            GroupRow g = byGroup.computeIfAbsent(r.workgroupId(), id -> groups.find(practiceId, id).orElseThrow());
            userIds.add(g.ownerId());
        }
        Map<Long, StaffView> people = practice.usersInPractice(practiceId, userIds);
        return rows.stream().map(r -> {
            GroupRow g = byGroup.get(r.workgroupId());
            return new InvitationView(r.id(), g.id(), g.description(), nameOf(people.get(g.ownerId()), g.ownerId()), r.inviteeId(),
                    nameOf(people.get(r.inviteeId()), r.inviteeId()), nameOf(people.get(r.invitedBy()), r.invitedBy()), r.invitedAt());
        }).toList();
    }

    private static String nameOf(StaffView v, long id) {
        return v == null ? "user #" + id : v.name();
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }
}
