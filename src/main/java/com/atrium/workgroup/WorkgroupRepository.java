package com.atrium.workgroup;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** SQL for workgroups, their members, invitations, default choices and client assignments. Every read is scoped by practice. */
@Repository
class WorkgroupRepository {
    private final JdbcClient jdbc;

    WorkgroupRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record GroupRow(long id, long practiceId, long ownerId, String description, Instant createdAt) {
    }

    record MemberRow(long workgroupId, long userId, Long invitedBy, Instant joinedAt) {
    }

    record InvitationRow(long id, long workgroupId, long practiceId, long inviteeId, long invitedBy, Instant invitedAt) {
    }

    // ------------------------------------------------------------------ groups

    long insert(long practiceId, long ownerId, String description, OffsetDateTime now) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO workgroup (practice_id, owner_id, description, created_at) VALUES (:p, :o, :d, :at)")
                .param("p", practiceId).param("o", ownerId).param("d", description).param("at", now)
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    void updateDescription(long id, String description) {
        jdbc.sql("UPDATE workgroup SET description = :d WHERE id = :id").param("d", description).param("id", id).update();
    }

    void delete(long id) {
        jdbc.sql("DELETE FROM workgroup WHERE id = :id").param("id", id).update();
    }

    Optional<GroupRow> find(long practiceId, long id) {
        return jdbc.sql("SELECT * FROM workgroup WHERE id = :id AND practice_id = :p")
                .param("id", id).param("p", practiceId).query(WorkgroupRepository::group).optional();
    }

    List<GroupRow> findAll(long practiceId, Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT * FROM workgroup WHERE practice_id = :p AND id IN (:ids)")
                .param("p", practiceId).param("ids", ids).query(WorkgroupRepository::group).list();
    }

    /** Locks the group row: changes to one group (members, clients, deletion) do not interleave. */
    Optional<GroupRow> lock(long practiceId, long id) {
        return jdbc.sql("SELECT * FROM workgroup WHERE id = :id AND practice_id = :p FOR UPDATE")
                .param("id", id).param("p", practiceId).query(WorkgroupRepository::group).optional();
    }

    /** Groups the user owns or belongs to, owned first, then by description. */
    List<GroupRow> groupsOf(long practiceId, long userId) {
        return jdbc.sql("""
                        SELECT w.* FROM workgroup w
                        WHERE w.practice_id = :p AND (w.owner_id = :u
                              OR w.id IN (SELECT m.workgroup_id FROM workgroup_member m WHERE m.user_id = :u))
                        ORDER BY CASE WHEN w.owner_id = :u THEN 0 ELSE 1 END, LOWER(w.description), w.id""")
                .param("p", practiceId).param("u", userId).query(WorkgroupRepository::group).list();
    }

    List<GroupRow> allOf(long practiceId) {
        return jdbc.sql("SELECT * FROM workgroup WHERE practice_id = :p ORDER BY LOWER(description), id")
                .param("p", practiceId).query(WorkgroupRepository::group).list();
    }

    // ------------------------------------------------------------------ members

    boolean isMember(long workgroupId, long userId) {
        return jdbc.sql("SELECT COUNT(*) FROM workgroup_member WHERE workgroup_id = :g AND user_id = :u")
                .param("g", workgroupId).param("u", userId).query(Long.class).single() > 0;
    }

    List<MemberRow> members(long workgroupId) {
        return jdbc.sql("SELECT * FROM workgroup_member WHERE workgroup_id = :g ORDER BY joined_at, user_id")
                .param("g", workgroupId)
                .query((rs, i) -> new MemberRow(rs.getLong("workgroup_id"), rs.getLong("user_id"), nullableLong(rs, "invited_by"),
                        instant(rs, "joined_at")))
                .list();
    }

    void insertMember(long practiceId, long workgroupId, long userId, Long invitedBy, OffsetDateTime now) {
        jdbc.sql("""
                        INSERT INTO workgroup_member (workgroup_id, user_id, practice_id, invited_by, joined_at)
                        VALUES (:g, :u, :p, :by, :at)""")
                .param("g", workgroupId).param("u", userId).param("p", practiceId).param("by", invitedBy).param("at", now)
                .update();
    }

    int deleteMember(long workgroupId, long userId) {
        return jdbc.sql("DELETE FROM workgroup_member WHERE workgroup_id = :g AND user_id = :u")
                .param("g", workgroupId).param("u", userId).update();
    }

    /** Members per group (the owner not included). */
    Map<Long, Integer> memberCounts(Collection<Long> ids) {
        Map<Long, Integer> counts = new HashMap<>();
        if (!ids.isEmpty()) {
            jdbc.sql("SELECT workgroup_id, COUNT(*) FROM workgroup_member WHERE workgroup_id IN (:ids) GROUP BY workgroup_id")
                    .param("ids", ids).query((rs, i) -> counts.put(rs.getLong(1), rs.getInt(2))).list();
        }
        return counts;
    }

    Map<Long, Long> clientCounts(Collection<Long> ids) {
        Map<Long, Long> counts = new HashMap<>();
        if (!ids.isEmpty()) {
            jdbc.sql("SELECT workgroup_id, COUNT(*) FROM workgroup_client WHERE workgroup_id IN (:ids) GROUP BY workgroup_id")
                    .param("ids", ids).query((rs, i) -> counts.put(rs.getLong(1), rs.getLong(2))).list();
        }
        return counts;
    }

    // ------------------------------------------------------------------ invitations

    long insertInvitation(long practiceId, long workgroupId, long inviteeId, long invitedBy, OffsetDateTime now) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                        INSERT INTO workgroup_invitation (workgroup_id, practice_id, invitee_id, invited_by, invited_at)
                        VALUES (:g, :p, :u, :by, :at)""")
                .param("g", workgroupId).param("p", practiceId).param("u", inviteeId).param("by", invitedBy).param("at", now)
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    boolean invitationExists(long workgroupId, long inviteeId) {
        return jdbc.sql("SELECT COUNT(*) FROM workgroup_invitation WHERE workgroup_id = :g AND invitee_id = :u")
                .param("g", workgroupId).param("u", inviteeId).query(Long.class).single() > 0;
    }

    /** The invitation if it is addressed to this user (anyone else's answers "not found"). */
    Optional<InvitationRow> invitationFor(long inviteeId, long id) {
        return jdbc.sql("SELECT * FROM workgroup_invitation WHERE id = :id AND invitee_id = :u")
                .param("id", id).param("u", inviteeId).query(WorkgroupRepository::invitation).optional();
    }

    Optional<InvitationRow> invitation(long practiceId, long workgroupId, long id) {
        return jdbc.sql("SELECT * FROM workgroup_invitation WHERE id = :id AND workgroup_id = :g AND practice_id = :p")
                .param("id", id).param("g", workgroupId).param("p", practiceId).query(WorkgroupRepository::invitation).optional();
    }

    List<InvitationRow> invitationsOf(long inviteeId) {
        return jdbc.sql("SELECT * FROM workgroup_invitation WHERE invitee_id = :u ORDER BY invited_at, id")
                .param("u", inviteeId).query(WorkgroupRepository::invitation).list();
    }

    List<InvitationRow> invitationsTo(long workgroupId) {
        return jdbc.sql("SELECT * FROM workgroup_invitation WHERE workgroup_id = :g ORDER BY invited_at, id")
                .param("g", workgroupId).query(WorkgroupRepository::invitation).list();
    }

    int deleteInvitation(long id) {
        return jdbc.sql("DELETE FROM workgroup_invitation WHERE id = :id").param("id", id).update();
    }

    // ------------------------------------------------------------------ default workgroup

    Optional<Long> defaultOf(long userId) {
        return jdbc.sql("SELECT workgroup_id FROM workgroup_default WHERE user_id = :u")
                .param("u", userId).query(Long.class).optional();
    }

    void setDefault(long practiceId, long userId, Long workgroupId) {
        jdbc.sql("DELETE FROM workgroup_default WHERE user_id = :u").param("u", userId).update();
        if (workgroupId != null) {
            jdbc.sql("INSERT INTO workgroup_default (user_id, practice_id, workgroup_id) VALUES (:u, :p, :g)")
                    .param("u", userId).param("p", practiceId).param("g", workgroupId).update();
        }
    }

    void clearDefaultIf(long userId, long workgroupId) {
        jdbc.sql("DELETE FROM workgroup_default WHERE user_id = :u AND workgroup_id = :g")
                .param("u", userId).param("g", workgroupId).update();
    }

    // ------------------------------------------------------------------ client assignment

    Optional<Long> assignmentOf(long practiceId, long clientId) {
        return jdbc.sql("SELECT workgroup_id FROM workgroup_client WHERE client_id = :c AND practice_id = :p")
                .param("c", clientId).param("p", practiceId).query(Long.class).optional();
    }

    Map<Long, Long> assignmentsOf(long practiceId, Collection<Long> clientIds) {
        Map<Long, Long> result = new HashMap<>();
        if (!clientIds.isEmpty()) {
            jdbc.sql("SELECT client_id, workgroup_id FROM workgroup_client WHERE practice_id = :p AND client_id IN (:ids)")
                    .param("p", practiceId).param("ids", clientIds)
                    .query((rs, i) -> result.put(rs.getLong(1), rs.getLong(2))).list();
        }
        return result;
    }

    List<Long> clientsOf(long workgroupId) {
        return jdbc.sql("SELECT client_id FROM workgroup_client WHERE workgroup_id = :g ORDER BY client_id")
                .param("g", workgroupId).query(Long.class).list();
    }

    void assign(long practiceId, long clientId, long workgroupId, long by, OffsetDateTime now) {
        int updated = jdbc.sql("""
                        UPDATE workgroup_client SET workgroup_id = :g, assigned_by = :by, assigned_at = :at
                        WHERE client_id = :c AND practice_id = :p""")
                .param("g", workgroupId).param("by", by).param("at", now).param("c", clientId).param("p", practiceId).update();
        if (updated == 0) {
            jdbc.sql("""
                            INSERT INTO workgroup_client (client_id, practice_id, workgroup_id, assigned_by, assigned_at)
                            VALUES (:c, :p, :g, :by, :at)""")
                    .param("c", clientId).param("p", practiceId).param("g", workgroupId).param("by", by).param("at", now).update();
        }
    }

    void unassign(long clientId) {
        jdbc.sql("DELETE FROM workgroup_client WHERE client_id = :c").param("c", clientId).update();
    }

    int unassignAll(long workgroupId) {
        return jdbc.sql("DELETE FROM workgroup_client WHERE workgroup_id = :g").param("g", workgroupId).update();
    }

    // ------------------------------------------------------------------ mapping

    private static GroupRow group(ResultSet rs, int i) throws SQLException {
        return new GroupRow(rs.getLong("id"), rs.getLong("practice_id"), rs.getLong("owner_id"), rs.getString("description"),
                instant(rs, "created_at"));
    }

    private static InvitationRow invitation(ResultSet rs, int i) throws SQLException {
        return new InvitationRow(rs.getLong("id"), rs.getLong("workgroup_id"), rs.getLong("practice_id"), rs.getLong("invitee_id"),
                rs.getLong("invited_by"), instant(rs, "invited_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }
}
