package com.atrium.bench;

import com.atrium.bench.Dataset.Household;
import com.atrium.bench.Dataset.Person;
import com.atrium.bench.Dataset.Practice;
import com.atrium.bench.Dataset.TeamMember;
import com.atrium.bench.Dataset.User;
import com.atrium.bench.Dataset.Workgroup;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * Loads a {@link Dataset} into Atrium's real, Flyway-migrated schema with PostgreSQL {@code COPY} (text format),
 * table by table in foreign-key order, in one transaction. Every constraint and trigger stays on: the composite
 * foreign keys (a primary or secondary must be a Professional of the same practice, memberships stay inside
 * their practice), the one-primary-per-client unique index, the checks. The audit trail starts empty (the
 * append-only triggers refuse nothing because the loader only ever inserts, and it inserts no history it did
 * not witness); its hash chain therefore verifies. Identity sequences are moved past the loaded ids and the
 * tables analysed, so the app can create rows and plan queries right away.
 *
 * <p>Every account gets the password {@link #PASSWORD} (one bcrypt hash, cost 4, computed once), so the HTTP
 * load can log in as anyone.
 */
public final class AtriumLoader {
    public static final String PASSWORD = "bench-password";
    /** True since the outsider module's grant table ({@code access_grant}) exists and {@link #loadOutsiderGrants} fills it. */
    static final boolean SUPPORTS_OUTSIDER_GRANTS = true;

    /** Rows per table, in load order, and the load time. */
    public record Result(Map<String, Long> rows, long millis) {
    }

    private AtriumLoader() {
    }

    public static Result load(Dataset d, Connection c, Features features) throws SQLException, IOException {
        long start = System.nanoTime();
        Map<String, Long> rows = new LinkedHashMap<>();
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
        String hash = "{bcrypt}" + new BCryptPasswordEncoder(4).encode(PASSWORD);

        rows.put("practice", copy(copy, "practice (id, name, created_at)", d.practices, (Practice p, Row r) ->
                r.add(p.id()).add(p.name()).add(p.createdAt())));
        rows.put("app_user", copy(copy, "app_user (id, practice_id, email, first_name, last_name, user_type, practice_manager, active, "
                + "password_hash, created_at)", d.users, (User u, Row r) ->
                r.add(u.id()).add(u.practiceId()).add(u.email()).add(u.firstName()).add(u.lastName()).add(u.type().name())
                        .add(u.manager()).add(u.active()).add(hash).add(u.createdAt())));
        rows.put("household", copy(copy, "household (id, practice_id, display_name, sort_name, search_text, status, "
                + "primary_professional_id, secondary_professional_id, created_by, created_at)", d.households, (Household h, Row r) ->
                r.add(h.id()).add(h.practiceId()).add(h.displayName()).add(h.sortName()).add(h.searchText()).add(h.status())
                        .add(h.primaryId()).add(h.secondaryId()).add(h.createdBy()).add(h.createdAt())));
        Map<Long, Long> practiceOf = new java.util.HashMap<>(d.households.size() * 2);
        d.households.forEach(h -> practiceOf.put(h.id(), h.practiceId()));
        rows.put("person", copy(copy, "person (id, practice_id, household_id, position, relationship, first_name, last_name, "
                + "date_of_birth, email, holder_marker)", d.people, (Person p, Row r) ->
                r.add(p.id()).add(practiceOf.get(p.householdId())).add(p.householdId()).add(p.position()).add(p.relationship())
                        .add(p.firstName()).add(p.lastName()).add(p.dateOfBirth()).add(p.email())
                        .add("HOLDER".equals(p.relationship()) ? Boolean.TRUE : null)));
        rows.put("workgroup", copy(copy, "workgroup (id, practice_id, owner_id, description, created_at)", d.workgroups,
                (Workgroup w, Row r) -> r.add(w.id()).add(w.practiceId()).add(w.ownerId()).add(w.description()).add(w.createdAt())));
        List<long[]> members = new ArrayList<>();
        for (Workgroup w : d.workgroups) {
            for (long m : w.members()) {
                members.add(new long[] {w.id(), m, w.practiceId(), w.ownerId()});
            }
        }
        Map<Long, Workgroup> groups = new java.util.HashMap<>();
        d.workgroups.forEach(w -> groups.put(w.id(), w));
        rows.put("workgroup_member", copy(copy, "workgroup_member (workgroup_id, user_id, practice_id, invited_by, joined_at)", members,
                (long[] m, Row r) -> r.add(m[0]).add(m[1]).add(m[2]).add(m[3]).add(groups.get(m[0]).createdAt())));
        List<Household> assigned = d.households.stream().filter(h -> h.workgroupId() != null).toList();
        rows.put("workgroup_client", copy(copy, "workgroup_client (client_id, practice_id, workgroup_id, assigned_by, assigned_at)",
                assigned, (Household h, Row r) -> r.add(h.id()).add(h.practiceId()).add(h.workgroupId()).add(h.createdBy()).add(h.createdAt())));

        // the access module's own facts; its visibility index is derived once after the load (the triggers that keep it
        // exact row by row would also do it, but in 300,000 small steps)
        try (Statement s = c.createStatement()) {
            for (String t : INDEX_TRIGGERS) {
                s.execute("ALTER TABLE " + t.split(" ")[0] + " DISABLE TRIGGER " + t.split(" ")[1]);
            }
        }
        rows.put("access_workgroup", copy(copy, "access_workgroup (group_id, practice_id, owner_id, description)", d.workgroups,
                (Workgroup w, Row r) -> r.add(w.id()).add(w.practiceId()).add(w.ownerId()).add(w.description())));
        List<long[]> accessMembers = new ArrayList<>();
        for (Workgroup w : d.workgroups) {
            accessMembers.add(new long[] {w.id(), w.ownerId(), w.practiceId(), 1});
            for (long m : w.members()) {
                accessMembers.add(new long[] {w.id(), m, w.practiceId(), 0});
            }
        }
        rows.put("access_workgroup_member", copy(copy, "access_workgroup_member (group_id, user_id, practice_id, is_owner, joined_at)",
                accessMembers, (long[] m, Row r) -> r.add(m[0]).add(m[1]).add(m[2]).add(m[3] == 1).add(groups.get(m[0]).createdAt())));
        rows.put("access_client", copy(copy, "access_client (client_id, practice_id, workgroup_id, secondary_user_id, secondary_by, "
                + "secondary_since, client_kind, sort_name, search_text, archived)", d.households, (Household h, Row r) ->
                r.add(h.id()).add(h.practiceId()).add(h.workgroupId()).add(h.secondaryId())
                        .add(h.secondaryId() == null ? null : h.primaryId()).add(h.secondaryId() == null ? null : h.createdAt())
                        .add("HOUSEHOLD").add(h.sortName()).add(h.searchText()).add("ARCHIVED".equals(h.status()))));
        Map<Long, Household> byId = new java.util.HashMap<>(d.households.size() * 2);
        d.households.forEach(h -> byId.put(h.id(), h));
        rows.put("access_team", copy(copy, "access_team (client_id, user_id, practice_id, team_role, primary_marker, primary_type, "
                + "granted_by, granted_at)", d.team, (TeamMember t, Row r) -> {
                    Household h = byId.get(t.clientId());
                    r.add(t.clientId()).add(t.userId()).add(h.practiceId()).add(t.role().name()).add(t.primary() ? Boolean.TRUE : null)
                            .add(t.primary() ? "PROFESSIONAL" : null).add(h.primaryId()).add(t.grantedAt());
                }));
        if (features.outsiderGrants()) {
            loadOutsiderGrants(d, copy, byId, rows);
        }
        try (Statement s = c.createStatement()) {
            rows.put("access_visible", (long) s.executeUpdate("INSERT INTO access_visible (user_id, client_id, practice_id, paths, "
                    + "grant_until, client_kind, sort_name, search_text, archived, workgroup_id) SELECT user_id, client_id, practice_id, "
                    + "paths, grant_until, client_kind, sort_name, search_text, archived, workgroup_id FROM access_visible_def"));
            for (String t : INDEX_TRIGGERS) {
                s.execute("ALTER TABLE " + t.split(" ")[0] + " ENABLE TRIGGER " + t.split(" ")[1]);
            }
        }
        try (Statement s = c.createStatement()) {
            for (String t : features.outsiderGrants() ? List.of("practice", "app_user", "household", "person", "workgroup", "external_adviser", "access_grant")
                    : List.of("practice", "app_user", "household", "person", "workgroup")) {
                s.execute("SELECT setval(pg_get_serial_sequence('" + t + "', 'id'), (SELECT COALESCE(MAX(id), 0) + 1 FROM " + t + "), false)");
            }
        }
        c.commit();
        try (Statement s = c.createStatement()) {
            c.setAutoCommit(true);
            s.execute("ANALYZE");
        }
        c.setAutoCommit(auto);
        return new Result(rows, (System.nanoTime() - start) / 1_000_000);
    }

    /**
     * Outsider grants into the access module's {@code access_grant} (never as holders: those can never be withdrawn
     * and have no expiry). An external adviser is first registered in the file ({@code external_adviser}, whose id is
     * the grant's subject); a family member's subject id is the grant id (the generator does not add them to the
     * family structure). {@code user_id} links the grant to the outsider's account; the expiry is a date (UTC).
     */
    private static void loadOutsiderGrants(Dataset d, CopyManager copy, Map<Long, Household> households, Map<String, Long> rows)
            throws SQLException {
        List<Dataset.OutsiderGrant> advisers = d.grants.stream().filter(Dataset.OutsiderGrant::externalAdviser).toList();
        rows.put("external_adviser", copy(copy, "external_adviser (id, practice_id, household_id, first_name, last_name, email, mobile, "
                + "adviser_type, created_by, created_at)", advisers, (Dataset.OutsiderGrant g, Row r) -> {
                    User u = d.user(g.outsiderId());
                    r.add(g.id()).add(g.practiceId()).add(g.clientId()).add(u.firstName()).add(u.lastName()).add(u.email())
                            .add("+61412345678").add(ADVISER_TYPES[(int) (g.id() % ADVISER_TYPES.length)])
                            .add(households.get(g.clientId()).primaryId()).add(g.grantedAt());
                }));
        // a family grant names its person (access_grant.person_id -> person, V64): the generator's family members get a
        // person row of their own in the household, with an id out of the generated people's range
        List<Dataset.OutsiderGrant> family = d.grants.stream().filter(g -> !g.externalAdviser()).toList();
        rows.merge("person", copy(copy, "person (id, practice_id, household_id, position, relationship, first_name, last_name)",
                family, (Dataset.OutsiderGrant g, Row r) -> {
                    User u = d.user(g.outsiderId());
                    r.add(FAMILY_PERSON_ID_BASE + g.id()).add(g.practiceId()).add(g.clientId()).add(10_000 + (int) g.id())
                            .add("OTHER").add(u.firstName()).add(u.lastName());
                }), Long::sum);
        rows.put(Features.OUTSIDER_GRANT_TABLE, copy(copy, "access_grant (id, client_id, practice_id, subject_kind, subject_id, person_id, subject_name, "
                + "holder, access_level, email, mobile, user_id, expires_on, granted_by, granted_at)", d.grants, (Dataset.OutsiderGrant g, Row r) -> {
                    User u = d.user(g.outsiderId());
                    Long person = g.externalAdviser() ? null : FAMILY_PERSON_ID_BASE + g.id();
                    r.add(g.id()).add(g.clientId()).add(g.practiceId()).add(g.externalAdviser() ? "ADVISER" : "FAMILY")
                            .add(g.externalAdviser() ? g.id() : person).add(person)
                            .add(u.name()).add(false).add(g.readWrite() ? "READ_WRITE" : "READ_ONLY").add(u.email()).add("+61412345678")
                            .add(u.id()).add(g.expiresAt() == null ? null : java.time.LocalDate.ofInstant(g.expiresAt(), java.time.ZoneOffset.UTC))
                            .add(households.get(g.clientId()).primaryId()).add(g.grantedAt());
                }));
    }

    /** The triggers that keep access_visible exact (db/vendor/postgresql/V82), off during the bulk load only. */
    private static final List<String> INDEX_TRIGGERS = List.of("access_team access_team_index", "access_grant access_grant_index",
            "access_workgroup_member access_workgroup_member_index", "access_client access_client_index");

    /** Person ids of the generated grants' family members: the grant id plus this, beyond every generated person id. */
    private static final long FAMILY_PERSON_ID_BASE = 1_000_000_000L;

    private static final String[] ADVISER_TYPES = {"BANKER", "NOTARY", "LAWYER", "ACCOUNTANT", "OTHER"};

    /** One COPY row being written, text format. */
    static final class Row {
        private final StringBuilder sb;
        private boolean first = true;

        Row(StringBuilder sb) {
            this.sb = sb;
        }

        Row add(Object v) {
            if (!first) {
                sb.append('\t');
            }
            first = false;
            if (v == null) {
                sb.append("\\N");
            } else if (v instanceof Boolean b) {
                sb.append(b ? 't' : 'f');
            } else if (v instanceof String s) {
                for (int i = 0; i < s.length(); i++) {
                    char ch = s.charAt(i);
                    switch (ch) {
                        case '\\' -> sb.append("\\\\");
                        case '\t' -> sb.append("\\t");
                        case '\n' -> sb.append("\\n");
                        case '\r' -> sb.append("\\r");
                        default -> sb.append(ch);
                    }
                }
            } else {
                sb.append(v);
            }
            return this;
        }
    }

    interface RowWriter<T> {
        void write(T item, Row row);
    }

    static <T> long copy(CopyManager copy, String target, List<T> items, RowWriter<T> writer) throws SQLException {
        CopyIn in = copy.copyIn("COPY " + target + " FROM STDIN");
        try {
            StringBuilder sb = new StringBuilder(1 << 20);
            for (T item : items) {
                writer.write(item, new Row(sb));
                sb.append('\n');
                if (sb.length() > (1 << 20)) {
                    flush(in, sb);
                }
            }
            flush(in, sb);
            return in.endCopy();
        } catch (SQLException | RuntimeException e) {
            if (in.isActive()) {
                in.cancelCopy();
            }
            throw e;
        }
    }

    private static void flush(CopyIn in, StringBuilder sb) throws SQLException {
        byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
        in.writeToCopy(bytes, 0, bytes.length);
        sb.setLength(0);
    }

}
