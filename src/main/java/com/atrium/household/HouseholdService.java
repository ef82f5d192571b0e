package com.atrium.household;

import com.atrium.access.AccessService;
import com.atrium.access.ClientFilter;
import com.atrium.access.Permission;
import com.atrium.access.PracticePermission;
import com.atrium.access.TeamRole;
import com.atrium.household.HouseholdRepository.HouseholdRow;
import com.atrium.practice.PracticeService;
import com.atrium.practice.StaffView;
import com.atrium.shared.Actor;
import com.atrium.shared.Emails;
import com.atrium.shared.InvalidInputException;
import com.atrium.shared.NotFoundException;
import com.atrium.shared.Page;
import com.atrium.shared.PageRequest;
import com.atrium.shared.PhoneNumbers;
import com.atrium.shared.UserType;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The household module's API: list, search, open and create client households. */
@Service
public class HouseholdService {
    private final HouseholdRepository households;
    private final AccessService access;
    private final PracticeService practice;
    private final Clock clock;

    HouseholdService(HouseholdRepository households, AccessService access, PracticeService practice, Clock clock) {
        this.households = households;
        this.access = access;
        this.practice = practice;
        this.clock = clock;
    }

    /** Visible clients, sorted by name, optionally searched by name, paged in SQL with the access filter joined in. */
    @Transactional(readOnly = true)
    public Page<ClientSummary> list(Actor actor, String query, PageRequest page) {
        ClientFilter filter = access.visibleClients(actor, "h.id", "h.practice_id");
        String q = query == null || query.isBlank() ? null : query.trim();
        if (q != null && q.length() > 100) {
            throw new InvalidInputException("q", "Search for at most 100 characters.");
        }
        List<HouseholdRow> rows = households.page(filter, q, page.offset(), page.size());
        long total = rows.size() < page.size() && (page.page() == 0 || !rows.isEmpty())
                ? page.offset() + rows.size() : households.count(filter, q);
        Map<Long, StaffView> primaries = practice.usersInPractice(actor.practiceId(),
                rows.stream().map(HouseholdRow::primaryProfessionalId).collect(Collectors.toSet()));
        List<ClientSummary> items = rows.stream().map(r -> new ClientSummary(r.id(), r.displayName(), r.status(),
                r.primaryProfessionalId(), nameOr(primaries.get(r.primaryProfessionalId())))).toList();
        return new Page<>(items, page.page(), page.size(), total);
    }

    /** One client file, if the actor may see it; otherwise "not found" (unknown and forbidden look alike). */
    @Transactional(readOnly = true)
    public ClientView get(Actor actor, long clientId) {
        HouseholdRow row = households.findVisible(access.visibleClients(actor, "h.id", "h.practice_id"), clientId)
                .orElseThrow(() -> new NotFoundException("Client"));
        return view(actor, row);
    }

    /** The primary professional's contact details (for the plan export and the client portal). */
    @Transactional(readOnly = true)
    public ClientView.Contact primaryContact(Actor actor, long clientId) {
        return get(actor, clientId).primaryProfessional();
    }

    /** Whether the actor may add clients at all (the UI hides the action otherwise). */
    public boolean canCreate(Actor actor) {
        return access.check(actor, PracticePermission.CREATE_CLIENT);
    }

    /** What the new-client form offers: the practice's Professionals, the default primary and why. */
    @Transactional(readOnly = true)
    public NewClientOptions newClientOptions(Actor actor) {
        access.require(actor, PracticePermission.CREATE_CLIENT);
        List<StaffView> pros = practice.professionals(actor.practiceId());
        if (actor.type() == UserType.PROFESSIONAL) {
            return new NewClientOptions(pros, actor.userId(), "You become the primary professional of clients you create.", true);
        }
        Long first = pros.isEmpty() ? null : pros.get(0).id();
        String why = first == null ? "The practice has no active Professional yet: add one before creating clients."
                : pros.get(0).name() + " is the practice's first Professional (the earliest created active Professional).";
        return new NewClientOptions(pros, first, why, true);
    }

    @Transactional
    public ClientView create(Actor actor, ClientForm form) {
        access.require(actor, PracticePermission.CREATE_CLIENT);
        Map<String, String> errors = new LinkedHashMap<>();
        if (form.people().isEmpty()) {
            errors.put("people", "Add at least one person.");
        }
        long primaryId = choosePrimary(actor, form.primaryProfessionalId(), errors);
        List<String[]> contacts = new ArrayList<>();
        for (int i = 0; i < form.people().size(); i++) {
            PersonForm p = form.people().get(i);
            String email = null;
            String mobile = null;
            if (p.firstName() == null || p.firstName().isBlank()) {
                errors.put("people[" + i + "].firstName", "Enter a first name.");
            }
            if (p.lastName() == null || p.lastName().isBlank()) {
                errors.put("people[" + i + "].lastName", "Enter a last name.");
            }
            if (p.dateOfBirth() != null && p.dateOfBirth().isAfter(OffsetDateTime.now(clock).toLocalDate())) {
                errors.put("people[" + i + "].dateOfBirth", "Date of birth cannot be in the future.");
            }
            try {
                email = p.email() == null || p.email().isBlank() ? null : Emails.normalise("people[" + i + "].email", p.email());
            } catch (InvalidInputException e) {
                errors.putAll(e.fieldErrors());
            }
            try {
                mobile = PhoneNumbers.normalise("people[" + i + "].mobile", p.mobile());
            } catch (InvalidInputException e) {
                errors.putAll(e.fieldErrors());
            }
            contacts.add(new String[] {email, mobile});
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException("The client was not created: please correct the highlighted fields.", errors);
        }
        String displayName = form.displayName() == null || form.displayName().isBlank()
                ? defaultName(form.people()) : form.displayName().trim();
        String searchText = searchText(displayName, form.people(), contacts);
        ClientStatus status = form.status() == null ? ClientStatus.ACTIVE : form.status();
        long id = households.insert(actor.practiceId(), displayName, searchText, status, primaryId, actor.userId(),
                OffsetDateTime.now(clock));
        for (int i = 0; i < form.people().size(); i++) {
            households.insertPerson(actor.practiceId(), id, i, form.people().get(i), contacts.get(i)[0], contacts.get(i)[1]);
        }
        access.clientRegistered(id, actor.practiceId(), primaryId, actor.userId());
        if (primaryId != actor.userId()) {
            // whoever creates a client for someone else keeps working on it, as a team member
            access.teamMemberAdded(id, actor.userId(),
                    actor.type() == UserType.PROFESSIONAL ? TeamRole.ADVISER : TeamRole.ADMINISTRATOR, actor.userId());
        }
        return get(actor, id);
    }

    private long choosePrimary(Actor actor, Long requested, Map<String, String> errors) {
        List<StaffView> pros = practice.professionals(actor.practiceId());
        if (requested != null) {
            if (pros.stream().noneMatch(p -> p.id() == requested)) {
                errors.put("primaryProfessionalId", "The primary professional must be an active Professional of your practice.");
                return -1;
            }
            return requested;
        }
        if (actor.type() == UserType.PROFESSIONAL) {
            return actor.userId();
        }
        if (pros.isEmpty()) {
            errors.put("primaryProfessionalId", "The practice has no active Professional to be primary professional.");
            return -1;
        }
        return pros.get(0).id();
    }

    private ClientView view(Actor actor, HouseholdRow row) {
        Map<Long, StaffView> people = practice.usersInPractice(row.practiceId(), new HashSet<>(List.of(row.primaryProfessionalId(), row.createdBy())));
        StaffView primary = people.get(row.primaryProfessionalId());
        ClientView.Contact contact = primary == null ? null
                : new ClientView.Contact(primary.id(), primary.name(), primary.email(), primary.phone());
        Set<Permission> permissions = access.permissions(actor, row.id());
        return new ClientView(row.id(), row.displayName(), row.status(), contact, households.people(row.id()), row.createdAt(),
                nameOr(people.get(row.createdBy())), permissions);
    }

    static String defaultName(List<PersonForm> people) {
        PersonForm first = people.get(0);
        Set<String> lastNames = new HashSet<>();
        people.forEach(p -> lastNames.add(p.lastName().trim()));
        List<String> adults = people.stream()
                .filter(p -> p.relationship() == null || p.relationship() == Relationship.HOLDER
                        || p.relationship() == Relationship.CO_HOLDER || p.relationship() == Relationship.SPOUSE)
                .map(p -> p.firstName().trim()).limit(2).toList();
        String firsts = adults.isEmpty() ? first.firstName().trim() : String.join(" & ", adults);
        return first.lastName().trim() + ", " + firsts;
    }

    private static String searchText(String displayName, List<PersonForm> people, List<String[]> contacts) {
        StringBuilder sb = new StringBuilder(displayName);
        for (int i = 0; i < people.size(); i++) {
            PersonForm p = people.get(i);
            sb.append(' ').append(p.firstName().trim()).append(' ').append(p.lastName().trim());
            if (contacts.get(i)[0] != null) {
                sb.append(' ').append(contacts.get(i)[0]);
            }
        }
        String s = sb.toString().toLowerCase(java.util.Locale.ROOT);
        return s.length() > 2000 ? s.substring(0, 2000) : s;
    }

    private static String nameOr(StaffView v) {
        return v == null ? "—" : v.name();
    }
}
