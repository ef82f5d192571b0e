package com.atrium.access;

import com.atrium.access.AccessRules.ClientFacts;
import com.atrium.access.AccessRules.GrantFacts;
import com.atrium.access.AccessRules.SecondaryFacts;
import com.atrium.access.AccessRules.WorkgroupFacts;
import com.atrium.access.AccessSubjects.Subject;
import com.atrium.shared.NotFoundException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import com.atrium.access.FactReads.PairFacts;
import com.atrium.access.FactReads.GroupFacts;

/**
 * The access facts as SQL reads them: one (user, client) for a decision, a client's team, workgroup, secondary
 * adviser and grants for explanations. No decisions here.
 * Part of the access module behind {@link AccessService}; wired by it.
 */
final class FactReads {
    private final JdbcClient jdbc;
    private final AccessSubjects subjects;
    private final Clock clock;
    private final AccessContext ctx;

    FactReads(AccessContext ctx) {
        this.ctx = ctx;
        this.jdbc = ctx.jdbc;
        this.subjects = ctx.subjects;
        this.clock = ctx.clock;
    }

    /**
     * Everything about one (user, client) that decides access, as one indexed query loads it (primary
     * keys only: the client row, the user's team row, their membership of the client's workgroup). A
     * new path adds its columns here and calls {@link AccessCache#changed} from its fact methods.
     * {@code practiceId} is -1 for an unknown client.
     */
    record PairFacts(long clientId, long practiceId, Optional<TeamMembership> team, Optional<WorkgroupFacts> workgroup,
                    Optional<SecondaryFacts> secondary, Optional<GrantFacts> grant, Optional<AccessRules.MemberFacts> member,
                    boolean business) {
        PairFacts(long clientId, long practiceId, Optional<TeamMembership> team, Optional<WorkgroupFacts> workgroup,
                  Optional<SecondaryFacts> secondary, Optional<GrantFacts> grant) {
            this(clientId, practiceId, team, workgroup, secondary, grant, Optional.empty(), false);
        }

        ClientFacts client() {
            return new ClientFacts(clientId, practiceId, business);
        }

        boolean exists() {
            return practiceId >= 0;
        }

        /** Whether what it grants depends on the date (an outsider grant with a last day). */
        boolean dated() {
            return grant.isPresent() && grant.get().expiresOn() != null;
        }
    }

    PairFacts relation(long userId, long clientId) {
        return jdbc.sql("""
                        SELECT c.practice_id, c.client_kind, t.team_role, t.primary_marker, t.granted_by, t.granted_at,
                               c.secondary_user_id, c.secondary_by, c.secondary_since,
                               w.group_id, w.description, w.owner_id, m.is_owner, m.joined_at,
                               g.id AS grant_id, g.subject_kind, g.holder, g.access_level, g.expires_on,
                               g.granted_by AS grant_by, g.granted_at AS grant_at,
                               am.member_role, am.granted_by AS member_by, am.granted_at AS member_at
                        FROM access_client c
                        LEFT JOIN access_team t ON t.client_id = c.client_id AND t.user_id = :u
                        LEFT JOIN access_workgroup_member m ON m.group_id = c.workgroup_id AND m.user_id = :u
                        LEFT JOIN access_workgroup w ON w.group_id = m.group_id
                        LEFT JOIN access_grant g ON g.client_id = c.client_id AND g.user_id = :u
                        LEFT JOIN access_account_member am ON am.client_id = c.client_id AND am.user_id = :u
                        WHERE c.client_id = :c""")
                .param("u", userId).param("c", clientId)
                .query((rs, i) -> pairFacts(rs, userId, clientId))
                .optional()
                .orElseGet(() -> new PairFacts(clientId, -1, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()));
    }

    /** {@link #relation} for one user and many clients, in one statement (clients that do not exist are absent). */
    Map<Long, PairFacts> relations(long userId, java.util.Collection<Long> clientIds) {
        Map<Long, PairFacts> result = new java.util.HashMap<>();
        List<Long> all = new ArrayList<>(clientIds);
        for (int i = 0; i < all.size(); i += 1000) {
            jdbc.sql("""
                            SELECT c.client_id AS row_client, c.practice_id, c.client_kind, t.team_role, t.primary_marker, t.granted_by,
                                   t.granted_at, c.secondary_user_id, c.secondary_by, c.secondary_since,
                                   w.group_id, w.description, w.owner_id, m.is_owner, m.joined_at,
                                   g.id AS grant_id, g.subject_kind, g.holder, g.access_level, g.expires_on,
                                   g.granted_by AS grant_by, g.granted_at AS grant_at,
                                   am.member_role, am.granted_by AS member_by, am.granted_at AS member_at
                            FROM access_client c
                            LEFT JOIN access_team t ON t.client_id = c.client_id AND t.user_id = :u
                            LEFT JOIN access_workgroup_member m ON m.group_id = c.workgroup_id AND m.user_id = :u
                            LEFT JOIN access_workgroup w ON w.group_id = m.group_id
                            LEFT JOIN access_grant g ON g.client_id = c.client_id AND g.user_id = :u
                            LEFT JOIN access_account_member am ON am.client_id = c.client_id AND am.user_id = :u
                            WHERE c.client_id IN (:c)""")
                    .param("u", userId).param("c", all.subList(i, Math.min(all.size(), i + 1000)))
                    .query(rs -> {
                        long clientId = rs.getLong("row_client");
                        result.put(clientId, pairFacts(rs, userId, clientId));
                    });
        }
        return result;
    }

    static AccessRules.MemberFacts memberFacts(String role, Object by, Timestamp at) {
        return new AccessRules.MemberFacts(AccountRole.valueOf(role), by == null ? null : ((Number) by).longValue(),
                at == null ? null : at.toInstant());
    }

    /** The user's membership of the business account, if any. */
    Optional<AccessRules.MemberFacts> memberRow(long clientId, long userId) {
        return jdbc.sql("SELECT member_role, granted_by, granted_at FROM access_account_member WHERE client_id = :c AND user_id = :u")
                .param("c", clientId).param("u", userId)
                .query((rs, i) -> memberFacts(rs.getString(1), rs.getObject(2), rs.getTimestamp(3)))
                .optional();
    }

    /** Every member of the business account (its users, advisers in advisor mode), by user id. */
    Map<Long, AccessRules.MemberFacts> membersOf(long clientId) {
        Map<Long, AccessRules.MemberFacts> result = new LinkedHashMap<>();
        jdbc.sql("""
                        SELECT user_id, member_role, granted_by, granted_at FROM access_account_member WHERE client_id = :c
                        ORDER BY granted_at, user_id""")
                .param("c", clientId)
                .query((rs, i) -> Map.entry(rs.getLong(1), memberFacts(rs.getString(2), rs.getObject(3), rs.getTimestamp(4))))
                .list().forEach(e -> result.put(e.getKey(), e.getValue()));
        return result;
    }

    /** One row of the {@link #relation} columns (also read by the access review for a page of pairs at once). */
    static PairFacts pairFacts(java.sql.ResultSet rs, long userId, long clientId) throws java.sql.SQLException {
        Optional<TeamMembership> team = Optional.empty();
        String role = rs.getString("team_role");
        if (role != null) {
            long by = rs.getLong("granted_by");
            Long grantedBy = rs.wasNull() ? null : by;
            Timestamp at = rs.getTimestamp("granted_at");
            team = Optional.of(new TeamMembership(clientId, userId, TeamRole.valueOf(role), rs.getBoolean("primary_marker"),
                    grantedBy, at == null ? null : at.toInstant()));
        }
        Optional<SecondaryFacts> secondary = Optional.empty();
        long secondaryUser = rs.getLong("secondary_user_id");
        if (!rs.wasNull() && secondaryUser == userId) {
            long by = rs.getLong("secondary_by");
            Long appointedBy = rs.wasNull() ? null : by;
            Timestamp at = rs.getTimestamp("secondary_since");
            secondary = Optional.of(new SecondaryFacts(secondaryUser, appointedBy, at == null ? null : at.toInstant()));
        }
        Optional<WorkgroupFacts> workgroup = Optional.empty();
        rs.getLong("group_id");
        if (!rs.wasNull()) {
            workgroup = Optional.of(workgroupFacts(rs));
        }
        Optional<GrantFacts> grant = Optional.empty();
        rs.getLong("grant_id");
        if (!rs.wasNull()) {
            java.sql.Date x = rs.getDate("expires_on");
            grant = Optional.of(new GrantFacts(rs.getLong("grant_id"), GrantSubject.valueOf(rs.getString("subject_kind")),
                    rs.getBoolean("holder"), AccessLevel.valueOf(rs.getString("access_level")),
                    x == null ? null : x.toLocalDate(), rs.getLong("grant_by"), rs.getTimestamp("grant_at").toInstant()));
        }
        Optional<AccessRules.MemberFacts> member = Optional.empty();
        String memberRole = rs.getString("member_role");
        if (memberRole != null) {
            member = Optional.of(memberFacts(memberRole, rs.getObject("member_by"), rs.getTimestamp("member_at")));
        }
        return new PairFacts(clientId, rs.getLong("practice_id"), team, workgroup, secondary, grant, member,
                "BUSINESS".equals(rs.getString("client_kind")));
    }

    /** The team of a client: every member with role and primary flag (primary first). */
    List<TeamMembership> team(long clientId) {
        return jdbc.sql("""
                        SELECT client_id, user_id, team_role, primary_marker, granted_by, granted_at
                        FROM access_team WHERE client_id = :c
                        ORDER BY CASE WHEN primary_marker THEN 0 ELSE 1 END, granted_at, user_id""")
                .param("c", clientId)
                .query((rs, i) -> teamMembership(rs))
                .list();
    }

    record GroupFacts(long groupId, long practiceId, long ownerId, String description, String ownerName) {
        String label() {
            return "\u201c" + description + "\u201d (owner " + ownerName + ")";
        }
    }

    GroupFacts groupFacts(long groupId) {
        GroupFacts g = jdbc.sql("SELECT group_id, practice_id, owner_id, description FROM access_workgroup WHERE group_id = :g")
                .param("g", groupId)
                .query((rs, i) -> new GroupFacts(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4), null))
                .optional().orElseThrow(() -> new NotFoundException("Workgroup"));
        return new GroupFacts(g.groupId(), g.practiceId(), g.ownerId(), g.description(), nameOf(g.ownerId()));
    }

    List<Long> clientsOfGroup(long groupId) {
        return jdbc.sql("SELECT client_id FROM access_client WHERE workgroup_id = :g ORDER BY client_id")
                .param("g", groupId).query(Long.class).list();
    }

    boolean inAnyWorkgroup(long userId) {
        return jdbc.sql("SELECT COUNT(*) FROM access_workgroup_member WHERE user_id = :u").param("u", userId)
                .query(Long.class).single() > 0;
    }

    long practiceOfClient(long clientId) {
        return clientFacts(clientId).orElseThrow(() -> new NotFoundException("Client")).practiceId();
    }

    String nameOf(long userId) {
        return subjects.find(userId).map(Subject::name).orElse("user #" + userId);
    }

    /** The user's grant on the client, if any (expired ones too: explain says they expired). */
    Optional<GrantFacts> grantRow(long clientId, long userId) {
        return jdbc.sql("""
                        SELECT id, subject_kind, holder, access_level, expires_on, granted_by, granted_at
                        FROM access_grant WHERE client_id = :c AND user_id = :u""")
                .param("c", clientId).param("u", userId)
                .query((rs, i) -> grantFacts(rs))
                .optional();
    }

    /** Every linked grant of the client, by user id. */
    Map<Long, GrantFacts> grantsByUser(long clientId) {
        Map<Long, GrantFacts> result = new LinkedHashMap<>();
        jdbc.sql("""
                        SELECT id, user_id, subject_kind, holder, access_level, expires_on, granted_by, granted_at
                        FROM access_grant WHERE client_id = :c AND user_id IS NOT NULL ORDER BY id""")
                .param("c", clientId)
                .query((rs, i) -> Map.entry(rs.getLong("user_id"), grantFacts(rs)))
                .list().forEach(e -> result.put(e.getKey(), e.getValue()));
        return result;
    }

    static GrantFacts grantFacts(java.sql.ResultSet rs) throws java.sql.SQLException {
        java.sql.Date x = rs.getDate("expires_on");
        return new GrantFacts(rs.getLong("id"), GrantSubject.valueOf(rs.getString("subject_kind")), rs.getBoolean("holder"),
                AccessLevel.valueOf(rs.getString("access_level")), x == null ? null : x.toLocalDate(), rs.getLong("granted_by"),
                rs.getTimestamp("granted_at").toInstant());
    }

    Optional<ClientFacts> clientFacts(long clientId) {
        return jdbc.sql("SELECT client_id, practice_id, client_kind FROM access_client WHERE client_id = :c")
                .param("c", clientId)
                .query((rs, i) -> new ClientFacts(rs.getLong(1), rs.getLong(2), "BUSINESS".equals(rs.getString(3))))
                .optional();
    }

    Optional<TeamMembership> teamRow(long clientId, long userId) {
        return jdbc.sql("""
                        SELECT client_id, user_id, team_role, primary_marker, granted_by, granted_at
                        FROM access_team WHERE client_id = :c AND user_id = :u""")
                .param("c", clientId).param("u", userId)
                .query((rs, i) -> teamMembership(rs))
                .optional();
    }

    /** The user's place in the workgroup the client is assigned to, if any. */
    Optional<WorkgroupFacts> workgroupRow(long clientId, long userId) {
        return jdbc.sql("""
                        SELECT w.group_id, w.description, w.owner_id, m.is_owner, m.joined_at, m.user_id
                        FROM access_client c
                        JOIN access_workgroup w ON w.group_id = c.workgroup_id
                        JOIN access_workgroup_member m ON m.group_id = w.group_id AND m.user_id = :u
                        WHERE c.client_id = :c""")
                .param("c", clientId).param("u", userId)
                .query((rs, i) -> workgroupFacts(rs))
                .optional();
    }

    /** Everyone in the workgroup the client is assigned to (owner included), by user id. */
    Map<Long, WorkgroupFacts> workgroupMembersOf(long clientId) {
        Map<Long, WorkgroupFacts> result = new LinkedHashMap<>();
        jdbc.sql("""
                        SELECT w.group_id, w.description, w.owner_id, m.is_owner, m.joined_at, m.user_id
                        FROM access_client c
                        JOIN access_workgroup w ON w.group_id = c.workgroup_id
                        JOIN access_workgroup_member m ON m.group_id = w.group_id
                        WHERE c.client_id = :c ORDER BY m.is_owner DESC, m.joined_at, m.user_id""")
                .param("c", clientId)
                .query((rs, i) -> Map.entry(rs.getLong("user_id"), workgroupFacts(rs)))
                .list().forEach(e -> result.put(e.getKey(), e.getValue()));
        return result;
    }

    Optional<SecondaryFacts> secondaryRow(long clientId) {
        return jdbc.sql("""
                        SELECT secondary_user_id, secondary_by, secondary_since FROM access_client
                        WHERE client_id = :c AND secondary_user_id IS NOT NULL""")
                .param("c", clientId)
                .query((rs, i) -> {
                    long by = rs.getLong("secondary_by");
                    Long appointedBy = rs.wasNull() ? null : by;
                    Timestamp at = rs.getTimestamp("secondary_since");
                    return new SecondaryFacts(rs.getLong("secondary_user_id"), appointedBy, at == null ? null : at.toInstant());
                })
                .optional();
    }

    /**
     * Everything {@link Explanations#everyone} reads about one client, for many clients at once (the batch what-if): the
     * same rows as {@link #clientFacts}, {@link #team}, {@link #workgroupMembersOf}, {@link #secondaryRow},
     * {@link #grantsByUser} and {@link #membersOf}, in the same order per client, in one statement each per 1,000
     * clients. Clients that do not exist are absent.
     */
    record ClientSet(ClientFacts client, List<TeamMembership> team, Map<Long, WorkgroupFacts> workgroup,
                     Optional<SecondaryFacts> secondary, Map<Long, GrantFacts> grants, Map<Long, AccessRules.MemberFacts> members) {
    }

    Map<Long, ClientSet> clientSets(java.util.Collection<Long> clientIds) {
        Map<Long, ClientFacts> clients = new LinkedHashMap<>();
        Map<Long, SecondaryFacts> secondaries = new java.util.HashMap<>();
        Map<Long, List<TeamMembership>> teams = new java.util.HashMap<>();
        Map<Long, Map<Long, WorkgroupFacts>> groups = new java.util.HashMap<>();
        Map<Long, Map<Long, GrantFacts>> grants = new java.util.HashMap<>();
        Map<Long, Map<Long, AccessRules.MemberFacts>> members = new java.util.HashMap<>();
        List<Long> all = new ArrayList<>(new java.util.TreeSet<>(clientIds));
        for (int i = 0; i < all.size(); i += 1000) {
            List<Long> chunk = all.subList(i, Math.min(all.size(), i + 1000));
            jdbc.sql("""
                            SELECT client_id, practice_id, client_kind, secondary_user_id, secondary_by, secondary_since
                            FROM access_client WHERE client_id IN (:c)""")
                    .param("c", chunk)
                    .query(rs -> {
                        long clientId = rs.getLong("client_id");
                        clients.put(clientId, new ClientFacts(clientId, rs.getLong("practice_id"), "BUSINESS".equals(rs.getString("client_kind"))));
                        long secondary = rs.getLong("secondary_user_id");
                        if (!rs.wasNull()) {
                            long by = rs.getLong("secondary_by");
                            Long appointedBy = rs.wasNull() ? null : by;
                            Timestamp at = rs.getTimestamp("secondary_since");
                            secondaries.put(clientId, new SecondaryFacts(secondary, appointedBy, at == null ? null : at.toInstant()));
                        }
                    });
            jdbc.sql("""
                            SELECT client_id, user_id, team_role, primary_marker, granted_by, granted_at
                            FROM access_team WHERE client_id IN (:c)
                            ORDER BY client_id, CASE WHEN primary_marker THEN 0 ELSE 1 END, granted_at, user_id""")
                    .param("c", chunk)
                    .query(rs -> {
                        TeamMembership t = teamMembership(rs);
                        teams.computeIfAbsent(t.clientId(), k -> new ArrayList<>()).add(t);
                    });
            jdbc.sql("""
                            SELECT c.client_id, w.group_id, w.description, w.owner_id, m.is_owner, m.joined_at, m.user_id
                            FROM access_client c
                            JOIN access_workgroup w ON w.group_id = c.workgroup_id
                            JOIN access_workgroup_member m ON m.group_id = w.group_id
                            WHERE c.client_id IN (:c) ORDER BY c.client_id, m.is_owner DESC, m.joined_at, m.user_id""")
                    .param("c", chunk)
                    .query(rs -> {
                        groups.computeIfAbsent(rs.getLong("client_id"), k -> new LinkedHashMap<>()).put(rs.getLong("user_id"), workgroupFacts(rs));
                    });
            jdbc.sql("""
                            SELECT id, client_id, user_id, subject_kind, holder, access_level, expires_on, granted_by, granted_at
                            FROM access_grant WHERE client_id IN (:c) AND user_id IS NOT NULL ORDER BY client_id, id""")
                    .param("c", chunk)
                    .query(rs -> {
                        grants.computeIfAbsent(rs.getLong("client_id"), k -> new LinkedHashMap<>()).put(rs.getLong("user_id"), grantFacts(rs));
                    });
            jdbc.sql("""
                            SELECT client_id, user_id, member_role, granted_by, granted_at FROM access_account_member
                            WHERE client_id IN (:c) ORDER BY client_id, granted_at, user_id""")
                    .param("c", chunk)
                    .query(rs -> {
                        members.computeIfAbsent(rs.getLong("client_id"), k -> new LinkedHashMap<>()).put(rs.getLong("user_id"),
                                memberFacts(rs.getString("member_role"), rs.getObject("granted_by"), rs.getTimestamp("granted_at")));
                    });
        }
        Map<Long, ClientSet> result = new LinkedHashMap<>();
        clients.forEach((id, c) -> result.put(id, new ClientSet(c, teams.getOrDefault(id, List.of()), groups.getOrDefault(id, Map.of()),
                Optional.ofNullable(secondaries.get(id)), grants.getOrDefault(id, Map.of()), members.getOrDefault(id, Map.of()))));
        return result;
    }

    static WorkgroupFacts workgroupFacts(java.sql.ResultSet rs) throws java.sql.SQLException {
        Timestamp at = rs.getTimestamp("joined_at");
        return new WorkgroupFacts(rs.getLong("group_id"), rs.getString("description"), rs.getLong("owner_id"),
                rs.getBoolean("is_owner"), at == null ? null : at.toInstant());
    }

    static TeamMembership teamMembership(java.sql.ResultSet rs) throws java.sql.SQLException {
        long grantedBy = rs.getLong("granted_by");
        Long by = rs.wasNull() ? null : grantedBy;
        Timestamp at = rs.getTimestamp("granted_at");
        return new TeamMembership(rs.getLong("client_id"), rs.getLong("user_id"), TeamRole.valueOf(rs.getString("team_role")),
                rs.getBoolean("primary_marker"), by, at == null ? null : at.toInstant());
    }

    OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }

    LocalDate today() {
        return LocalDate.now(clock.withZone(java.time.ZoneOffset.UTC));
    }
}
