package com.atrium.partner;

import com.atrium.access.Permission;
import com.atrium.audit.AuditRecord;
import com.atrium.partner.AccountRepository.AccountRow;
import com.atrium.partner.AccountRepository.InvitationRow;
import com.atrium.partner.AccountRepository.MemberRow;
import com.atrium.practice.PracticeService;
import com.atrium.practice.StaffView;
import com.atrium.shared.Actor;
import com.atrium.shared.ConflictException;
import com.atrium.shared.CsvImport.LineError;
import com.atrium.shared.InvalidInputException;
import com.atrium.shared.NotFoundException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The partner module's API for advisers: business accounts (create, list, licence and paid status), their users
 * (one by one or in bulk from a CSV, all-or-nothing) and invitations. Every question of who may see or do what
 * goes to the access module ({@link AccountAccess}); an account the actor may not see answers 404.
 */
@Service
public class PartnerService {
    static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);
    /** How long a temporary password works. */
    static final Duration INVITATION_VALIDITY = Duration.ofDays(7);

    private final AccountRepository accounts;
    private final DiagnosticRepository diagnostics;
    private final AccountAccess access;
    private final PracticeService practice;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    PartnerService(AccountRepository accounts, DiagnosticRepository diagnostics, AccountAccess access, PracticeService practice,
                   ApplicationEventPublisher events, Clock clock) {
        this.accounts = accounts;
        this.diagnostics = diagnostics;
        this.access = access;
        this.practice = practice;
        this.events = events;
        this.clock = clock;
    }

    // ------------------------------------------------------------------ read

    /** The accounts the actor may see, by name (the page splits them into free trial and paid). */
    @Transactional(readOnly = true)
    public List<AccountSummary> accounts(Actor actor) {
        List<AccountRow> rows = accounts.visible(access.visible(actor).and(
                new com.atrium.access.ClientFilter("a.practice_id = :pp", Map.of("pp", actor.practiceId()))));
        Map<Long, Integer> counts = accounts.userCounts(rows.stream().map(AccountRow::id).toList());
        Map<Long, StaffView> advisers = practice.usersInPractice(actor.practiceId(),
                rows.stream().map(AccountRow::adviserId).collect(Collectors.toSet()));
        return rows.stream().map(a -> new AccountSummary(a.id(), a.name(), a.licence(), a.paid(), a.trialStartedOn(), a.paidSince(),
                a.adviserId(), nameOf(advisers.get(a.adviserId()), a.adviserId()), counts.getOrDefault(a.id(), 0),
                !a.workspaceOpen(), a.diagnosticRound(), access.mayUseAdvisorMode(actor, a.id()))).toList();
    }

    /** One account with its users and licence history; 404 when the actor may not see it. */
    @Transactional(readOnly = true)
    public AccountView account(Actor actor, long accountId) {
        access.requireVisible(actor, accountId);
        AccountRow a = accounts.find(actor.practiceId(), accountId).orElseThrow(() -> new NotFoundException("Account"));
        Set<Permission> permissions = access.permissions(actor, accountId);
        return view(a, permissions);
    }

    AccountView view(AccountRow a, Set<Permission> permissions) {
        List<MemberView> members = members(a);
        var changes = accounts.licenceChanges(a.id());
        Set<Long> ids = new HashSet<>();
        ids.add(a.adviserId());
        changes.forEach(c -> ids.add(c.by()));
        Map<Long, StaffView> people = practice.usersInPractice(a.practiceId(), ids);
        List<AccountView.LicenceChangeView> changeViews = changes.stream().map(c -> new AccountView.LicenceChangeView(c.at().toInstant(),
                nameOf(people.get(c.by()), c.by()), c.licenceBefore() == null ? null : Licence.valueOf(c.licenceBefore()).label(),
                Licence.valueOf(c.licenceAfter()).label(), c.paidBefore(), c.paidAfter())).toList();
        return new AccountView(a.id(), a.name(), a.licence(), a.paid(), a.trialStartedOn(), a.paidSince(), a.adviserId(),
                nameOf(people.get(a.adviserId()), a.adviserId()), a.diagnosticRound(), a.workspaceOpen(), a.createdAt().toInstant(),
                members, changeViews, AccountAccess.mayManage(permissions), AccountAccess.mayUseAdvisorMode(permissions));
    }

    List<MemberView> members(AccountRow a) {
        List<MemberRow> rows = accounts.members(a.id());
        List<Long> ids = rows.stream().map(MemberRow::userId).toList();
        Map<Long, StaffView> users = practice.usersInPractice(a.practiceId(), ids);
        Map<Long, InvitationRow> invitations = accounts.latestInvitations(a.id());
        Set<Long> temporary = practice.withTemporaryPassword(ids);
        OffsetDateTime now = OffsetDateTime.now(clock);
        List<MemberView> result = new ArrayList<>();
        for (MemberRow m : rows) {
            StaffView u = users.get(m.userId());
            if (u == null) {
                continue;
            }
            InvitationRow inv = invitations.get(m.userId());
            String status;
            if (inv == null || inv.sentAt() == null) {
                status = "Invitation on its way";
            } else if (!temporary.contains(m.userId())) {
                status = "Joined";
            } else if (inv.sentAt().plus(INVITATION_VALIDITY).isBefore(now)) {
                status = "Invitation expired " + DAY.format(inv.sentAt().plus(INVITATION_VALIDITY));
            } else {
                status = "Invited " + DAY.format(inv.sentAt());
            }
            result.add(new MemberView(m.userId(), u.firstName(), u.lastName(), u.email(), m.admin(), u.active(), m.addedAt().toInstant(),
                    status));
        }
        return result;
    }

    // ------------------------------------------------------------------ create

    /** Whether the actor may add business accounts (screens hide the button otherwise). */
    public boolean canCreate(Actor actor) {
        try {
            access.requireCreate(actor);
            return true;
        } catch (com.atrium.shared.ForbiddenException e) {
            return false;
        }
    }

    public void requireCreate(Actor actor) {
        access.requireCreate(actor);
    }

    /**
     * Creates a business account with its primary contact (the administrator), the users typed on the form and the
     * users of a CSV file ({@code csv} may be null), all in one transaction: any error anywhere (every one is
     * reported, each on its field or line) creates nothing. The creating adviser becomes the related adviser; the
     * account starts in free trial; every user gets an invitation (sent by {@link PartnerInvitationJob}).
     */
    @Transactional
    public AccountView create(Actor actor, AccountForm form, String csv) {
        access.requireCreate(actor);
        Map<String, String> errors = new LinkedHashMap<>();
        String name = form.name() == null ? "" : form.name().trim();
        if (name.isEmpty()) {
            errors.put("name", "Enter the business name.");
        } else if (name.length() > 200) {
            errors.put("name", "The business name is at most 200 characters.");
        }
        if (form.licence() == null) {
            errors.put("licence", "Choose a licence.");
        }
        List<BulkUsers.Row> rows = new ArrayList<>();
        UserForm contact = form.primaryContact() == null ? new UserForm(null, null, null) : form.primaryContact();
        rows.add(checkRow(contact, "primaryContact", 0, errors));
        for (int i = 0; i < form.users().size(); i++) {
            rows.add(checkRow(form.users().get(i), "users[" + i + "]", 0, errors));
        }
        List<BulkUsers.Row> typed = rows.stream().filter(Objects::nonNull).toList();
        List<BulkUsers.Row> fromFile = List.of();
        if (csv != null && !csv.isBlank()) {
            try {
                BulkUsers.Checked checked = BulkUsers.parse(csv);
                lineErrors(checked.errors(), errors);
                fromFile = checked.rows();
            } catch (InvalidInputException e) {
                errors.putAll(e.fieldErrors().isEmpty() ? Map.of("file", e.getMessage()) : e.fieldErrors());
            }
        }
        List<BulkUsers.Row> all = new ArrayList<>(typed);
        all.addAll(fromFile);
        checkDuplicatesAndTaken(all, errors);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(summary(errors), errors);
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        Licence licence = form.licence();
        int round = licence.runsDiagnostic() ? 1 : 0;
        long id = accounts.insert(actor.practiceId(), name, licence, today(), actor.userId(), round, round == 0 ? now : null,
                actor.userId(), now);
        access.registered(id, actor.practiceId(), name, actor.userId(), actor.userId());
        accounts.recordLicenceChange(id, actor.practiceId(), actor.userId(), now, null, licence, null, false);
        AccountRow a = accounts.find(actor.practiceId(), id).orElseThrow();
        addUsers(actor, a, all, true, now);
        audit(actor, id, "BUSINESS_ACCOUNT_CREATED", null, name + " (" + licence.label() + ", free trial) with " + all.size()
                + (all.size() == 1 ? " user" : " users"));
        return view(a, access.permissions(actor, id));
    }

    /** Creates the users, makes them members (the first one the administrator when {@code withAdmin}), invites them. */
    private List<Long> addUsers(Actor actor, AccountRow a, List<BulkUsers.Row> rows, boolean withAdmin, OffsetDateTime now) {
        List<Long> ids = practice.createBusinessUsers(a.practiceId(), rows.stream().map(BulkUsers.Row::asArray).toList());
        accounts.insertMembers(a.id(), a.practiceId(), ids, withAdmin ? ids.get(0) : null, actor.userId(), now);
        access.membersAdded(a.id(), ids, withAdmin ? ids.get(0) : null, actor.userId());
        accounts.queueInvitations(a.id(), a.practiceId(), ids, actor.userId(), now);
        if (a.diagnosticRound() == 1 && !a.workspaceOpen()) {
            diagnostics.addParticipants(a.id(), 1, ids, now); // everyone of a new account takes the first diagnostic
        }
        return ids;
    }

    private BulkUsers.Row checkRow(UserForm u, String prefix, int line, Map<String, String> errors) {
        try {
            return BulkUsers.row(line, u.firstName(), u.lastName(), u.email());
        } catch (InvalidInputException e) {
            e.fieldErrors().forEach((f, m) -> errors.put(prefix + "." + f, m));
            return null;
        }
    }

    private static void lineErrors(List<LineError> lineErrors, Map<String, String> errors) {
        for (LineError e : lineErrors) {
            errors.merge("line " + e.line(), e.message(), (x, y) -> x + " " + y);
        }
    }

    /** One email, one user: within what is being added, and against every account of Atrium. */
    private void checkDuplicatesAndTaken(List<BulkUsers.Row> all, Map<String, String> errors) {
        Map<String, BulkUsers.Row> seen = new LinkedHashMap<>();
        for (BulkUsers.Row r : all) {
            BulkUsers.Row first = seen.putIfAbsent(r.email(), r);
            if (first != null) {
                errors.merge(r.line() > 0 ? "line " + r.line() : "users", r.email() + " is listed twice"
                        + (first.line() > 0 ? " (first on line " + first.line() + ")." : " (also on the form)."), (x, y) -> x + " " + y);
            }
        }
        Set<String> taken = seen.isEmpty() ? Set.of() : practice.takenEmails(seen.keySet());
        for (BulkUsers.Row r : seen.values()) {
            if (taken.contains(r.email())) {
                errors.merge(r.line() > 0 ? "line " + r.line() : "users", r.email() + " is already a user of Atrium.", (x, y) -> x + " " + y);
            }
        }
    }

    static String summary(Map<String, String> errors) {
        long lines = errors.keySet().stream().filter(k -> k.startsWith("line ")).count();
        return lines > 0 ? "Nothing was created: " + lines + (lines == 1 ? " line" : " lines") + " of the file"
                + (errors.size() > lines ? " and other fields" : "") + " need correcting."
                : "Nothing was created: correct the fields shown.";
    }

    // ------------------------------------------------------------------ licence and paid status

    /** Changes the licence tier and/or marks the account paid (recorded with who and when). Paid never goes back to trial. */
    @Transactional
    public AccountView change(Actor actor, long accountId, AccountChange change) {
        access.requireManage(actor, accountId);
        AccountRow a = accounts.lock(actor.practiceId(), accountId).orElseThrow(() -> new NotFoundException("Account"));
        Licence licence = change.licence() == null ? a.licence() : change.licence();
        boolean paid = change.paid() == null ? a.paid() : change.paid();
        if (a.paid() && !paid) {
            throw new ConflictException("A paid account does not go back to free trial.");
        }
        if (licence != a.licence() || paid != a.paid()) {
            OffsetDateTime now = OffsetDateTime.now(clock);
            accounts.setLicence(a.id(), licence, paid, paid ? (a.paid() ? a.paidSince() : today()) : null);
            accounts.recordLicenceChange(a.id(), a.practiceId(), actor.userId(), now, a.licence(), licence, a.paid(), paid);
            audit(actor, a.id(), "BUSINESS_LICENCE_CHANGED", a.licence().label() + (a.paid() ? ", paid" : ", free trial"),
                    licence.label() + (paid ? ", paid" : ", free trial"));
        }
        return view(accounts.find(actor.practiceId(), accountId).orElseThrow(), access.permissions(actor, accountId));
    }

    // ------------------------------------------------------------------ users

    /** Adds one user to the account (invited at once; a participant of the first diagnostic while it runs). */
    @Transactional
    public MemberView addUser(Actor actor, long accountId, UserForm form) {
        access.requireManage(actor, accountId);
        AccountRow a = accounts.lock(actor.practiceId(), accountId).orElseThrow(() -> new NotFoundException("Account"));
        Map<String, String> errors = new LinkedHashMap<>();
        BulkUsers.Row row = checkRow(form, "user", 0, errors);
        if (row != null) {
            checkDuplicatesAndTaken(List.of(row), errors);
        } else if (!errors.containsKey("user.email")) {
            String email = com.atrium.shared.Emails.normalise("email", form.email());
            if (!practice.takenEmails(List.of(email)).isEmpty()) {
                errors.put("user.email", email + " is already a user of Atrium.");
            }
        }
        if (!errors.isEmpty()) {
            Map<String, String> byField = new LinkedHashMap<>();
            errors.forEach((k, v) -> byField.merge(k.replace("user.", "").replace("users", "email"), v, (x, y) -> x + " " + y));
            throw new InvalidInputException(String.join(" ", byField.values()), byField);
        }
        long userId = addUsers(actor, a, List.of(row), false, OffsetDateTime.now(clock)).get(0);
        audit(actor, a.id(), "BUSINESS_USER_ADDED", null, row.firstName() + " " + row.lastName() + " <" + row.email() + ">", userId);
        return members(a).stream().filter(m -> m.userId() == userId).findFirst().orElseThrow();
    }

    /** The outcome of a bulk upload: how many users were created; their invitations are on their way. */
    public record BulkResult(int created, String message) {
    }

    /**
     * Adds every user of a CSV file (UTF-8, at most 5 MB: first name, last name, email) in one transaction: one bad
     * line rejects the whole file with every bad line listed (an {@link InvalidInputException} whose errors are keyed
     * "line N"), and creates nothing. Invitations go out through the outbox afterwards.
     */
    @Transactional
    public BulkResult addUsers(Actor actor, long accountId, byte[] file) {
        access.requireManage(actor, accountId);
        AccountRow a = accounts.lock(actor.practiceId(), accountId).orElseThrow(() -> new NotFoundException("Account"));
        BulkUsers.Checked checked = BulkUsers.parse(BulkUsers.text(file));
        Map<String, String> errors = new LinkedHashMap<>();
        lineErrors(checked.errors(), errors);
        checkDuplicatesAndTaken(checked.rows(), errors);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(summary(errors), errors);
        }
        List<Long> ids = addUsers(actor, a, checked.rows(), false, OffsetDateTime.now(clock));
        audit(actor, a.id(), "BUSINESS_USERS_IMPORTED", null, ids.size() + " users from a CSV file");
        return new BulkResult(ids.size(), ids.size() + (ids.size() == 1 ? " user was" : " users were")
                + " added. Their invitations are on their way (sent in the background).");
    }

    /**
     * Removes a user from the account: they leave it (and its diagnostic) and their login is disabled at once. The
     * administrator cannot be removed.
     */
    @Transactional
    public void removeUser(Actor actor, long accountId, long userId) {
        access.requireManage(actor, accountId);
        AccountRow a = accounts.lock(actor.practiceId(), accountId).orElseThrow(() -> new NotFoundException("Account"));
        MemberRow m = accounts.member(a.id(), userId).orElseThrow(() -> new NotFoundException("User"));
        if (m.admin()) {
            throw new ConflictException("The primary contact is the account's administrator and cannot be removed.");
        }
        StaffView u = practice.userInPractice(a.practiceId(), userId).orElseThrow(() -> new NotFoundException("User"));
        OffsetDateTime now = OffsetDateTime.now(clock);
        if (a.diagnosticRound() > 0) {
            diagnostics.remove(a.id(), a.diagnosticRound(), userId, actor.userId(), now);
        }
        accounts.deleteMember(a.id(), userId);
        access.memberRemoved(a.id(), userId, actor.userId());
        practice.setBusinessUserActive(userId, false);
        audit(actor, a.id(), "BUSINESS_USER_REMOVED", u.name() + " <" + u.email() + ">", null, userId);
        DiagnosticService.openGateIfReached(accounts, diagnostics, a, now);
    }

    /** Sends a user a fresh invitation (a new temporary password, valid 7 days), e.g. after the first one expired. */
    @Transactional
    public void resendInvitation(Actor actor, long accountId, long userId) {
        access.requireManage(actor, accountId);
        AccountRow a = accounts.find(actor.practiceId(), accountId).orElseThrow(() -> new NotFoundException("Account"));
        accounts.member(a.id(), userId).orElseThrow(() -> new NotFoundException("User"));
        if (!practice.withTemporaryPassword(List.of(userId)).contains(userId)
                && accounts.latestInvitations(a.id()).get(userId) != null && accounts.latestInvitations(a.id()).get(userId).sentAt() != null) {
            throw new ConflictException("This user has already chosen their own password.");
        }
        accounts.queueInvitations(a.id(), a.practiceId(), List.of(userId), actor.userId(), OffsetDateTime.now(clock));
        audit(actor, a.id(), "BUSINESS_INVITATION_RESENT", null, "new invitation", userId);
    }

    // ------------------------------------------------------------------ helpers

    void audit(Actor actor, long accountId, String action, String before, String after) {
        audit(actor, accountId, action, before, after, null);
    }

    void audit(Actor actor, long accountId, String action, String before, String after, Long subject) {
        events.publishEvent(new PartnerAudited(AuditRecord.of(actor.practiceId(), actor.userId(), action).client(accountId)
                .subject(subject).change(before, after).at(clock.instant())));
    }

    static String nameOf(StaffView u, long id) {
        return u == null ? "user #" + id : u.name();
    }

    LocalDate today() {
        return LocalDate.now(clock.withZone(ZoneOffset.UTC));
    }
}
