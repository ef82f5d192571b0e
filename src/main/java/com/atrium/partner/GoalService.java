package com.atrium.partner;

import com.atrium.access.Permission;
import com.atrium.access.PracticePermission;
import com.atrium.partner.AccountRepository.AccountRow;
import com.atrium.partner.GoalRepository.GoalRow;
import com.atrium.shared.Actor;
import com.atrium.shared.ForbiddenException;
import com.atrium.shared.InvalidInputException;
import com.atrium.shared.NotFoundException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Goals in a business account's workspace: owner, level, milestone, due date, outcomes, status, the confidence index
 * (0–100, each update kept with its comment) and the goal's channel; and risk insights over every account the adviser
 * may see. Every question "may this person …" goes to the access module through {@link AccountAccess}: {@code VIEW_GOALS}
 * to see (404 otherwise), {@code EDIT_GOALS} to change and post; a confidence update is the owner's, the account
 * administrator's or an adviser's in advisor mode ({@code ADMINISTER_WORKSPACE}).
 */
@Service
public class GoalService {
    static final int RISK_PAGE = 50;

    private final GoalRepository goals;
    private final AccountRepository accounts;
    private final AccountAccess access;
    private final Clock clock;

    GoalService(GoalRepository goals, AccountRepository accounts, AccountAccess access, Clock clock) {
        this.goals = goals;
        this.accounts = accounts;
        this.access = access;
        this.clock = clock;
    }

    /** Someone a goal or task may be given to: a user of the account, or staff who work on it. */
    public record Person(long id, String name) {
    }

    @Transactional(readOnly = true)
    public List<GoalSummary> goals(Actor actor, long accountId) {
        access.requireGoals(actor, accountId);
        return goals.ofAccount(accountId);
    }

    @Transactional(readOnly = true)
    public GoalView goal(Actor actor, long accountId, long goalId) {
        Set<Permission> p = access.requireGoals(actor, accountId);
        GoalRow g = goals.find(accountId, goalId).orElseThrow(() -> new NotFoundException("Goal"));
        return view(actor, g, p);
    }

    /** Who may own a goal or be assigned a task in the account (its active users, its related adviser, the caller if staff). */
    @Transactional(readOnly = true)
    public List<Person> people(Actor actor, long accountId) {
        access.requireGoals(actor, accountId);
        AccountRow a = accounts.find(actor.practiceId(), accountId).orElseThrow(() -> new NotFoundException("Account"));
        return goals.people(a.id(), a.practiceId(), a.adviserId(), actor.isStaff() ? actor.userId() : a.adviserId());
    }

    @Transactional
    public GoalView create(Actor actor, long accountId, GoalForm form) {
        Set<Permission> p = access.requireEditGoals(actor, accountId);
        AccountRow a = accounts.find(actor.practiceId(), accountId).orElseThrow(() -> new NotFoundException("Account"));
        Map<String, String> errors = new LinkedHashMap<>();
        String title = title(form.title(), errors);
        Long owner = form.ownerId() == null ? Long.valueOf(actor.userId()) : form.ownerId();
        checkPerson(accountId, owner, "ownerId", errors);
        GoalLevel level = parseEnum(GoalLevel.class, form.level(), GoalLevel.ORGANISATION, "level", errors);
        LocalDate due = date(form.dueOn(), "dueOn", errors);
        GoalStatus status = parseEnum(GoalStatus.class, form.status(), GoalStatus.IN_PROGRESS, "status", errors);
        Integer confidence = blank(form.confidence()) ? Integer.valueOf(100) : confidence(form.confidence(), "confidence", errors);
        String description = text(form.description(), 4000, "description", errors);
        if (!errors.isEmpty()) {
            throw new InvalidInputException("The goal was not saved: correct the fields shown.", errors);
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        long id = goals.insert(a.id(), a.practiceId(), title, description, owner, level, Boolean.TRUE.equals(form.milestone()), due, status,
                confidence, actor.userId(), now);
        goals.insertConfidence(a.id(), id, confidence, "Starting confidence", actor.userId(), now);
        goals.insertMessage(a.id(), id, actor.userId(), "UPDATE", "Goal created, confidence " + confidence + " %", now);
        return view(actor, goals.find(a.id(), id).orElseThrow(), p);
    }

    /** Changes the goal's fields (a null field stays as it is). The confidence changes only through {@link #updateConfidence}. */
    @Transactional
    public GoalView update(Actor actor, long accountId, long goalId, GoalForm form) {
        Set<Permission> p = access.requireEditGoals(actor, accountId);
        GoalRow g = goals.lock(accountId, goalId).orElseThrow(() -> new NotFoundException("Goal"));
        Map<String, String> errors = new LinkedHashMap<>();
        String title = form.title() == null ? g.title() : title(form.title(), errors);
        long owner = form.ownerId() == null ? g.ownerId() : form.ownerId();
        if (owner != g.ownerId()) {
            checkPerson(accountId, owner, "ownerId", errors);
        }
        GoalLevel level = form.level() == null ? g.level() : parseEnum(GoalLevel.class, form.level(), g.level(), "level", errors);
        LocalDate due = form.dueOn() == null ? g.dueOn() : date(form.dueOn(), "dueOn", errors);
        GoalStatus status = form.status() == null ? g.status() : parseEnum(GoalStatus.class, form.status(), g.status(), "status", errors);
        String description = form.description() == null ? g.description() : text(form.description(), 4000, "description", errors);
        if (form.confidence() != null && !blank(form.confidence()) && !form.confidence().trim().equals(String.valueOf(g.confidence()))) {
            errors.put("confidence", "The confidence changes with an update and a comment (Update confidence).");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException("The goal was not saved: correct the fields shown.", errors);
        }
        boolean milestone = form.milestone() == null ? g.milestone() : form.milestone();
        goals.update(g.id(), title, description, owner, level, milestone, due, status);
        if (status != g.status()) {
            goals.insertMessage(accountId, g.id(), actor.userId(), "UPDATE", "Status: " + g.status().label() + " → " + status.label(),
                    OffsetDateTime.now(clock));
        }
        return view(actor, goals.find(accountId, goalId).orElseThrow(), p);
    }

    @Transactional
    public void delete(Actor actor, long accountId, long goalId) {
        access.requireEditGoals(actor, accountId);
        GoalRow g = goals.lock(accountId, goalId).orElseThrow(() -> new NotFoundException("Goal"));
        goals.delete(g.id());
    }

    /**
     * A new confidence index (0–100) with a comment, kept in the history and posted to the goal's channel. The goal row
     * is locked, so concurrent updates queue and each one's "previous" is the one before it.
     */
    @Transactional
    public GoalView updateConfidence(Actor actor, long accountId, long goalId, String confidence, String comment) {
        Set<Permission> p = access.requireEditGoals(actor, accountId);
        GoalRow g = goals.lock(accountId, goalId).orElseThrow(() -> new NotFoundException("Goal"));
        if (!mayUpdateConfidence(actor, g, p)) {
            throw new ForbiddenException("Only the goal's owner (" + g.ownerName() + "), the account's administrator or an adviser in"
                    + " advisor mode updates its confidence.");
        }
        Map<String, String> errors = new LinkedHashMap<>();
        Integer value = confidence(confidence, "confidence", errors);
        String text = comment == null ? "" : comment.trim();
        if (text.isEmpty()) {
            errors.put("comment", "Say in a few words why (the comment is kept with the update).");
        } else if (text.length() > 2000) {
            errors.put("comment", "At most 2,000 characters.");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException("The confidence was not updated: correct the fields shown.", errors);
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        goals.setConfidence(g.id(), value, g.confidence(), now);
        goals.insertConfidence(accountId, g.id(), value, text, actor.userId(), now);
        goals.insertMessage(accountId, g.id(), actor.userId(), "UPDATE", "Confidence " + g.confidence() + " % → " + value + " %: " + text, now);
        return view(actor, goals.find(accountId, goalId).orElseThrow(), p);
    }

    /** A message in the goal's channel. */
    @Transactional
    public GoalView post(Actor actor, long accountId, long goalId, String body) {
        Set<Permission> p = access.requireEditGoals(actor, accountId);
        GoalRow g = goals.find(accountId, goalId).orElseThrow(() -> new NotFoundException("Goal"));
        String text = body == null ? "" : body.trim();
        if (text.isEmpty()) {
            throw new InvalidInputException("body", "Write a message first.");
        }
        if (text.length() > 4000) {
            throw new InvalidInputException("body", "At most 4,000 characters.");
        }
        goals.insertMessage(accountId, g.id(), actor.userId(), "MESSAGE", text, OffsetDateTime.now(clock));
        return view(actor, g, p);
    }

    @Transactional
    public GoalView addOutcome(Actor actor, long accountId, long goalId, String title, String target, String current, String unit) {
        Set<Permission> p = access.requireEditGoals(actor, accountId);
        GoalRow g = goals.find(accountId, goalId).orElseThrow(() -> new NotFoundException("Goal"));
        Map<String, String> errors = new LinkedHashMap<>();
        String t = title(title, errors);
        BigDecimal targetValue = number(target, "targetValue", errors);
        BigDecimal currentValue = number(current, "currentValue", errors);
        String u = text(unit, 30, "unit", errors);
        if (!errors.isEmpty()) {
            throw new InvalidInputException("The outcome was not added: correct the fields shown.", errors);
        }
        goals.insertOutcome(accountId, g.id(), t, targetValue, currentValue == null ? BigDecimal.ZERO : currentValue, u,
                OffsetDateTime.now(clock));
        return view(actor, g, p);
    }

    @Transactional
    public GoalView updateOutcome(Actor actor, long accountId, long goalId, long outcomeId, String current, boolean done) {
        Set<Permission> p = access.requireEditGoals(actor, accountId);
        GoalRow g = goals.find(accountId, goalId).orElseThrow(() -> new NotFoundException("Goal"));
        Map<String, String> errors = new LinkedHashMap<>();
        BigDecimal value = number(current, "currentValue", errors);
        if (!errors.isEmpty()) {
            throw new InvalidInputException("The outcome was not saved: correct the fields shown.", errors);
        }
        if (goals.updateOutcome(g.id(), outcomeId, value, done) == 0) {
            throw new NotFoundException("Outcome");
        }
        return view(actor, g, p);
    }

    // ------------------------------------------------------------------ risk insights

    /** The risk level asked for: {@code organisation} (milestone goals) or {@code people} (any goal). */
    public enum RiskLevel {
        ORGANISATION, PEOPLE;

        static RiskLevel parse(String level) {
            if (level == null || level.isBlank()) {
                return ORGANISATION;
            }
            try {
                return valueOf(level.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("level", "level is organisation or people.");
            }
        }
    }

    /** One page of risk insights: goals below 60 % (lowest first), how many in all, and the level. */
    public record RiskInsights(String level, List<GoalSummary> goals, long total, int page, int pageSize) {
        public boolean hasMore() {
            return (long) (page + 1) * pageSize < total;
        }
    }

    /**
     * Every open goal below 60 % confidence across the accounts the caller may see, in one statement joined with the
     * access module's filter: at the organisation level only milestone goals, at the people level any goal.
     */
    @Transactional(readOnly = true)
    public RiskInsights riskInsights(Actor actor, String level, int page) {
        access.require(actor, PracticePermission.VIEW_RISK_INSIGHTS);
        RiskLevel l = RiskLevel.parse(level);
        int p = Math.max(0, page);
        GoalRepository.Page<GoalSummary> rows = goals.atRisk(access.visible(actor), l == RiskLevel.ORGANISATION, RISK_PAGE, p * RISK_PAGE);
        return new RiskInsights(l.name().toLowerCase(Locale.ROOT), rows.items(), rows.total(), p, RISK_PAGE);
    }

    /** The caller's own goals in progress across the accounts they may see (the adviser's home). */
    @Transactional(readOnly = true)
    public List<GoalSummary> myGoals(Actor actor) {
        return goals.ownedInProgress(access.visible(actor), actor.userId(), 50);
    }

    // ------------------------------------------------------------------ helpers

    private GoalView view(Actor actor, GoalRow g, Set<Permission> p) {
        List<GoalView.ConfidencePoint> history = goals.history(g.id());
        boolean edit = p.contains(Permission.EDIT_GOALS);
        return new GoalView(g.id(), g.accountId(), g.accountName(), g.title(), g.description(), g.ownerId(), g.ownerName(), g.level(),
                g.milestone(), g.dueOn(), g.status(), g.confidence(), g.previousConfidence(),
                GoalRepository.trend(g.confidence(), g.previousConfidence()), GoalRepository.atRisk(g.confidence(), g.status()),
                goals.outcomes(g.id()), history, goals.channel(g.id()), chart(history), edit, edit && mayUpdateConfidence(actor, g, p), edit);
    }

    private static boolean mayUpdateConfidence(Actor actor, GoalRow g, Set<Permission> p) {
        return p.contains(Permission.EDIT_GOALS) && (g.ownerId() == actor.userId() || p.contains(Permission.ADMINISTER_WORKSPACE));
    }

    /** The confidence over time, as SVG coordinates in a 320 × 120 box (0 % at the bottom, 100 % at the top). */
    static GoalView.Chart chart(List<GoalView.ConfidencePoint> history) {
        int w = 320;
        int h = 120;
        int n = history.size();
        StringBuilder points = new StringBuilder();
        List<GoalView.Dot> dots = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int x = n == 1 ? w / 2 : 8 + i * (w - 16) / (n - 1);
            int y = 4 + (100 - history.get(i).confidence()) * (h - 8) / 100;
            points.append(i == 0 ? "" : " ").append(x).append(',').append(y);
            dots.add(new GoalView.Dot(x, y, history.get(i).confidence() + " %"));
        }
        return new GoalView.Chart(w, h, points.toString(), 4 + (100 - GoalRepository.RISK_BELOW) * (h - 8) / 100, dots);
    }

    private void checkPerson(long accountId, Long userId, String field, Map<String, String> errors) {
        if (userId == null || !access.mayWorkOn(userId, accountId)) {
            errors.put(field, "Choose a user of the account (or an adviser who works on it).");
        }
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    static String title(String title, Map<String, String> errors) {
        String t = title == null ? "" : title.trim();
        if (t.isEmpty()) {
            errors.put("title", "A title is required.");
        } else if (t.length() > 200) {
            errors.put("title", "At most 200 characters.");
        }
        return t;
    }

    static String text(String text, int max, String field, Map<String, String> errors) {
        if (blank(text)) {
            return null;
        }
        String t = text.trim();
        if (t.length() > max) {
            errors.put(field, "At most " + max + " characters.");
        }
        return t;
    }

    static LocalDate date(String text, String field, Map<String, String> errors) {
        if (blank(text)) {
            return null;
        }
        try {
            return LocalDate.parse(text.trim());
        } catch (DateTimeParseException e) {
            errors.put(field, "Use a date like 2027-03-31.");
            return null;
        }
    }

    static Integer confidence(String text, String field, Map<String, String> errors) {
        try {
            int v = Integer.parseInt(text == null ? "" : text.trim());
            if (v < 0 || v > 100) {
                errors.put(field, "Confidence is a whole number from 0 to 100.");
                return null;
            }
            return v;
        } catch (NumberFormatException e) {
            errors.put(field, "Confidence is a whole number from 0 to 100.");
            return null;
        }
    }

    static BigDecimal number(String text, String field, Map<String, String> errors) {
        if (blank(text)) {
            return null;
        }
        try {
            BigDecimal v = new BigDecimal(text.trim().replace(",", ""));
            if (v.abs().compareTo(new BigDecimal("1e15")) >= 0 || v.scale() > 2) {
                errors.put(field, "A number with at most 2 decimals, below 10^15.");
                return null;
            }
            return v;
        } catch (NumberFormatException e) {
            errors.put(field, "A number, like 1500 or 12.5.");
            return null;
        }
    }

    static <E extends Enum<E>> E parseEnum(Class<E> type, String text, E fallback, String field, Map<String, String> errors) {
        if (blank(text)) {
            return fallback;
        }
        try {
            return Enum.valueOf(type, text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            List<String> names = java.util.Arrays.stream(type.getEnumConstants()).map(Enum::name).toList();
            errors.put(field, "One of " + String.join(", ", names) + ".");
            return fallback;
        }
    }
}
