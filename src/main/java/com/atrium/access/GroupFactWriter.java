package com.atrium.access;

import com.atrium.access.FactReads.GroupFacts;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Facts about groups: the writes of workgroups (definition, membership, a client's assignment) and of business-account
 * membership, each with its cache invalidation, its visibility-index upkeep and its {@link AccessChanged} event, in the
 * caller's transaction. The client's own relations (registration, primary, team, secondary) are {@link FactWriter}'s.
 * Part of the access module behind {@link AccessService}; wired by it.
 */
final class GroupFactWriter {
    private final JdbcClient jdbc;
    private final AccessCache cache;
    private final VisibilityIndex index;
    private final AccessContext ctx;

    GroupFactWriter(AccessContext ctx) {
        this.ctx = ctx;
        this.jdbc = ctx.jdbc;
        this.cache = ctx.cache;
        this.index = ctx.index;
    }

    void workgroupDefined(long groupId, long practiceId, long ownerId, String description) {
        boolean exists = jdbc.sql("SELECT COUNT(*) FROM access_workgroup WHERE group_id = :g").param("g", groupId)
                .query(Long.class).single() > 0;
        if (exists) {
            workgroupRenamed(groupId, description);
        } else {
            workgroupCreated(groupId, practiceId, ownerId, description);
        }
    }

    void clientWorkgroupWritten(long clientId, Long groupId, Long by) {
        clientWorkgroupChanged(clientId, groupId, by);
    }

    /** A workgroup exists, owned by {@code ownerId}. It shares nothing until clients are assigned to it. */
    void workgroupCreated(long groupId, long practiceId, long ownerId, String description) {
        cache.changed(AccessCache.Scope.user(ownerId));
        jdbc.sql("INSERT INTO access_workgroup (group_id, practice_id, owner_id, description) VALUES (:g, :p, :o, :d)")
                .param("g", groupId).param("p", practiceId).param("o", ownerId).param("d", description).update();
        jdbc.sql("""
                        INSERT INTO access_workgroup_member (group_id, user_id, practice_id, is_owner, joined_at)
                        VALUES (:g, :u, :p, TRUE, :at)""")
                .param("g", groupId).param("u", ownerId).param("p", practiceId).param("at", ctx.reads.now()).update();
    }

    /** The workgroup's description changed (it names the path in explanations). */
    void workgroupRenamed(long groupId, String description) {
        cache.changed(AccessCache.Scope.all()); // the description appears in cached paths
        jdbc.sql("UPDATE access_workgroup SET description = :d WHERE group_id = :g").param("d", description).param("g", groupId).update();
    }

    /**
     * Someone joined the workgroup: they reach its clients from now on. One statement on the index (the insert's trigger
     * adds the member's rows for every client of the group, INSERT .. SELECT), one cache invalidation (the user's
     * entries), one {@link AccessChanged} and so one audit entry for the whole group, not one per client.
     */
    void workgroupMemberJoined(long groupId, long userId, Long addedBy) {
        cache.changed(AccessCache.Scope.user(userId));
        GroupFacts g = ctx.reads.groupFacts(groupId);
        jdbc.sql("""
                        INSERT INTO access_workgroup_member (group_id, user_id, practice_id, is_owner, joined_at)
                        VALUES (:g, :u, :p, FALSE, :at)""")
                .param("g", groupId).param("u", userId).param("p", g.practiceId()).param("at", ctx.reads.now()).update();
        index.rederiveUserInGroup(userId, groupId);
        long reached = clientsIn(groupId);
        if (reached == 0) {
            return; // nobody's access changed (the workgroup has no client): no access event, as before the index
        }
        publish(g.practiceId(), null, addedBy, AccessChanged.Change.WORKGROUP_MEMBER_JOINED, userId, null,
                ctx.reads.nameOf(userId) + " as member of workgroup " + g.label() + reach(reached));
    }

    /** Someone left (or was removed from) the workgroup: they no longer reach its clients through it (one statement, one event). */
    void workgroupMemberLeft(long groupId, long userId, Long removedBy) {
        cache.changed(AccessCache.Scope.user(userId));
        GroupFacts g = ctx.reads.groupFacts(groupId);
        int deleted = jdbc.sql("DELETE FROM access_workgroup_member WHERE group_id = :g AND user_id = :u AND is_owner = FALSE")
                .param("g", groupId).param("u", userId).update();
        index.rederiveUserInGroup(userId, groupId);
        long reached = deleted == 0 ? 0 : clientsIn(groupId);
        if (reached == 0) {
            return;
        }
        publish(g.practiceId(), null, removedBy, AccessChanged.Change.WORKGROUP_MEMBER_LEFT, userId,
                ctx.reads.nameOf(userId) + " as member of workgroup " + g.label() + reach(reached), null);
    }

    /** How many clients the workgroup holds (one index-only count, read once per membership change). */
    private long clientsIn(long groupId) {
        return jdbc.sql("SELECT COUNT(*) FROM access_client WHERE workgroup_id = :g").param("g", groupId).query(Long.class).single();
    }

    /** ", reaching N clients" for the audit entry of a membership change. */
    private static String reach(long n) {
        return n == 1 ? ", reaching 1 client" : ", reaching " + n + " clients";
    }

    /** The client was put in a workgroup ({@code groupId}), moved to another, or taken out of any ({@code null}). */
    void clientWorkgroupChanged(long clientId, Long groupId, Long changedBy) {
        cache.changed(AccessCache.Scope.client(clientId));
        long practiceId = ctx.reads.practiceOfClient(clientId);
        Long current = jdbc.sql("SELECT workgroup_id FROM access_client WHERE client_id = :c AND workgroup_id IS NOT NULL")
                .param("c", clientId).query(Long.class).list().stream().findFirst().orElse(null);
        if (Objects.equals(current, groupId)) {
            return;
        }
        String before = current == null ? null : "Workgroup " + ctx.reads.groupFacts(current).label();
        String after = groupId == null ? null : "Workgroup " + ctx.reads.groupFacts(groupId).label();
        jdbc.sql("UPDATE access_client SET workgroup_id = :g WHERE client_id = :c").param("g", groupId).param("c", clientId).update();
        index.rederiveClient(clientId);
        publish(practiceId, clientId, changedBy,
                groupId == null ? AccessChanged.Change.WORKGROUP_UNASSIGNED : AccessChanged.Change.WORKGROUP_ASSIGNED,
                null, before, after);
    }

    /**
     * The workgroup is gone. Its clients must have been unassigned first (through
     * {@link #clientWorkgroupChanged}, so each one gets its event); the database refuses otherwise.
     */
    void workgroupDeleted(long groupId) {
        cache.changed(AccessCache.Scope.all());
        jdbc.sql("DELETE FROM access_workgroup_member WHERE group_id = :g").param("g", groupId).update();
        jdbc.sql("DELETE FROM access_workgroup WHERE group_id = :g").param("g", groupId).update();
    }

    /**
     * client → member:&lt;role&gt; → user on a business account (its users; a staff user in advisor mode). Writing it again
     * changes the role; the database refuses a business user in advisor mode, a staff user as administrator or member,
     * and a client that is not a business account.
     */
    void accountMemberWritten(Relation.AccountMember m, Long by) {
        cache.changed(AccessCache.Scope.pair(m.userId(), m.clientId()));
        long practiceId = ctx.reads.practiceOfClient(m.clientId());
        Optional<AccessRules.MemberFacts> before = ctx.reads.memberRow(m.clientId(), m.userId());
        if (before.isPresent() && before.get().role() == m.role()) {
            return;
        }
        if (before.isPresent()) {
            jdbc.sql("UPDATE access_account_member SET member_role = :r, granted_by = :by, granted_at = :at WHERE client_id = :c AND user_id = :u")
                    .param("r", m.role().name()).param("by", by).param("at", ctx.reads.now()).param("c", m.clientId()).param("u", m.userId()).update();
        } else {
            jdbc.sql("""
                            INSERT INTO access_account_member (client_id, user_id, practice_id, client_kind, user_type, member_role, granted_by, granted_at)
                            SELECT :c, u.id, :p, 'BUSINESS', u.user_type, :r, :by, :at FROM app_user u WHERE u.id = :u""")
                    .param("c", m.clientId()).param("u", m.userId()).param("p", practiceId).param("r", m.role().name())
                    .param("by", by).param("at", ctx.reads.now()).update();
        }
        if (m.role() == AccountRole.ADVISOR_MODE) {
            return; // the session's start is audited by the partner module, as "<adviser> acting in <account>", in this transaction
        }
        publish(practiceId, m.clientId(), by, AccessChanged.Change.ACCOUNT_MEMBER_ADDED, m.userId(),
                before.map(b -> ctx.reads.nameOf(m.userId()) + " as " + b.role().label()).orElse(null), ctx.reads.nameOf(m.userId()) + " as " + m.role().label());
    }

    /** Many users join a business account at once (a bulk upload): one statement per 500 rows, one event. */
    void accountMembersAdded(long clientId, List<Long> userIds, Long adminId, Long by) {
        if (userIds.isEmpty()) {
            return;
        }
        cache.changed(AccessCache.Scope.client(clientId));
        long practiceId = ctx.reads.practiceOfClient(clientId);
        OffsetDateTime at = ctx.reads.now();
        if (ctx.index != null && ctx.index.maintainedByDatabase()) { // PostgreSQL: one statement whatever the number
            jdbc.sql("""
                            INSERT INTO access_account_member (client_id, user_id, practice_id, client_kind, user_type, member_role, granted_by, granted_at)
                            SELECT ?, u.id, ?, 'BUSINESS', 'BUSINESS', CASE WHEN u.id = CAST(? AS bigint) THEN 'ADMIN' ELSE 'MEMBER' END,
                                   CAST(? AS bigint), ? FROM unnest(CAST(? AS bigint[])) AS u(id)""")
                    .params(java.util.Arrays.asList(clientId, practiceId, adminId, by, at, new org.springframework.jdbc.support.SqlArrayValue("bigint", userIds.toArray(Long[]::new)))).update();
        }
        for (int from = 0; from < userIds.size() && (ctx.index == null || !ctx.index.maintainedByDatabase()); from += 500) {
            List<Long> chunk = userIds.subList(from, Math.min(userIds.size(), from + 500));
            StringBuilder sql = new StringBuilder("""
                    INSERT INTO access_account_member (client_id, user_id, practice_id, client_kind, user_type, member_role, granted_by, granted_at)
                    VALUES """);
            List<Object> params = new ArrayList<>();
            for (int i = 0; i < chunk.size(); i++) {
                sql.append(i == 0 ? "" : ", ").append("(?, ?, ?, 'BUSINESS', 'BUSINESS', ?, ?, ?)");
                long u = chunk.get(i);
                params.addAll(java.util.Arrays.asList(clientId, u, practiceId,
                        adminId != null && adminId == u ? AccountRole.ADMIN.name() : AccountRole.MEMBER.name(), by, at));
            }
            jdbc.sql(sql.toString()).params(params).update();
        }
        publish(practiceId, clientId, by, AccessChanged.Change.ACCOUNT_MEMBER_ADDED, userIds.size() == 1 ? userIds.get(0) : null, null,
                userIds.size() == 1 ? ctx.reads.nameOf(userIds.get(0)) + " as " + (adminId != null ? AccountRole.ADMIN : AccountRole.MEMBER).label()
                        : userIds.size() + " users as members" + (adminId == null ? "" : ", " + ctx.reads.nameOf(adminId) + " as administrator"));
    }

    /** The user is no longer a member of the business account (removed, or advisor mode ended). */
    void accountMemberRemoved(long clientId, long userId, Long by) {
        cache.changed(AccessCache.Scope.pair(userId, clientId));
        Optional<AccessRules.MemberFacts> before = ctx.reads.memberRow(clientId, userId);
        if (before.isEmpty()) {
            return;
        }
        jdbc.sql("DELETE FROM access_account_member WHERE client_id = :c AND user_id = :u").param("c", clientId).param("u", userId).update();
        if (before.get().role() == AccountRole.ADVISOR_MODE) {
            return; // the session's end is audited by the partner module, in this transaction
        }
        publish(ctx.reads.practiceOfClient(clientId), clientId, by, AccessChanged.Change.ACCOUNT_MEMBER_REMOVED, userId,
                ctx.reads.nameOf(userId) + " as " + before.get().role().label(), null);
    }

    // ---- from the other parts

    private void publish(long practiceId, Long clientId, Long by, AccessChanged.Change change, Long subject, String before, String after) {
        ctx.writer.publish(practiceId, clientId, by, change, subject, before, after);
    }
}
