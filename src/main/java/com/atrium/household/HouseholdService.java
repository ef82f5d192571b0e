package com.atrium.household;

import com.atrium.access.AccessFacts;
import com.atrium.access.AccessService;
import com.atrium.access.ClientRows;
import com.atrium.access.Relation;
import com.atrium.access.ClientFilter;
import com.atrium.access.Permission;
import com.atrium.access.PracticePermission;
import com.atrium.access.TeamRole;
import com.atrium.household.HouseholdRepository.HouseholdRow;
import com.atrium.practice.PracticeService;
import com.atrium.practice.StaffView;
import com.atrium.shared.Actor;
import com.atrium.shared.Emails;
import com.atrium.shared.ForbiddenException;
import com.atrium.shared.InvalidInputException;
import com.atrium.shared.NotFoundException;
import com.atrium.shared.Page;
import com.atrium.shared.PageRequest;
import com.atrium.shared.PhoneNumbers;
import com.atrium.shared.UserType;
import com.atrium.workgroup.WorkgroupRef;
import com.atrium.workgroup.WorkgroupService;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
    private final WorkgroupService workgroups;
    private final Clock clock;
    private final AccessFacts facts;
    private final FamilyRepository family;
    private final ClientListing listing;
    private final org.springframework.context.ApplicationEventPublisher events;

    HouseholdService(HouseholdRepository households, AccessService access, AccessFacts facts, PracticeService practice,
                     WorkgroupService workgroups, Clock clock, FamilyRepository family, ClientListing listing,
                     org.springframework.context.ApplicationEventPublisher events) {
        this.households = households;
        this.family = family;
        this.listing = listing;
        this.events = events;
        this.facts = facts;
        this.access = access;
        this.practice = practice;
        this.workgroups = workgroups;
        this.clock = clock;
    }

    private static final ClientRows.Table CLIENTS = new ClientRows.Table("household h", "h.id", "h.practice_id", "h.sort_name",
            "h.search_text", "h.status = 'ARCHIVED'");

    /** Visible clients, sorted by name, optionally searched by name, paged in SQL with the access filter joined in. */
    @Transactional(readOnly = true)
    public Page<ClientSummary> list(Actor actor, String query, PageRequest page) {
        return list(actor, query, null, page);
    }

    /**
     * Like {@link #list(Actor, String, PageRequest)}, narrowed to one workgroup: {@code workgroup} is a
     * workgroup id the actor may see, or "all" / blank for every visible client (all their workgroups'
     * clients plus their own). Still one query: the narrowing is AND-ed into the access filter.
     */
    @Transactional(readOnly = true)
    public Page<ClientSummary> list(Actor actor, String query, String workgroup, PageRequest page) {
        return list(actor, query, workgroup, ClientListFilter.CURRENT, page);
    }

    /** Like {@link #list(Actor, String, String, PageRequest)}, showing archived clients as {@code filter} says. */
    @Transactional(readOnly = true)
    public Page<ClientSummary> list(Actor actor, String query, String workgroup, ClientListFilter filter, PageRequest page) {
        Long groupId = workgroupParameter(workgroup);
        if (groupId != null) {
            workgroups.find(actor, groupId); // 404 for a workgroup the actor may not see
        }
        String q = query == null || query.isBlank() ? null : query.trim();
        if (q != null && q.length() > 100) {
            throw new InvalidInputException("q", "Search for at most 100 characters.");
        }
        // one statement: page, total, primaries' names and workgroups (the visibility index for everyone but managers)
        ClientRows visible = access.visibleRows(actor, CLIENTS, q, groupId, AccessFacts.ClientKind.HOUSEHOLD,
                (filter == null ? ClientListFilter.CURRENT : filter).archived());
        HouseholdRepository.ListPage found = households.listPage(visible, practice.userNameSql("h.primary_professional_id", "h.practice_id"),
                workgroups.assignmentSql("h.id", "h.practice_id"), page.offset(), page.size());
        long total = found.total();
        List<ClientSummary> items = found.rows().stream().map(r -> new ClientSummary(r.id(), r.displayName(), r.status(),
                r.primaryProfessionalId(), r.primaryName() == null ? "—" : r.primaryName(), r.workgroupId(), r.workgroupDescription()))
                .toList();
        return new Page<>(items, page.page(), page.size(), total);
    }

    /** The workgroups a client search can be narrowed to by this actor. */
    @Transactional(readOnly = true)
    public List<WorkgroupRef> searchWorkgroups(Actor actor) {
        return workgroups.selectableBy(actor);
    }

    private static Long workgroupParameter(String workgroup) {
        if (workgroup == null || workgroup.isBlank() || "all".equalsIgnoreCase(workgroup.trim())) {
            return null;
        }
        try {
            return Long.parseLong(workgroup.trim());
        } catch (NumberFormatException e) {
            throw new InvalidInputException("workgroup", "Narrow the search with a workgroup id, or \"all\".");
        }
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
        List<WorkgroupRef> mine = workgroups.groupsOf(actor);
        Long defaultGroup = workgroups.defaultWorkgroup(actor).map(WorkgroupRef::id).orElse(null);
        if (actor.type() == UserType.ASSISTANT) {
            return assistantOptions(pros, mine, defaultGroup);
        }
        String groupWhy = defaultGroup == null ? "New clients go to no workgroup unless you choose one (set a default on your profile)."
                : "Your default workgroup is pre-selected (change it on your profile).";
        if (actor.type() == UserType.PROFESSIONAL) {
            return new NewClientOptions(pros, actor.userId(), "You become the primary professional of clients you create.", true,
                    mine, defaultGroup, false, groupWhy);
        }
        Long first = pros.isEmpty() ? null : pros.get(0).id();
        String why = first == null ? "The practice has no active Professional yet: add one before creating clients."
                : pros.get(0).name() + " is the practice's first Professional (the earliest created active Professional).";
        return new NewClientOptions(pros, first, why, true, mine, defaultGroup, false, groupWhy);
    }

    private static NewClientOptions assistantOptions(List<StaffView> pros, List<WorkgroupRef> mine, Long defaultGroup) {
        if (mine.size() == 1) {
            WorkgroupRef only = mine.get(0);
            String why = only.ownerCanBePrimary()
                    ? only.ownerName() + " owns your workgroup \u201c" + only.description() + "\u201d and becomes the primary professional."
                    : notAProfessional(only);
            return new NewClientOptions(pros, only.ownerCanBePrimary() ? only.ownerId() : null, why, false, mine, only.id(), true,
                    "Clients you add go to your workgroup.");
        }
        Long preselected = mine.stream().filter(g -> defaultGroup != null && g.id() == defaultGroup).findFirst()
                .filter(WorkgroupRef::ownerCanBePrimary).map(WorkgroupRef::ownerId).orElse(null);
        return new NewClientOptions(pros, preselected, "The owner of the workgroup you choose becomes the primary professional.", false,
                mine, defaultGroup, true, "You are in " + mine.size() + " workgroups: choose the one this client belongs to.");
    }

    private static String notAProfessional(WorkgroupRef g) {
        String what = g.ownerType() == null ? "not a user of your practice"
                : g.ownerType() != UserType.PROFESSIONAL ? g.ownerType().label() + ", not a Professional" : "disabled";
        return g.ownerName() + ", the owner of workgroup \u201c" + g.description() + "\u201d, is " + what
                + ", so they cannot be a client's primary professional. Add clients through a workgroup owned by a Professional,"
                + " or ask a Professional to add this one.";
    }

    @Transactional
    public ClientView create(Actor actor, ClientForm form) {
        return create(actor, form, true);
    }

    /**
     * Creates a client that an import or a CRM sync brings in on behalf of {@code actor}: the same rules and the
     * same audited registration as {@link #create(Actor, ClientForm)}, with the primary professional given in the
     * form, but the acting user does not join the new client's team (they did not take it on; the CRM's adviser did).
     */
    @Transactional
    public ClientView createImported(Actor actor, ClientForm form) {
        return create(actor, form, false);
    }

    /**
     * One client of {@link #createImportedAll}: its id and its people's ids (in the form's order), or the reason it was
     * refused (nothing of it written).
     */
    public record Imported(Long clientId, List<Long> personIds, InvalidInputException refused) {
    }

    /**
     * {@link #createImported} for many clients at once (the CRM sync's chunk): each form is checked alone (a refused one is
     * reported, the others are created), and those accepted are written together: their households and people in one
     * JDBC batch each, registered with the access module in one batch (visibility index in this transaction, one
     * {@code CLIENT_REGISTERED} audit entry each), as {@link #createImported} would, without re-reading each new client.
     * Forms for a workgroup, or an assistant actor, are created one by one. Answers in the order of the forms.
     */
    @Transactional
    public List<Imported> createImportedAll(Actor actor, List<ClientForm> forms) {
        access.require(actor, PracticePermission.CREATE_CLIENT);
        List<Imported> out = new ArrayList<>(java.util.Collections.nCopies(forms.size(), (Imported) null));
        List<StaffView> professionals = practice.professionals(actor.practiceId());
        List<Prepared> accepted = new ArrayList<>();
        List<Integer> at = new ArrayList<>();
        for (int i = 0; i < forms.size(); i++) {
            ClientForm form = forms.get(i);
            try {
                if (actor.type() == UserType.ASSISTANT || form.workgroupId() == null || form.workgroupId() != ClientForm.NO_WORKGROUP) {
                    ClientView one = create(actor, form, false);
                    out.set(i, new Imported(one.id(), one.people().stream().map(PersonView::id).toList(), null));
                    continue;
                }
                accepted.add(prepare(actor, form, Optional.empty(), professionals));
                at.add(i);
            } catch (InvalidInputException e) {
                out.set(i, new Imported(null, List.of(), e));
            }
        }
        if (accepted.isEmpty()) {
            return out;
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        long[] ids = households.insertAll(actor.practiceId(), accepted.stream().map(p -> new HouseholdRepository.NewHousehold(
                p.displayName(), p.searchText(), p.status(), p.primaryId())).toList(), actor.userId(), now);
        List<HouseholdRepository.NewPerson> people = new ArrayList<>();
        for (int k = 0; k < accepted.size(); k++) {
            Prepared p = accepted.get(k);
            for (int i = 0; i < p.form().people().size(); i++) {
                people.add(new HouseholdRepository.NewPerson(ids[k], i, p.form().people().get(i), p.contacts().get(i)[0],
                        p.contacts().get(i)[1]));
            }
        }
        long[] personIds = households.insertPeople(actor.practiceId(), people);
        List<AccessFacts.NewClient> registered = new ArrayList<>();
        int n = 0;
        for (int k = 0; k < accepted.size(); k++) {
            Prepared p = accepted.get(k);
            List<Long> mine = new ArrayList<>();
            List<Long> holders = new ArrayList<>();
            for (int i = 0; i < p.form().people().size(); i++) {
                long personId = personIds[n++];
                mine.add(personId);
                if (FamilyService.holderOrCoHolder(HouseholdRepository.effectiveRelationship(p.form().people().get(i), i))) {
                    holders.add(personId);
                }
            }
            registered.add(new AccessFacts.NewClient(new AccessFacts.Client(ids[k], actor.practiceId(), AccessFacts.ClientKind.HOUSEHOLD,
                    HouseholdRepository.sortKey(p.displayName()), p.searchText(), p.status() == ClientStatus.ARCHIVED), p.primaryId(),
                    holders));
            out.set(at.get(k), new Imported(ids[k], mine, null));
        }
        // registered by the actor, who also records each file's first holder and co-holders (as createImported does)
        facts.clientsRegistered(registered, actor.userId());
        return out;
    }

    /** What a bulk sync compares against: a client's primary professional and its people (in position order). */
    public record SyncState(long clientId, long primaryProfessionalId, List<PersonView> people) {
    }

    /**
     * For a bulk sync (the CRM's changed records of a page): the primary professional and people of these clients, in one
     * statement, for those the actor may see (the others are left out).
     */
    @Transactional(readOnly = true)
    public Map<Long, SyncState> syncStates(Actor actor, java.util.Collection<Long> clientIds) {
        return households.syncStates(access.visibleClients(actor, "h.id", "h.practice_id"), clientIds);
    }

    /** The people of the clients the actor may see whose (normalised) email is one of {@code emails}. */
    @Transactional(readOnly = true)
    public List<PersonMatch> personsByEmail(Actor actor, java.util.Collection<String> emails) {
        return households.personsByEmail(access.visibleClients(actor, "h.id", "h.practice_id"), emails);
    }

    /**
     * The display names of these clients of the actor's practice (ids of other practices are left out), for screens that
     * list clients found by another module (the access review). The caller has already decided who may see them.
     */
    @Transactional(readOnly = true)
    public java.util.Map<Long, String> displayNames(Actor actor, java.util.Collection<Long> clientIds) {
        return households.displayNames(actor.practiceId(), clientIds);
    }

    /** How many clients the actor may see. */
    @Transactional(readOnly = true)
    public long countVisible(Actor actor) {
        return households.count(access.visibleClients(actor, "h.id", "h.practice_id"), null);
    }

    /** A new client's form, checked (every problem at once, as an {@link InvalidInputException}) and normalised. */
    private record Prepared(ClientForm form, String displayName, String searchText, ClientStatus status, long primaryId,
                            List<String[]> contacts) {
    }

    private Prepared prepare(Actor actor, ClientForm form, Optional<WorkgroupRef> workgroup, List<StaffView> professionals) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (form.people().isEmpty()) {
            errors.put("people", "Add at least one person.");
        }
        long primaryId = actor.type() == UserType.ASSISTANT
                ? primaryFromWorkgroup(workgroup.orElseThrow(), form.primaryProfessionalId())
                : choosePrimary(actor, form.primaryProfessionalId(), errors, professionals);
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
            // the limits of the form, the API and the table (person: 100 each), as field messages, never a database error
            if (p.firstName() != null && p.firstName().trim().length() > 100) {
                errors.put("people[" + i + "].firstName", "First name is at most 100 characters.");
            }
            if (p.middleName() != null && p.middleName().trim().length() > 100) {
                errors.put("people[" + i + "].middleName", "Middle name is at most 100 characters.");
            }
            if (p.lastName() != null && p.lastName().trim().length() > 100) {
                errors.put("people[" + i + "].lastName", "Last name is at most 100 characters.");
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
                mobile = PhoneNumbers.normaliseMobile("people[" + i + "].mobile", p.mobile());
            } catch (InvalidInputException e) {
                errors.putAll(e.fieldErrors());
            }
            contacts.add(new String[] {email, mobile});
        }
        long holders = java.util.stream.IntStream.range(0, form.people().size())
                .filter(i -> HouseholdRepository.effectiveRelationship(form.people().get(i), i) == Relationship.HOLDER).count();
        if (!form.people().isEmpty() && holders == 0) {
            errors.put("people[0].relationship", "A household has exactly one holder: make one person the holder.");
        } else if (holders > 1) {
            int second = java.util.stream.IntStream.range(0, form.people().size())
                    .filter(i -> HouseholdRepository.effectiveRelationship(form.people().get(i), i) == Relationship.HOLDER).skip(1)
                    .findFirst().orElse(0);
            errors.put("people[" + second + "].relationship", "A household has exactly one holder: make this person a co-holder.");
        }
        if (form.displayName() != null && form.displayName().trim().length() > 200) {
            errors.put("displayName", "The name is at most 200 characters.");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException("The client was not created: please correct the highlighted fields.", errors);
        }
        String displayName = form.displayName() == null || form.displayName().isBlank()
                ? defaultName(form.people()) : form.displayName().trim();
        String searchText = searchText(displayName, form.people(), contacts);
        ClientStatus status = form.status() == null ? ClientStatus.ACTIVE : form.status();
        return new Prepared(form, displayName, searchText, status, primaryId, contacts);
    }

    private ClientView create(Actor actor, ClientForm form, boolean creatorJoinsTeam) {
        access.require(actor, PracticePermission.CREATE_CLIENT);
        Optional<WorkgroupRef> workgroup = chooseWorkgroup(actor, form.workgroupId());
        Prepared prepared = prepare(actor, form, workgroup, practice.professionals(actor.practiceId()));
        String displayName = prepared.displayName();
        String searchText = prepared.searchText();
        ClientStatus status = prepared.status();
        long primaryId = prepared.primaryId();
        List<String[]> contacts = prepared.contacts();
        long id = households.insert(actor.practiceId(), displayName, searchText, status, primaryId, actor.userId(),
                OffsetDateTime.now(clock));
        List<Long> holderIds = new ArrayList<>();
        for (int i = 0; i < form.people().size(); i++) {
            long personId = households.insertPerson(actor.practiceId(), id, i, form.people().get(i), contacts.get(i)[0], contacts.get(i)[1]);
            if (FamilyService.holderOrCoHolder(HouseholdRepository.effectiveRelationship(form.people().get(i), i))) {
                holderIds.add(personId);
            }
        }
        facts.clientRegistered(new AccessFacts.Client(id, actor.practiceId(), AccessFacts.ClientKind.HOUSEHOLD,
                HouseholdRepository.sortKey(displayName), searchText, status == ClientStatus.ARCHIVED), primaryId, actor.userId());
        // the staff user registering the file records its first holder and co-holders (later, only the file manager does)
        facts.holdersRegistered(id, holderIds, actor.userId());
        if (creatorJoinsTeam && primaryId != actor.userId() && actor.type() != UserType.ASSISTANT) {
            // whoever creates a client for someone else keeps working on it, as a team member
            // (assistants work on it through the workgroup, like on the rest of their owner's clients)
            facts.add(actor.userId(), new Relation.Team(id,
                    actor.type() == UserType.PROFESSIONAL ? TeamRole.ADVISER : TeamRole.ADMINISTRATOR, actor.userId()));
        }
        workgroup.ifPresent(g -> workgroups.assignNewClient(actor, id, g.id()));
        return get(actor, id);
    }

    /**
     * The workgroup a new client goes to: the one asked for ({@link ClientForm#NO_WORKGROUP} for none),
     * else the creator's default. Assistants always add through a workgroup: their only one, their
     * default, or the one they choose when they are in several.
     */
    private Optional<WorkgroupRef> chooseWorkgroup(Actor actor, Long requested) {
        List<WorkgroupRef> mine = workgroups.groupsOf(actor);
        boolean assistant = actor.type() == UserType.ASSISTANT;
        if (requested != null && requested == ClientForm.NO_WORKGROUP) {
            if (assistant) {
                throw new InvalidInputException("workgroupId", "As an assistant you add clients through one of your workgroups: choose one.");
            }
            return Optional.empty();
        }
        if (requested != null) {
            return Optional.of(mine.stream().filter(g -> g.id() == requested).findFirst().orElseThrow(() ->
                    new InvalidInputException("workgroupId", "Choose a workgroup you own or belong to.")));
        }
        Optional<WorkgroupRef> preferred = workgroups.defaultWorkgroup(actor).filter(d -> mine.stream().anyMatch(g -> g.id() == d.id()));
        if (preferred.isPresent() || !assistant) {
            return preferred;
        }
        if (mine.size() == 1) {
            return Optional.of(mine.get(0));
        }
        if (mine.isEmpty()) {
            access.require(actor, PracticePermission.CREATE_CLIENT); // says why
        }
        throw new InvalidInputException("workgroupId", "You are in " + mine.size()
                + " workgroups: choose the one this client belongs to (its owner becomes the primary professional).");
    }

    /** An assistant's new client: the workgroup's owner is primary, and the assistant cannot choose another. */
    private static long primaryFromWorkgroup(WorkgroupRef g, Long requested) {
        if (!g.ownerCanBePrimary()) {
            throw new InvalidInputException("workgroupId", notAProfessional(g));
        }
        if (requested != null && requested != g.ownerId()) {
            throw new InvalidInputException("primaryProfessionalId", "As an assistant you cannot choose the primary professional: it is "
                    + g.ownerName() + ", the owner of workgroup \u201c" + g.description() + "\u201d.");
        }
        return g.ownerId();
    }

    // ------------------------------------------------------------------ profile: name, people's details, status

    /**
     * Changes the client's profile (merge-style, see {@link ClientPatch}) under {@link Permission#EDIT_PROFILE}: the
     * display name, the status (archiving takes the client out of the default list; nothing else changes: its file,
     * history and everyone's access stay) and the details of its people. Every problem is reported at once, per field,
     * and nothing is changed then. Every change is in the client's history (before and after, in words).
     */
    @Transactional
    public ClientView updateProfile(Actor actor, long clientId, ClientPatch patch) {
        access.require(actor, Permission.EDIT_PROFILE, clientId);
        HouseholdRow row = households.lock(actor.practiceId(), clientId).orElseThrow(() -> new NotFoundException("Client"));
        Map<String, String> errors = new LinkedHashMap<>();
        String name = row.displayName();
        if (patch.displayName() != null) {
            String t = patch.displayName().trim();
            if (t.isEmpty()) {
                errors.put("displayName", "Enter the client's name.");
            } else if (t.length() > 200) {
                errors.put("displayName", "The name is at most 200 characters (this one has " + t.length() + ").");
            } else {
                name = t;
            }
        }
        ClientStatus status = row.status();
        if (patch.status() != null) {
            try {
                status = ClientStatus.valueOf(patch.status().trim().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.put("status", "Choose Active, Prospect or Archived (ACTIVE, PROSPECT, ARCHIVED).");
            }
        }
        List<PersonView> people = households.people(clientId);
        Map<Long, PersonView> byId = new LinkedHashMap<>();
        people.forEach(p -> byId.put(p.id(), p));
        Map<Long, PersonView> changed = new LinkedHashMap<>();
        for (int i = 0; i < patch.people().size(); i++) {
            ClientPatch.PersonPatch pp = patch.people().get(i);
            String f = "people[" + i + "].";
            PersonView cur = pp.id() == null ? null : byId.get(pp.id());
            if (cur == null) {
                errors.put(f + "id", pp.id() == null ? "Say which person to change (their id)."
                        : "There is no person with id " + pp.id() + " in this household.");
                continue;
            }
            if (changed.containsKey(cur.id())) {
                errors.put(f + "id", cur.name() + " is changed twice in this request: change each person once.");
                continue;
            }
            String first = pp.firstName() == null ? cur.firstName() : name(pp.firstName(), f + "firstName", "a first name", true, errors);
            String middle = pp.middleName() == null ? cur.middleName() : name(pp.middleName(), f + "middleName", "a middle name", false, errors);
            String last = pp.lastName() == null ? cur.lastName() : name(pp.lastName(), f + "lastName", "a last name", true, errors);
            java.time.LocalDate born = pp.dateOfBirth() == null ? cur.dateOfBirth() : dateOfBirth(pp.dateOfBirth(), f + "dateOfBirth", errors);
            String email = pp.email() == null ? cur.email() : email(pp.email(), f + "email", errors);
            String mobile = pp.mobile() == null ? cur.mobile() : mobile(pp.mobile(), f + "mobile", errors);
            changed.put(cur.id(), new PersonView(cur.id(), cur.relationship(), first, middle, last, born, email, mobile));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException("The profile was not changed: please correct the highlighted fields.", errors);
        }
        List<String> peopleBefore = new ArrayList<>();
        List<String> peopleAfter = new ArrayList<>();
        for (PersonView after : changed.values()) {
            PersonView before = byId.get(after.id());
            if (!after.equals(before)) {
                family.update(clientId, new FamilyRepository.Person(after.id(), after.firstName(), after.middleName(), after.lastName(),
                        after.dateOfBirth(), after.email(), after.mobile(), after.relationship()));
                peopleBefore.add(FamilyService.describe(before));
                peopleAfter.add(FamilyService.describe(after));
            }
        }
        boolean renamed = !name.equals(row.displayName());
        boolean statusChanged = status != row.status();
        if (!renamed && !statusChanged && peopleBefore.isEmpty()) {
            return get(actor, clientId);
        }
        if (renamed || statusChanged) {
            households.updateProfile(clientId, name, status);
        }
        listing.relist(actor.practiceId(), clientId);
        if (renamed || !peopleBefore.isEmpty()) {
            List<String> before = new ArrayList<>();
            List<String> after = new ArrayList<>();
            if (renamed) {
                before.add("Name: " + row.displayName());
                after.add("Name: " + name);
            }
            before.addAll(peopleBefore);
            after.addAll(peopleAfter);
            events.publishEvent(new ClientProfileChanged(actor.practiceId(), actor.userId(), clientId, "CLIENT_PROFILE_CHANGED",
                    String.join("; ", before), String.join("; ", after)));
        }
        if (statusChanged) {
            String action = status == ClientStatus.ARCHIVED ? "CLIENT_ARCHIVED"
                    : row.status() == ClientStatus.ARCHIVED ? "CLIENT_RESTORED" : "CLIENT_STATUS_CHANGED";
            events.publishEvent(new ClientProfileChanged(actor.practiceId(), actor.userId(), clientId, action,
                    "Status: " + row.status().label(), "Status: " + status.label()));
        }
        return get(actor, clientId);
    }

    /** The client file for its Edit profile form: 404 when not visible, 403 with the reason without {@link Permission#EDIT_PROFILE}. */
    @Transactional(readOnly = true)
    public ClientView profileToEdit(Actor actor, long clientId) {
        access.require(actor, Permission.EDIT_PROFILE, clientId);
        return get(actor, clientId);
    }

    /** Whether the actor may edit the client's profile (for the Edit profile button; 404 stays 404 elsewhere). */
    @Transactional(readOnly = true)
    public boolean canEditProfile(Actor actor, long clientId) {
        return access.check(actor, Permission.EDIT_PROFILE, clientId).allowed();
    }

    private static String name(String raw, String field, String what, boolean required, Map<String, String> errors) {
        String t = raw.trim();
        if (t.isEmpty()) {
            if (required) {
                errors.put(field, "Enter " + what + ".");
            }
            return null;
        }
        if (t.length() > 100) {
            errors.put(field, Character.toUpperCase(what.charAt(what.indexOf(' ') + 1)) + what.substring(what.indexOf(' ') + 2)
                    + " is at most 100 characters (this one has " + t.length() + ").");
        }
        return t;
    }

    private java.time.LocalDate dateOfBirth(String raw, String field, Map<String, String> errors) {
        if (raw.isBlank()) {
            return null;
        }
        try {
            java.time.LocalDate d = java.time.LocalDate.parse(raw.trim());
            if (d.isAfter(OffsetDateTime.now(clock).toLocalDate())) {
                errors.put(field, "Date of birth cannot be in the future.");
            }
            return d;
        } catch (java.time.format.DateTimeParseException e) {
            errors.put(field, "Enter the date of birth as YYYY-MM-DD.");
            return null;
        }
    }

    private static String email(String raw, String field, Map<String, String> errors) {
        if (raw.isBlank()) {
            return null;
        }
        if (raw.trim().length() > 254) {
            errors.put(field, "An email address is at most 254 characters.");
            return null;
        }
        try {
            return Emails.normalise(field, raw);
        } catch (InvalidInputException e) {
            errors.putAll(e.fieldErrors());
            return null;
        }
    }

    private static String mobile(String raw, String field, Map<String, String> errors) {
        if (raw.isBlank()) {
            return null;
        }
        if (raw.trim().length() > 32) {
            errors.put(field, "A mobile number is at most 32 characters.");
            return null;
        }
        try {
            return PhoneNumbers.normalise(field, raw);
        } catch (InvalidInputException e) {
            errors.putAll(e.fieldErrors());
            return null;
        }
    }

    // ------------------------------------------------------------------ administration: secondary adviser

    /** What the client's administration section offers this actor (flags decided here, not in templates). */
    @Transactional(readOnly = true)
    public ClientAdministrationView administration(Actor actor, long clientId) {
        ClientView client = get(actor, clientId);
        boolean canManage = client.permissions().contains(Permission.MANAGE_TEAM);
        if (!canManage) {
            return new ClientAdministrationView(false, List.of(), List.of());
        }
        List<StaffView> advisers = practice.professionals(actor.practiceId()).stream()
                .filter(p -> client.primaryProfessional() == null || p.id() != client.primaryProfessional().id()).toList();
        return new ClientAdministrationView(true, workgroups.selectableBy(actor), advisers);
    }

    /**
     * Appoints the client's secondary adviser ({@code userId} null clears it): a Professional of the
     * practice, not the primary, never an assistant (the database refuses one too). Allowed to those
     * who manage the client's access.
     */
    @Transactional
    public ClientView setSecondaryAdviser(Actor actor, long clientId, Long userId) {
        requireManage(actor, clientId, "appoint or clear the secondary adviser");
        HouseholdRow row = households.lock(actor.practiceId(), clientId).orElseThrow(() -> new NotFoundException("Client"));
        if (userId != null) {
            StaffView adviser = practice.userInPractice(actor.practiceId(), userId).filter(u -> u.type().isStaff())
                    .orElseThrow(() -> new InvalidInputException("userId", "There is no staff user with id " + userId + " in your practice."));
            if (adviser.type() == UserType.ASSISTANT) {
                throw new InvalidInputException("userId", adviser.name() + " is an assistant: assistants can never be the primary"
                        + " professional or the secondary adviser of a client.");
            }
            if (adviser.type() != UserType.PROFESSIONAL) {
                throw new InvalidInputException("userId", "The secondary adviser must be a Professional; " + adviser.name() + " is "
                        + adviser.type().label() + ".");
            }
            if (!adviser.active()) {
                throw new InvalidInputException("userId", adviser.name() + "'s account is disabled.");
            }
            if (adviser.id() == row.primaryProfessionalId()) {
                throw new InvalidInputException("userId", adviser.name() + " is already this client's primary professional:"
                        + " choose another Professional as secondary adviser.");
            }
        }
        if (!java.util.Objects.equals(row.secondaryProfessionalId(), userId)) {
            households.setSecondary(clientId, userId);
            if (userId == null) {
                facts.remove(actor.userId(), new Relation.Secondary(clientId, row.secondaryProfessionalId()));
            } else {
                facts.add(actor.userId(), new Relation.Secondary(clientId, userId));
            }
        }
        return get(actor, clientId);
    }

    private void requireManage(Actor actor, long clientId, String what) {
        var d = access.check(actor, Permission.MANAGE_TEAM, clientId);
        if (!d.allowed()) {
            if (!d.visible()) {
                throw new NotFoundException("Client");
            }
            throw new ForbiddenException("Only those who manage this client's access (its primary professional and practice managers)"
                    + " may " + what + ".");
        }
    }

    private long choosePrimary(Actor actor, Long requested, Map<String, String> errors, List<StaffView> pros) {
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
        Set<Long> ids = new HashSet<>(List.of(row.primaryProfessionalId(), row.createdBy()));
        if (row.secondaryProfessionalId() != null) {
            ids.add(row.secondaryProfessionalId());
        }
        Map<Long, StaffView> people = practice.usersInPractice(row.practiceId(), ids);
        Set<Permission> permissions = access.permissions(actor, row.id());
        return new ClientView(row.id(), row.displayName(), row.status(), contact(people.get(row.primaryProfessionalId())),
                households.people(row.id()), row.createdAt(), nameOr(people.get(row.createdBy())), permissions,
                workgroups.assignmentOf(row.practiceId(), row.id()).orElse(null),
                row.secondaryProfessionalId() == null ? null : contact(people.get(row.secondaryProfessionalId())));
    }

    private static ClientView.Contact contact(StaffView v) {
        return v == null ? null : new ClientView.Contact(v.id(), v.name(), v.email(), v.phone());
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
        String name = first.lastName().trim() + ", " + firsts;
        // names of up to 100 characters each make a longer name than the 200 a client's name holds: shortened, not refused
        return name.length() > 200 ? name.substring(0, 199).trim() + "…" : name;
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
