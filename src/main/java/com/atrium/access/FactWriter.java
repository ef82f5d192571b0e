package com.atrium.access;

import com.atrium.access.AccessRules.SecondaryFacts;
import com.atrium.shared.NotFoundException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import com.atrium.access.FactReads.GroupFacts;

/**
 * Facts about a client: the writes of its own relations (registration and listing, primary, team, secondary), each
 * with its cache invalidation, its visibility-index upkeep and its {@link AccessChanged} event, in the caller's
 * transaction; it also publishes the events of the other writers. Workgroups and business-account membership are
 * {@link GroupFactWriter}'s, outsiders' grants {@link OutsiderGrants}'.
 * Part of the access module behind {@link AccessService}; wired by it.
 */
final class FactWriter {
    private final JdbcClient jdbc;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final AccessCache cache;
    private final VisibilityIndex index;
    private final AccessContext ctx;

    FactWriter(AccessContext ctx) {
        this.ctx = ctx;
        this.jdbc = ctx.jdbc;
        this.clock = ctx.clock;
        this.events = ctx.events;
        this.cache = ctx.cache;
        this.index = ctx.index;
    }

    /** A new client exists, with its primary professional. */
    void clientRegistered(long clientId, long practiceId, long primaryUserId, Long registeredBy) {
        cache.changed(AccessCache.Scope.client(clientId));
        jdbc.sql("INSERT INTO access_client (client_id, practice_id) VALUES (:c, :p)")
                .param("c", clientId).param("p", practiceId).update();
        jdbc.sql("""
                        INSERT INTO access_team (client_id, user_id, practice_id, team_role, primary_marker, primary_type, granted_by,
                                                 granted_at)
                        VALUES (:c, :u, :p, 'ADVISER', TRUE, 'PROFESSIONAL', :by, :at)""")
                .param("c", clientId).param("u", primaryUserId).param("p", practiceId)
                .param("by", registeredBy).param("at", now()).update();
        index.rederiveClient(clientId);
        publish(practiceId, clientId, registeredBy, AccessChanged.Change.CLIENT_REGISTERED, primaryUserId, null,
                "Primary professional: " + nameOf(primaryUserId));
    }

    /** {@link #clientRegistered(AccessFacts.Client, long, Long)} and the holder records of many clients, as JDBC batches. */
    void clientsRegistered(List<AccessFacts.NewClient> clients, long by) {
        if (clients.isEmpty()) {
            return;
        }
        List<Long> ids = clients.stream().map(c -> c.client().clientId()).toList();
        cache.changedAll(ids.stream().map(AccessCache.Scope::client).toList());
        OffsetDateTime at = now();
        com.atrium.shared.JdbcBatches.update(index.batch, """
                        INSERT INTO access_client (client_id, practice_id, client_kind, sort_name, search_text, archived)
                        VALUES (?, ?, ?, ?, ?, ?)""",
                clients.stream().map(c -> new Object[] {c.client().clientId(), c.client().practiceId(), c.client().kind().name(),
                        c.client().sortName(), c.client().searchText(), c.client().archived()}).toList());
        com.atrium.shared.JdbcBatches.update(index.batch, """
                        INSERT INTO access_team (client_id, user_id, practice_id, team_role, primary_marker, primary_type, granted_by,
                                                 granted_at)
                        VALUES (?, ?, ?, 'ADVISER', TRUE, 'PROFESSIONAL', ?, ?)""",
                clients.stream().map(c -> new Object[] {c.client().clientId(), c.primaryUserId(), c.client().practiceId(), by, at})
                        .toList());
        ctx.holders.holdersRegistered(clients, by);
        index.rederiveClients(ids);
        Map<Long, String> names = new java.util.HashMap<>();
        for (AccessFacts.NewClient c : clients) {
            publish(c.client().practiceId(), c.client().clientId(), by, AccessChanged.Change.CLIENT_REGISTERED, c.primaryUserId(), null,
                    "Primary professional: " + names.computeIfAbsent(c.primaryUserId(), this::nameOf));
        }
    }

    void clientRegistered(AccessFacts.Client client, long primaryUserId, Long by) {
        clientRegistered(client.clientId(), client.practiceId(), primaryUserId, by);
        clientListed(client);
    }

    void clientListed(AccessFacts.Client client) {
        cache.changed(AccessCache.Scope.client(client.clientId()));
        jdbc.sql("""
                        UPDATE access_client SET client_kind = :k, sort_name = :s, search_text = :q, archived = :a
                        WHERE client_id = :c AND practice_id = :p""")
                .param("k", client.kind().name()).param("s", client.sortName()).param("q", client.searchText())
                .param("a", client.archived()).param("c", client.clientId()).param("p", client.practiceId()).update();
        index.rederiveClient(client.clientId());
    }

    void primaryWritten(Relation.Primary p, Long by) {
        Long from = jdbc.sql("SELECT user_id FROM access_team WHERE client_id = :c AND primary_marker = TRUE")
                .param("c", p.clientId()).query(Long.class).optional().orElseThrow(() -> new NotFoundException("Client"));
        if (from == p.userId()) {
            return;
        }
        primaryChanged(p.clientId(), from, p.userId(), by, p.formerStaysAsAdviser());
    }

    void teamWritten(Relation.Team t, Long by) {
        Optional<TeamMembership> current = teamRow(t.clientId(), t.userId());
        if (current.isEmpty()) {
            teamMemberAdded(t.clientId(), t.userId(), t.role(), by);
        } else if (current.get().role() != t.role()) {
            teamRoleChanged(t.clientId(), t.userId(), t.role(), by);
        }
    }

    void teamRemoved(long clientId, long userId, Long by) {
        teamMemberRemoved(clientId, userId, by);
    }

    void secondaryWritten(long clientId, Long userId, Long by) {
        secondaryChanged(clientId, userId, by);
    }

    void teamMemberAdded(long clientId, long userId, TeamRole role, Long addedBy) {
        cache.changed(AccessCache.Scope.pair(userId, clientId));
        long practiceId = practiceOfClient(clientId);
        jdbc.sql("""
                        INSERT INTO access_team (client_id, user_id, practice_id, team_role, primary_marker, granted_by, granted_at)
                        VALUES (:c, :u, :p, :r, NULL, :by, :at)""")
                .param("c", clientId).param("u", userId).param("p", practiceId).param("r", role.name())
                .param("by", addedBy).param("at", now()).update();
        index.rederivePair(userId, clientId);
        publish(practiceId, clientId, addedBy, AccessChanged.Change.TEAM_MEMBER_ADDED, userId, null,
                nameOf(userId) + " as " + role.label());
    }

    void teamRoleChanged(long clientId, long userId, TeamRole role, Long changedBy) {
        cache.changed(AccessCache.Scope.pair(userId, clientId));
        TeamMembership before = teamRow(clientId, userId).orElseThrow(() -> new NotFoundException("Team member"));
        jdbc.sql("UPDATE access_team SET team_role = :r WHERE client_id = :c AND user_id = :u")
                .param("r", role.name()).param("c", clientId).param("u", userId).update();
        publish(practiceOfClient(clientId), clientId, changedBy, AccessChanged.Change.TEAM_ROLE_CHANGED, userId,
                nameOf(userId) + " as " + before.role().label(), nameOf(userId) + " as " + role.label());
    }

    /** Removes a non-primary team member (the primary is only ever replaced, see {@link #primaryChanged}). */
    void teamMemberRemoved(long clientId, long userId, Long removedBy) {
        cache.changed(AccessCache.Scope.pair(userId, clientId));
        TeamMembership before = teamRow(clientId, userId).orElseThrow(() -> new NotFoundException("Team member"));
        if (before.primary()) {
            throw new IllegalStateException("The primary professional is replaced, never removed");
        }
        jdbc.sql("DELETE FROM access_team WHERE client_id = :c AND user_id = :u AND primary_marker IS NULL")
                .param("c", clientId).param("u", userId).update();
        index.rederivePair(userId, clientId);
        publish(practiceOfClient(clientId), clientId, removedBy, AccessChanged.Change.TEAM_MEMBER_REMOVED, userId,
                nameOf(userId) + " as " + before.role().label(), null);
    }

    /**
     * The primary professional changed. The former primary stays on the team as an Adviser unless
     * {@code keepFormer} is false; the new one joins the team if needed (keeping their role).
     */
    void primaryChanged(long clientId, long fromUserId, long toUserId, Long changedBy, boolean keepFormer) {
        cache.changed(AccessCache.Scope.client(clientId));
        if (keepFormer) {
            // an Adviser from now on, put there by whoever handed over (the explanation says "since ..., added by ...")
            jdbc.sql("""
                            UPDATE access_team SET primary_marker = NULL, primary_type = NULL, team_role = 'ADVISER', granted_by = :by,
                                                   granted_at = :at
                            WHERE client_id = :c AND user_id = :u""")
                    .param("by", changedBy).param("at", now()).param("c", clientId).param("u", fromUserId).update();
        } else {
            jdbc.sql("DELETE FROM access_team WHERE client_id = :c AND user_id = :u")
                    .param("c", clientId).param("u", fromUserId).update();
        }
        int updated = jdbc.sql("""
                        UPDATE access_team SET primary_marker = TRUE, primary_type = 'PROFESSIONAL', granted_by = :by, granted_at = :at
                        WHERE client_id = :c AND user_id = :u""")
                .param("by", changedBy).param("at", now()).param("c", clientId).param("u", toUserId).update();
        if (updated == 0) {
            jdbc.sql("""
                            INSERT INTO access_team (client_id, user_id, practice_id, team_role, primary_marker, primary_type, granted_by,
                                                     granted_at)
                            SELECT c.client_id, :u, c.practice_id, 'ADVISER', TRUE, 'PROFESSIONAL', :by, :at
                            FROM access_client c WHERE c.client_id = :c""")
                    .param("c", clientId).param("u", toUserId).param("by", changedBy).param("at", now()).update();
        }
        index.rederiveClient(clientId);
        publish(practiceOfClient(clientId), clientId, changedBy, AccessChanged.Change.PRIMARY_HANDED_OVER, toUserId,
                "Primary professional: " + nameOf(fromUserId) + (keepFormer ? "" : " (removed from the team)"),
                "Primary professional: " + nameOf(toUserId));
        if (secondaryRow(clientId).filter(s -> s.userId() == toUserId).isPresent()) {
            secondaryChanged(clientId, null, changedBy); // the new primary cannot also be the secondary adviser
        }
    }

    /**
     * Many clients handed over at once (a reassignment): the same writes as {@link #primaryChanged} for each client, as
     * set-based statements per (former, new primary) pair, one cache invalidation, and the same {@link AccessChanged}
     * events, one per client (so one audit entry per client, as for a single hand-over). Clients already with their new
     * primary are left alone.
     *
     * @return how many clients changed primary
     */
    int primariesChanged(List<Relation.Primary> primaries, Long by) {
        if (primaries.isEmpty()) {
            return 0;
        }
        cache.changed(AccessCache.Scope.all());
        Map<Long, Long> current = new java.util.HashMap<>();
        for (List<Long> chunk : chunks(primaries.stream().map(Relation.Primary::clientId).toList())) {
            jdbc.sql("SELECT client_id, user_id FROM access_team WHERE client_id IN (:c) AND primary_marker = TRUE").param("c", chunk)
                    .query(rs -> {
                        current.put(rs.getLong(1), rs.getLong(2));
                    });
        }
        record Key(long from, long to, boolean keep) {
        }
        Map<Key, List<Long>> groups = new LinkedHashMap<>();
        for (Relation.Primary p : primaries) {
            Long from = current.get(p.clientId());
            if (from == null) {
                throw new NotFoundException("Client");
            }
            if (from != p.userId()) {
                groups.computeIfAbsent(new Key(from, p.userId(), p.formerStaysAsAdviser()), k -> new ArrayList<>()).add(p.clientId());
            }
        }
        OffsetDateTime at = now();
        int moved = 0;
        for (Map.Entry<Key, List<Long>> g : groups.entrySet()) {
            Key k = g.getKey();
            String fromName = nameOf(k.from());
            String toName = nameOf(k.to());
            for (List<Long> ids : chunks(g.getValue())) {
                if (k.keep()) {
                    jdbc.sql("""
                                    UPDATE access_team SET primary_marker = NULL, primary_type = NULL, team_role = 'ADVISER', granted_by = :by,
                                                           granted_at = :at
                                    WHERE client_id IN (:c) AND user_id = :u""")
                            .param("by", by).param("at", at).param("c", ids).param("u", k.from()).update();
                } else {
                    jdbc.sql("DELETE FROM access_team WHERE client_id IN (:c) AND user_id = :u").param("c", ids).param("u", k.from()).update();
                }
                jdbc.sql("""
                                UPDATE access_team SET primary_marker = TRUE, primary_type = 'PROFESSIONAL', granted_by = :by, granted_at = :at
                                WHERE client_id IN (:c) AND user_id = :u""")
                        .param("by", by).param("at", at).param("c", ids).param("u", k.to()).update();
                jdbc.sql("""
                                INSERT INTO access_team (client_id, user_id, practice_id, team_role, primary_marker, primary_type, granted_by,
                                                         granted_at)
                                SELECT c.client_id, :u, c.practice_id, 'ADVISER', TRUE, 'PROFESSIONAL', :by, :at
                                FROM access_client c
                                WHERE c.client_id IN (:c)
                                  AND NOT EXISTS (SELECT 1 FROM access_team t WHERE t.client_id = c.client_id AND t.user_id = :u)""")
                        .param("c", ids).param("u", k.to()).param("by", by).param("at", at).update();
                // the new primary cannot also be the secondary adviser
                List<long[]> cleared = jdbc.sql("SELECT client_id, practice_id FROM access_client WHERE client_id IN (:c) AND secondary_user_id = :u")
                        .param("c", ids).param("u", k.to()).query((rs, i) -> new long[] {rs.getLong(1), rs.getLong(2)}).list();
                if (!cleared.isEmpty()) {
                    jdbc.sql("""
                                    UPDATE access_client SET secondary_user_id = NULL, secondary_by = NULL, secondary_since = NULL
                                    WHERE client_id IN (:c) AND secondary_user_id = :u""")
                            .param("c", ids).param("u", k.to()).update();
                }
                Map<Long, Long> practices = new java.util.HashMap<>();
                jdbc.sql("SELECT client_id, practice_id FROM access_client WHERE client_id IN (:c)").param("c", ids)
                        .query(rs -> {
                            practices.put(rs.getLong(1), rs.getLong(2));
                        });
                for (long clientId : ids) {
                    index.rederiveClient(clientId); // H2 only (PostgreSQL's triggers keep the index)
                    publish(practices.get(clientId), clientId, by, AccessChanged.Change.PRIMARY_HANDED_OVER, k.to(),
                            "Primary professional: " + fromName + (k.keep() ? "" : " (removed from the team)"),
                            "Primary professional: " + toName);
                    moved++;
                }
                for (long[] c : cleared) {
                    publish(c[1], c[0], by, AccessChanged.Change.SECONDARY_CLEARED, k.to(), "Secondary adviser: " + toName, null);
                }
            }
        }
        return moved;
    }

    private static List<List<Long>> chunks(List<Long> ids) {
        List<List<Long>> result = new ArrayList<>();
        for (int i = 0; i < ids.size(); i += 1000) {
            result.add(ids.subList(i, Math.min(ids.size(), i + 1000)));
        }
        return result;
    }

    /**
     * Something about a person that access depends on changed (active, type, manager capability,
     * practice, name). PostgreSQL triggers report changes to {@code app_user} by themselves; call this
     * from code that changes people in other ways, inside its transaction.
     */
    void userChanged(long userId) {
        AccessWhatIf.userTouched(userId);
        cache.changed(AccessCache.Scope.user(userId));
        index.rederiveUser(userId);
    }

    /**
     * The client's secondary adviser changed ({@code userId} null: cleared). The database accepts only
     * a Professional of the client's practice; the feature checks the rest (e.g. not the primary).
     */
    void secondaryChanged(long clientId, Long userId, Long changedBy) {
        cache.changed(AccessCache.Scope.client(clientId));
        long practiceId = practiceOfClient(clientId);
        Optional<SecondaryFacts> before = secondaryRow(clientId);
        if (before.map(SecondaryFacts::userId).equals(Optional.ofNullable(userId))) {
            return;
        }
        jdbc.sql("UPDATE access_client SET secondary_user_id = :u, secondary_by = :by, secondary_since = :at WHERE client_id = :c")
                .param("u", userId).param("by", userId == null ? null : changedBy).param("at", userId == null ? null : now())
                .param("c", clientId).update();
        index.rederiveClient(clientId);
        String was = before.map(s -> "Secondary adviser: " + nameOf(s.userId())).orElse(null);
        if (userId == null) {
            publish(practiceId, clientId, changedBy, AccessChanged.Change.SECONDARY_CLEARED, before.get().userId(), was, null);
        } else {
            publish(practiceId, clientId, changedBy, AccessChanged.Change.SECONDARY_SET, userId, was, "Secondary adviser: " + nameOf(userId));
        }
    }

    void publish(long practiceId, Long clientId, Long by, AccessChanged.Change change, Long subject, String before, String after) {
        events.publishEvent(new AccessChanged(practiceId, clientId, by, change, subject, before, after, clock.instant()));
    }

    // ---- from the other parts

    private GroupFacts groupFacts(long groupId) {
        return ctx.reads.groupFacts(groupId);
    }

    private String nameOf(long userId) {
        return ctx.reads.nameOf(userId);
    }

    private OffsetDateTime now() {
        return ctx.reads.now();
    }

    private long practiceOfClient(long clientId) {
        return ctx.reads.practiceOfClient(clientId);
    }

    private Optional<SecondaryFacts> secondaryRow(long clientId) {
        return ctx.reads.secondaryRow(clientId);
    }

    private Optional<TeamMembership> teamRow(long clientId, long userId) {
        return ctx.reads.teamRow(clientId, userId);
    }
}
