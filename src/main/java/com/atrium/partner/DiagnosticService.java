package com.atrium.partner;

import com.atrium.partner.AccountRepository.AccountRow;
import com.atrium.partner.DiagnosticRepository.Counts;
import com.atrium.partner.DiagnosticRepository.ParticipantRow;
import com.atrium.practice.PracticeService;
import com.atrium.practice.StaffView;
import com.atrium.mail.Outbox;
import com.atrium.shared.Actor;
import com.atrium.shared.ConflictException;
import com.atrium.shared.InvalidInputException;
import com.atrium.shared.NotFoundException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The diagnostic: participation and the quick-start gate (the account's users reach the full workspace once 80 % of
 * the first diagnostic's participants completed it; removed participants do not count), the adviser's participation
 * management (first diagnostic: add, remind, remove; later ones: remove only), and taking the questionnaire.
 */
@Service
public class DiagnosticService {
    private final AccountRepository accounts;
    private final DiagnosticRepository diagnostics;
    private final AccountAccess access;
    private final PartnerService partner;
    private final PracticeService practice;
    private final Outbox outbox;
    private final Clock clock;
    private final com.atrium.shared.PublicUrl publicUrl;

    DiagnosticService(AccountRepository accounts, DiagnosticRepository diagnostics, AccountAccess access, PartnerService partner,
                      PracticeService practice, Outbox outbox, Clock clock, com.atrium.shared.PublicUrl publicUrl) {
        this.accounts = accounts;
        this.diagnostics = diagnostics;
        this.access = access;
        this.partner = partner;
        this.practice = practice;
        this.outbox = outbox;
        this.clock = clock;
        this.publicUrl = publicUrl;
    }

    /**
     * Opens the gate if the first diagnostic reached 80 % (called under the account's row lock by every change that
     * can move it: a completion, a removal). Once open it stays open.
     */
    static void openGateIfReached(AccountRepository accounts, DiagnosticRepository diagnostics, AccountRow a, OffsetDateTime now) {
        if (a.workspaceOpen() || a.diagnosticRound() != 1) {
            return;
        }
        if (diagnostics.counts(a.id(), 1).reachedGate()) {
            accounts.setWorkspaceOpened(a.id(), now);
        }
    }

    // ------------------------------------------------------------------ adviser side

    /** The account's diagnostic for staff who may see the account (404 otherwise). */
    @Transactional(readOnly = true)
    public DiagnosticView forAdviser(Actor actor, long accountId) {
        access.requireVisible(actor, accountId);
        AccountRow a = accounts.find(actor.practiceId(), accountId).orElseThrow(() -> new NotFoundException("Account"));
        boolean manage = AccountAccess.mayManage(access.permissions(actor, accountId));
        return view(a, manage);
    }

    /** The diagnostic as the account's workspace shows it (the caller checked workspace access). */
    DiagnosticView forWorkspace(AccountRow a, boolean manage) {
        return view(a, manage);
    }

    private DiagnosticView view(AccountRow a, boolean manage) {
        int round = a.diagnosticRound();
        if (round == 0) {
            return new DiagnosticView(a.id(), a.name(), 0, false, 0, 0, 0, true, List.of(), List.of(), false, false, false);
        }
        List<ParticipantRow> rows = diagnostics.participants(a.id(), round).stream().filter(ParticipantRow::counts).toList();
        Map<Long, StaffView> users = practice.usersInPractice(a.practiceId(), rows.stream().map(ParticipantRow::userId).toList());
        List<DiagnosticView.ParticipantView> people = rows.stream().map(p -> {
            StaffView u = users.get(p.userId());
            return new DiagnosticView.ParticipantView(p.userId(), PartnerService.nameOf(u, p.userId()), u == null ? "" : u.email(),
                    p.completedAt() != null, p.completedAt() == null ? null : p.completedAt().toInstant(),
                    p.remindedAt() == null ? null : p.remindedAt().toInstant());
        }).toList();
        Counts c = diagnostics.counts(a.id(), round);
        boolean first = round == 1;
        return new DiagnosticView(a.id(), a.name(), round, first, c.participants(), c.completed(), c.percent(), a.workspaceOpen(), people,
                results(a.id(), round), manage && first, manage && first, manage);
    }

    private List<DiagnosticView.AreaResult> results(long accountId, int round) {
        Map<Integer, double[]> averages = diagnostics.averages(accountId, round);
        List<DiagnosticRepository.Statement> statements = diagnostics.statements();
        List<DiagnosticView.AreaResult> result = new ArrayList<>();
        for (DiagnosticRepository.Area area : diagnostics.areas()) {
            List<DiagnosticView.StatementResult> rs = statements.stream().filter(s -> s.areaCode().equals(area.code()))
                    .map(s -> {
                        double[] avg = averages.get(s.id());
                        return new DiagnosticView.StatementResult(s.id(), s.text(), avg == null ? 0 : avg[0], avg == null ? 0 : (int) avg[1]);
                    }).toList();
            double areaAvg = rs.stream().filter(s -> s.answers() > 0).mapToDouble(DiagnosticView.StatementResult::average).average().orElse(0);
            result.add(new DiagnosticView.AreaResult(area.title(), area.description(), areaAvg, rs));
        }
        return result;
    }

    /** Adds a participant to an account on its first diagnostic: a new user of the account, invited with a temporary password. */
    @Transactional
    public MemberView addParticipant(Actor actor, long accountId, UserForm form) {
        AccountRow a = lockManaged(actor, accountId);
        if (a.diagnosticRound() != 1) {
            throw new ConflictException(a.diagnosticRound() == 0 ? "This account has no diagnostic (Goals licence)."
                    : "This account is past its first diagnostic: participants can only be removed.");
        }
        if (a.workspaceOpen()) {
            throw new ConflictException("The first diagnostic has reached 80 %: add the person as a user of the account instead.");
        }
        return partner.addUser(actor, accountId, form);
    }

    /** Emails a reminder to every participant who has not completed the first diagnostic; returns how many. */
    @Transactional
    public int remind(Actor actor, long accountId) {
        AccountRow a = lockManaged(actor, accountId);
        if (a.diagnosticRound() != 1) {
            throw new ConflictException(a.diagnosticRound() == 0 ? "This account has no diagnostic (Goals licence)."
                    : "This account is past its first diagnostic: reminders are only for a first diagnostic.");
        }
        List<Long> ids = diagnostics.remindable(a.id(), 1);
        Map<Long, StaffView> users = practice.usersInPractice(a.practiceId(), ids);
        for (long id : ids) {
            StaffView u = users.get(id);
            if (u == null || !u.active()) {
                continue;
            }
            outbox.email(a.practiceId(), "PARTNER_DIAGNOSTIC_REMINDER", u.email(), "Reminder: the " + a.name() + " diagnostic is waiting for you",
                    "Hello " + u.firstName() + ",\n\n" + a.name() + " is running a short diagnostic (20 statements, about five minutes)."
                            + " Your answers count: the team reaches the full workspace once 80 % of you have taken it.\n\n"
                            + "Log in and take it: " + publicUrl.link("/login") + "\n\nAtrium");
        }
        diagnostics.markReminded(a.id(), 1, ids, OffsetDateTime.now(clock));
        partner.audit(actor, a.id(), "DIAGNOSTIC_REMINDERS_SENT", null, ids.size() + (ids.size() == 1 ? " participant" : " participants")
                + " reminded");
        return ids.size();
    }

    /** Takes a participant out of the current diagnostic (any diagnostic); counts toward the 80 % at once. */
    @Transactional
    public void removeParticipant(Actor actor, long accountId, long userId) {
        AccountRow a = lockManaged(actor, accountId);
        if (a.diagnosticRound() == 0) {
            throw new NotFoundException("Participant");
        }
        ParticipantRow p = diagnostics.participant(a.id(), a.diagnosticRound(), userId).filter(ParticipantRow::counts)
                .orElseThrow(() -> new NotFoundException("Participant"));
        OffsetDateTime now = OffsetDateTime.now(clock);
        diagnostics.remove(a.id(), a.diagnosticRound(), p.userId(), actor.userId(), now);
        String who = practice.userInPractice(a.practiceId(), userId).map(StaffView::name).orElse("user #" + userId);
        partner.audit(actor, a.id(), "DIAGNOSTIC_PARTICIPANT_REMOVED", who, null, userId);
        openGateIfReached(accounts, diagnostics, a, now);
    }

    /**
     * Starts the account's next diagnostic (its second, third...): every current user takes part; the workspace stays
     * open. From then on advisers may only remove participants.
     */
    @Transactional
    public DiagnosticView startNext(Actor actor, long accountId) {
        AccountRow a = lockManaged(actor, accountId);
        if (!a.licence().runsDiagnostic()) {
            throw new ConflictException("Goals accounts have no diagnostic.");
        }
        if (a.diagnosticRound() >= 1 && !a.workspaceOpen()) {
            throw new ConflictException("The first diagnostic must reach 80 % before another one starts.");
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        int round = a.diagnosticRound() + 1;
        accounts.setRound(a.id(), round);
        accounts.setWorkspaceOpened(a.id(), now);
        List<Long> ids = accounts.members(a.id()).stream().map(AccountRepository.MemberRow::userId).toList();
        diagnostics.addParticipants(a.id(), round, ids, now);
        partner.audit(actor, a.id(), "DIAGNOSTIC_STARTED", null, "Diagnostic " + round + " with " + ids.size() + " participants");
        return view(accounts.find(a.practiceId(), a.id()).orElseThrow(), true);
    }

    private AccountRow lockManaged(Actor actor, long accountId) {
        access.requireManage(actor, accountId);
        return accounts.lock(actor.practiceId(), accountId).orElseThrow(() -> new NotFoundException("Account"));
    }

    // ------------------------------------------------------------------ taking it (workspace)

    QuestionnaireView questionnaire(AccountRow a, long userId) {
        List<DiagnosticRepository.Statement> statements = diagnostics.statements();
        List<QuestionnaireView.Area> areas = diagnostics.areas().stream().map(area -> new QuestionnaireView.Area(area.title(),
                area.description(), statements.stream().filter(s -> s.areaCode().equals(area.code()))
                .map(s -> new QuestionnaireView.Statement(s.id(), s.text())).toList())).toList();
        boolean completed = a.diagnosticRound() > 0 && diagnostics.participant(a.id(), a.diagnosticRound(), userId)
                .map(p -> p.completedAt() != null).orElse(false);
        return new QuestionnaireView(a.id(), a.name(), completed, areas);
    }

    /** Whether the user takes part in the account's current diagnostic and has not completed it. */
    boolean mayTake(AccountRow a, long userId) {
        return a.diagnosticRound() > 0 && diagnostics.participant(a.id(), a.diagnosticRound(), userId)
                .filter(p -> p.counts() && p.completedAt() == null).isPresent();
    }

    /**
     * A participant submits the questionnaire: every statement rated 1 to 5 (all errors at once). Completing may open
     * the gate (under the account's row lock, so concurrent completions see each other).
     */
    void submit(AccountRow unlocked, long userId, Map<String, String> answers) {
        AccountRow a = accounts.lock(unlocked.practiceId(), unlocked.id()).orElseThrow(() -> new NotFoundException("Account"));
        ParticipantRow p = a.diagnosticRound() == 0 ? null : diagnostics.participant(a.id(), a.diagnosticRound(), userId)
                .filter(ParticipantRow::counts).orElse(null);
        if (p == null) {
            throw new ConflictException("You are not a participant of this diagnostic.");
        }
        if (p.completedAt() != null) {
            throw new ConflictException("You have already completed this diagnostic.");
        }
        Map<String, String> errors = new LinkedHashMap<>();
        Map<Integer, Integer> ratings = new LinkedHashMap<>();
        for (DiagnosticRepository.Statement s : diagnostics.statements()) {
            String v = answers.get("s" + s.id());
            Integer rating = null;
            try {
                rating = v == null ? null : Integer.valueOf(v.trim());
            } catch (NumberFormatException e) {
                rating = null;
            }
            if (rating == null || rating < 1 || rating > 5) {
                errors.put("s" + s.id(), "Rate this statement from 1 to 5.");
            } else {
                ratings.put(s.id(), rating);
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors.size() + (errors.size() == 1 ? " statement is" : " statements are") + " not rated yet.",
                    errors);
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        diagnostics.saveResponses(a.id(), a.diagnosticRound(), userId, ratings, now);
        openGateIfReached(accounts, diagnostics, a, now);
    }
}
