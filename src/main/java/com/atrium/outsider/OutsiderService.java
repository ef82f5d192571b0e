package com.atrium.outsider;

import com.atrium.access.AccessLevel;
import com.atrium.access.AccessFacts;
import com.atrium.access.AccessService;
import com.atrium.access.Decision;
import com.atrium.access.GrantSubject;
import com.atrium.access.OutsiderGrant;
import com.atrium.access.Permission;
import com.atrium.household.ClientView;
import com.atrium.household.HouseholdService;
import com.atrium.household.PersonView;
import com.atrium.household.Relationship;
import com.atrium.practice.Account;
import com.atrium.practice.PracticeService;
import com.atrium.shared.Actor;
import com.atrium.shared.ConflictException;
import com.atrium.shared.Emails;
import com.atrium.shared.ForbiddenException;
import com.atrium.shared.InvalidInputException;
import com.atrium.shared.NotFoundException;
import com.atrium.shared.PhoneNumbers;
import com.atrium.shared.UserType;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The outsider module's API: external advisers of a file, grants to family members and external advisers,
 * and the Access rights tab. Who may do what is decided by {@link AccessService} (only the file manager
 * manages advisers and grants; holders may grant their own family); this service validates input and
 * sends invitations or notices through the outbox in the same transaction.
 */
@Service
public class OutsiderService {
    private final ExternalAdviserRepository advisers;
    private final AccessService access;
    private final AccessFacts facts;
    private final HouseholdService households;
    private final PracticeService practice;
    private final Invitations invitations;
    private final Clock clock;
    private final PortalGrantLimit limit;

    /** The one answer for an address that cannot receive this access, whatever the reason. */
    static final String REFUSED_EMAIL = "This email address cannot be given access to this file: enter another address of the person,"
            + " one that only they use.";

    OutsiderService(ExternalAdviserRepository advisers, AccessService access, AccessFacts facts, HouseholdService households, PracticeService practice,
                    Invitations invitations, Clock clock, PortalGrantLimit limit) {
        this.limit = limit;
        this.advisers = advisers;
        this.access = access;
        this.facts = facts;
        this.households = households;
        this.practice = practice;
        this.invitations = invitations;
        this.clock = clock;
    }

    // ------------------------------------------------------------------ external advisers

    @Transactional(readOnly = true)
    public List<ExternalAdviserView> advisers(Actor actor, long clientId) {
        access.require(actor, Permission.VIEW_FILE, clientId);
        return advisers.ofClient(actor.practiceId(), clientId);
    }

    @Transactional(readOnly = true)
    public ExternalAdviserView adviser(Actor actor, long clientId, long adviserId) {
        access.require(actor, Permission.VIEW_FILE, clientId);
        return advisers.find(actor.practiceId(), clientId, adviserId).orElseThrow(() -> new NotFoundException("External adviser"));
    }

    @Transactional
    public ExternalAdviserView registerAdviser(Actor actor, long clientId, ExternalAdviserForm form) {
        requireFileManager(actor, clientId, "register external advisers");
        Contact c = validate(form, clientId, null);
        long id = advisers.insert(actor.practiceId(), clientId, form.firstName().trim(), form.lastName().trim(), c.email(), c.mobile(),
                blankToNull(form.firm()), form.type(), actor.userId(), OffsetDateTime.now(clock));
        return adviser(actor, clientId, id);
    }

    @Transactional
    public ExternalAdviserView updateAdviser(Actor actor, long clientId, long adviserId, ExternalAdviserForm form) {
        requireFileManager(actor, clientId, "change external advisers");
        ExternalAdviserView before = adviser(actor, clientId, adviserId);
        Contact c = validate(form, clientId, adviserId);
        Optional<OutsiderGrant> grant = grantOfSubject(actor, clientId, GrantSubject.ADVISER, adviserId);
        if (grant.isPresent() && !grant.get().email().equals(c.email())) {
            throw new ConflictException(before.name() + " has access with the email " + grant.get().email()
                    + ": withdraw that access before changing the email.");
        }
        advisers.update(adviserId, form.firstName().trim(), form.lastName().trim(), c.email(), c.mobile(), blankToNull(form.firm()),
                form.type());
        return adviser(actor, clientId, adviserId);
    }

    /** Removes an external adviser from the file, withdrawing their access first (audited) if they have any. */
    @Transactional
    public void removeAdviser(Actor actor, long clientId, long adviserId) {
        requireFileManager(actor, clientId, "remove external advisers");
        adviser(actor, clientId, adviserId);
        grantOfSubject(actor, clientId, GrantSubject.ADVISER, adviserId).ifPresent(g -> facts.grantRevoked(actor, clientId, g.id()));
        advisers.delete(adviserId);
    }

    private record Contact(String email, String mobile) {
    }

    private Contact validate(ExternalAdviserForm form, long clientId, Long except) {
        Map<String, String> errors = new LinkedHashMap<>();
        // the same limits as the form, the API and the table (100, 100, 200)
        if (blank(form.firstName())) {
            errors.put("firstName", "Enter a first name.");
        } else if (form.firstName().trim().length() > 100) {
            errors.put("firstName", "First name is at most 100 characters.");
        }
        if (blank(form.lastName())) {
            errors.put("lastName", "Enter a last name.");
        } else if (form.lastName().trim().length() > 100) {
            errors.put("lastName", "Last name is at most 100 characters.");
        }
        if (form.firm() != null && form.firm().trim().length() > 200) {
            errors.put("firm", "The firm is at most 200 characters.");
        }
        if (form.type() == null) {
            errors.put("type", "Choose the type of adviser.");
        }
        String email = null;
        String mobile = null;
        try {
            email = Emails.normalise("email", form.email());
        } catch (InvalidInputException e) {
            errors.putAll(e.fieldErrors());
        }
        try {
            mobile = PhoneNumbers.normaliseMobile("mobile", form.mobile());
            if (mobile == null) {
                errors.put("mobile", "Enter a mobile number with its country code, e.g. +33 6 12 34 56 78.");
            }
        } catch (InvalidInputException e) {
            errors.putAll(e.fieldErrors());
        }
        if (email != null && advisers.emailUsed(clientId, email, except)) {
            errors.put("email", "Another external adviser of this file already uses " + email + ".");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException("The external adviser was not saved: please correct the highlighted fields.", errors);
        }
        return new Contact(email, mobile);
    }

    /** Only the file manager (primary professional) manages external advisers: 404 if the client is invisible, 403 otherwise. */
    private void requireFileManager(Actor actor, long clientId, String what) {
        Decision d = access.check(actor, Permission.MANAGE_OUTSIDERS, clientId);
        if (d.allowed()) {
            return;
        }
        if (!d.visible()) {
            throw new NotFoundException("Client");
        }
        throw new ForbiddenException("Only the file manager (the primary professional) may " + what
                + " for this file; other team members and practice managers cannot.");
    }

    // ------------------------------------------------------------------ grants

    @Transactional(readOnly = true)
    public List<GrantView> grants(Actor actor, long clientId) {
        return access.grants(actor, clientId).stream().map(GrantView::of).toList();
    }

    @Transactional(readOnly = true)
    public GrantView grant(Actor actor, long clientId, long grantId) {
        return GrantView.of(access.grant(actor, clientId, grantId));
    }

    /**
     * Gives a family member or an external adviser access. The person is invited by email when they have no
     * account yet, or told about the new access when they have one; both through the outbox, in this transaction.
     */
    @Transactional
    public GrantView grant(Actor actor, long clientId, GrantForm form) {
        ClientView client = households.get(actor, clientId);
        // who may do this is the access module's decision (checked again when the fact is recorded)
        access.grantRefusal(actor, clientId, form.subject(), form.level(), null, false).ifPresent(r -> {
            throw new ForbiddenException(r);
        });
        limit.attempt(actor); // holders in the portal: at most N attempts a day, refused ones included (finding 5)
        String first;
        String last;
        String recordedEmail;
        String recordedMobile;
        boolean holder = false;
        if (form.subject() == GrantSubject.FAMILY) {
            PersonView p = client.people().stream().filter(x -> x.id() == form.subjectId()).findFirst()
                    .orElseThrow(() -> new InvalidInputException("subjectId", "There is no such member in this file's family."));
            first = p.firstName();
            last = p.lastName();
            recordedEmail = p.email();
            recordedMobile = p.mobile();
            // permanent only for a person the file manager recorded as holder or co-holder (the access module's record)
            holder = access.recordedHolder(clientId, p.id());
        } else {
            ExternalAdviserView a = advisers.find(actor.practiceId(), clientId, form.subjectId())
                    .orElseThrow(() -> new InvalidInputException("subjectId", "There is no such external adviser in this file."));
            first = a.firstName();
            last = a.lastName();
            recordedEmail = a.email();
            recordedMobile = a.mobile();
        }
        if (grantOfSubject(actor, clientId, form.subject(), form.subjectId()).isPresent()) {
            throw new ConflictException(first + " " + last + " already has access to this file: change it instead.");
        }
        Map<String, String> errors = new LinkedHashMap<>();
        String email = null;
        String mobile = null;
        try {
            email = Emails.normalise("email", blank(form.email()) ? recordedEmail : form.email());
        } catch (InvalidInputException e) {
            errors.putAll(e.fieldErrors());
        }
        try {
            mobile = PhoneNumbers.normaliseMobile("mobile", blank(form.mobile()) ? recordedMobile : form.mobile());
            if (mobile == null) {
                errors.put("mobile", "Enter a mobile number with its country code, e.g. +33 6 12 34 56 78: the person needs it to log in.");
            }
        } catch (InvalidInputException e) {
            errors.putAll(e.fieldErrors());
        }
        if (form.expiresOn() != null) {
            if (holder) {
                errors.put("expiresOn", "Access of a holder or co-holder can never be withdrawn, so it cannot have an expiry date.");
            } else if (form.expiresOn().isBefore(today())) {
                errors.put("expiresOn", "The expiry date is in the past.");
            }
        }
        Account account = null;
        if (email != null) {
            account = practice.accountByEmail(email).orElse(null);
            final String e = email;
            // finding 5: one answer for every refused address (a staff user's, another practice's account, a business user's,
            // someone else's on this file), so the form tells nobody which accounts exist or where
            if ((account != null && (account.type() != UserType.OUTSIDER || account.practiceId() != actor.practiceId()))
                    || access.grants(actor, clientId).stream().anyMatch(g -> g.email().equals(e))) {
                errors.put("email", REFUSED_EMAIL);
                account = null;
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException("Access was not granted: please correct the highlighted fields.", errors);
        }
        Long userId = account == null ? null : account.id();
        long grantId = facts.grant(actor, new AccessFacts.Grant(clientId, form.subject(), form.subjectId(), first + " " + last,
                form.level(), email, mobile, userId, form.expiresOn()));
        Invitations.Grant words = words(actor, client, form.level(), form.expiresOn());
        if (account == null) {
            invitations.invite(actor.practiceId(), email, first, last, mobile, actor.userId(), words);
        } else {
            invitations.notice(actor.practiceId(), email, first, words);
        }
        return grant(actor, clientId, grantId);
    }

    /**
     * The file manager corrects the email and/or mobile of a grant while no account is linked to it: the invitation goes
     * again to the (new) address with a fresh link, and the link sent before stops working. Access first (404 for a file
     * the actor cannot see, before the grant is looked up; 403 for anyone but the file manager); 409 with the reason once
     * an account is linked (the outsider then changes their own details in the portal). Audited.
     */
    @Transactional
    public GrantView correctContact(Actor actor, long clientId, long grantId, String newEmail, String newMobile) {
        requireFileManager(actor, clientId, "correct the email or mobile of outsiders' access");
        OutsiderGrant g = access.grant(actor, clientId, grantId);
        if (g.userId() != null) {
            throw new ConflictException(g.subjectName() + " already has an account, so the email and mobile of this access can no longer"
                    + " be corrected here: " + g.subjectName() + " changes them in the client portal (My account), confirming the new"
                    + " email by a link and the new mobile by a code.");
        }
        Map<String, String> errors = new LinkedHashMap<>();
        String email = null;
        String mobile = null;
        try {
            email = Emails.normalise("email", blank(newEmail) ? g.email() : newEmail);
        } catch (InvalidInputException e) {
            errors.putAll(e.fieldErrors());
        }
        try {
            mobile = PhoneNumbers.normaliseMobile("mobile", blank(newMobile) ? g.mobile() : newMobile);
        } catch (InvalidInputException e) {
            errors.putAll(e.fieldErrors());
        }
        Account account = null;
        if (email != null && !email.equals(g.email())) {
            account = practice.accountByEmail(email).orElse(null);
            final String e = email;
            // the same one answer as when granting (finding 5): nobody learns which accounts exist or where
            if ((account != null && (account.type() != UserType.OUTSIDER || account.practiceId() != actor.practiceId()))
                    || access.grants(actor, clientId).stream().anyMatch(x -> x.id() != grantId && x.email().equals(e))) {
                errors.put("email", REFUSED_EMAIL);
                account = null;
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException("The email and mobile were not changed: the reasons are next to the fields.", errors);
        }
        Long userId = account == null ? null : account.id();
        facts.grantContactCorrected(actor, clientId, grantId, email, mobile, userId);
        String oldEmail = g.email();
        if (!oldEmail.equals(email) && !access.hasUnlinkedGrant(actor.practiceId(), oldEmail)) {
            // nothing waits at the old address any more: its invitation link dies
            invitations.cancel(actor.practiceId(), oldEmail);
        }
        ClientView client = households.get(actor, clientId);
        String[] name = splitName(actor, client, g);
        Invitations.Grant words = words(actor, client, g.level(), g.expiresOn());
        if (account == null) {
            invitations.invite(actor.practiceId(), email, name[0], name[1], mobile, actor.userId(), words);
        } else {
            invitations.notice(actor.practiceId(), email, name[0], words);
        }
        return grant(actor, clientId, grantId);
    }

    /** The person's first and last name as the file records them (the grant keeps the full name only). */
    private String[] splitName(Actor actor, ClientView client, OutsiderGrant g) {
        if (g.subject() == GrantSubject.ADVISER) {
            Optional<ExternalAdviserView> a = advisers.find(actor.practiceId(), g.clientId(), g.subjectId());
            if (a.isPresent()) {
                return new String[] {a.get().firstName(), a.get().lastName()};
            }
        } else {
            Optional<PersonView> p = client.people().stream().filter(x -> x.id() == g.subjectId()).findFirst();
            if (p.isPresent()) {
                return new String[] {p.get().firstName(), p.get().lastName()};
            }
        }
        int space = g.subjectName().indexOf(' ');
        return space < 0 ? new String[] {g.subjectName(), ""} : new String[] {g.subjectName().substring(0, space), g.subjectName().substring(space + 1)};
    }

    private Invitations.Grant words(Actor actor, ClientView client, AccessLevel level, LocalDate expiresOn) {
        return new Invitations.Grant(actor.name(), practice.practiceOf(actor).name(), client.displayName(),
                level.label().toLowerCase(java.util.Locale.ROOT) + " access"
                        + (expiresOn == null ? "" : " (until " + GrantView.DAY.format(expiresOn) + ")"));
    }

    /** Changes the level or expiry of a grant (a holder's can only go up, never expire). */
    @Transactional
    public GrantView changeGrant(Actor actor, long clientId, long grantId, GrantChangeForm form) {
        if (form.correctsContact()) {
            correctContact(actor, clientId, grantId, form.email(), form.mobile());
            if (form.level() == null) {
                return grant(actor, clientId, grantId);
            }
        } else if (form.level() == null) {
            // access first: who may not see the file hears 404, not what the body lacks
            access.grant(actor, clientId, grantId);
            throw new InvalidInputException("level", "Choose read-write or read-only.");
        }
        OutsiderGrant g = access.grant(actor, clientId, grantId);
        if (form.expiresOn() != null && form.expiresOn().isBefore(today()) && !form.expiresOn().equals(g.expiresOn())) {
            throw new InvalidInputException("expiresOn", "The expiry date is in the past.");
        }
        facts.grantChanged(actor, clientId, grantId, form.level(), form.expiresOn());
        return grant(actor, clientId, grantId);
    }

    /** Withdraws a grant. Never possible for a holder or co-holder. */
    @Transactional
    public void revokeGrant(Actor actor, long clientId, long grantId) {
        facts.grantRevoked(actor, clientId, grantId);
    }

    // ------------------------------------------------------------------ the Access rights tab

    @Transactional(readOnly = true)
    public AccessRightsView accessRights(Actor actor, long clientId) {
        ClientView client = households.get(actor, clientId);
        List<OutsiderGrant> grants = access.grants(actor, clientId);
        boolean manages = client.permissions().contains(Permission.MANAGE_OUTSIDERS);
        boolean grantsFamily = !manages && client.permissions().contains(Permission.GRANT_FAMILY);
        List<AccessRightsView.Row> family = new ArrayList<>();
        java.util.Set<Long> recorded = access.recordedHolders(clientId);
        for (PersonView p : client.people()) {
            Optional<OutsiderGrant> g = grants.stream().filter(x -> x.subject() == GrantSubject.FAMILY && x.subjectId() == p.id()).findFirst();
            family.add(row(actor, clientId, GrantSubject.FAMILY, p.id(), p.name(), p.relationshipLabel(), p.email(), p.mobile(), g,
                    holderNote(g.orElse(null), recorded.contains(p.id())), null));
        }
        List<AccessRightsView.Row> adviserRows = new ArrayList<>();
        for (ExternalAdviserView a : advisers.ofClient(actor.practiceId(), clientId)) {
            Optional<OutsiderGrant> g = grants.stream().filter(x -> x.subject() == GrantSubject.ADVISER && x.subjectId() == a.id()).findFirst();
            adviserRows.add(row(actor, clientId, GrantSubject.ADVISER, a.id(), a.name(),
                    a.typeLabel() + (a.firm() == null ? "" : ", " + a.firm()), a.email(), a.mobile(), g, null, a));
        }
        String why = manages || grantsFamily ? null
                : "Only the file manager (" + (client.primaryProfessional() == null ? "the primary professional" : client.primaryProfessional().name())
                + ") may grant or change outsiders' access to this file; other team members cannot, even with write access.";
        return new AccessRightsView(clientId, client.displayName(),
                client.primaryProfessional() == null ? null : client.primaryProfessional().name(), manages, grantsFamily, family, adviserRows, why);
    }

    /** What the tab says about permanence: from the grant and the access module's holder record, never from the relationship alone. */
    static String holderNote(OutsiderGrant grant, boolean recordedHolder) {
        if (grant != null && grant.holder()) {
            return "Permanent access: recorded as holder or co-holder by the file manager, so it can never be withdrawn,"
                    + " downgraded or given an end date.";
        }
        if (recordedHolder) {
            return "Holder or co-holder (recorded by the file manager): access given to them will be permanent.";
        }
        return null;
    }

    private AccessRightsView.Row row(Actor actor, long clientId, GrantSubject subject, long subjectId, String name, String relation, String email,
                                     String mobile, Optional<OutsiderGrant> grant, String note, ExternalAdviserView adviser) {
        Long grantId = grant.map(OutsiderGrant::id).orElse(null);
        // the levels a form may offer: only those the access module would accept (a holder's access is never downgraded,
        // a read-only holder gives read-only access only)
        List<String> levels = new ArrayList<>();
        for (AccessLevel l : AccessLevel.values()) {
            if (access.grantRefusal(actor, clientId, subject, l, grantId, false).isEmpty()) {
                levels.add(l.name());
            }
        }
        boolean canGrant = grant.isEmpty() && !levels.isEmpty();
        // nothing to change on a holder's read-write grant (no downgrade, no end date)
        boolean canChange = grant.isPresent() && levels.contains(grant.get().level().name())
                && !(grant.get().holder() && levels.size() == 1);
        boolean canRevoke = grant.isPresent() && !grant.get().holder()
                && access.grantRefusal(actor, clientId, subject, null, grant.get().id(), true).isEmpty();
        boolean canCorrect = grant.isPresent() && grant.get().userId() == null && access.managesOutsiders(actor, clientId);
        return new AccessRightsView.Row(subject.name(), subjectId, name, relation, email, mobile, grant.map(GrantView::of).orElse(null),
                canGrant, canChange, canRevoke, note, adviser, levels, canCorrect);
    }

    private Optional<OutsiderGrant> grantOfSubject(Actor actor, long clientId, GrantSubject subject, long subjectId) {
        return access.grants(actor, clientId).stream().filter(g -> g.subject() == subject && g.subjectId() == subjectId).findFirst();
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(ZoneOffset.UTC));
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String blankToNull(String s) {
        return blank(s) ? null : s.trim();
    }
}
