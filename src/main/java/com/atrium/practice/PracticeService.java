package com.atrium.practice;

import com.atrium.access.AccessService;
import com.atrium.access.PracticePermission;
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
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.Optional;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The practice module's API: practices, staff users and who is asking. */
@Service
public class PracticeService {
    private final UserRepository users;
    private final AccessService access;
    private final PasswordEncoder passwords;
    private final Clock clock;
    private final SecurityEvents securityEvents;

    PracticeService(UserRepository users, AccessService access, PasswordEncoder passwords, Clock clock,
                    SecurityEvents securityEvents) {
        this.users = users;
        this.access = access;
        this.passwords = passwords;
        this.clock = clock;
        this.securityEvents = securityEvents;
    }

    /** The actor for a logged-in user id, read fresh; empty when the account is gone or disabled. */
    @Transactional(readOnly = true)
    public Optional<Actor> actor(long userId) {
        return users.byId(userId).filter(UserRow::active).map(u ->
                new Actor(u.id(), u.practiceId(), u.name(), u.email(), u.type(), u.practiceManager()));
    }

    @Transactional(readOnly = true)
    public Practice practiceOf(Actor actor) {
        return users.practice(actor.practiceId()).orElseThrow(() -> new NotFoundException("Practice"));
    }

    @Transactional(readOnly = true)
    public List<StaffView> staff(Actor actor) {
        access.require(actor, PracticePermission.VIEW_STAFF);
        return users.staffOf(actor.practiceId()).stream().map(UserRow::view).toList();
    }

    /** A staff user of the actor's own practice; any other id is "not found". */
    @Transactional(readOnly = true)
    public StaffView staffMember(Actor actor, long userId) {
        access.require(actor, PracticePermission.VIEW_STAFF);
        return users.inPractice(actor.practiceId(), userId).filter(u -> u.type().isStaff()).map(UserRow::view)
                .orElseThrow(() -> new NotFoundException("Staff user"));
    }

    /** Looks up any user of the actor's practice (staff or outsider) for display. */
    @Transactional(readOnly = true)
    public Optional<StaffView> userInPractice(long practiceId, long userId) {
        return users.inPractice(practiceId, userId).map(UserRow::view);
    }

    /** Users of one practice by id (ids of other practices are simply absent). */
    @Transactional(readOnly = true)
    public Map<Long, StaffView> usersInPractice(long practiceId, Collection<Long> ids) {
        return users.byIds(ids).stream().filter(u -> u.practiceId() == practiceId)
                .collect(Collectors.toMap(UserRow::id, UserRow::view));
    }

    /**
     * A SQL expression for the full name of the user whose id is in {@code userIdColumn} (of the practice in
     * {@code practiceIdColumn}), so a list can carry names in its one statement.
     */
    public String userNameSql(String userIdColumn, String practiceIdColumn) {
        return "(SELECT pu.first_name || ' ' || pu.last_name FROM app_user pu WHERE pu.id = " + userIdColumn
                + " AND pu.practice_id = " + practiceIdColumn + ")";
    }

    /** Active Professionals of the practice, the "first" one first (earliest created, then lowest id). */
    @Transactional(readOnly = true)
    public List<StaffView> professionals(long practiceId) {
        return users.professionalsOf(practiceId).stream().map(UserRow::view).toList();
    }

    @Transactional(readOnly = true)
    public Optional<StaffView> firstProfessional(long practiceId) {
        return professionals(practiceId).stream().findFirst();
    }

    @Transactional
    public StaffView createStaff(Actor actor, StaffForm form) {
        access.require(actor, PracticePermission.MANAGE_STAFF);
        if (form.type() == UserType.OUTSIDER) {
            throw new InvalidInputException("type", "Outsiders are invited from a client file, not created as staff.");
        }
        long id = createUser(actor.practiceId(), form);
        StaffView created = users.byId(id).orElseThrow().view();
        securityEvents.record(SecurityEvent.of(SecurityEventKind.STAFF_CREATED, actor.practiceId()).by(actor.userId()).about(id)
                .detail(created.name() + " <" + created.email() + ">, " + created.type().label()));
        if (created.practiceManager()) {
            securityEvents.record(SecurityEvent.of(SecurityEventKind.MANAGER_CAPABILITY_GIVEN, actor.practiceId())
                    .by(actor.userId()).about(id).detail(created.name() + " is a practice manager"));
        }
        return created;
    }

    /**
     * An outsider's own email and mobile, after they confirmed the new one (a link to the new address, a code to the new
     * number). No permission check: the caller verified the confirmation. False when another account took the email
     * meanwhile (emails are unique across Atrium); nothing changes then.
     */
    @Transactional
    public boolean changeOutsiderContact(long userId, String email, String mobile) {
        return users.changeOutsiderContact(userId, email, mobile) == 1;
    }

    /**
     * The currency (ISO 4217) and locale (BCP 47) a practice works in. No permission check: onboarding and the demo seed;
     * a practice's amounts are all in one currency, so change it only before any are recorded.
     */
    @Transactional
    public void setCurrency(long practiceId, String currency, String locale) {
        String code = currency == null ? "" : currency.trim().toUpperCase(java.util.Locale.ROOT);
        try {
            java.util.Currency.getInstance(code);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("currency", "\"" + currency + "\" is not a currency code (ISO 4217, e.g. AUD).");
        }
        java.util.Locale l = java.util.Locale.forLanguageTag(locale == null ? "" : locale.trim());
        if (l.getLanguage().isEmpty()) {
            throw new InvalidInputException("locale", "\"" + locale + "\" is not a locale (e.g. en-AU).");
        }
        users.setCurrency(practiceId, code, l.toLanguageTag());
    }

    /** The account that uses this email (emails are unique across Atrium), if any. */
    @Transactional(readOnly = true)
    public Optional<Account> accountByEmail(String email) {
        return users.byEmail(email).map(u -> new Account(u.id(), u.practiceId(), u.email(), u.name(), u.phone(), u.type(), u.active()));
    }

    /**
     * Creates an outsider's account (a family member or external adviser who accepted an invitation): an
     * OUTSIDER user of the practice, with the mobile number their login codes go to. No permission check:
     * the caller has verified the invitation.
     */
    @Transactional
    public long createOutsider(long practiceId, String email, String firstName, String lastName, String mobile, String password) {
        PasswordPolicy.require("password", password);
        return insertOutsider(practiceId, email, firstName, lastName, mobile, password);
    }

    /**
     * The demo seed's outsider, with the documented demo password: seeded, never typed into a form, so the password
     * policy does not apply. Not for anything a person enters.
     */
    @Transactional
    public long seedOutsider(long practiceId, String email, String firstName, String lastName, String mobile, String password) {
        return insertOutsider(practiceId, email, firstName, lastName, mobile, password);
    }

    private long insertOutsider(long practiceId, String email, String firstName, String lastName, String mobile, String password) {
        if (users.emailTaken(email)) {
            throw new ConflictException("An account with the email " + email + " already exists: log in instead.");
        }
        return users.insertUser(practiceId, email, firstName, lastName, mobile, UserType.OUTSIDER, false, passwords.encode(password),
                OffsetDateTime.now(clock));
    }

    // ------------------------------------------------------------------ business users (partner portal)

    /**
     * Creates business users of a practice in one batch (no password yet: the partner module issues a temporary
     * one with the invitation). Emails must be normalised and free; the caller validated the rows.
     *
     * @param rows email, first name, last name
     * @return the new users' ids, in the order of {@code rows}
     */
    @Transactional
    public List<Long> createBusinessUsers(long practiceId, List<String[]> rows) {
        return users.insertUsers(practiceId, rows, UserType.BUSINESS, OffsetDateTime.now(clock));
    }

    /** Which of these normalised emails already belong to an account anywhere in Atrium (emails are unique). */
    @Transactional(readOnly = true)
    public java.util.Set<String> takenEmails(Collection<String> emails) {
        return users.takenEmails(emails);
    }

    /**
     * Gives a business user a new random temporary password, valid once until {@code until}, and returns it (to be
     * mailed): only its hash is stored. Replaces any password they had.
     */
    @Transactional
    public String issueTemporaryPassword(long userId, OffsetDateTime until) {
        UserRow u = users.byId(userId).filter(x -> x.type() == UserType.BUSINESS).orElseThrow(() -> new NotFoundException("User"));
        String raw = TemporaryPasswords.generate();
        users.setTemporaryPassword(u.id(), passwords.encode(raw), until);
        return raw;
    }

    /**
     * {@link #issueTemporaryPassword} for many business users at once (a bulk invitation): each gets their own random
     * temporary password, hashed by the same encoder at its configured cost — the hashes computed in parallel (the cost
     * is CPU: one bcrypt per user), written in one batch. Returns the raw passwords by user id (to be mailed); users that
     * are not business users are left out.
     */
    @Transactional
    public Map<Long, String> issueTemporaryPasswords(Collection<Long> userIds, OffsetDateTime until) {
        List<Long> ids = users.byIds(userIds).stream().filter(u -> u.type() == UserType.BUSINESS).map(UserRow::id).sorted().toList();
        Map<Long, String> raw = new java.util.LinkedHashMap<>();
        ids.forEach(id -> raw.put(id, TemporaryPasswords.generate()));
        Map<Long, String> hashes = new java.util.concurrent.ConcurrentHashMap<>();
        raw.entrySet().parallelStream().forEach(e -> hashes.put(e.getKey(), passwords.encode(e.getValue())));
        users.setTemporaryPasswords(hashes, until);
        return raw;
    }

    /** Of these users, the ones who chose their own password (a queued invitation must then not replace it). */
    @Transactional(readOnly = true)
    public java.util.Set<Long> withOwnPassword(Collection<Long> userIds) {
        return users.withOwnPassword(userIds);
    }

    /** Of these users, the ones who still have a temporary password (they have not logged in and chosen their own). */
    @Transactional(readOnly = true)
    public java.util.Set<Long> withTemporaryPassword(Collection<Long> userIds) {
        return users.withTemporaryPassword(userIds);
    }

    /** Whether the user has chosen their own password (a queued invitation must then not replace it). */
    @Transactional(readOnly = true)
    public boolean hasOwnPassword(long userId) {
        return users.byId(userId).filter(u -> u.passwordHash() != null).isPresent() && users.temporaryPassword(userId).isEmpty();
    }

    /**
     * The demo seed's business users, with the documented demo password: seeded, never typed into a form, so the password
     * policy does not apply. Not for anything a person enters.
     */
    @Transactional
    public void seedBusinessPassword(long userId, String password) {
        users.byId(userId).filter(x -> x.type() == UserType.BUSINESS).orElseThrow(() -> new NotFoundException("User"));
        users.setPermanentPassword(userId, passwords.encode(password));
    }

    /** Whether the user still has a temporary password, which they must replace before doing anything else. */
    @Transactional(readOnly = true)
    public boolean mustChangePassword(long userId) {
        return users.temporaryPassword(userId).isPresent();
    }

    /**
     * The user replaces their temporary password with one of their own (first login). At least 12 characters,
     * not the temporary one.
     */
    @Transactional
    public void replaceTemporaryPassword(long userId, String newPassword, String confirmation) {
        UserRow u = users.byId(userId).orElseThrow(() -> new NotFoundException("User"));
        java.util.Map<String, String> errors = new java.util.LinkedHashMap<>();
        java.util.Optional<String> policy = PasswordPolicy.problem(newPassword);
        if (policy.isPresent()) {
            errors.put("password", policy.get());
        } else if (u.passwordHash() != null && passwords.matches(newPassword, u.passwordHash())) {
            errors.put("password", "Choose a new password, not the temporary one.");
        }
        if (newPassword != null && !newPassword.equals(confirmation)) {
            errors.put("confirmation", "The two passwords are not the same.");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException("Check the new password.", errors);
        }
        users.setPermanentPassword(userId, passwords.encode(newPassword));
    }

    /** Disables (or re-enables) a business user's login: removed from their account, they lose every access at once. */
    @Transactional
    public void setBusinessUserActive(long userId, boolean active) {
        users.byId(userId).filter(x -> x.type() == UserType.BUSINESS).orElseThrow(() -> new NotFoundException("User"));
        users.setActive(userId, active);
    }

    /** Creates a practice (used by onboarding, the demo seed and tests). */
    @Transactional
    public Practice createPractice(String name) {
        String trimmed = name == null ? "" : name.trim();
        if (trimmed.isEmpty() || trimmed.length() > 200) {
            throw new InvalidInputException("name", "A practice needs a name of at most 200 characters.");
        }
        if (users.practiceByName(trimmed).isPresent()) {
            throw new ConflictException("A practice called \"" + trimmed + "\" already exists.");
        }
        long id = users.insertPractice(trimmed, OffsetDateTime.now(clock));
        return new Practice(id, trimmed);
    }

    @Transactional(readOnly = true)
    public Optional<Practice> practiceByName(String name) {
        return users.practiceByName(name);
    }

    /**
     * Every reason a new staff user's details would be refused that the form's annotations do not see (the email's shape and
     * whether it is taken, the phone number, the password policy), all at once, so the form can show them together.
     */
    @Transactional(readOnly = true)
    public Map<String, String> staffFormErrors(StaffForm form) {
        Map<String, String> errors = new java.util.LinkedHashMap<>();
        try {
            if (form.email() != null && !form.email().isBlank() && users.emailTaken(Emails.normalise("email", form.email()))) {
                errors.put("email", "A user with the email " + form.email().trim().toLowerCase(java.util.Locale.ROOT) + " already exists.");
            }
        } catch (InvalidInputException e) {
            errors.putAll(e.fieldErrors());
        }
        try {
            PhoneNumbers.normalise("phone", form.phone());
        } catch (InvalidInputException e) {
            errors.putAll(e.fieldErrors());
        }
        if (form.password() != null && !form.password().isEmpty()) {
            try {
                PasswordPolicy.require("password", form.password());
            } catch (InvalidInputException e) {
                errors.putAll(e.fieldErrors());
            }
        }
        return errors;
    }

    /** Creates a user in a practice without a permission check: for onboarding, the demo seed and tests. */
    @Transactional
    public long createUser(long practiceId, StaffForm form) {
        PasswordPolicy.require("password", form.password());
        return insertUser(practiceId, form);
    }

    /**
     * A demo seed user with the documented demo password: seeded, never typed into a form, so the password policy does
     * not apply. Not for anything a person enters.
     */
    @Transactional
    public long seedUser(long practiceId, StaffForm form) {
        return insertUser(practiceId, form);
    }

    private long insertUser(long practiceId, StaffForm form) {
        String email = Emails.normalise("email", form.email());
        String phone = PhoneNumbers.normalise("phone", form.phone());
        if (users.emailTaken(email)) {
            throw new ConflictException("A user with the email " + email + " already exists.");
        }
        return users.insertUser(practiceId, email, form.firstName().trim(), form.lastName().trim(), phone, form.type(),
                form.manager() && form.type().isStaff(), passwords.encode(form.password()), OffsetDateTime.now(clock));
    }
}
