package com.atrium.practice;

import com.atrium.access.AccessFacts;
import com.atrium.access.AccessService;
import com.atrium.access.PathKind;
import com.atrium.access.PracticePermission;
import com.atrium.access.ReviewQuery;
import com.atrium.access.TeamRole;
import com.atrium.audit.SecurityEvent;
import com.atrium.audit.SecurityEventKind;
import com.atrium.audit.SecurityEvents;
import com.atrium.practice.UserRepository.UserRow;
import com.atrium.shared.Actor;
import com.atrium.shared.ConflictException;
import com.atrium.shared.Emails;
import com.atrium.shared.InvalidInputException;
import com.atrium.shared.NotFoundException;
import com.atrium.shared.PhoneNumbers;
import com.atrium.shared.UserType;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Practice managers edit staff users (name, email, phone, type, the manager capability) and disable or enable them.
 * <ul>
 *   <li>Disabling refuses while the user is the primary professional of any client (households and business
 *       accounts), with the list of clients to hand over first ({@link HandOverFirstException}, 409).</li>
 *   <li>A disabled user loses every access at once: {@code app_user.active} and {@link AccessFacts#subjectChanged} in the
 *       same transaction (the index drops their rows, the check cache forgets them; {@code check} denies a disabled
 *       subject anyway), their sessions end, their API tokens are revoked, and login refuses them.</li>
 *   <li>The type changes between Professional, Support staff and Assistant only while no client needs them as they
 *       are: not away from Professional while primary or secondary adviser of a client, not to Assistant while they
 *       hold the Adviser team role anywhere (assistants never act as advisers, docs/access-model.md).</li>
 *   <li>A manager cannot disable themselves, and the practice keeps at least one active manager: removing one's own
 *       capability is refused when no other active manager remains (removing another's leaves the actor).</li>
 * </ul>
 * Every change is a security event in the hash-chained trail: STAFF_CHANGED (the details, before → after),
 * STAFF_DISABLED, STAFF_ENABLED, MANAGER_CAPABILITY_GIVEN, MANAGER_CAPABILITY_REMOVED.
 */
@Service
public class StaffAdministration {
    private static final List<UserType> STAFF_TYPES = List.of(UserType.PROFESSIONAL, UserType.SUPPORT, UserType.ASSISTANT);

    private final UserRepository users;
    private final AccessService access;
    private final AccessFacts facts;
    private final SecurityEvents securityEvents;
    private final List<StaffResponsibilities> responsibilities;
    private final ObjectProvider<FindByIndexNameSessionRepository<?>> sessions;
    private final JdbcClient jdbc;
    private final Clock clock;

    StaffAdministration(UserRepository users, AccessService access, AccessFacts facts, SecurityEvents securityEvents,
                        List<StaffResponsibilities> responsibilities, ObjectProvider<FindByIndexNameSessionRepository<?>> sessions,
                        JdbcClient jdbc, Clock clock) {
        this.users = users;
        this.access = access;
        this.facts = facts;
        this.securityEvents = securityEvents;
        this.responsibilities = responsibilities;
        this.sessions = sessions;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Whether the actor may edit staff (for the Edit buttons). */
    public boolean mayManage(Actor actor) {
        return access.check(actor, PracticePermission.MANAGE_STAFF);
    }

    /** The clients this staff user is responsible for (primary, secondary adviser), for the edit page: managers only. */
    @Transactional(readOnly = true)
    public List<StaffResponsibilities.Responsibility> responsibilities(Actor actor, long userId) {
        access.require(actor, PracticePermission.MANAGE_STAFF);
        UserRow u = staff(actor, userId);
        return responsibilitiesOf(u);
    }

    /** One staff user to edit: managers only (403), a user of another practice or an outsider is "not found". */
    @Transactional(readOnly = true)
    public StaffView toEdit(Actor actor, long userId) {
        access.require(actor, PracticePermission.MANAGE_STAFF);
        return staff(actor, userId).view();
    }

    @Transactional
    public StaffView update(Actor actor, long userId, StaffPatch patch) {
        access.require(actor, PracticePermission.MANAGE_STAFF);
        UserRow u = users.lockInPractice(actor.practiceId(), userId).filter(r -> r.type().isStaff())
                .orElseThrow(() -> new NotFoundException("Staff user"));
        Map<String, String> errors = new LinkedHashMap<>();
        String first = patch.firstName() == null ? u.firstName() : name(patch.firstName(), "firstName", "a first name", errors);
        String last = patch.lastName() == null ? u.lastName() : name(patch.lastName(), "lastName", "a last name", errors);
        String email = u.email();
        if (patch.email() != null) {
            if (patch.email().trim().length() > 254) {
                errors.put("email", "An email address is at most 254 characters.");
            } else {
                try {
                    email = Emails.normalise("email", patch.email());
                    if (!email.equals(u.email()) && users.emailTaken(email)) {
                        errors.put("email", "Another account already uses " + email + ".");
                    }
                } catch (InvalidInputException e) {
                    errors.putAll(e.fieldErrors());
                }
            }
        }
        String phone = u.phone();
        if (patch.phone() != null) {
            if (patch.phone().trim().length() > 32) {
                errors.put("phone", "A phone number is at most 32 characters.");
            } else {
                try {
                    phone = PhoneNumbers.normalise("phone", patch.phone());
                } catch (InvalidInputException e) {
                    errors.putAll(e.fieldErrors());
                }
            }
        }
        UserType type = u.type();
        if (patch.type() != null) {
            try {
                type = UserType.valueOf(patch.type().trim().toUpperCase(Locale.ROOT));
                if (!STAFF_TYPES.contains(type)) {
                    errors.put("type", "A staff user is a Professional, Support staff or an Assistant.");
                    type = u.type();
                }
            } catch (IllegalArgumentException e) {
                errors.put("type", "Choose PROFESSIONAL, SUPPORT or ASSISTANT.");
            }
        }
        boolean manager = patch.practiceManager() == null ? u.practiceManager() : patch.practiceManager();
        boolean active = patch.active() == null ? u.active() : patch.active();
        boolean self = u.id() == actor.userId();
        if (self && !active) {
            errors.put("active", "You cannot disable your own account: another practice manager can.");
        }
        if (u.practiceManager() && !manager && self && users.managersOf(actor.practiceId()).stream().noneMatch(m -> m.id() != u.id())) {
            errors.put("practiceManager", "You are the practice's only active practice manager: give another staff user the capability"
                    + " first, so someone can still manage staff.");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException("The staff user was not changed: please correct the highlighted fields.", errors);
        }
        // what clients still need them as they are: refused with the list (and where to hand each over)
        if ((u.active() && !active) || (u.type() == UserType.PROFESSIONAL && type != UserType.PROFESSIONAL) || (type == UserType.ASSISTANT
                && u.type() != UserType.ASSISTANT)) {
            List<StaffResponsibilities.Responsibility> held = new ArrayList<>(responsibilitiesOf(u));
            if (type == UserType.ASSISTANT) {
                held.addAll(adviserRoles(actor, u));
            }
            if (u.active() && !active) {
                List<StaffResponsibilities.Responsibility> primaries = held.stream()
                        .filter(r -> r.kind() == StaffResponsibilities.Kind.PRIMARY).toList();
                if (!primaries.isEmpty()) {
                    throw new HandOverFirstException(u.name() + " is the primary professional of " + count(primaries.size())
                            + ": hand " + (primaries.size() == 1 ? "it" : "them") + " over to another Professional first ("
                            + names(primaries) + ").", primaries);
                }
            }
            List<StaffResponsibilities.Responsibility> blocking = new ArrayList<>();
            if (u.type() == UserType.PROFESSIONAL && type != UserType.PROFESSIONAL) {
                held.stream().filter(r -> r.kind() != StaffResponsibilities.Kind.ADVISER_ROLE).forEach(blocking::add);
            }
            if (type == UserType.ASSISTANT) {
                held.stream().filter(r -> r.kind() == StaffResponsibilities.Kind.ADVISER_ROLE).forEach(blocking::add);
            }
            if (!blocking.isEmpty()) {
                throw new HandOverFirstException(u.name() + " cannot become " + type.label() + " while clients need them as "
                        + u.type().label() + ": hand over or change these first (" + names(blocking) + ").", blocking);
            }
        }
        try {
            users.update(u.id(), email, first, last, phone, type, manager, active);
        } catch (DataIntegrityViolationException e) {
            throw new ConflictException(u.name() + " is still recorded somewhere as " + u.type().label()
                    + " (for example in an open advisor-mode session): end it first; nothing was changed.");
        }
        boolean accessFacts = type != u.type() || manager != u.practiceManager() || active != u.active()
                || !first.equals(u.firstName()) || !last.equals(u.lastName());
        if (accessFacts) {
            facts.subjectChanged(u.id()); // the index and the check cache follow in this transaction
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        List<String> before = new ArrayList<>();
        List<String> after = new ArrayList<>();
        diff("Name", u.name(), first + " " + last, before, after);
        diff("Email", u.email(), email, before, after);
        diff("Phone", PhoneNumbers.display(u.phone()), PhoneNumbers.display(phone), before, after);
        diff("Type", u.type().label(), type.label(), before, after);
        if (!before.isEmpty()) {
            securityEvents.record(SecurityEvent.of(SecurityEventKind.STAFF_CHANGED, actor.practiceId()).by(actor.userId()).about(u.id())
                    .detail(String.join("; ", before) + " → " + String.join("; ", after)));
        }
        if (manager != u.practiceManager()) {
            securityEvents.record(SecurityEvent.of(manager ? SecurityEventKind.MANAGER_CAPABILITY_GIVEN
                    : SecurityEventKind.MANAGER_CAPABILITY_REMOVED, actor.practiceId()).by(actor.userId()).about(u.id())
                    .detail(first + " " + last + (manager ? " is a practice manager" : " is no longer a practice manager")));
        }
        if (active != u.active()) {
            if (!active) {
                int tokens = jdbc.sql("UPDATE api_token SET revoked_at = :now WHERE user_id = :u AND revoked_at IS NULL")
                        .param("now", now).param("u", u.id()).update();
                int ended = endSessions(u.email());
                securityEvents.record(SecurityEvent.of(SecurityEventKind.STAFF_DISABLED, actor.practiceId()).by(actor.userId())
                        .about(u.id()).detail(u.name() + " <" + u.email() + "> disabled; " + ended + (ended == 1 ? " session" : " sessions")
                                + " ended, " + tokens + (tokens == 1 ? " API token" : " API tokens") + " revoked"));
            } else {
                securityEvents.record(SecurityEvent.of(SecurityEventKind.STAFF_ENABLED, actor.practiceId()).by(actor.userId())
                        .about(u.id()).detail(first + " " + last + " <" + email + "> enabled"));
            }
        }
        return users.byId(u.id()).orElseThrow().view();
    }

    // ------------------------------------------------------------------ helpers

    private UserRow staff(Actor actor, long userId) {
        return users.inPractice(actor.practiceId(), userId).filter(r -> r.type().isStaff())
                .orElseThrow(() -> new NotFoundException("Staff user"));
    }

    private List<StaffResponsibilities.Responsibility> responsibilitiesOf(UserRow u) {
        List<StaffResponsibilities.Responsibility> all = new ArrayList<>();
        responsibilities.forEach(r -> all.addAll(r.of(u.practiceId(), u.id())));
        return all;
    }

    /** The clients on whose team the user holds the Adviser role (not as primary), read from the access review. */
    private List<StaffResponsibilities.Responsibility> adviserRoles(Actor actor, UserRow u) {
        List<StaffResponsibilities.Responsibility> list = new ArrayList<>();
        access.reviewEach(actor, new ReviewQuery(u.id(), null, PathKind.TEAM, TeamRole.ADVISER, null), row -> {
            if (row.clientId() != null && row.paths().stream().anyMatch(p -> p.kind() == PathKind.TEAM && p.role() == TeamRole.ADVISER)) {
                list.add(new StaffResponsibilities.Responsibility(row.clientId(), row.clientName() == null ? "client #" + row.clientId()
                        : row.clientName(), StaffResponsibilities.Kind.ADVISER_ROLE, "/clients/" + row.clientId() + "/access"));
            }
        });
        return list;
    }

    private int endSessions(String email) {
        FindByIndexNameSessionRepository<?> repository = sessions.getIfAvailable();
        if (repository == null) {
            return 0;
        }
        int ended = 0;
        for (String id : repository.findByPrincipalName(email).keySet()) {
            repository.deleteById(id);
            ended++;
        }
        return ended;
    }

    private static String name(String raw, String field, String what, Map<String, String> errors) {
        String t = raw.trim();
        if (t.isEmpty()) {
            errors.put(field, "Enter " + what + ".");
        } else if (t.length() > 100) {
            String label = what.substring(2);
            errors.put(field, Character.toUpperCase(label.charAt(0)) + label.substring(1) + " is at most 100 characters (this one has "
                    + t.length() + ").");
        }
        return t;
    }

    private static void diff(String what, String from, String to, List<String> before, List<String> after) {
        if (!Objects.equals(from, to)) {
            before.add(what + ": " + (from == null ? "—" : from));
            after.add(what + ": " + (to == null ? "—" : to));
        }
    }

    private static String count(int n) {
        return n == 1 ? "1 client" : n + " clients";
    }

    private static String names(List<StaffResponsibilities.Responsibility> list) {
        List<String> names = list.stream().map(StaffResponsibilities.Responsibility::label).toList();
        return names.size() <= 10 ? String.join(", ", names) : String.join(", ", names.subList(0, 10)) + " and " + (names.size() - 10) + " more";
    }
}
