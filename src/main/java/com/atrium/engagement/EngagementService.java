package com.atrium.engagement;

import com.atrium.access.AccessService;
import com.atrium.access.GrantSubject;
import com.atrium.access.OutsiderGrant;
import com.atrium.access.Permission;
import com.atrium.audit.AuditRecord;
import com.atrium.audit.AuditTrail;
import com.atrium.household.ClientView;
import com.atrium.household.HouseholdService;
import com.atrium.household.Relationship;
import com.atrium.shared.Actor;
import com.atrium.shared.ConflictException;
import com.atrium.shared.ForbiddenException;
import com.atrium.shared.InvalidInputException;
import com.atrium.shared.NotFoundException;
import com.atrium.shared.UserType;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The engagement module's API. Every call asks the access module first: {@code VIEW_ENGAGEMENT} to see results,
 * {@code COMPLETE_SURVEYS} to answer the Your Life survey and the investment preferences, {@code RUN_VALUES_SESSION}
 * for a values session, {@code EXPORT_PLAN} for the PDF, {@code MANAGE_NOTES} for client notes (404 when the client is
 * not visible, 403 with the reason otherwise). Outsiders (holders and co-holders in the portal) always answer for
 * themselves: the person of their grant. Each completion and export publishes a {@link ClientInteractionRecorded} in
 * its transaction.
 */
@Service
public class EngagementService {
    static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);
    static final Set<Relationship> PARTICIPANTS = Set.of(Relationship.HOLDER, Relationship.CO_HOLDER, Relationship.SPOUSE);
    static final int MAX_GOALS = 10;
    static final int MAX_GOAL_LENGTH = 300;
    static final int MAX_NOTE_LENGTH = 8000;

    private final AccessService access;
    private final HouseholdService households;
    private final EngagementRepository repo;
    private final AuditTrail trail;
    private final ApplicationEventPublisher events;
    private final PdfRenderer pdf;
    private final Clock clock;

    EngagementService(AccessService access, HouseholdService households, EngagementRepository repo, AuditTrail trail,
                      ApplicationEventPublisher events, PdfRenderer pdf, Clock clock) {
        this.access = access;
        this.households = households;
        this.repo = repo;
        this.trail = trail;
        this.events = events;
        this.pdf = pdf;
        this.clock = clock;
    }

    // ------------------------------------------------------------------ the page

    /** Everything the engagement tab shows, with what the viewer may do. */
    @Transactional(readOnly = true)
    public EngagementView overview(Actor actor, long clientId) {
        access.require(actor, Permission.VIEW_ENGAGEMENT, clientId);
        ClientView client = households.get(actor, clientId);
        List<Participant> people = participants(client);
        Optional<Long> own = ownPerson(actor, clientId);
        List<YourLifeView> surveys = repo.yourLife(clientId);
        List<ValuesSessionView> sessions = repo.valuesSessions(clientId);
        List<PreferencesView> prefs = repo.preferences(clientId);
        if (own.isPresent()) {
            // in the portal a holder sees their own answers, not their partner's
            surveys = surveys.stream().filter(s -> own.get().equals(s.personId())).toList();
            prefs = prefs.stream().filter(p -> own.get().equals(p.personId())).toList();
        }
        return new EngagementView(client, people, latestPerPerson(surveys, YourLifeView::personId),
                sessions.isEmpty() ? null : sessions.get(0), latestPerPerson(prefs, PreferencesView::personId), surveys.size(),
                client.can("COMPLETE_SURVEYS"), client.can("RUN_VALUES_SESSION"), client.can("EXPORT_PLAN") && !prefs.isEmpty(),
                own.orElse(null));
    }

    static <T> List<T> latestPerPerson(List<T> newestFirst, java.util.function.Function<T, Long> person) {
        Set<Object> seen = new HashSet<>();
        List<T> out = new ArrayList<>();
        for (T t : newestFirst) {
            Object key = person.apply(t) == null ? t : person.apply(t);
            if (seen.add(key)) {
                out.add(t);
            }
        }
        return out;
    }

    /** The holder, co-holders and spouse or partner of the file: who takes part. */
    static List<Participant> participants(ClientView client) {
        return client.people().stream().filter(p -> PARTICIPANTS.contains(p.relationship()))
                .map(p -> new Participant(p.id(), p.name(), p.relationshipLabel())).toList();
    }

    /** For an outsider, the person of their grant (a holder or co-holder); empty for staff. */
    private Optional<Long> ownPerson(Actor actor, long clientId) {
        if (actor.type() != UserType.OUTSIDER) {
            return Optional.empty();
        }
        OutsiderGrant g = access.grantOf(actor, clientId).orElseThrow(() -> new NotFoundException("Client"));
        if (g.subject() != GrantSubject.FAMILY || !g.holder()) {
            throw new ForbiddenException("Only holders and co-holders answer these questionnaires, each for themselves.");
        }
        return Optional.of(g.subjectId());
    }

    /** Whose answers these are: the outsider's own person, or the participant staff named. */
    private Participant whose(Actor actor, long clientId, ClientView client, Long personId) {
        List<Participant> people = participants(client);
        Optional<Long> own = ownPerson(actor, clientId);
        if (own.isPresent()) {
            if (personId != null && !personId.equals(own.get())) {
                throw new ForbiddenException("In the portal you answer for yourself only.");
            }
            return people.stream().filter(p -> p.id() == own.get()).findFirst()
                    .orElseThrow(() -> new ForbiddenException("Only holders and co-holders answer these questionnaires."));
        }
        if (personId == null) {
            throw new InvalidInputException("personId", "Choose whose answers these are.");
        }
        return people.stream().filter(p -> p.id() == personId).findFirst()
                .orElseThrow(() -> new InvalidInputException("personId", "Choose the holder, a co-holder or the partner of this file."));
    }

    // ------------------------------------------------------------------ Your Life

    @Transactional(readOnly = true)
    public List<YourLifeView> yourLife(Actor actor, long clientId) {
        access.require(actor, Permission.VIEW_ENGAGEMENT, clientId);
        Optional<Long> own = ownPerson(actor, clientId);
        return repo.yourLife(clientId).stream().filter(s -> own.isEmpty() || own.get().equals(s.personId())).toList();
    }

    /** Saves a completed survey: every dimension rated 0-10 (all errors at once), goals optional; the score is the mean in %. */
    @Transactional
    public YourLifeView completeYourLife(Actor actor, long clientId, YourLifeForm form) {
        access.require(actor, Permission.COMPLETE_SURVEYS, clientId);
        ClientView client = households.get(actor, clientId);
        Map<String, String> errors = new LinkedHashMap<>();
        Participant person = null;
        try {
            person = whose(actor, clientId, client, form.personId());
        } catch (InvalidInputException e) {
            errors.putAll(e.fieldErrors());
        }
        Map<String, Integer> given = form.ratings() == null ? Map.of() : form.ratings();
        Map<Dimension, Integer> ratings = new EnumMap<>(Dimension.class);
        for (String key : given.keySet()) {
            if (key == null || java.util.Arrays.stream(Dimension.values()).noneMatch(d -> d.name().equals(key))) {
                errors.put("ratings", "Rate only these dimensions: " + java.util.Arrays.stream(Dimension.values()).map(Dimension::name)
                        .collect(Collectors.joining(", ")) + ".");
            }
        }
        for (Dimension d : Dimension.values()) {
            Integer r = given.get(d.name());
            if (r == null || r < 0 || r > 10) {
                errors.put("ratings." + d.name(), "Rate " + d.label().toLowerCase(Locale.ENGLISH) + " from 0 to 10.");
            } else {
                ratings.put(d, r);
            }
        }
        List<String> goals = new ArrayList<>();
        if (form.goals() != null) {
            for (String g : form.goals()) {
                if (g != null && !g.isBlank()) {
                    goals.add(g.strip());
                }
            }
        }
        if (goals.size() > MAX_GOALS) {
            errors.put("goals", "Name at most " + MAX_GOALS + " goals.");
        }
        if (goals.stream().anyMatch(g -> g.length() > MAX_GOAL_LENGTH)) {
            errors.put("goals", "Keep each goal under " + MAX_GOAL_LENGTH + " characters.");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException("The survey is not complete; nothing was saved.", errors);
        }
        int score = (int) Math.round(ratings.values().stream().mapToInt(r -> r * 10).average().orElse(0));
        Instant now = clock.instant();
        long id = repo.insertYourLife(actor.practiceId(), clientId, person.id(), person.name(), score, goals, ratings, actor.userId(),
                actor.name(), now);
        YourLifeView view = repo.yourLife(clientId).stream().filter(s -> s.id() == id).findFirst().orElseThrow();
        trail.record(AuditRecord.of(actor.practiceId(), actor.userId(), "YOUR_LIFE_COMPLETED").client(clientId)
                .change(null, "Your Life survey of " + person.name() + ": score " + score + " %"));
        events.publishEvent(new ClientInteractionRecorded(actor.practiceId(), clientId, ClientInteractionRecorded.Kind.YOUR_LIFE_COMPLETED,
                id, "Completed Your Life Survey " + person.name(), FileNotes.yourLife(view), null, null, actor.userId()));
        return view;
    }

    // ------------------------------------------------------------------ values sessions

    @Transactional(readOnly = true)
    public List<ValuesSessionView> valuesSessions(Actor actor, long clientId) {
        access.require(actor, Permission.VIEW_ENGAGEMENT, clientId);
        return repo.valuesSessions(clientId);
    }

    /**
     * Saves a values session: for each participant taking part, up to five different values from the list, most
     * important first. Progress = values chosen / (5 x people in the session), in %.
     */
    @Transactional
    public ValuesSessionView saveValuesSession(Actor actor, long clientId, ValuesSessionForm form) {
        access.require(actor, Permission.RUN_VALUES_SESSION, clientId);
        ClientView client = households.get(actor, clientId);
        List<Participant> people = participants(client);
        Map<String, String> errors = new LinkedHashMap<>();
        List<EngagementRepository.Pick> picks = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        List<ValuesSessionForm.PersonValues> given = form.people() == null ? List.of() : form.people();
        for (int i = 0; i < given.size(); i++) {
            ValuesSessionForm.PersonValues pv = given.get(i);
            if (pv == null) {
                continue;
            }
            String field = "people[" + i + "]";
            Optional<Participant> person = pv.personId() == null ? Optional.empty()
                    : people.stream().filter(p -> p.id() == pv.personId()).findFirst();
            if (person.isEmpty()) {
                errors.put(field + ".personId", "Choose the holder, a co-holder or the partner of this file.");
                continue;
            }
            if (!seen.add(person.get().id())) {
                errors.put(field + ".personId", person.get().name() + " is in the session twice.");
                continue;
            }
            List<LifeValue> values = new ArrayList<>();
            for (String v : pv.values() == null ? List.<String>of() : pv.values()) {
                if (v == null || v.isBlank()) {
                    continue;
                }
                Optional<LifeValue> value = java.util.Arrays.stream(LifeValue.values()).filter(l -> l.name().equals(v.strip())).findFirst();
                if (value.isEmpty()) {
                    errors.put(field + ".values", "Choose " + person.get().name() + "'s values from the list.");
                } else if (values.contains(value.get())) {
                    errors.put(field + ".values", person.get().name() + " chose " + value.get().label() + " twice: choose five different values.");
                } else {
                    values.add(value.get());
                }
            }
            if (values.size() > LifeValue.TOP) {
                errors.put(field + ".values", "Choose at most " + LifeValue.TOP + " values for " + person.get().name() + ".");
            }
            picks.add(new EngagementRepository.Pick(person.get().id(), person.get().name(), picks.size(), values));
        }
        if (errors.isEmpty() && (picks.isEmpty() || picks.stream().allMatch(p -> p.values().isEmpty()))) {
            errors.put("people", "Choose at least one value for someone.");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException("The values session was not saved.", errors);
        }
        int chosen = picks.stream().mapToInt(p -> p.values().size()).sum();
        int progress = (int) Math.round(100.0 * chosen / (LifeValue.TOP * picks.size()));
        long id = repo.insertValuesSession(actor.practiceId(), clientId, progress, picks, actor.userId(), actor.name(), clock.instant());
        ValuesSessionView view = repo.valuesSessions(clientId).stream().filter(s -> s.id() == id).findFirst().orElseThrow();
        String names = picks.stream().map(EngagementRepository.Pick::personName).collect(Collectors.joining(" and "));
        trail.record(AuditRecord.of(actor.practiceId(), actor.userId(), "VALUES_SESSION_SAVED").client(clientId)
                .change(null, "Values session for " + names + ": progress " + progress + " %"));
        events.publishEvent(new ClientInteractionRecorded(actor.practiceId(), clientId, ClientInteractionRecorded.Kind.VALUES_SESSION_SAVED,
                id, "Completed Values Session for " + names, FileNotes.values(view), null, null, actor.userId()));
        return view;
    }

    // ------------------------------------------------------------------ investment preferences

    @Transactional(readOnly = true)
    public List<PreferencesView> preferences(Actor actor, long clientId) {
        access.require(actor, Permission.VIEW_ENGAGEMENT, clientId);
        Optional<Long> own = ownPerson(actor, clientId);
        return repo.preferences(clientId).stream().filter(p -> own.isEmpty() || own.get().equals(p.personId())).toList();
    }

    /** Saves completed investment preferences: every question answered with one of its answers (all errors at once). */
    @Transactional
    public PreferencesView completePreferences(Actor actor, long clientId, PreferencesForm form) {
        access.require(actor, Permission.COMPLETE_SURVEYS, clientId);
        ClientView client = households.get(actor, clientId);
        Map<String, String> errors = new LinkedHashMap<>();
        Participant person = null;
        try {
            person = whose(actor, clientId, client, form.personId());
        } catch (InvalidInputException e) {
            errors.putAll(e.fieldErrors());
        }
        Map<String, String> given = form.answers() == null ? Map.of() : form.answers();
        Map<InvestmentQuestion, String> answers = new EnumMap<>(InvestmentQuestion.class);
        for (String key : given.keySet()) {
            if (key == null || java.util.Arrays.stream(InvestmentQuestion.values()).noneMatch(q -> q.name().equals(key))) {
                errors.put("answers", "Answer only the questions of the questionnaire.");
            }
        }
        for (InvestmentQuestion q : InvestmentQuestion.values()) {
            String a = given.get(q.name());
            if (a == null || a.isBlank()) {
                errors.put("answers." + q.name(), "Answer \u201c" + q.question() + "\u201d");
            } else if (!q.answers().containsKey(a.strip())) {
                errors.put("answers." + q.name(), "Choose one of the answers to \u201c" + q.question() + "\u201d");
            } else {
                answers.put(q, a.strip());
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException("The investment preferences are not complete; nothing was saved.", errors);
        }
        long id = repo.insertPreferences(actor.practiceId(), clientId, person.id(), person.name(), answers, actor.userId(), actor.name(),
                clock.instant());
        PreferencesView view = repo.preferences(clientId).stream().filter(p -> p.id() == id).findFirst().orElseThrow();
        trail.record(AuditRecord.of(actor.practiceId(), actor.userId(), "PREFERENCES_COMPLETED").client(clientId)
                .change(null, "Investment preferences of " + person.name()));
        events.publishEvent(new ClientInteractionRecorded(actor.practiceId(), clientId, ClientInteractionRecorded.Kind.PREFERENCES_COMPLETED,
                id, "Completed Your Investment Preferences for " + person.name(), FileNotes.preferences(view), null, null, actor.userId()));
        return view;
    }

    /** A PDF file to download. */
    public record Pdf(String fileName, byte[] content) {
    }

    /**
     * The investment preferences PDF: each participant's latest answers. 409 when nobody has completed them yet. The
     * export is audited and file-noted (with the PDF) like the plan export.
     */
    @Transactional
    public Pdf exportPreferences(Actor actor, long clientId) {
        access.require(actor, Permission.EXPORT_PLAN, clientId);
        ClientView client = households.get(actor, clientId);
        List<PreferencesView> latest = latestPerPerson(repo.preferences(clientId), PreferencesView::personId);
        if (latest.isEmpty()) {
            throw new ConflictException("Nobody has completed the investment preferences of this file yet.");
        }
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("client", client);
        model.put("preferences", latest);
        model.put("preparedOn", DAY.format(LocalDate.now(clock)));
        byte[] content = pdf.pdf("engagement/preferences-pdf", model);
        String slug = FileNotes.slug(client.displayName());
        String fileName = "investment-preferences" + (slug.isEmpty() ? "" : "-" + slug) + ".pdf";
        long auditId = trail.record(AuditRecord.of(actor.practiceId(), actor.userId(), "PREFERENCES_EXPORTED").client(clientId)
                .change(null, "Investment preferences exported as PDF (" + fileName + ")"));
        events.publishEvent(new ClientInteractionRecorded(actor.practiceId(), clientId, ClientInteractionRecorded.Kind.PREFERENCES_EXPORTED,
                auditId, "Investment Preferences Created", "", fileName, content, actor.userId()));
        return new Pdf(fileName, content);
    }

    // ------------------------------------------------------------------ notes

    @Transactional(readOnly = true)
    public List<NoteView> notes(Actor actor, long clientId) {
        access.require(actor, Permission.MANAGE_NOTES, clientId);
        return repo.notes(clientId);
    }

    /** The client file as the Notes tab's header shows it (MANAGE_NOTES). */
    @Transactional(readOnly = true)
    public ClientView notesPage(Actor actor, long clientId) {
        access.require(actor, Permission.MANAGE_NOTES, clientId);
        return households.get(actor, clientId);
    }

    public LocalDate today() {
        return LocalDate.now(clock);
    }

    /** Checks a note without saving it: every error at once ({@link InvalidInputException}). */
    void validateNote(Actor actor, long clientId, NoteForm form) {
        access.require(actor, Permission.MANAGE_NOTES, clientId);
        Map<String, String> errors = new LinkedHashMap<>();
        String body = form.body() == null ? "" : form.body().strip();
        if (body.isEmpty()) {
            errors.put("body", "Write the note.");
        } else if (body.length() > MAX_NOTE_LENGTH) {
            errors.put("body", "Keep the note under " + MAX_NOTE_LENGTH + " characters.");
        }
        LocalDate date = form.date() == null ? LocalDate.now(clock) : form.date();
        if (form.followUpOn() != null && form.followUpOn().isBefore(date)) {
            errors.put("followUpOn", "The follow-up cannot be before the note's date.");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException("The note was not saved.", errors);
        }
    }

    @Transactional
    public NoteView addNote(Actor actor, long clientId, NoteForm form) {
        validateNote(actor, clientId, form);
        LocalDate date = form.date() == null ? LocalDate.now(clock) : form.date();
        long id = repo.insertNote(actor.practiceId(), clientId, date, form.body().strip(), form.followUpOn(), actor.userId(), actor.name(),
                clock.instant());
        trail.record(AuditRecord.of(actor.practiceId(), actor.userId(), "CLIENT_NOTE_ADDED").client(clientId)
                .change(null, "Note of " + DAY.format(date)));
        return repo.note(clientId, id).orElseThrow();
    }

    /**
     * Sends a client note to the CRM as a file note (the seed cannot; Atrium can): queued for every connected CRM holding
     * the client. Sending the same note again queues nothing more (one file note per note and CRM).
     */
    @Transactional
    public NoteView sendNoteToCrm(Actor actor, long clientId, long noteId) {
        access.require(actor, Permission.MANAGE_NOTES, clientId);
        NoteView note = repo.note(clientId, noteId).orElseThrow(() -> new NotFoundException("Note"));
        trail.record(AuditRecord.of(actor.practiceId(), actor.userId(), "CLIENT_NOTE_SENT").client(clientId)
                .change(null, "Note of " + DAY.format(note.date()) + " sent to the CRM"));
        events.publishEvent(new ClientInteractionRecorded(actor.practiceId(), clientId, ClientInteractionRecorded.Kind.CLIENT_NOTE_SENT,
                noteId, "Client note of " + DAY.format(note.date()), FileNotes.note(note), null, null, actor.userId()));
        return note;
    }
}
