package com.atrium.practice;

import com.atrium.shared.UserType;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** SQL for practices and users. Every read that serves a request is scoped by practice. */
@Repository
class UserRepository {
    static final String COLUMNS = "u.id, u.practice_id, u.email, u.first_name, u.last_name, u.phone, u.user_type, "
            + "u.practice_manager, u.active, u.password_hash, u.failed_logins, u.locked_until, p.name AS practice_name";

    private final JdbcClient jdbc;
    private final com.atrium.shared.BulkInsert bulk;
    private final NamedParameterJdbcTemplate named;
    private final com.atrium.access.PeopleCacheEvents people;

    UserRepository(JdbcClient jdbc, NamedParameterJdbcTemplate named, com.atrium.access.PeopleCacheEvents people,
                   com.atrium.shared.BulkInsert bulk) {
        this.bulk = bulk;
        this.jdbc = jdbc;
        this.named = named;
        this.people = people;
    }

    record UserRow(long id, long practiceId, String practiceName, String email, String firstName, String lastName,
                   String phone, UserType type, boolean practiceManager, boolean active, String passwordHash,
                   int failedLogins, OffsetDateTime lockedUntil) {

        StaffView view() {
            return new StaffView(id, email, firstName, lastName, phone, type, practiceManager, active);
        }

        String name() {
            return firstName + " " + lastName;
        }
    }

    long insertPractice(String name, OffsetDateTime now) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO practice (name, created_at) VALUES (:n, :at)")
                .param("n", name).param("at", now).update(keys, "id");
        return keys.getKey().longValue();
    }

    Optional<Practice> practice(long id) {
        return jdbc.sql("SELECT id, name, currency, locale FROM practice WHERE id = :id").param("id", id)
                .query((rs, i) -> new Practice(rs.getLong(1), rs.getString(2), rs.getString(3).trim(), rs.getString(4))).optional();
    }

    Optional<Practice> practiceForUpdate(long id) {
        return jdbc.sql("SELECT id, name, currency, locale FROM practice WHERE id = :id FOR UPDATE").param("id", id)
                .query((rs, i) -> new Practice(rs.getLong(1), rs.getString(2), rs.getString(3).trim(), rs.getString(4))).optional();
    }

    void updatePractice(Practice p) {
        jdbc.sql("UPDATE practice SET name = :n, currency = :c, locale = :l WHERE id = :id").param("n", p.name()).param("c", p.currency())
                .param("l", p.locale()).param("id", p.id()).update();
    }

    Optional<Practice> practiceByName(String name) {
        return jdbc.sql("SELECT id, name, currency, locale FROM practice WHERE name = :n").param("n", name)
                .query((rs, i) -> new Practice(rs.getLong(1), rs.getString(2), rs.getString(3).trim(), rs.getString(4))).optional();
    }

    long insertUser(long practiceId, String email, String firstName, String lastName, String phone, UserType type,
                    boolean manager, String passwordHash, OffsetDateTime now) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                        INSERT INTO app_user (practice_id, email, first_name, last_name, phone, user_type, practice_manager,
                                              active, password_hash, created_at)
                        VALUES (:p, :e, :f, :l, :ph, :t, :m, TRUE, :h, :at)""")
                .param("p", practiceId).param("e", email).param("f", firstName).param("l", lastName)
                .param("ph", phone).param("t", type.name()).param("m", manager).param("h", passwordHash)
                .param("at", now).update(keys, "id");
        return keys.getKey().longValue();
    }

    boolean emailTaken(String email) {
        return jdbc.sql("SELECT COUNT(*) FROM app_user WHERE email = :e").param("e", email)
                .query(Long.class).single() > 0;
    }

    Optional<UserRow> byId(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM app_user u JOIN practice p ON p.id = u.practice_id WHERE u.id = :id")
                .param("id", id).query(UserRepository::row).optional();
    }

    List<UserRow> byIds(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT " + COLUMNS + " FROM app_user u JOIN practice p ON p.id = u.practice_id WHERE u.id IN (:ids)")
                .param("ids", ids).query(UserRepository::row).list();
    }

    Optional<UserRow> byEmail(String email) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM app_user u JOIN practice p ON p.id = u.practice_id WHERE u.email = :e")
                .param("e", email).query(UserRepository::row).optional();
    }

    Optional<UserRow> inPractice(long practiceId, long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM app_user u JOIN practice p ON p.id = u.practice_id "
                        + "WHERE u.practice_id = :p AND u.id = :id")
                .param("p", practiceId).param("id", id).query(UserRepository::row).optional();
    }

    /** The user row locked for a change (staff edits queue behind each other). */
    Optional<UserRow> lockInPractice(long practiceId, long id) {
        jdbc.sql("SELECT id FROM app_user WHERE practice_id = :p AND id = :id FOR UPDATE").param("p", practiceId).param("id", id)
                .query(Long.class).optional();
        return inPractice(practiceId, id);
    }

    void update(long id, String email, String firstName, String lastName, String phone, UserType type, boolean manager, boolean active) {
        jdbc.sql("""
                        UPDATE app_user SET email = :e, first_name = :f, last_name = :l, phone = :ph, user_type = :t,
                               practice_manager = :m, active = :a
                        WHERE id = :id""")
                .param("e", email).param("f", firstName).param("l", lastName).param("ph", phone).param("t", type.name())
                .param("m", manager).param("a", active).param("id", id).update();
    }

    List<UserRow> staffOf(long practiceId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM app_user u JOIN practice p ON p.id = u.practice_id "
                        + "WHERE u.practice_id = :p AND u.user_type IN ('PROFESSIONAL', 'SUPPORT', 'ASSISTANT') ORDER BY u.last_name, u.first_name, u.id")
                .param("p", practiceId).query(UserRepository::row).list();
    }

    /** Active Professionals in "first" order: the earliest created comes first (ties by id). */
    List<UserRow> professionalsOf(long practiceId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM app_user u JOIN practice p ON p.id = u.practice_id "
                        + "WHERE u.practice_id = :p AND u.user_type = 'PROFESSIONAL' AND u.active = TRUE "
                        + "ORDER BY u.created_at, u.id")
                .param("p", practiceId).query(UserRepository::row).list();
    }

    List<UserRow> managersOf(long practiceId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM app_user u JOIN practice p ON p.id = u.practice_id "
                        + "WHERE u.practice_id = :p AND u.practice_manager = TRUE AND u.active = TRUE "
                        + "ORDER BY u.last_name, u.first_name, u.id")
                .param("p", practiceId).query(UserRepository::row).list();
    }

    /** What a failed login did to an account. */
    record FailedLogin(long userId, long practiceId, int failures, boolean lockedNow, boolean wasLocked) {
    }

    /**
     * Counts a wrong password for the account with this email (if any), under its row lock. A lock that has
     * expired starts the count afresh (so one wrong password after the lock does not lock again); a lock in force is
     * never extended (so nobody can keep an account locked by guessing during the lock); reaching {@code maxFailures}
     * locks until {@code lockUntil}.
     */
    Optional<FailedLogin> recordFailedLogin(String email, int maxFailures, OffsetDateTime now, OffsetDateTime lockUntil) {
        record Row(long id, long practiceId, int failures, OffsetDateTime lockedUntil) {
        }
        Optional<Row> row = jdbc.sql("SELECT id, practice_id, failed_logins, locked_until FROM app_user WHERE email = :e FOR UPDATE")
                .param("e", email)
                .query((rs, i) -> new Row(rs.getLong(1), rs.getLong(2), rs.getInt(3), rs.getObject(4, OffsetDateTime.class)))
                .optional();
        if (row.isEmpty()) {
            return Optional.empty();
        }
        Row r = row.get();
        boolean locked = r.lockedUntil() != null && r.lockedUntil().isAfter(now);
        boolean expired = r.lockedUntil() != null && !locked;
        int failures = expired ? 1 : r.failures() + 1;
        boolean lockNow = !locked && failures >= maxFailures;
        OffsetDateTime until = locked ? r.lockedUntil() : lockNow ? lockUntil : null;
        jdbc.sql("UPDATE app_user SET failed_logins = :f, locked_until = :until WHERE id = :id")
                .param("f", failures).param("until", until).param("id", r.id()).update();
        if (lockNow) {
            people.userChanged(r.id()); // a locked user's API tokens stop working at once (the token cache forgets them)
        }
        return Optional.of(new FailedLogin(r.id(), r.practiceId(), failures, lockNow, locked));
    }

    void recordSuccessfulLogin(long userId) {
        jdbc.sql("UPDATE app_user SET failed_logins = 0, locked_until = NULL WHERE id = :id AND (failed_logins > 0 OR locked_until IS NOT NULL)")
                .param("id", userId).update();
    }

    /** A temporary password's validity (present only while the user's password is a temporary one). */
    record TemporaryPassword(OffsetDateTime until, OffsetDateTime usedAt) {
    }

    Optional<TemporaryPassword> temporaryPassword(long userId) {
        return jdbc.sql("SELECT password_temporary_until, password_temporary_used_at FROM app_user WHERE id = :id "
                        + "AND password_temporary_until IS NOT NULL")
                .param("id", userId)
                .query((rs, i) -> new TemporaryPassword(rs.getObject(1, OffsetDateTime.class), rs.getObject(2, OffsetDateTime.class)))
                .optional();
    }

    Set<Long> withTemporaryPassword(Collection<Long> userIds) {
        Set<Long> result = new HashSet<>();
        List<Long> all = List.copyOf(userIds);
        for (int i = 0; i < all.size(); i += 1000) {
            result.addAll(jdbc.sql("SELECT id FROM app_user WHERE id IN (:ids) AND password_temporary_until IS NOT NULL")
                    .param("ids", all.subList(i, Math.min(all.size(), i + 1000))).query(Long.class).list());
        }
        return result;
    }

    /** Of these users, those who chose their own password (a hash and no temporary one). */
    Set<Long> withOwnPassword(Collection<Long> userIds) {
        Set<Long> result = new HashSet<>();
        List<Long> all = List.copyOf(userIds);
        for (int i = 0; i < all.size(); i += 1000) {
            result.addAll(jdbc.sql("SELECT id FROM app_user WHERE id IN (:ids) AND password_hash IS NOT NULL AND password_temporary_until IS NULL")
                    .param("ids", all.subList(i, Math.min(all.size(), i + 1000))).query(Long.class).list());
        }
        return result;
    }

    /** {@link #setTemporaryPassword} for many users, in one JDBC batch. */
    void setTemporaryPasswords(Map<Long, String> hashes, OffsetDateTime until) {
        List<Object[]> rows = new java.util.ArrayList<>();
        hashes.forEach((id, hash) -> rows.add(new Object[] {hash, until, id}));
        named.getJdbcTemplate().batchUpdate("UPDATE app_user SET password_hash = ?, password_temporary_until = ?, "
                + "password_temporary_used_at = NULL, failed_logins = 0, locked_until = NULL WHERE id = ?", rows);
    }

    void markTemporaryPasswordUsed(long userId, OffsetDateTime now) {
        jdbc.sql("UPDATE app_user SET password_temporary_used_at = :at WHERE id = :id AND password_temporary_until IS NOT NULL "
                        + "AND password_temporary_used_at IS NULL")
                .param("at", now).param("id", userId).update();
    }

    void setTemporaryPassword(long userId, String hash, OffsetDateTime until) {
        jdbc.sql("UPDATE app_user SET password_hash = :h, password_temporary_until = :u, password_temporary_used_at = NULL, "
                        + "failed_logins = 0, locked_until = NULL WHERE id = :id")
                .param("h", hash).param("u", until).param("id", userId).update();
    }

    void setPermanentPassword(long userId, String hash) {
        jdbc.sql("UPDATE app_user SET password_hash = :h, password_temporary_until = NULL, password_temporary_used_at = NULL "
                        + "WHERE id = :id")
                .param("h", hash).param("id", userId).update();
    }

    void setActive(long userId, boolean active) {
        jdbc.sql("UPDATE app_user SET active = :a WHERE id = :id").param("a", active).param("id", userId).update();
    }

    /** Which of these (normalised) emails already belong to an account, anywhere in Atrium. */
    Set<String> takenEmails(Collection<String> emails) {
        Set<String> taken = new HashSet<>();
        List<String> all = List.copyOf(emails);
        if (bulk.postgres() && !all.isEmpty()) { // one statement, one plan, whatever the number
            taken.addAll(jdbc.sql("SELECT email FROM app_user WHERE email = ANY(CAST(? AS text[]))")
                    .params(List.of(com.atrium.shared.BulkInsert.array("text", all.toArray(String[]::new)))).query(String.class).list());
            return taken;
        }
        for (int i = 0; i < all.size(); i += 1000) {
            taken.addAll(jdbc.sql("SELECT email FROM app_user WHERE email IN (:e)")
                    .param("e", all.subList(i, Math.min(all.size(), i + 1000))).query(String.class).list());
        }
        return taken;
    }

    /** Inserts many users at once (one JDBC batch) and returns their ids in the same order. Rows: email, first, last. */
    List<Long> insertUsers(long practiceId, List<String[]> rows, UserType type, OffsetDateTime now) {
        if (rows.isEmpty()) {
            return List.of();
        }
        // one statement on PostgreSQL (unnest of the columns), multi-row VALUES of 500 elsewhere
        bulk.insert(com.atrium.shared.BulkInsert.into("app_user")
                .column("email", rows.stream().map(r -> r[0]).toArray(String[]::new))
                .column("first_name", rows.stream().map(r -> r[1]).toArray(String[]::new))
                .column("last_name", rows.stream().map(r -> r[2]).toArray(String[]::new))
                .constant("practice_id", practiceId).constant("user_type", type.name()).constant("practice_manager", Boolean.FALSE)
                .constant("active", Boolean.TRUE).constant("created_at", now));
        Map<String, Long> ids = new HashMap<>();
        List<String> emails = rows.stream().map(r -> r[0]).toList();
        if (bulk.postgres()) {
            jdbc.sql("SELECT id, email FROM app_user WHERE practice_id = ? AND email = ANY(CAST(? AS text[]))")
                    .params(practiceId, com.atrium.shared.BulkInsert.array("text", emails.toArray(String[]::new)))
                    .query((rs, n) -> Map.entry(rs.getString(2), rs.getLong(1))).list()
                    .forEach(e -> ids.put(e.getKey(), e.getValue()));
            return emails.stream().map(ids::get).toList();
        }
        for (int i = 0; i < emails.size(); i += 1000) {
            jdbc.sql("SELECT id, email FROM app_user WHERE practice_id = :p AND email IN (:e)").param("p", practiceId)
                    .param("e", emails.subList(i, Math.min(emails.size(), i + 1000)))
                    .query((rs, n) -> Map.entry(rs.getString(2), rs.getLong(1))).list()
                    .forEach(e -> ids.put(e.getKey(), e.getValue()));
        }
        return emails.stream().map(ids::get).toList();
    }

    private static UserRow row(ResultSet rs, int i) throws SQLException {
        return new UserRow(rs.getLong("id"), rs.getLong("practice_id"), rs.getString("practice_name"), rs.getString("email"),
                rs.getString("first_name"), rs.getString("last_name"), rs.getString("phone"),
                UserType.valueOf(rs.getString("user_type")), rs.getBoolean("practice_manager"), rs.getBoolean("active"),
                rs.getString("password_hash"), rs.getInt("failed_logins"), rs.getObject("locked_until", OffsetDateTime.class));
    }

    /** An outsider's email and login mobile (only if no other account uses the email); the number of rows changed. */
    int changeOutsiderContact(long id, String email, String phone) {
        return jdbc.sql("""
                        UPDATE app_user SET email = :e, phone = :m
                        WHERE id = :id AND user_type = 'OUTSIDER' AND NOT EXISTS (SELECT 1 FROM app_user x WHERE x.email = :e AND x.id <> :id)""")
                .param("e", email).param("m", phone).param("id", id).update();
    }

    void setCurrency(long practiceId, String currency, String locale) {
        jdbc.sql("UPDATE practice SET currency = :c, locale = :l WHERE id = :id").param("c", currency).param("l", locale).param("id", practiceId)
                .update();
    }
}
