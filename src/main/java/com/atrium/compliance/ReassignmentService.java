package com.atrium.compliance;

import com.atrium.access.AccessDiff;
import com.atrium.access.AccessService;
import com.atrium.access.AccessWhatIf;
import com.atrium.access.PracticePermission;
import com.atrium.household.HouseholdService;
import com.atrium.household.TeamService;
import com.atrium.household.TeamService.HandOverCandidate;
import com.atrium.practice.PracticeService;
import com.atrium.practice.StaffView;
import com.atrium.shared.Actor;
import com.atrium.shared.InvalidInputException;
import com.atrium.shared.NotFoundException;
import com.atrium.shared.UserType;
import com.atrium.workgroup.WorkgroupRef;
import com.atrium.workgroup.WorkgroupService;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Bulk reassignment (issue 17): <em>Staff → adviser → Reassign clients</em>. Every household the departing adviser is
 * primary professional of goes to a new primary (one for all, or one per workgroup), in one transaction:
 * <ol>
 *   <li>lock the households (in id order, {@link TeamService#lockForHandOver}), so concurrent changes to them either
 *       finish first (and are seen) or wait for the reassignment;</li>
 *   <li>decide on what is held: a household whose primary is already the chosen one is done (a retry is idempotent), one
 *       whose primary is now someone else than the adviser cannot move — and then <b>nothing</b> moves: the whole
 *       reassignment is refused with every reason ({@link ReassignmentRefused}, 409);</li>
 *   <li>hand them over through {@link TeamService#handOverAll} (the rules of a single hand-over, set-based writes, one
 *       {@code PRIMARY_HANDED_OVER} audit entry per household), then one {@code CLIENTS_REASSIGNED} entry for the
 *       operation.</li>
 * </ol>
 * The preview ({@code dryRun}) runs exactly this through {@link AccessWhatIf}, which rolls it back and says who loses and
 * who gains access to which clients. Callable by other modules (staff lifecycle's hand-over when disabling an adviser).
 */
@Service
public class ReassignmentService {
    private final AccessService access;
    private final AccessWhatIf whatIf;
    private final TeamService teams;
    private final HouseholdService households;
    private final PracticeService practice;
    private final WorkgroupService workgroups;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate tx;

    ReassignmentService(AccessService access, AccessWhatIf whatIf, TeamService teams, HouseholdService households,
                        PracticeService practice, WorkgroupService workgroups, ApplicationEventPublisher events,
                        PlatformTransactionManager transactions) {
        this.access = access;
        this.whatIf = whatIf;
        this.teams = teams;
        this.households = households;
        this.practice = practice;
        this.workgroups = workgroups;
        this.events = events;
        this.tx = new TransactionTemplate(transactions);
    }

    /** The departing adviser (a staff user of the actor's practice; 404 otherwise). Practice managers only. */
    public StaffView adviser(Actor actor, long adviserId) {
        access.require(actor, PracticePermission.MANAGE_STAFF);
        return practice.userInPractice(actor.practiceId(), adviserId).filter(u -> u.type().isStaff())
                .orElseThrow(() -> new NotFoundException("Staff user"));
    }

    /** The workgroups of the adviser's households (for the page's per-workgroup choices). */
    public List<WorkgroupRef> workgroupsOf(Actor actor, long adviserId) {
        adviser(actor, adviserId);
        List<Long> ids = teams.householdsWithPrimary(actor, adviserId);
        Map<Long, WorkgroupRef> byId = new LinkedHashMap<>();
        workgroups.assignmentsOf(actor.practiceId(), ids).values().forEach(w -> byId.putIfAbsent(w.id(), w));
        return byId.values().stream().sorted(java.util.Comparator.comparing(WorkgroupRef::description)).toList();
    }

    /** How many households the adviser is primary of. */
    public int householdCount(Actor actor, long adviserId) {
        adviser(actor, adviserId);
        return teams.householdsWithPrimary(actor, adviserId).size();
    }

    /**
     * Reassigns (or, with {@code dryRun}, previews reassigning) the adviser's households. Refused as a whole — nothing
     * moves — when any household cannot move ({@link ReassignmentRefused}); in the preview the reasons are in the answer.
     */
    public Reassignment reassign(Actor actor, long adviserId, ReassignmentForm form, boolean dryRun) {
        StaffView adviser = adviser(actor, adviserId);
        Targets targets = targets(actor, adviser, form);
        if (dryRun) {
            AccessWhatIf.Outcome<Reassignment> o = whatIf.preview(actor, () -> move(actor, adviser, form, targets, true));
            AccessDiff diff = o.diff().withClientNames(households.displayNames(actor, o.diff().clientIds()));
            Reassignment r = o.result();
            return new Reassignment(true, r.adviserId(), r.adviserName(), r.keepFormerOnTeam(), r.households(), r.moved(), r.alreadyMoved(),
                    r.moves(), r.workgroups(), r.refusals(), diff.byPerson(), r.householdIds());
        }
        return tx.execute(status -> move(actor, adviser, form, targets, false));
    }

    private Reassignment move(Actor actor, StaffView adviser, ReassignmentForm form, Targets targets, boolean preview) {
        List<Long> ids = form.households() == null ? teams.householdsWithPrimary(actor, adviser.id())
                : form.households().stream().filter(Objects::nonNull).distinct().sorted().toList();
        List<HandOverCandidate> locked = teams.lockForHandOver(actor, ids);
        Map<Long, HandOverCandidate> byId = new HashMap<>();
        locked.forEach(h -> byId.put(h.clientId(), h));
        Map<Long, WorkgroupRef> groups = workgroups.assignmentsOf(actor.practiceId(), ids);
        Map<Long, String> names = practice.usersInPractice(actor.practiceId(), locked.stream().map(HandOverCandidate::primaryId)
                .collect(Collectors.toSet())).values().stream().collect(Collectors.toMap(StaffView::id, StaffView::name));
        List<String> refusals = new ArrayList<>();
        List<Reassignment.Move> moves = new ArrayList<>();
        for (long id : ids) {
            HandOverCandidate h = byId.get(id);
            if (h == null) {
                refusals.add("Household #" + id + " no longer exists in your practice.");
                continue;
            }
            WorkgroupRef group = groups.get(id);
            StaffView to = targets.of(group == null ? null : group.id());
            if (h.primaryId() == to.id()) {
                moves.add(new Reassignment.Move(id, h.displayName(), group == null ? null : group.id(), group == null ? null
                        : group.description(), to.id(), to.name(), true));
            } else if (h.primaryId() != adviser.id()) {
                refusals.add(h.displayName() + ": its primary professional is now " + names.getOrDefault(h.primaryId(), "user #"
                        + h.primaryId()) + ", not " + adviser.name() + " (changed since the preview).");
            } else {
                moves.add(new Reassignment.Move(id, h.displayName(), group == null ? null : group.id(), group == null ? null
                        : group.description(), to.id(), to.name(), false));
            }
        }
        if (!refusals.isEmpty() && !preview) {
            throw new ReassignmentRefused(refusals);
        }
        int moved = 0;
        if (refusals.isEmpty()) {
            Map<Long, Long> toByHousehold = new LinkedHashMap<>();
            moves.stream().filter(m -> !m.alreadyDone()).forEach(m -> toByHousehold.put(m.clientId(), m.toUserId()));
            moved = teams.handOverAll(actor, toByHousehold, form.keepFormer());
            if (moved > 0) {
                events.publishEvent(new ClientsReassigned(actor.practiceId(), actor.userId(), adviser.id(), moved
                        + (moved == 1 ? " household" : " households") + " of " + adviser.name() + " handed over: " + summary(moves)
                        + (form.keepFormer() ? "; " + adviser.name() + " stays on their teams as Adviser" : "; " + adviser.name()
                        + " left their teams")));
            }
        } else {
            moved = (int) moves.stream().filter(m -> !m.alreadyDone()).count();
        }
        return new Reassignment(preview, adviser.id(), adviser.name(), form.keepFormer(), ids.size(), refusals.isEmpty() ? moved : 0,
                (int) moves.stream().filter(Reassignment.Move::alreadyDone).count(), moves, workgroupMoves(moves), refusals, List.of(), ids);
    }

    private static String summary(List<Reassignment.Move> moves) {
        Map<String, Long> byTarget = moves.stream().filter(m -> !m.alreadyDone())
                .collect(Collectors.groupingBy(m -> m.toName() + (m.workgroup() == null ? "" : " (workgroup \u201c" + m.workgroup() + "\u201d)"),
                        LinkedHashMap::new, Collectors.counting()));
        return byTarget.entrySet().stream().map(e -> e.getValue() + " to " + e.getKey()).collect(Collectors.joining(", "));
    }

    private static List<Reassignment.WorkgroupMove> workgroupMoves(List<Reassignment.Move> moves) {
        Map<Long, List<Reassignment.Move>> by = new LinkedHashMap<>();
        moves.stream().filter(m -> m.workgroupId() != null).filter(m -> !m.alreadyDone())
                .forEach(m -> by.computeIfAbsent(m.workgroupId(), k -> new ArrayList<>()).add(m));
        List<Reassignment.WorkgroupMove> result = new ArrayList<>();
        by.forEach((id, list) -> result.add(new Reassignment.WorkgroupMove(id, list.get(0).workgroup(), list.size(), list.get(0).toUserId(),
                list.get(0).toName())));
        result.sort(java.util.Comparator.comparing(Reassignment.WorkgroupMove::workgroup));
        return result;
    }

    // ------------------------------------------------------------------ the form

    /** The chosen new primaries, each an active Professional of the practice other than the adviser; all errors at once. */
    private Targets targets(Actor actor, StaffView adviser, ReassignmentForm form) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (form == null) {
            throw new InvalidInputException("toUserId", "Choose the Professional who becomes primary professional.");
        }
        StaffView main = target(actor, adviser, "toUserId", form.toUserId(), errors);
        Map<Long, StaffView> byGroup = new HashMap<>();
        List<ReassignmentForm.WorkgroupChoice> choices = form.byWorkgroup() == null ? List.of() : form.byWorkgroup();
        Set<Long> seen = new LinkedHashSet<>();
        for (int i = 0; i < choices.size(); i++) {
            ReassignmentForm.WorkgroupChoice c = choices.get(i);
            String field = "byWorkgroup[" + i + "]";
            if (c == null || c.workgroupId() == null) {
                errors.put(field + ".workgroupId", "Choose a workgroup.");
                continue;
            }
            if (c.toUserId() == null) {
                continue; // "the same as the others"
            }
            if (!seen.add(c.workgroupId())) {
                errors.put(field + ".workgroupId", "Workgroup " + c.workgroupId() + " is chosen twice.");
                continue;
            }
            StaffView t = target(actor, adviser, field + ".toUserId", c.toUserId(), errors);
            if (t != null) {
                byGroup.put(c.workgroupId(), t);
            }
        }
        if (form.households() != null && form.households().size() > 100_000) {
            errors.put("households", "At most 100,000 households at once.");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException("Some choices are not valid.", errors);
        }
        return new Targets(main, byGroup);
    }

    private StaffView target(Actor actor, StaffView adviser, String field, Long userId, Map<String, String> errors) {
        if (userId == null) {
            errors.put(field, "Choose the Professional who becomes primary professional.");
            return null;
        }
        StaffView to = practice.userInPractice(actor.practiceId(), userId).orElse(null);
        if (to == null || !to.type().isStaff()) {
            errors.put(field, "There is no staff user with id " + userId + " in your practice.");
        } else if (to.id() == adviser.id()) {
            errors.put(field, "Choose someone other than " + adviser.name() + ", whose clients are being reassigned.");
        } else if (to.type() != UserType.PROFESSIONAL) {
            errors.put(field, "Only Professionals can be primary professional: " + to.name() + " is " + to.type().label() + ".");
        } else if (!to.active()) {
            errors.put(field, to.name() + "'s account is disabled: a disabled user cannot be primary professional.");
        } else {
            return to;
        }
        return null;
    }

    private record Targets(StaffView main, Map<Long, StaffView> byGroup) {
        StaffView of(Long groupId) {
            return groupId == null ? main : byGroup.getOrDefault(groupId, main);
        }
    }
}
