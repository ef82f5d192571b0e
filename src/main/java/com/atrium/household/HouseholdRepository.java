package com.atrium.household;

import com.atrium.access.ClientFilter;
import com.atrium.access.ClientRows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** SQL for households. Lists always carry the access module's filter in the same query. */
@Repository
class HouseholdRepository {
    private final JdbcClient jdbc;

    private final org.springframework.jdbc.core.JdbcTemplate jdbcTemplate;

    HouseholdRepository(JdbcClient jdbc, org.springframework.jdbc.core.JdbcTemplate jdbcTemplate) {
        this.jdbc = jdbc;
        this.jdbcTemplate = jdbcTemplate;
    }

    record HouseholdRow(long id, long practiceId, String displayName, ClientStatus status, long primaryProfessionalId,
                        long createdBy, java.time.Instant createdAt, Long secondaryProfessionalId) {
    }

    java.util.Map<Long, String> displayNames(long practiceId, java.util.Collection<Long> ids) {
        java.util.Map<Long, String> names = new java.util.HashMap<>();
        if (ids.isEmpty()) {
            return names;
        }
        jdbc.sql("SELECT id, display_name FROM household WHERE practice_id = :p AND id IN (:ids)")
                .param("p", practiceId).param("ids", ids)
                .query((rs, i) -> names.put(rs.getLong(1), rs.getString(2))).list();
        return names;
    }

    long insert(long practiceId, String displayName, String searchText, ClientStatus status, long primaryId, long createdBy,
                OffsetDateTime now) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                        INSERT INTO household (practice_id, display_name, sort_name, search_text, status, primary_professional_id,
                                               created_by, created_at)
                        VALUES (:p, :n, :s, :q, :st, :pr, :by, :at)""")
                .param("p", practiceId).param("n", displayName).param("s", sortKey(displayName)).param("q", searchText)
                .param("st", status.name()).param("pr", primaryId).param("by", createdBy).param("at", now)
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    record NewHousehold(String displayName, String searchText, ClientStatus status, long primaryId) {
    }

    record NewPerson(long householdId, int position, PersonForm form, String email, String mobile) {
    }

    /** {@link #insert} for many households, as one JDBC batch; their ids in order. */
    long[] insertAll(long practiceId, List<NewHousehold> rows, long createdBy, OffsetDateTime now) {
        List<Object[]> params = rows.stream().map(h -> new Object[] {practiceId, h.displayName(), sortKey(h.displayName()), h.searchText(),
                h.status().name(), h.primaryId(), createdBy, now}).toList();
        return com.atrium.shared.JdbcBatches.insertReturningIds(jdbc(), """
                INSERT INTO household (practice_id, display_name, sort_name, search_text, status, primary_professional_id,
                                       created_by, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""", params);
    }

    /** {@link #insertPerson} for many people, as one JDBC batch; their ids in order. */
    long[] insertPeople(long practiceId, List<NewPerson> rows) {
        List<Object[]> params = rows.stream().map(r -> {
            Relationship rel = effectiveRelationship(r.form(), r.position());
            return new Object[] {practiceId, r.householdId(), r.position(), rel.name(), FamilyRepository.marker(rel),
                    r.form().firstName().trim(), blankToNull(r.form().middleName()), r.form().lastName().trim(), r.form().dateOfBirth(),
                    r.email(), r.mobile()};
        }).toList();
        return com.atrium.shared.JdbcBatches.insertReturningIds(jdbc(), """
                INSERT INTO person (practice_id, household_id, position, relationship, holder_marker, first_name, middle_name,
                                    last_name, date_of_birth, email, mobile)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", params);
    }

    private org.springframework.jdbc.core.JdbcOperations jdbc() {
        return jdbcTemplate;
    }

    long insertPerson(long practiceId, long householdId, int position, PersonForm p, String email, String mobile) {
        var keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.sql("""
                        INSERT INTO person (practice_id, household_id, position, relationship, holder_marker, first_name, middle_name,
                                            last_name, date_of_birth, email, mobile)
                        VALUES (:pr, :h, :pos, :rel, :marker, :f, :m, :l, :dob, :e, :mob)""")
                .param("pr", practiceId).param("h", householdId).param("pos", position)
                .param("rel", effectiveRelationship(p, position).name())
                .param("marker", FamilyRepository.marker(effectiveRelationship(p, position)))
                .param("f", p.firstName().trim()).param("m", blankToNull(p.middleName())).param("l", p.lastName().trim())
                .param("dob", p.dateOfBirth()).param("e", email).param("mob", mobile)
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    /** The relationship a new person gets: as entered, else holder for the first person and "other" for the rest. */
    static Relationship effectiveRelationship(PersonForm p, int position) {
        return p.relationship() != null ? p.relationship() : position == 0 ? Relationship.HOLDER : Relationship.OTHER;
    }

    /** The household if (and only if) the filter lets the actor see it: load through the parent, authorized. */
    Optional<HouseholdRow> findVisible(ClientFilter filter, long id) {
        return jdbc.sql("SELECT h.* FROM household h WHERE h.id = :id AND " + filter.predicate())
                .params(filter.params()).param("id", id)
                .query(HouseholdRepository::row).optional();
    }

    /** Lock the household row for a change that must not interleave (primary hand-over, team changes). */
    Optional<HouseholdRow> lock(long practiceId, long id) {
        return jdbc.sql("SELECT h.* FROM household h WHERE h.id = :id AND h.practice_id = :p FOR UPDATE")
                .param("id", id).param("p", practiceId)
                .query(HouseholdRepository::row).optional();
    }

    /** Locks the practice's households among {@code ids} in id order (so two bulk hand-overs cannot deadlock). */
    java.util.List<HouseholdRow> lockAll(long practiceId, java.util.Collection<Long> ids) {
        if (ids.isEmpty()) {
            return java.util.List.of();
        }
        return jdbc.sql("SELECT h.* FROM household h WHERE h.practice_id = :p AND h.id IN (:ids) ORDER BY h.id FOR UPDATE")
                .param("p", practiceId).param("ids", ids).query(HouseholdRepository::row).list();
    }

    /** The ids of the practice's households whose primary professional is {@code userId}, in id order. */
    java.util.List<Long> idsWithPrimary(long practiceId, long userId) {
        return jdbc.sql("SELECT id FROM household WHERE practice_id = :p AND primary_professional_id = :u ORDER BY id")
                .param("p", practiceId).param("u", userId).query(Long.class).list();
    }

    Optional<HouseholdRow> find(long practiceId, long id) {
        return jdbc.sql("SELECT h.* FROM household h WHERE h.id = :id AND h.practice_id = :p")
                .param("id", id).param("p", practiceId)
                .query(HouseholdRepository::row).optional();
    }

    List<HouseholdRow> page(ClientFilter filter, String query, long offset, int limit) {
        return jdbc.sql("SELECT h.* FROM household h WHERE " + filter.predicate() + searchClause(query)
                        + " ORDER BY h.sort_name, h.id LIMIT :limit OFFSET :offset")
                .params(filter.params()).params(searchParams(query)).param("limit", limit).param("offset", offset)
                .query(HouseholdRepository::row).list();
    }

    /** One list row: the client, its primary's name and its workgroup, as one statement returns them. */
    record ListRow(long id, String displayName, ClientStatus status, long primaryProfessionalId, String primaryName, Long workgroupId,
                   String workgroupDescription) {
    }

    record ListPage(List<ListRow> rows, long total) {
    }

    /**
     * A page of visible clients and their total in ONE statement (one round trip): the access module's rows
     * (the visibility index, or the practice for managers) are counted and paged by name, the page joined to
     * household by primary key, the primary's name and the workgroup taken by the fragments their modules supply.
     */
    ListPage listPage(ClientRows visible, String primaryNameSql, String[] workgroupSql, long offset, int limit) {
        List<Object[]> raw = jdbc.sql(visible.pageSql(", h.id, h.display_name, h.status, h.primary_professional_id, "
                        + primaryNameSql + " AS primary_name, " + workgroupSql[0] + " AS wg_id, " + workgroupSql[1] + " AS wg_description",
                        "LEFT JOIN household h ON h.id = pg.client_id"))
                .params(visible.params()).param("acc_limit", limit).param("acc_offset", offset)
                .query((rs, i) -> {
                    long total = rs.getLong("total");
                    long id = rs.getLong("id");
                    if (rs.wasNull()) {
                        return new Object[] {total, null};
                    }
                    long wg = rs.getLong("wg_id");
                    Long wgId = rs.wasNull() ? null : wg;
                    return new Object[] {total, new ListRow(id, rs.getString("display_name"), ClientStatus.valueOf(rs.getString("status")),
                            rs.getLong("primary_professional_id"), rs.getString("primary_name"), wgId, rs.getString("wg_description"))};
                })
                .list();
        long total = raw.isEmpty() ? 0 : (Long) raw.get(0)[0];
        List<ListRow> rows = raw.stream().filter(r -> r[1] != null).map(r -> (ListRow) r[1]).toList();
        return new ListPage(rows, total);
    }

    long count(ClientFilter filter, String query) {
        return jdbc.sql("SELECT COUNT(*) FROM household h WHERE " + filter.predicate() + searchClause(query))
                .params(filter.params()).params(searchParams(query))
                .query(Long.class).single();
    }

    /** The primary professional and people of these households the filter lets through (one statement), by household. */
    Map<Long, HouseholdService.SyncState> syncStates(ClientFilter filter, java.util.Collection<Long> ids) {
        Map<Long, HouseholdService.SyncState> out = new java.util.LinkedHashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        jdbc.sql("SELECT h.id AS hid, h.primary_professional_id, p.* FROM household h JOIN person p ON p.household_id = h.id"
                        + " WHERE h.id IN (:ids) AND " + filter.predicate() + " ORDER BY h.id, p.position")
                .param("ids", ids).params(filter.params())
                .query(rs -> {
                    long hid = rs.getLong("hid");
                    long primary = rs.getLong("primary_professional_id");
                    HouseholdService.SyncState st = out.computeIfAbsent(hid, k -> new HouseholdService.SyncState(k, primary,
                            new java.util.ArrayList<>()));
                    st.people().add(new PersonView(rs.getLong("id"), Relationship.valueOf(rs.getString("relationship")),
                            rs.getString("first_name"), rs.getString("middle_name"), rs.getString("last_name"),
                            rs.getObject("date_of_birth", LocalDate.class), rs.getString("email"), rs.getString("mobile")));
                });
        return out;
    }

    List<PersonView> people(long householdId) {
        return jdbc.sql("SELECT * FROM person WHERE household_id = :h ORDER BY position")
                .param("h", householdId)
                .query((rs, i) -> new PersonView(rs.getLong("id"), Relationship.valueOf(rs.getString("relationship")),
                        rs.getString("first_name"), rs.getString("middle_name"), rs.getString("last_name"),
                        rs.getObject("date_of_birth", LocalDate.class), rs.getString("email"), rs.getString("mobile")))
                .list();
    }

    /** The people of visible households whose email is one of {@code emails} (normalised), with their household. */
    List<PersonMatch> personsByEmail(ClientFilter filter, java.util.Collection<String> emails) {
        if (emails.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT p.id, p.household_id, p.first_name, p.last_name, p.email FROM person p JOIN household h ON h.id = p.household_id"
                        + " WHERE p.email IN (:emails) AND " + filter.predicate() + " ORDER BY p.household_id, p.position")
                .param("emails", emails).params(filter.params())
                .query((rs, i) -> new PersonMatch(rs.getLong("household_id"), rs.getLong("id"), rs.getString("first_name"),
                        rs.getString("last_name"), rs.getString("email")))
                .list();
    }

    void setPrimary(long id, long primaryId) {
        // the new primary stops being the secondary adviser (the database refuses one person as both)
        jdbc.sql("""
                        UPDATE household SET primary_professional_id = :pr, version = version + 1,
                               secondary_professional_id = CASE WHEN secondary_professional_id = :pr THEN NULL
                                                                ELSE secondary_professional_id END
                        WHERE id = :id""")
                .param("pr", primaryId).param("id", id).update();
    }

    void setSearchText(long id, String searchText) {
        jdbc.sql("UPDATE household SET search_text = :q WHERE id = :id").param("q", searchText).param("id", id).update();
    }

    /** The profile's own columns (the search text follows in {@link ClientListing#relist}). */
    void updateProfile(long id, String displayName, ClientStatus status) {
        jdbc.sql("UPDATE household SET display_name = :n, sort_name = :s, status = :st, version = version + 1 WHERE id = :id")
                .param("n", displayName).param("s", sortKey(displayName)).param("st", status.name()).param("id", id).update();
    }

    /** {@link #setPrimary} for many households at once (one statement per thousand). */
    void setPrimaryAll(java.util.Collection<Long> ids, long primaryId) {
        java.util.List<Long> all = new java.util.ArrayList<>(ids);
        for (int i = 0; i < all.size(); i += 1000) {
            jdbc.sql("""
                            UPDATE household SET primary_professional_id = :pr, version = version + 1,
                                   secondary_professional_id = CASE WHEN secondary_professional_id = :pr THEN NULL
                                                                    ELSE secondary_professional_id END
                            WHERE id IN (:ids)""")
                    .param("pr", primaryId).param("ids", all.subList(i, Math.min(all.size(), i + 1000))).update();
        }
    }

    void setSecondary(long id, Long secondaryId) {
        jdbc.sql("UPDATE household SET secondary_professional_id = :s, version = version + 1 WHERE id = :id")
                .param("s", secondaryId).param("id", id).update();
    }

    static String sortKey(String displayName) {
        return displayName.trim().toLowerCase(java.util.Locale.ROOT);
    }

    private static String searchClause(String query) {
        return query == null ? "" : " AND h.search_text LIKE :q ESCAPE '\\'";
    }

    private static Map<String, Object> searchParams(String query) {
        if (query == null) {
            return Map.of();
        }
        String escaped = query.toLowerCase(java.util.Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        return Map.of("q", "%" + escaped + "%");
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static HouseholdRow row(ResultSet rs, int i) throws SQLException {
        Timestamp at = rs.getTimestamp("created_at");
        return new HouseholdRow(rs.getLong("id"), rs.getLong("practice_id"), rs.getString("display_name"),
                ClientStatus.valueOf(rs.getString("status")), rs.getLong("primary_professional_id"), rs.getLong("created_by"),
                at.toInstant(), secondary(rs));
    }

    private static Long secondary(ResultSet rs) throws SQLException {
        long id = rs.getLong("secondary_professional_id");
        return rs.wasNull() ? null : id;
    }
}
