package com.atrium.engagement;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** The engagement tables (V130). Callers have already checked access; every read is by household. */
@Repository
class EngagementRepository {
    private final JdbcClient jdbc;

    EngagementRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    private long insert(JdbcClient.StatementSpec spec) {
        KeyHolder keys = new GeneratedKeyHolder();
        spec.update(keys, "id");
        return keys.getKey().longValue();
    }

    private static OffsetDateTime at(Instant i) {
        return i.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    // ------------------------------------------------------------------ Your Life

    long insertYourLife(long practiceId, long householdId, long personId, String personName, int score, List<String> goals,
                        Map<Dimension, Integer> ratings, long by, String byName, Instant at) {
        long id = insert(jdbc.sql("""
                        INSERT INTO engagement_your_life (practice_id, household_id, person_id, person_name, score, goals, completed_by,
                                                          completed_by_name, completed_at)
                        VALUES (:p, :h, :person, :name, :score, :goals, :by, :byName, :at)""")
                .param("p", practiceId).param("h", householdId).param("person", personId).param("name", personName).param("score", score)
                .param("goals", goals.isEmpty() ? null : String.join("\n", goals)).param("by", by).param("byName", byName).param("at", at(at)));
        for (Map.Entry<Dimension, Integer> r : ratings.entrySet()) {
            jdbc.sql("INSERT INTO engagement_your_life_rating (survey_id, dimension, rating) VALUES (:s, :d, :r)")
                    .param("s", id).param("d", r.getKey().name()).param("r", r.getValue()).update();
        }
        return id;
    }

    /** The household's surveys, newest first. */
    List<YourLifeView> yourLife(long householdId) {
        List<YourLifeView> surveys = jdbc.sql("""
                        SELECT id, person_id, person_name, score, goals, completed_at, completed_by_name FROM engagement_your_life
                        WHERE household_id = :h ORDER BY completed_at DESC, id DESC""")
                .param("h", householdId)
                .query((rs, i) -> new YourLifeView(rs.getLong("id"), nullableLong(rs, "person_id"), rs.getString("person_name"),
                        rs.getInt("score"), new ArrayList<>(), lines(rs.getString("goals")), instant(rs, "completed_at"),
                        rs.getString("completed_by_name")))
                .list();
        if (surveys.isEmpty()) {
            return surveys;
        }
        Map<Long, Map<Dimension, Integer>> ratings = new LinkedHashMap<>();
        jdbc.sql("""
                        SELECT r.survey_id, r.dimension, r.rating FROM engagement_your_life_rating r
                        JOIN engagement_your_life s ON s.id = r.survey_id WHERE s.household_id = :h""")
                .param("h", householdId)
                .query(rs -> {
                    ratings.computeIfAbsent(rs.getLong(1), k -> new LinkedHashMap<>()).put(Dimension.valueOf(rs.getString(2)), rs.getInt(3));
                });
        for (YourLifeView s : surveys) {
            Map<Dimension, Integer> r = ratings.getOrDefault(s.id(), Map.of());
            for (Dimension d : Dimension.values()) {
                if (r.containsKey(d)) {
                    s.dimensions().add(new YourLifeView.DimensionScore(d.name(), d.label(), r.get(d), r.get(d) * 10));
                }
            }
        }
        return surveys;
    }

    static List<String> lines(String text) {
        return text == null || text.isBlank() ? List.of() : Arrays.stream(text.split("\n")).filter(l -> !l.isBlank()).toList();
    }

    // ------------------------------------------------------------------ values sessions

    record Pick(long personId, String personName, int position, List<LifeValue> values) {
    }

    long insertValuesSession(long practiceId, long householdId, int progress, List<Pick> picks, long by, String byName, Instant at) {
        long id = insert(jdbc.sql("""
                        INSERT INTO engagement_values_session (practice_id, household_id, progress, saved_by, saved_by_name, saved_at)
                        VALUES (:p, :h, :progress, :by, :byName, :at)""")
                .param("p", practiceId).param("h", householdId).param("progress", progress).param("by", by).param("byName", byName)
                .param("at", at(at)));
        for (Pick pick : picks) {
            for (int rank = 1; rank <= pick.values().size(); rank++) {
                jdbc.sql("""
                                INSERT INTO engagement_value_pick (session_id, person_id, person_name, position, pick_rank, value_key)
                                VALUES (:s, :person, :name, :pos, :rank, :v)""")
                        .param("s", id).param("person", pick.personId()).param("name", pick.personName()).param("pos", pick.position())
                        .param("rank", rank).param("v", pick.values().get(rank - 1).name()).update();
            }
        }
        return id;
    }

    /** The household's values sessions, newest first, each person's values in order. */
    List<ValuesSessionView> valuesSessions(long householdId) {
        List<ValuesSessionView> sessions = jdbc.sql("""
                        SELECT id, progress, saved_at, saved_by_name FROM engagement_values_session WHERE household_id = :h
                        ORDER BY saved_at DESC, id DESC""")
                .param("h", householdId)
                .query((rs, i) -> new ValuesSessionView(rs.getLong("id"), rs.getInt("progress"), new ArrayList<>(), instant(rs, "saved_at"),
                        rs.getString("saved_by_name")))
                .list();
        if (sessions.isEmpty()) {
            return sessions;
        }
        Map<Long, Map<Integer, ValuesSessionView.PersonValues>> people = new LinkedHashMap<>();
        jdbc.sql("""
                        SELECT p.session_id, p.person_id, p.person_name, p.position, p.value_key FROM engagement_value_pick p
                        JOIN engagement_values_session s ON s.id = p.session_id WHERE s.household_id = :h
                        ORDER BY p.session_id, p.position, p.pick_rank""")
                .param("h", householdId)
                .query(rs -> {
                    LifeValue v = LifeValue.valueOf(rs.getString("value_key"));
                    ValuesSessionView.PersonValues pv = people.computeIfAbsent(rs.getLong("session_id"), k -> new LinkedHashMap<>())
                            .computeIfAbsent(rs.getInt("position"), k -> {
                                try {
                                    return new ValuesSessionView.PersonValues(nullableLong(rs, "person_id"), rs.getString("person_name"),
                                            new ArrayList<>(), new ArrayList<>());
                                } catch (SQLException e) {
                                    throw new IllegalStateException(e);
                                }
                            });
                    pv.values().add(v.name());
                    pv.labels().add(v.label());
                });
        for (ValuesSessionView s : sessions) {
            s.people().addAll(people.getOrDefault(s.id(), Map.of()).values());
        }
        return sessions;
    }

    // ------------------------------------------------------------------ investment preferences

    long insertPreferences(long practiceId, long householdId, long personId, String personName, Map<InvestmentQuestion, String> answers,
                           long by, String byName, Instant at) {
        long id = insert(jdbc.sql("""
                        INSERT INTO engagement_preferences (practice_id, household_id, person_id, person_name, completed_by, completed_by_name,
                                                            completed_at)
                        VALUES (:p, :h, :person, :name, :by, :byName, :at)""")
                .param("p", practiceId).param("h", householdId).param("person", personId).param("name", personName).param("by", by)
                .param("byName", byName).param("at", at(at)));
        for (Map.Entry<InvestmentQuestion, String> a : answers.entrySet()) {
            jdbc.sql("INSERT INTO engagement_preference_answer (preferences_id, question, answer) VALUES (:id, :q, :a)")
                    .param("id", id).param("q", a.getKey().name()).param("a", a.getValue()).update();
        }
        return id;
    }

    /** The household's completed preferences, newest first, answers in the questionnaire's order. */
    List<PreferencesView> preferences(long householdId) {
        List<PreferencesView> all = jdbc.sql("""
                        SELECT id, person_id, person_name, completed_at, completed_by_name FROM engagement_preferences
                        WHERE household_id = :h ORDER BY completed_at DESC, id DESC""")
                .param("h", householdId)
                .query((rs, i) -> new PreferencesView(rs.getLong("id"), nullableLong(rs, "person_id"), rs.getString("person_name"),
                        new ArrayList<>(), instant(rs, "completed_at"), rs.getString("completed_by_name")))
                .list();
        if (all.isEmpty()) {
            return all;
        }
        Map<Long, Map<InvestmentQuestion, String>> answers = new LinkedHashMap<>();
        jdbc.sql("""
                        SELECT a.preferences_id, a.question, a.answer FROM engagement_preference_answer a
                        JOIN engagement_preferences p ON p.id = a.preferences_id WHERE p.household_id = :h""")
                .param("h", householdId)
                .query(rs -> {
                    answers.computeIfAbsent(rs.getLong(1), k -> new LinkedHashMap<>()).put(InvestmentQuestion.valueOf(rs.getString(2)), rs.getString(3));
                });
        for (PreferencesView p : all) {
            Map<InvestmentQuestion, String> a = answers.getOrDefault(p.id(), Map.of());
            for (InvestmentQuestion q : InvestmentQuestion.values()) {
                if (a.containsKey(q)) {
                    p.answers().add(new PreferencesView.Answer(q.name(), q.question(), a.get(q), q.answerLabel(a.get(q)).orElse(a.get(q))));
                }
            }
        }
        return all;
    }

    // ------------------------------------------------------------------ notes

    long insertNote(long practiceId, long householdId, LocalDate date, String body, LocalDate followUp, long by, String byName, Instant at) {
        return insert(jdbc.sql("""
                        INSERT INTO engagement_note (practice_id, household_id, note_date, body, follow_up_on, author_id, author_name, created_at)
                        VALUES (:p, :h, :d, :b, :f, :by, :byName, :at)""")
                .param("p", practiceId).param("h", householdId).param("d", date).param("b", body).param("f", followUp).param("by", by)
                .param("byName", byName).param("at", at(at)));
    }

    /** Newest first: by the note's date, then by when it was written. */
    List<NoteView> notes(long householdId) {
        return jdbc.sql("""
                        SELECT id, note_date, body, follow_up_on, author_name, created_at FROM engagement_note WHERE household_id = :h
                        ORDER BY note_date DESC, created_at DESC, id DESC""")
                .param("h", householdId)
                .query((rs, i) -> new NoteView(rs.getLong("id"), rs.getObject("note_date", LocalDate.class), rs.getString("body"),
                        rs.getObject("follow_up_on", LocalDate.class), rs.getString("author_name"), instant(rs, "created_at")))
                .list();
    }

    Optional<NoteView> note(long householdId, long noteId) {
        return notes(householdId).stream().filter(n -> n.id() == noteId).findFirst();
    }
}
