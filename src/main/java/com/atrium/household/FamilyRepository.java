package com.atrium.household;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** SQL for the family structure: the household's people and the links between them. */
@Repository
class FamilyRepository {
    private final JdbcClient jdbc;

    FamilyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Person(long id, String firstName, String middleName, String lastName, LocalDate dateOfBirth, String email,
                  String mobile, Relationship relationship) {
    }

    Optional<PersonView> person(long householdId, long personId) {
        return jdbc.sql("SELECT * FROM person WHERE household_id = :h AND id = :id")
                .param("h", householdId).param("id", personId)
                .query((rs, i) -> new PersonView(rs.getLong("id"), Relationship.valueOf(rs.getString("relationship")),
                        rs.getString("first_name"), rs.getString("middle_name"), rs.getString("last_name"),
                        rs.getObject("date_of_birth", LocalDate.class), rs.getString("email"), rs.getString("mobile")))
                .optional();
    }

    long insert(long practiceId, long householdId, Person p) {
        int position = jdbc.sql("SELECT COALESCE(MAX(position), -1) + 1 FROM person WHERE household_id = :h")
                .param("h", householdId).query(Integer.class).single();
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                        INSERT INTO person (practice_id, household_id, position, relationship, holder_marker, first_name, middle_name,
                                            last_name, date_of_birth, email, mobile)
                        VALUES (:pr, :h, :pos, :rel, :marker, :f, :m, :l, :dob, :e, :mob)""")
                .param("pr", practiceId).param("h", householdId).param("pos", position)
                .param("rel", p.relationship().name()).param("marker", marker(p.relationship()))
                .param("f", p.firstName()).param("m", p.middleName()).param("l", p.lastName())
                .param("dob", p.dateOfBirth()).param("e", p.email()).param("mob", p.mobile())
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    void update(long householdId, Person p) {
        jdbc.sql("""
                        UPDATE person SET relationship = :rel, holder_marker = :marker, first_name = :f, middle_name = :m,
                               last_name = :l, date_of_birth = :dob, email = :e, mobile = :mob, version = version + 1
                        WHERE household_id = :h AND id = :id""")
                .param("rel", p.relationship().name()).param("marker", marker(p.relationship()))
                .param("f", p.firstName()).param("m", p.middleName()).param("l", p.lastName())
                .param("dob", p.dateOfBirth()).param("e", p.email()).param("mob", p.mobile())
                .param("h", householdId).param("id", p.id())
                .update();
    }

    void setRelationship(long householdId, long personId, Relationship relationship) {
        jdbc.sql("UPDATE person SET relationship = :rel, holder_marker = :marker, version = version + 1 WHERE household_id = :h AND id = :id")
                .param("rel", relationship.name()).param("marker", marker(relationship)).param("h", householdId).param("id", personId)
                .update();
    }

    int delete(long householdId, long personId) {
        return jdbc.sql("DELETE FROM person WHERE household_id = :h AND id = :id").param("h", householdId).param("id", personId).update();
    }

    List<PersonLinkView> links(long householdId) {
        Map<Long, String> names = names(householdId);
        return jdbc.sql("SELECT id, kind, from_person_id, to_person_id FROM person_link WHERE household_id = :h ORDER BY id")
                .param("h", householdId)
                .query((rs, i) -> PersonLinkView.of(rs.getLong("id"), LinkKind.valueOf(rs.getString("kind")),
                        rs.getLong("from_person_id"), names.get(rs.getLong("from_person_id")),
                        rs.getLong("to_person_id"), names.get(rs.getLong("to_person_id"))))
                .list();
    }

    long insertLink(long practiceId, long householdId, long from, long to, LinkKind kind, OffsetDateTime at) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                        INSERT INTO person_link (practice_id, household_id, from_person_id, to_person_id, kind, created_at)
                        VALUES (:pr, :h, :f, :t, :k, :at)""")
                .param("pr", practiceId).param("h", householdId).param("f", from).param("t", to).param("k", kind.name()).param("at", at)
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    int deleteLink(long householdId, long linkId) {
        return jdbc.sql("DELETE FROM person_link WHERE household_id = :h AND id = :id").param("h", householdId).param("id", linkId).update();
    }

    void deleteLinks(long householdId) {
        jdbc.sql("DELETE FROM person_link WHERE household_id = :h").param("h", householdId).update();
    }

    private Map<Long, String> names(long householdId) {
        return jdbc.sql("SELECT * FROM person WHERE household_id = :h")
                .param("h", householdId)
                .query((rs, i) -> new PersonView(rs.getLong("id"), Relationship.valueOf(rs.getString("relationship")),
                        rs.getString("first_name"), rs.getString("middle_name"), rs.getString("last_name"), null, null, null))
                .list().stream().collect(Collectors.toMap(PersonView::id, PersonView::name, (a, b) -> a));
    }

    static Boolean marker(Relationship r) {
        return r == Relationship.HOLDER ? Boolean.TRUE : null;
    }

    static <T> Map<Long, T> byId(List<T> items, Function<T, Long> id) {
        return items.stream().collect(Collectors.toMap(id, Function.identity()));
    }
}
