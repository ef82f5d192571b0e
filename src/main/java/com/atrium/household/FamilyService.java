package com.atrium.household;

import com.atrium.access.AccessFacts;
import com.atrium.access.AccessService;
import com.atrium.access.Permission;
import com.atrium.household.FamilyRepository.Person;
import com.atrium.shared.Actor;
import com.atrium.shared.ConflictException;
import com.atrium.shared.Emails;
import com.atrium.shared.ForbiddenException;
import com.atrium.shared.InvalidInputException;
import com.atrium.shared.NotFoundException;
import com.atrium.shared.PhoneNumbers;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The family structure of a client file: its people (holder, co-holders, spouse/partner, children,
 * parents, others) and the links between them. The module's API for screens, the JSON API and the
 * client portal: every method takes the actor and asks the access module ({@link Permission#VIEW_FILE}
 * to read, {@link Permission#EDIT_FAMILY} to change), so staff and outsiders go through the same rules.
 * <p>
 * A household always has exactly one holder: at most one by a unique constraint, at least one because
 * every change here runs under the household row lock and refuses to leave none (and, on PostgreSQL, a
 * deferred constraint trigger refuses to commit a household without one). Every change is recorded in
 * the household history with the state before and after ({@link FamilyChanged}).
 */
@Service
public class FamilyService {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);

    private final FamilyRepository family;
    private final HouseholdRepository households;
    private final AccessService access;
    private final AccessFacts facts;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final ClientListing listing;

    FamilyService(FamilyRepository family, HouseholdRepository households, AccessService access, AccessFacts facts,
                  ApplicationEventPublisher events, Clock clock, ClientListing listing) {
        this.family = family;
        this.listing = listing;
        this.households = households;
        this.access = access;
        this.facts = facts;
        this.events = events;
        this.clock = clock;
    }

    // ------------------------------------------------------------------ read

    /** The family of a client the actor may see (404 otherwise), with their permissions on it. */
    @Transactional(readOnly = true)
    public FamilyView family(Actor actor, long clientId) {
        access.require(actor, Permission.VIEW_FILE, clientId);
        return view(actor, clientId);
    }

    /** One person of the family (404 when the client is not visible or the person is not in it). */
    @Transactional(readOnly = true)
    public PersonView person(Actor actor, long clientId, long personId) {
        access.require(actor, Permission.VIEW_FILE, clientId);
        return family.person(clientId, personId).orElseThrow(() -> new NotFoundException("Person"));
    }

    /** Whether the actor may record who is holder or co-holder of the file (the file manager only), for forms. */
    @Transactional(readOnly = true)
    public boolean mayRecordHolders(Actor actor, long clientId) {
        return access.holderRecordRefusal(actor, clientId).isEmpty();
    }

    /** The relationships the actor may choose on the file's forms: holder and co-holder only for the file manager. */
    @Transactional(readOnly = true)
    public List<Relationship> relationshipChoices(Actor actor, long clientId) {
        boolean holders = mayRecordHolders(actor, clientId);
        return java.util.Arrays.stream(Relationship.values()).filter(r -> holders || !holderOrCoHolder(r)).toList();
    }

    // ------------------------------------------------------------------ people

    @Transactional
    public PersonView addPerson(Actor actor, long clientId, FamilyPersonForm form) {
        long practiceId = lockForEdit(actor, clientId);
        Map<String, String> errors = new LinkedHashMap<>();
        if (blank(form.firstName())) {
            errors.put("firstName", "Enter a first name.");
        }
        if (blank(form.lastName())) {
            errors.put("lastName", "Enter a last name.");
        }
        Relationship relationship = relationship(form.relationship(), errors, true);
        if (holderOrCoHolder(relationship)) {
            requireHolderRecord(actor, clientId);
        }
        String email = email(form.email(), errors);
        String mobile = mobile(form.mobile(), errors);
        dateOfBirth(form.dateOfBirth(), errors);
        List<PersonView> people = households.people(clientId);
        Set<Long> ids = new LinkedHashSet<>(people.stream().map(PersonView::id).toList());
        if (form.parentIds().size() > 2) {
            errors.put("parentIds", "A person has at most two parents.");
        }
        checkIn(ids, form.parentIds(), "parentIds", errors);
        checkIn(ids, form.childIds(), "childIds", errors);
        if (form.partnerId() != null) {
            checkIn(ids, List.of(form.partnerId()), "partnerId", errors);
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException("The person was not added: please correct the highlighted fields.", errors);
        }
        List<PersonLinkView> linksBefore = family.links(clientId);
        for (long child : form.childIds()) {
            if (linksBefore.stream().filter(l -> l.kind() == LinkKind.PARENT_OF && l.toPersonId() == child).count() >= 2) {
                throw new InvalidInputException("childIds", nameIn(people, child) + " already has two parents.");
            }
        }
        String handOver = null;
        if (relationship == Relationship.HOLDER) {
            handOver = demoteHolder(clientId, people);
        }
        long id = family.insert(practiceId, clientId, new Person(0, form.firstName().trim(), trimToNull(form.middleName()),
                form.lastName().trim(), form.dateOfBirth(), email, mobile, relationship));
        OffsetDateTime now = OffsetDateTime.now(clock);
        for (long parent : new LinkedHashSet<>(form.parentIds())) {
            family.insertLink(practiceId, clientId, parent, id, LinkKind.PARENT_OF, now);
        }
        for (long child : new LinkedHashSet<>(form.childIds())) {
            family.insertLink(practiceId, clientId, id, child, LinkKind.PARENT_OF, now);
        }
        if (form.partnerId() != null) {
            family.insertLink(practiceId, clientId, Math.min(id, form.partnerId()), Math.max(id, form.partnerId()), LinkKind.PARTNER_OF, now);
        }
        if (holderOrCoHolder(relationship)) {
            facts.holderRecorded(actor, clientId, id);
        }
        PersonView added = family.person(clientId, id).orElseThrow();
        List<String> links = family.links(clientId).stream().filter(l -> l.fromPersonId() == id || l.toPersonId() == id)
                .map(PersonLinkView::label).toList();
        listing.relist(practiceId, clientId); // the client list finds the household by its people's names and emails
        publish(actor, clientId, "PERSON_ADDED", handOver, describe(added) + (links.isEmpty() ? "" : "; " + String.join("; ", links)));
        return added;
    }

    /** Changes the fields given; making someone the HOLDER hands the role over (the former holder becomes a co-holder). */
    @Transactional
    public PersonView updatePerson(Actor actor, long clientId, long personId, FamilyPersonForm form) {
        lockForEdit(actor, clientId);
        PersonView current = family.person(clientId, personId).orElseThrow(() -> new NotFoundException("Person"));
        Map<String, String> errors = new LinkedHashMap<>();
        if (form.firstName() != null && form.firstName().isBlank()) {
            errors.put("firstName", "Enter a first name.");
        }
        if (form.lastName() != null && form.lastName().isBlank()) {
            errors.put("lastName", "Enter a last name.");
        }
        Relationship relationship = form.relationship() == null ? current.relationship() : relationship(form.relationship(), errors, true);
        boolean holderRecordChanges = relationship != null && relationship != current.relationship()
                && (holderOrCoHolder(relationship) || holderOrCoHolder(current.relationship()));
        if (holderRecordChanges) {
            requireHolderRecord(actor, clientId);
        }
        String email = form.email() == null ? current.email() : email(form.email(), errors);
        String mobile = form.mobile() == null ? current.mobile() : mobile(form.mobile(), errors);
        dateOfBirth(form.dateOfBirth(), errors);
        if (current.relationship() == Relationship.HOLDER && relationship != null && relationship != Relationship.HOLDER) {
            errors.put("relationship", current.name() + " is the holder and a household keeps exactly one: make another person the"
                    + " holder instead (they then become a co-holder).");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException("The person was not changed: please correct the highlighted fields.", errors);
        }
        if (holderRecordChanges && !holderOrCoHolder(relationship)) {
            facts.holderRecordEnded(actor, clientId, personId, current.name());
        }
        String handOver = null;
        if (relationship == Relationship.HOLDER && current.relationship() != Relationship.HOLDER) {
            handOver = demoteHolder(clientId, households.people(clientId));
        }
        Person changed = new Person(personId, form.firstName() == null ? current.firstName() : form.firstName().trim(),
                form.middleName() == null ? current.middleName() : trimToNull(form.middleName()),
                form.lastName() == null ? current.lastName() : form.lastName().trim(),
                form.dateOfBirth() == null ? current.dateOfBirth() : form.dateOfBirth(), email, mobile, relationship);
        family.update(clientId, changed);
        if (holderRecordChanges && holderOrCoHolder(relationship)) {
            facts.holderRecorded(actor, clientId, personId);
        }
        PersonView after = family.person(clientId, personId).orElseThrow();
        if (!after.equals(current)) {
            listing.relist(actor.practiceId(), clientId);
            publish(actor, clientId, "PERSON_CHANGED", describe(current) + (handOver == null ? "" : "; " + handOver), describe(after));
        }
        return after;
    }

    /**
     * Removes a person and their links. The holder cannot be removed; nor can someone the inventories still name, nor
     * anyone with access to the file (any grant: the file manager withdraws it first; a permanent one never).
     */
    @Transactional
    public void removePerson(Actor actor, long clientId, long personId) {
        long practiceId = lockForEdit(actor, clientId);
        PersonView current = family.person(clientId, personId).orElseThrow(() -> new NotFoundException("Person"));
        if (current.relationship() == Relationship.HOLDER) {
            throw new ConflictException(current.name() + " is the holder and a household keeps exactly one: make another person the"
                    + " holder first, then remove " + current.firstName() + ".");
        }
        // refused, with the reason, while they have any grant (the database refuses it too)
        facts.familyMemberRemoving(clientId, personId, current.name());
        List<String> links = family.links(clientId).stream().filter(l -> l.fromPersonId() == personId || l.toPersonId() == personId)
                .map(PersonLinkView::label).toList();
        events.publishEvent(new PersonRemoving(practiceId, clientId, personId, current.name()));
        try {
            family.delete(clientId, personId);
        } catch (DataIntegrityViolationException e) {
            throw new ConflictException(current.name() + " is still named in the wealth or donations inventory: change those entries first.");
        }
        listing.relist(practiceId, clientId);
        publish(actor, clientId, "PERSON_REMOVED", describe(current) + (links.isEmpty() ? "" : "; " + String.join("; ", links)), null);
    }

    // ------------------------------------------------------------------ links

    @Transactional
    public PersonLinkView addLink(Actor actor, long clientId, LinkForm form) {
        long practiceId = lockForEdit(actor, clientId);
        List<PersonView> people = households.people(clientId);
        List<PersonLinkView> links = family.links(clientId);
        long[] link = checkLink(form, people, links, "");
        long id = family.insertLink(practiceId, clientId, link[0], link[1], LinkKind.values()[(int) link[2]], OffsetDateTime.now(clock));
        PersonLinkView added = family.links(clientId).stream().filter(l -> l.id() == id).findFirst().orElseThrow();
        publish(actor, clientId, "FAMILY_LINK_ADDED", null, added.label());
        return added;
    }

    @Transactional
    public void removeLink(Actor actor, long clientId, long linkId) {
        lockForEdit(actor, clientId);
        PersonLinkView link = family.links(clientId).stream().filter(l -> l.id() == linkId).findFirst()
                .orElseThrow(() -> new NotFoundException("Link"));
        family.deleteLink(clientId, linkId);
        publish(actor, clientId, "FAMILY_LINK_REMOVED", link.label(), null);
    }

    /** Replaces every link of the family with the given ones (all checked first: nothing changes when one is wrong). */
    @Transactional
    public FamilyView replaceLinks(Actor actor, long clientId, List<LinkForm> forms) {
        long practiceId = lockForEdit(actor, clientId);
        List<PersonView> people = households.people(clientId);
        List<PersonLinkView> before = family.links(clientId);
        List<PersonLinkView> accepted = new ArrayList<>();
        List<long[]> rows = new ArrayList<>();
        Map<Long, String> names = new LinkedHashMap<>();
        people.forEach(p -> names.put(p.id(), p.name()));
        for (int i = 0; i < (forms == null ? 0 : forms.size()); i++) {
            long[] link = checkLink(forms.get(i), people, accepted, "links[" + i + "].");
            rows.add(link);
            accepted.add(PersonLinkView.of(-i - 1, LinkKind.values()[(int) link[2]], link[0], names.get(link[0]), link[1], names.get(link[1])));
        }
        family.deleteLinks(clientId);
        OffsetDateTime now = OffsetDateTime.now(clock);
        for (long[] link : rows) {
            family.insertLink(practiceId, clientId, link[0], link[1], LinkKind.values()[(int) link[2]], now);
        }
        String b = String.join("; ", before.stream().map(PersonLinkView::label).sorted().toList());
        String a = String.join("; ", accepted.stream().map(PersonLinkView::label).sorted().toList());
        if (!a.equals(b)) {
            publish(actor, clientId, "FAMILY_LINKS_REPLACED", b.isEmpty() ? "No links" : b, a.isEmpty() ? "No links" : a);
        }
        return view(actor, clientId);
    }

    /** Checks one link against the people and the links so far; returns {from, to, kind ordinal}, normalised. */
    private static long[] checkLink(LinkForm form, List<PersonView> people, List<PersonLinkView> links, String prefix) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (form == null) {
            throw new InvalidInputException(prefix + "kind", "Give the two people and the kind of link.");
        }
        LinkKind kind = null;
        if (form.kind() == null || form.kind().isBlank()) {
            errors.put(prefix + "kind", "Choose the kind of link: PARENT_OF or PARTNER_OF.");
        } else {
            try {
                kind = LinkKind.valueOf(form.kind().trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.put(prefix + "kind", "\"" + form.kind() + "\" is not a kind of link: use PARENT_OF or PARTNER_OF.");
            }
        }
        if (form.fromPersonId() == null) {
            errors.put(prefix + "fromPersonId", "Choose the first person.");
        } else if (people.stream().noneMatch(p -> p.id() == form.fromPersonId())) {
            errors.put(prefix + "fromPersonId", "Person " + form.fromPersonId() + " is not in this household.");
        }
        if (form.toPersonId() == null) {
            errors.put(prefix + "toPersonId", "Choose the second person.");
        } else if (people.stream().noneMatch(p -> p.id() == form.toPersonId())) {
            errors.put(prefix + "toPersonId", "Person " + form.toPersonId() + " is not in this household.");
        }
        if (errors.isEmpty() && Objects.equals(form.fromPersonId(), form.toPersonId())) {
            errors.put(prefix + "toPersonId", "A person cannot be linked to themselves.");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException("The link was not saved: please correct the highlighted fields.", errors);
        }
        long from = form.fromPersonId();
        long to = form.toPersonId();
        String fromName = nameIn(people, from);
        String toName = nameIn(people, to);
        boolean partners = links.stream().anyMatch(l -> l.kind() == LinkKind.PARTNER_OF
                && Math.min(l.fromPersonId(), l.toPersonId()) == Math.min(from, to) && Math.max(l.fromPersonId(), l.toPersonId()) == Math.max(from, to));
        boolean parentEitherWay = links.stream().anyMatch(l -> l.kind() == LinkKind.PARENT_OF
                && ((l.fromPersonId() == from && l.toPersonId() == to) || (l.fromPersonId() == to && l.toPersonId() == from)));
        if (kind == LinkKind.PARENT_OF) {
            if (parentEitherWay) {
                throw new InvalidInputException(prefix + "toPersonId", fromName + " and " + toName + " are already linked as parent and child.");
            }
            if (partners) {
                throw new InvalidInputException(prefix + "toPersonId", fromName + " and " + toName + " are partners: they cannot also be parent and child.");
            }
            if (links.stream().filter(l -> l.kind() == LinkKind.PARENT_OF && l.toPersonId() == to).count() >= 2) {
                throw new InvalidInputException(prefix + "toPersonId", toName + " already has two parents.");
            }
            return new long[] {from, to, kind.ordinal()};
        }
        if (partners) {
            throw new InvalidInputException(prefix + "toPersonId", fromName + " and " + toName + " are already partners.");
        }
        if (parentEitherWay) {
            throw new InvalidInputException(prefix + "toPersonId", fromName + " and " + toName + " are parent and child: they cannot also be partners.");
        }
        return new long[] {Math.min(from, to), Math.max(from, to), LinkKind.PARTNER_OF.ordinal()};
    }

    // ------------------------------------------------------------------ helpers

    /** Requires EDIT_FAMILY (404 / 403 as usual) and locks the household row until the transaction ends. */
    private long lockForEdit(Actor actor, long clientId) {
        access.require(actor, Permission.EDIT_FAMILY, clientId);
        return households.lock(actor.practiceId(), clientId).orElseThrow(() -> new NotFoundException("Client")).practiceId();
    }

    static boolean holderOrCoHolder(Relationship r) {
        return r == Relationship.HOLDER || r == Relationship.CO_HOLDER;
    }

    /** Only the file manager records who is holder or co-holder (the access module's rule): 403 with the reason otherwise. */
    private void requireHolderRecord(Actor actor, long clientId) {
        access.holderRecordRefusal(actor, clientId).ifPresent(r -> {
            throw new ForbiddenException(r);
        });
    }

    /** The current holder becomes a co-holder (before someone else becomes holder); returns what happened, in words. */
    private String demoteHolder(long clientId, List<PersonView> people) {
        PersonView holder = people.stream().filter(p -> p.relationship() == Relationship.HOLDER).findFirst().orElse(null);
        if (holder == null) {
            return null;
        }
        family.setRelationship(clientId, holder.id(), Relationship.CO_HOLDER);
        return "Holder: " + holder.name() + " (now co-holder)";
    }

    private FamilyView view(Actor actor, long clientId) {
        return FamilyView.of(clientId, households.people(clientId), family.links(clientId), access.permissions(actor, clientId));
    }

    private void publish(Actor actor, long clientId, String action, String before, String after) {
        events.publishEvent(new FamilyChanged(actor.practiceId(), actor.userId(), clientId, action, before, after));
    }

    static String describe(PersonView p) {
        StringBuilder sb = new StringBuilder(p.name()).append(" (").append(p.relationshipLabel());
        if (p.dateOfBirth() != null) {
            sb.append(", born ").append(DAY.format(p.dateOfBirth()));
        }
        if (p.email() != null) {
            sb.append(", ").append(p.email());
        }
        if (p.mobile() != null) {
            sb.append(", ").append(p.mobileDisplay());
        }
        return sb.append(')').toString();
    }

    private static Relationship relationship(String raw, Map<String, String> errors, boolean required) {
        if (raw == null || raw.isBlank()) {
            if (required) {
                errors.put("relationship", "Choose how the person belongs to the household: HOLDER, CO_HOLDER, SPOUSE, CHILD, PARENT or OTHER.");
            }
            return null;
        }
        String code = raw.trim().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
        for (Relationship r : Relationship.values()) {
            if (r.name().equals(code) || r.label().equalsIgnoreCase(raw.trim())) {
                return r;
            }
        }
        errors.put("relationship", "\"" + raw + "\" is not a relationship: use HOLDER, CO_HOLDER, SPOUSE, CHILD, PARENT or OTHER.");
        return null;
    }

    private static String email(String raw, Map<String, String> errors) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return Emails.normalise("email", raw);
        } catch (InvalidInputException e) {
            errors.putAll(e.fieldErrors());
            return null;
        }
    }

    private static String mobile(String raw, Map<String, String> errors) {
        try {
            return PhoneNumbers.normaliseMobile("mobile", raw);
        } catch (InvalidInputException e) {
            errors.putAll(e.fieldErrors());
            return null;
        }
    }

    private void dateOfBirth(LocalDate dob, Map<String, String> errors) {
        if (dob != null && dob.isAfter(LocalDate.now(clock))) {
            errors.put("dateOfBirth", "Date of birth cannot be in the future.");
        }
    }

    private static void checkIn(Set<Long> ids, List<Long> given, String field, Map<String, String> errors) {
        for (Long id : given) {
            if (id == null || !ids.contains(id)) {
                errors.put(field, "Person " + id + " is not in this household.");
            }
        }
    }

    private static String nameIn(List<PersonView> people, long id) {
        return people.stream().filter(p -> p.id() == id).map(PersonView::name).findFirst().orElse("person " + id);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String trimToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
