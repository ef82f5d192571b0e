package com.atrium.access;

import com.atrium.access.AccessRules.ClientFacts;
import com.atrium.access.AccessRules.GrantFacts;
import com.atrium.access.AccessRules.SecondaryFacts;
import com.atrium.access.AccessRules.WorkgroupFacts;
import com.atrium.access.AccessSubjects.Subject;
import com.atrium.shared.Actor;
import com.atrium.shared.ForbiddenException;
import com.atrium.shared.NotFoundException;
import com.atrium.shared.UserType;
import java.sql.Timestamp;
import com.atrium.shared.ConflictException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The access core. Every permission question in Atrium is answered here:
 * <ul>
 *   <li>{@link #check} / {@link #require}: may this actor do this on this client;</li>
 *   <li>{@link #visibleClients}: the SQL predicate list and search queries join on (never load-then-filter);</li>
 *   <li>{@link #explain} / {@link #whoHasAccess}: every path, in words.</li>
 * </ul>
 * Features tell it facts ({@code clientRegistered}, {@code teamMemberAdded}, ...) inside their own
 * transaction, so the access index is exact the moment the change commits.
 */
@Service
public class AccessService {
    private final JdbcClient jdbc;
    private final AccessSubjects subjects;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final AccessCache cache;
    private final VisibilityIndex index;

    /** For rules that read only the actor (the doc tests build it this way). */
    AccessService(JdbcClient jdbc, AccessSubjects subjects, Clock clock, ApplicationEventPublisher events, AccessCache cache) {
        this(jdbc, subjects, clock, events, cache, null);
    }

    @org.springframework.beans.factory.annotation.Autowired
    AccessService(JdbcClient jdbc, AccessSubjects subjects, Clock clock, ApplicationEventPublisher events, AccessCache cache,
                  VisibilityIndex index) {
        this.index = index;
        this.jdbc = jdbc;
        this.subjects = subjects;
        this.clock = clock;
        this.events = events;
        this.cache = cache;
    }

    // ------------------------------------------------------------------ decisions

    /**
     * May the actor do {@code permission} on the client? Deny unless a path grants it. Answered from
     * this node's {@link AccessCache} when it may be trusted, otherwise with one indexed query. No
     * transaction of its own: a cached answer costs no connection.
     */
    public Decision check(Actor actor, Permission permission, long clientId) {
        Subject subject = asSubject(actor);
        return decide(subject, permission, clientId);
    }

    /** Everything the actor may do on the client (empty when they may not see it). One evaluation for a whole screen. */
    public Set<Permission> permissions(Actor actor, long clientId) {
        return evaluate(asSubject(actor), clientId).permissions();
    }

    /** May the user with this id (of any practice) do this? Used by the integrators' check endpoint. */
    public Decision check(long userId, Permission permission, long clientId) {
        return subject(userId)
                .map(s -> decide(s, permission, clientId))
                .orElseGet(() -> new Decision(false, permission, "Unknown user", List.of()));
    }

    /**
     * The integrators' check: may {@code userId} do {@code permission} on the client? Staff may ask
     * about themselves, practice managers about anyone; a user of another practice (or no user at all)
     * answers like a denial, so nothing leaks about other practices.
     */
    public CheckAnswer checkFor(Actor asker, long userId, Permission permission, long clientId) {
        if (!asker.isStaff()) {
            throw new ForbiddenException("Only staff users may use the access check.");
        }
        Decision d;
        if (userId == asker.userId()) {
            d = check(asker, permission, clientId);
        } else if (asker.practiceManager()) {
            d = subject(userId).filter(s -> s.practiceId() == asker.practiceId())
                    .map(s -> decide(s, permission, clientId))
                    .orElseGet(() -> new Decision(false, permission, "Unknown user", List.of()));
        } else {
            throw new ForbiddenException("You may ask only about yourself; practice managers may ask about anyone in their practice.");
        }
        List<PathKind> kinds = d.allowed()
                ? d.paths().stream().filter(p -> p.permissions().contains(permission)).map(AccessPath::kind).toList()
                : List.of();
        return new CheckAnswer(userId, clientId, permission, d.allowed(), kinds);
    }

    /**
     * Like {@link #check} but throws: {@link NotFoundException} when the actor may not even see the
     * client (so unknown and forbidden ids look alike), {@link ForbiddenException} with the reason when
     * they see it but may not do this.
     */
    public void require(Actor actor, Permission permission, long clientId) {
        Decision d = check(actor, permission, clientId);
        if (d.allowed()) {
            return;
        }
        if (!d.visible()) {
            throw new NotFoundException("Client");
        }
        throw new ForbiddenException(d.reason());
    }

    private Decision decide(Subject subject, Permission permission, long clientId) {
        AccessCache.Derived derived = evaluate(subject, clientId);
        if (derived == null) {
            return new Decision(false, permission, "No such client", List.of());
        }
        Decision known = derived.decisions()[permission.ordinal()];
        if (known != null) {
            return known; // immutable: the same answer for the same facts, subject and day
        }
        List<AccessPath> paths = derived.paths();
        boolean allowed = derived.permissions().contains(permission);
        String reason;
        if (allowed) {
            reason = paths.stream().filter(p -> p.permissions().contains(permission)).findFirst()
                    .map(AccessPath::description).orElseThrow();
        } else if (paths.isEmpty()) {
            reason = subject.name() + " has no access to this client";
        } else {
            reason = subject.name() + " may not " + permission.label().toLowerCase() + " on this client ("
                    + String.join("; ", paths.stream().map(AccessPath::description).toList()) + ")";
        }
        Decision d = new Decision(allowed, permission, reason, paths);
        derived.decisions()[permission.ordinal()] = d;
        return d;
    }

    private List<AccessPath> paths(Subject subject, ClientFacts client) {
        return explanation(subject, client, teamRow(client.clientId(), subject.userId()),
                workgroupRow(client.clientId(), subject.userId()), secondaryRow(client.clientId()),
                grantRow(client.clientId(), subject.userId()), null).paths();
    }

    // ------------------------------------------------------------------ evaluation (cached)

    /**
     * Everything about one (user, client) that decides access, as one indexed query loads it (primary
     * keys only: the client row, the user's team row, their membership of the client's workgroup). A
     * new path adds its columns here and calls {@link AccessCache#changed} from its fact methods.
     * {@code practiceId} is -1 for an unknown client.
     */
    record PairFacts(long clientId, long practiceId, Optional<TeamMembership> team, Optional<WorkgroupFacts> workgroup,
                    Optional<SecondaryFacts> secondary, Optional<GrantFacts> grant) {
        boolean exists() {
            return practiceId >= 0;
        }

        /** Whether what it grants depends on the date (an outsider grant with a last day). */
        boolean dated() {
            return grant.isPresent() && grant.get().expiresOn() != null;
        }
    }

    private static final AccessCache.Derived NO_CLIENT = null;

    /** Paths and permissions of the subject on the client; null when the client does not exist. */
    private AccessCache.Derived evaluate(Subject subject, long clientId) {
        boolean cached = cache.usable();
        AccessCache.Entry entry = cached ? cache.get(subject.userId(), clientId) : null;
        if (entry == null) {
            long generation = cache.generation();
            entry = new AccessCache.Entry(relation(subject.userId(), clientId));
            if (cached) {
                cache.put(subject.userId(), clientId, entry, generation);
            }
        }
        if (!entry.relation.exists()) {
            return NO_CLIENT;
        }
        PairFacts r = entry.relation;
        LocalDate day = r.dated() ? today() : null; // a grant expires with the application clock, cache or not
        AccessCache.Derived derived = entry.derived;
        if (derived != null && derived.subject().equals(subject) && Objects.equals(derived.day(), day)) {
            return derived;
        }
        List<AccessPath> paths = explanation(subject, new ClientFacts(clientId, r.practiceId()), r.team(), r.workgroup(),
                r.secondary(), r.grant(), null).paths();
        // an unmodifiable EnumSet keeps the catalogue's order ("Your access" lists, JSON); Set.copyOf would shuffle it
        derived = new AccessCache.Derived(subject, day, List.copyOf(paths), java.util.Collections.unmodifiableSet(AccessRules.union(paths)));
        entry.derived = derived;
        return derived;
    }

    private PairFacts relation(long userId, long clientId) {
        return jdbc.sql("""
                        SELECT c.practice_id, t.team_role, t.primary_marker, t.granted_by, t.granted_at,
                               c.secondary_user_id, c.secondary_by, c.secondary_since,
                               w.group_id, w.description, w.owner_id, m.is_owner, m.joined_at,
                               g.id AS grant_id, g.subject_kind, g.holder, g.access_level, g.expires_on,
                               g.granted_by AS grant_by, g.granted_at AS grant_at
                        FROM access_client c
                        LEFT JOIN access_team t ON t.client_id = c.client_id AND t.user_id = :u
                        LEFT JOIN access_workgroup_member m ON m.group_id = c.workgroup_id AND m.user_id = :u
                        LEFT JOIN access_workgroup w ON w.group_id = m.group_id
                        LEFT JOIN access_grant g ON g.client_id = c.client_id AND g.user_id = :u
                        WHERE c.client_id = :c""")
                .param("u", userId).param("c", clientId)
                .query((rs, i) -> {
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
                    return new PairFacts(clientId, rs.getLong("practice_id"), team, workgroup, secondary, grant);
                })
                .optional()
                .orElseGet(() -> new PairFacts(clientId, -1, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()));
    }

    /** A person as access sees them, from this node's cache when it may be trusted. */
    private Optional<Subject> subject(long userId) {
        boolean cached = cache.usable();
        Subject s = cached ? cache.subject(userId) : null;
        if (s != null) {
            return Optional.of(s);
        }
        long generation = cache.generation();
        Optional<Subject> found = subjects.find(userId);
        if (cached) {
            found.ifPresent(f -> cache.putSubject(f, generation));
        }
        return found;
    }

    /** Names of the people an explanation mentions. */
    private Map<Long, Subject> people(Set<Long> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        if (!cache.usable()) {
            return subjects.findAll(ids);
        }
        Map<Long, Subject> result = new LinkedHashMap<>();
        for (long id : ids) {
            subject(id).ifPresent(s -> result.put(id, s));
        }
        return result;
    }

    /**
     * Practice-level rules: every staff user may see the staff list of their own practice; only
     * practice managers may manage staff. Outsiders get neither.
     */
    public boolean check(Actor actor, PracticePermission permission) {
        if (!actor.isStaff()) {
            return false;
        }
        return switch (permission) {
            case VIEW_STAFF -> true;
            case MANAGE_STAFF -> actor.practiceManager();
            // assistants add clients only through a workgroup they own or belong to
            case CREATE_CLIENT -> actor.type() != UserType.ASSISTANT || inAnyWorkgroup(actor.userId());
            case VIEW_AUDIT_TRAIL -> actor.practiceManager();
            case MANAGE_INTEGRATIONS -> actor.practiceManager();
        };
    }

    public void require(Actor actor, PracticePermission permission) {
        if (!check(actor, permission)) {
            throw new ForbiddenException(switch (permission) {
                case CREATE_CLIENT -> actor.type() == UserType.ASSISTANT
                        ? "Assistants add clients through a workgroup, and you are not in any workgroup."
                        : "Only staff users may add clients.";
                case VIEW_STAFF -> "Only staff users may see the staff list.";
                case MANAGE_STAFF -> "Only practice managers may create and change staff users.";
                case VIEW_AUDIT_TRAIL -> "Only practice managers may see and verify the practice's audit trail.";
                case MANAGE_INTEGRATIONS -> "Only practice managers may see and change CRM integrations and their sync runs.";
            });
        }
    }

    // ------------------------------------------------------------------ query-level filter

    /**
     * The predicate that keeps only clients the actor may see. The caller names its client id and
     * practice id columns; the result is one indexed join, whatever paths exist.
     */
    public ClientFilter visibleClients(Actor actor, String clientIdColumn, String practiceIdColumn) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("acc_practice", actor.practiceId());
        if (actor.practiceManager() && actor.isStaff()) {
            return new ClientFilter(practiceIdColumn + " = :acc_practice", params);
        }
        params.put("acc_user", actor.userId());
        params.put("acc_today", today());
        // one semi-join over every per-user path: team rows, the workgroups the user owns or belongs to
        // (however many: one indexed join), and secondary adviser. (Lists page the visibility index instead,
        // see visibleRows; this predicate reads the facts themselves, so the two paths check each other.)
        return new ClientFilter(practiceIdColumn + " = :acc_practice AND " + clientIdColumn + " IN ("
                + "SELECT acc_t.client_id FROM access_team acc_t WHERE acc_t.user_id = :acc_user"
                + " UNION ALL SELECT acc_c.client_id FROM access_workgroup_member acc_m"
                + " JOIN access_client acc_c ON acc_c.workgroup_id = acc_m.group_id WHERE acc_m.user_id = :acc_user"
                + " UNION ALL SELECT acc_s.client_id FROM access_client acc_s WHERE acc_s.secondary_user_id = :acc_user"
                // outsiders' grants, until their last day (compared with the application clock, so tests can move time)
                + " UNION ALL SELECT acc_g.client_id FROM access_grant acc_g WHERE acc_g.user_id = :acc_user"
                + " AND (acc_g.expires_on IS NULL OR acc_g.expires_on >= :acc_today))", params);
    }

    /**
     * The clients the actor may see as rows to page and count in one statement (see {@link ClientRows}):
     * practice managers walk the caller's table, everyone else the visibility index.
     *
     * @param search    text to find anywhere in the search text (case-insensitive), or null
     * @param workgroup only clients assigned to this workgroup (it grants nothing by itself), or null
     * @param kind      only clients of this kind, or null for all
     */
    public ClientRows visibleRows(Actor actor, ClientRows.Table table, String search, Long workgroup, AccessFacts.ClientKind kind) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("acc_practice", actor.practiceId());
        StringBuilder sql = new StringBuilder();
        if (actor.practiceManager() && actor.isStaff()) {
            sql.append("SELECT ").append(table.id()).append(" AS client_id, ").append(table.sortName()).append(" AS sort_name FROM ")
                    .append(table.from()).append(" WHERE ").append(table.practiceId()).append(" = :acc_practice");
            if (search != null) {
                sql.append(" AND ").append(table.searchText()).append(" LIKE :acc_q ESCAPE '\\'");
            }
            if (workgroup != null) {
                sql.append(" AND ").append(table.id())
                        .append(" IN (SELECT acc_w.client_id FROM access_client acc_w WHERE acc_w.workgroup_id = :acc_wg)");
            }
        } else {
            params.put("acc_user", actor.userId());
            params.put("acc_today", today());
            sql.append("SELECT acc_v.client_id, acc_v.sort_name FROM access_visible acc_v WHERE acc_v.user_id = :acc_user")
                    .append(" AND acc_v.practice_id = :acc_practice")
                    .append(" AND (acc_v.paths <> 8 OR acc_v.grant_until IS NULL OR acc_v.grant_until >= :acc_today)");
            if (search != null) {
                sql.append(" AND acc_v.search_text LIKE :acc_q ESCAPE '\\'");
            }
            if (workgroup != null) {
                sql.append(" AND acc_v.workgroup_id = :acc_wg");
            }
            if (kind != null) {
                sql.append(" AND acc_v.client_kind = :acc_kind");
                params.put("acc_kind", kind.name());
            }
        }
        if (search != null) {
            String escaped = search.toLowerCase(java.util.Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
            params.put("acc_q", "%" + escaped + "%");
        }
        if (workgroup != null) {
            params.put("acc_wg", workgroup);
        }
        return new ClientRows(sql.toString(), params);
    }

    /**
     * Narrows a client query to the clients assigned to one workgroup (AND it with {@link #visibleClients};
     * it grants nothing by itself). The workgroup module checks the actor may see the group.
     */
    public ClientFilter clientsInWorkgroup(long groupId, String clientIdColumn) {
        return new ClientFilter(clientIdColumn + " IN (SELECT acc_w.client_id FROM access_client acc_w WHERE acc_w.workgroup_id = :acc_wg)",
                Map.of("acc_wg", groupId));
    }

    // ------------------------------------------------------------------ explain

    /** Every path that gives {@code userId} access to the client; the asker must be able to see the client. */
    @Transactional(readOnly = true)
    public Explanation explain(Actor asker, long clientId, long userId) {
        require(asker, Permission.VIEW_FILE, clientId);
        Subject subject = subject(userId).filter(s -> s.practiceId() == asker.practiceId())
                .orElseThrow(() -> new NotFoundException("User"));
        PairFacts r = relation(userId, clientId); // the same one query as check (the secondary only when it is this user)
        if (!r.exists()) {
            throw new NotFoundException("Client");
        }
        return explanation(subject, new ClientFacts(clientId, r.practiceId()), r.team(), r.workgroup(), r.secondary(), r.grant(), null);
    }

    /** Everyone who has access to the client, each with their paths: the primary first, then practice managers, then by name. */
    @Transactional(readOnly = true)
    public List<Explanation> whoHasAccess(Actor asker, long clientId) {
        require(asker, Permission.VIEW_FILE, clientId);
        ClientFacts client = clientFacts(clientId).orElseThrow(() -> new NotFoundException("Client"));
        List<TeamMembership> team = team(clientId);
        Map<Long, WorkgroupFacts> workgroup = workgroupMembersOf(clientId);
        Optional<SecondaryFacts> secondary = secondaryRow(clientId);
        Set<Long> ids = new HashSet<>();
        team.forEach(t -> {
            ids.add(t.userId());
            if (t.grantedBy() != null) {
                ids.add(t.grantedBy());
            }
        });
        workgroup.forEach((userId, w) -> {
            ids.add(userId);
            ids.add(w.ownerId());
        });
        secondary.ifPresent(s -> {
            ids.add(s.userId());
            if (s.appointedBy() != null) {
                ids.add(s.appointedBy());
            }
        });
        Map<Long, GrantFacts> grants = grantsByUser(clientId);
        grants.forEach((userId, g) -> {
            ids.add(userId);
            if (g.grantedBy() != null) {
                ids.add(g.grantedBy());
            }
        });
        List<Subject> managers = subjects.practiceManagers(client.practiceId());
        managers.forEach(m -> ids.add(m.userId()));
        Map<Long, Subject> people = subjects.findAll(ids);
        Set<Long> candidates = new LinkedHashSet<>();
        managers.forEach(m -> candidates.add(m.userId()));
        team.forEach(t -> candidates.add(t.userId()));
        secondary.ifPresent(s -> candidates.add(s.userId()));
        candidates.addAll(workgroup.keySet());
        candidates.addAll(grants.keySet());
        Map<Long, Explanation> byUser = new LinkedHashMap<>();
        for (long userId : candidates) {
            Subject s = people.get(userId);
            if (s != null) {
                byUser.put(userId, explanation(s, client, team.stream().filter(t -> t.userId() == userId).findFirst(),
                        Optional.ofNullable(workgroup.get(userId)), secondary, Optional.ofNullable(grants.get(userId)), people));
            }
        }
        List<Explanation> result = new ArrayList<>(byUser.values().stream().filter(Explanation::hasAccess).toList());
        result.sort(Comparator.comparingInt(AccessService::listRank).thenComparing(Explanation::userName)
                .thenComparingLong(Explanation::userId));
        return result;
    }

    /** The primary professional first, then practice managers, then everyone else. */
    private static int listRank(Explanation e) {
        if (e.paths().stream().anyMatch(p -> p.kind() == PathKind.PRIMARY)) {
            return 0;
        }
        return e.paths().stream().anyMatch(p -> p.kind() == PathKind.PRACTICE_MANAGER) ? 1 : 2;
    }

    private Explanation explanation(Subject subject, ClientFacts client, Optional<TeamMembership> team,
                                    Optional<WorkgroupFacts> workgroup, Optional<SecondaryFacts> secondary,
                                    Optional<GrantFacts> grant, Map<Long, Subject> people) {
        Map<Long, Subject> names = people;
        if (names == null) {
            Set<Long> ids = new HashSet<>();
            team.map(TeamMembership::grantedBy).ifPresent(ids::add);
            workgroup.filter(w -> !w.subjectIsOwner()).ifPresent(w -> ids.add(w.ownerId()));
            secondary.filter(s -> s.userId() == subject.userId()).map(SecondaryFacts::appointedBy).ifPresent(ids::add);
            grant.map(GrantFacts::grantedBy).ifPresent(ids::add);
            names = people(ids);
        }
        LocalDate today = today();
        List<AccessPath> paths = AccessRules.paths(subject, client, team, workgroup, secondary, grant, today, names);
        String noAccess = null;
        if (paths.isEmpty()) {
            noAccess = grant.filter(g -> g.expiredOn(today) && subject.active() && subject.practiceId() == client.practiceId())
                    .map(AccessRules::expiredReason).orElseGet(() -> AccessRules.noAccessReason(subject, client));
        }
        return new Explanation(subject.userId(), subject.name(), subject.type(), client.clientId(), !paths.isEmpty(),
                paths, AccessRules.union(paths), AccessRules.summary(subject.name(), paths, noAccess));
    }

    // ------------------------------------------------------------------ team (read)

    /** The team of a client: every member with role and primary flag (primary first). */
    @Transactional(readOnly = true)
    public List<TeamMembership> team(long clientId) {
        return jdbc.sql("""
                        SELECT client_id, user_id, team_role, primary_marker, granted_by, granted_at
                        FROM access_team WHERE client_id = :c
                        ORDER BY CASE WHEN primary_marker THEN 0 ELSE 1 END, granted_at, user_id""")
                .param("c", clientId)
                .query((rs, i) -> teamMembership(rs))
                .list();
    }

    /** One person's place on the team of a client, if they have one. */
    @Transactional(readOnly = true)
    public Optional<TeamMembership> membership(long clientId, long userId) {
        return teamRow(clientId, userId);
    }

    // ------------------------------------------------------------------ facts (called inside the feature's transaction)
    // Each fact updates the access index and publishes AccessChanged in the same transaction.

    /** A new client exists, with its primary professional. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void clientRegistered(long clientId, long practiceId, long primaryUserId, Long registeredBy) {
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

    // ---- the typed-relation writes AccessFacts delegates to (the per-event methods below keep working for now)

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

    void workgroupDefined(long groupId, long practiceId, long ownerId, String description) {
        boolean exists = jdbc.sql("SELECT COUNT(*) FROM access_workgroup WHERE group_id = :g").param("g", groupId)
                .query(Long.class).single() > 0;
        if (exists) {
            workgroupRenamed(groupId, description);
        } else {
            workgroupCreated(groupId, practiceId, ownerId, description);
        }
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

    void clientWorkgroupWritten(long clientId, Long groupId, Long by) {
        clientWorkgroupChanged(clientId, groupId, by);
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void teamMemberAdded(long clientId, long userId, TeamRole role, Long addedBy) {
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

    @Transactional(propagation = Propagation.MANDATORY)
    public void teamRoleChanged(long clientId, long userId, TeamRole role, Long changedBy) {
        cache.changed(AccessCache.Scope.pair(userId, clientId));
        TeamMembership before = teamRow(clientId, userId).orElseThrow(() -> new NotFoundException("Team member"));
        jdbc.sql("UPDATE access_team SET team_role = :r WHERE client_id = :c AND user_id = :u")
                .param("r", role.name()).param("c", clientId).param("u", userId).update();
        publish(practiceOfClient(clientId), clientId, changedBy, AccessChanged.Change.TEAM_ROLE_CHANGED, userId,
                nameOf(userId) + " as " + before.role().label(), nameOf(userId) + " as " + role.label());
    }

    /** Removes a non-primary team member (the primary is only ever replaced, see {@link #primaryChanged}). */
    @Transactional(propagation = Propagation.MANDATORY)
    public void teamMemberRemoved(long clientId, long userId, Long removedBy) {
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
    @Transactional(propagation = Propagation.MANDATORY)
    public void primaryChanged(long clientId, long fromUserId, long toUserId, Long changedBy, boolean keepFormer) {
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
     * Something about a person that access depends on changed (active, type, manager capability,
     * practice, name). PostgreSQL triggers report changes to {@code app_user} by themselves; call this
     * from code that changes people in other ways, inside its transaction.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void userChanged(long userId) {
        cache.changed(AccessCache.Scope.user(userId));
        index.rederiveUser(userId);
    }

    // ------------------------------------------------------------------ facts: secondary adviser

    /**
     * The client's secondary adviser changed ({@code userId} null: cleared). The database accepts only
     * a Professional of the client's practice; the feature checks the rest (e.g. not the primary).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void secondaryChanged(long clientId, Long userId, Long changedBy) {
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

    // ------------------------------------------------------------------ facts: workgroups
    // A workgroup's owner and members reach the clients assigned to it (PathKind.WORKGROUP_MEMBER).
    // The owner is recorded as a member row too, so the list filter is a single join.

    /** A workgroup exists, owned by {@code ownerId}. It shares nothing until clients are assigned to it. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void workgroupCreated(long groupId, long practiceId, long ownerId, String description) {
        cache.changed(AccessCache.Scope.user(ownerId));
        jdbc.sql("INSERT INTO access_workgroup (group_id, practice_id, owner_id, description) VALUES (:g, :p, :o, :d)")
                .param("g", groupId).param("p", practiceId).param("o", ownerId).param("d", description).update();
        jdbc.sql("""
                        INSERT INTO access_workgroup_member (group_id, user_id, practice_id, is_owner, joined_at)
                        VALUES (:g, :u, :p, TRUE, :at)""")
                .param("g", groupId).param("u", ownerId).param("p", practiceId).param("at", now()).update();
    }

    /** The workgroup's description changed (it names the path in explanations). */
    @Transactional(propagation = Propagation.MANDATORY)
    public void workgroupRenamed(long groupId, String description) {
        cache.changed(AccessCache.Scope.all()); // the description appears in cached paths
        jdbc.sql("UPDATE access_workgroup SET description = :d WHERE group_id = :g").param("d", description).param("g", groupId).update();
    }

    /** Someone joined the workgroup: they reach its clients from now on (one event per client of the group). */
    @Transactional(propagation = Propagation.MANDATORY)
    public void workgroupMemberJoined(long groupId, long userId, Long addedBy) {
        cache.changed(AccessCache.Scope.user(userId));
        GroupFacts g = groupFacts(groupId);
        jdbc.sql("""
                        INSERT INTO access_workgroup_member (group_id, user_id, practice_id, is_owner, joined_at)
                        VALUES (:g, :u, :p, FALSE, :at)""")
                .param("g", groupId).param("u", userId).param("p", g.practiceId()).param("at", now()).update();
        index.rederiveUserInGroup(userId, groupId);
        for (long clientId : clientsOfGroup(groupId)) {
            publish(g.practiceId(), clientId, addedBy, AccessChanged.Change.WORKGROUP_MEMBER_JOINED, userId, null,
                    nameOf(userId) + " as member of workgroup " + g.label());
        }
    }

    /** Someone left (or was removed from) the workgroup: they no longer reach its clients through it. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void workgroupMemberLeft(long groupId, long userId, Long removedBy) {
        cache.changed(AccessCache.Scope.user(userId));
        GroupFacts g = groupFacts(groupId);
        int deleted = jdbc.sql("DELETE FROM access_workgroup_member WHERE group_id = :g AND user_id = :u AND is_owner = FALSE")
                .param("g", groupId).param("u", userId).update();
        index.rederiveUserInGroup(userId, groupId);
        if (deleted == 0) {
            return;
        }
        for (long clientId : clientsOfGroup(groupId)) {
            publish(g.practiceId(), clientId, removedBy, AccessChanged.Change.WORKGROUP_MEMBER_LEFT, userId,
                    nameOf(userId) + " as member of workgroup " + g.label(), null);
        }
    }

    /** The client was put in a workgroup ({@code groupId}), moved to another, or taken out of any ({@code null}). */
    @Transactional(propagation = Propagation.MANDATORY)
    public void clientWorkgroupChanged(long clientId, Long groupId, Long changedBy) {
        cache.changed(AccessCache.Scope.client(clientId));
        long practiceId = practiceOfClient(clientId);
        Long current = jdbc.sql("SELECT workgroup_id FROM access_client WHERE client_id = :c AND workgroup_id IS NOT NULL")
                .param("c", clientId).query(Long.class).list().stream().findFirst().orElse(null);
        if (Objects.equals(current, groupId)) {
            return;
        }
        String before = current == null ? null : "Workgroup " + groupFacts(current).label();
        String after = groupId == null ? null : "Workgroup " + groupFacts(groupId).label();
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
    @Transactional(propagation = Propagation.MANDATORY)
    public void workgroupDeleted(long groupId) {
        cache.changed(AccessCache.Scope.all());
        jdbc.sql("DELETE FROM access_workgroup_member WHERE group_id = :g").param("g", groupId).update();
        jdbc.sql("DELETE FROM access_workgroup WHERE group_id = :g").param("g", groupId).update();
    }

    private record GroupFacts(long groupId, long practiceId, long ownerId, String description, String ownerName) {
        String label() {
            return "\u201c" + description + "\u201d (owner " + ownerName + ")";
        }
    }

    private GroupFacts groupFacts(long groupId) {
        GroupFacts g = jdbc.sql("SELECT group_id, practice_id, owner_id, description FROM access_workgroup WHERE group_id = :g")
                .param("g", groupId)
                .query((rs, i) -> new GroupFacts(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4), null))
                .optional().orElseThrow(() -> new NotFoundException("Workgroup"));
        return new GroupFacts(g.groupId(), g.practiceId(), g.ownerId(), g.description(), nameOf(g.ownerId()));
    }

    private List<Long> clientsOfGroup(long groupId) {
        return jdbc.sql("SELECT client_id FROM access_client WHERE workgroup_id = :g ORDER BY client_id")
                .param("g", groupId).query(Long.class).list();
    }

    private boolean inAnyWorkgroup(long userId) {
        return jdbc.sql("SELECT COUNT(*) FROM access_workgroup_member WHERE user_id = :u").param("u", userId)
                .query(Long.class).single() > 0;
    }

    private void publish(long practiceId, long clientId, Long by, AccessChanged.Change change, Long subject, String before, String after) {
        events.publishEvent(new AccessChanged(practiceId, clientId, by, change, subject, before, after, clock.instant()));
    }

    private long practiceOfClient(long clientId) {
        return clientFacts(clientId).orElseThrow(() -> new NotFoundException("Client")).practiceId();
    }

    private String nameOf(long userId) {
        return subjects.find(userId).map(Subject::name).orElse("user #" + userId);
    }

    // ------------------------------------------------------------------ outsider grants (spec C, F2)
    // Family members and external advisers reach a client through a grant (PathKinds HOLDER_*, FAMILY_*,
    // ADVISER_*). Only the file manager manages grants; holders may grant their own family. A holder's
    // grant is irrevocable: a foreign key refuses its deletion on every database, a trigger refuses any
    // downgrade on PostgreSQL, and the checks below run on the row locked FOR UPDATE.

    /** Every outsider grant of the client (expired ones included and flagged); the asker must see the client. */
    @Transactional(readOnly = true)
    public List<OutsiderGrant> grants(Actor asker, long clientId) {
        require(asker, Permission.VIEW_FILE, clientId);
        return grantRows("g.client_id = :c", Map.of("c", clientId), false);
    }

    /** One grant of the client (404 for a grant of another client). */
    @Transactional(readOnly = true)
    public OutsiderGrant grant(Actor asker, long clientId, long grantId) {
        require(asker, Permission.VIEW_FILE, clientId);
        return grantRow(clientId, grantId, false);
    }

    /**
     * Why the actor may not create, change ({@code level} set) or withdraw ({@code withdraw}) a grant of
     * this kind, or empty when they may. 404 when they cannot even see the client.
     */
    @Transactional(readOnly = true)
    public Optional<String> grantRefusal(Actor actor, long clientId, GrantSubject subject, AccessLevel level, Long grantId,
                                         boolean withdraw) {
        ClientFacts client = clientFacts(clientId).orElseThrow(() -> new NotFoundException("Client"));
        List<AccessPath> paths = paths(asSubject(actor), client);
        if (paths.stream().noneMatch(p -> p.permissions().contains(Permission.VIEW_FILE))) {
            throw new NotFoundException("Client");
        }
        OutsiderGrant existing = grantId == null ? null : grantRow(clientId, grantId, false);
        return Optional.ofNullable(AccessRules.grantRule(actor.userId(), paths, subject, level, existing, withdraw));
    }

    /** Whether the actor manages outsiders on this client in general (the file manager), for screens. */
    @Transactional(readOnly = true)
    public boolean managesOutsiders(Actor actor, long clientId) {
        return permissions(actor, clientId).contains(Permission.MANAGE_OUTSIDERS);
    }

    /** The grant the actor asks about must be allowed to them; throws 404/403 otherwise. */
    private void requireGrantRule(Actor actor, long clientId, GrantSubject subject, AccessLevel level, Long grantId, boolean withdraw) {
        grantRefusal(actor, clientId, subject, level, grantId, withdraw).ifPresent(reason -> {
            throw new ForbiddenException(reason);
        });
    }

    /**
     * An outsider was given access. The rules are checked here too (the file manager, or a holder for their
     * own family), so no caller can skip them. {@code userId} is the outsider's account if they already have one.
     *
     * @return the grant's id
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public long outsiderGranted(Actor by, long clientId, GrantSubject subject, long subjectId, String subjectName,
                                AccessLevel level, String email, String mobile, Long userId, LocalDate expiresOn) {
        cache.changed(AccessCache.Scope.client(clientId));
        requireGrantRule(by, clientId, subject, level, null, false);
        // permanent only for a person the file manager recorded as holder or co-holder (the database checks it too)
        boolean holder = subject == GrantSubject.FAMILY && recordedHolder(clientId, subjectId);
        if (holder && expiresOn != null) {
            throw new com.atrium.shared.InvalidInputException("expiresOn",
                    "Access of a holder or co-holder can never be withdrawn, so it cannot have an expiry date.");
        }
        long practiceId = practiceOfClient(clientId);
        var keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.sql("""
                        INSERT INTO access_grant (client_id, practice_id, subject_kind, subject_id, person_id, holder_person_id, subject_name,
                                                  holder, access_level, email, mobile, user_id, expires_on, granted_by, granted_at)
                        VALUES (:c, :p, :k, :s, :person, :hp, :n, :h, :l, :e, :m, :u, :x, :by, :at)""")
                .param("c", clientId).param("p", practiceId).param("k", subject.name()).param("s", subjectId).param("n", subjectName)
                .param("person", subject == GrantSubject.FAMILY ? subjectId : null).param("hp", holder ? subjectId : null)
                .param("h", holder).param("l", level.name()).param("e", email).param("m", mobile).param("u", userId)
                .param("x", expiresOn).param("by", by.userId()).param("at", now())
                .update(keys, "id");
        long grantId = keys.getKey().longValue();
        index.rederiveClient(clientId);
        if (holder) {
            jdbc.sql("INSERT INTO access_grant_irrevocable (grant_id) VALUES (:g)").param("g", grantId).update();
        }
        publish(practiceId, clientId, by.userId(), AccessChanged.Change.OUTSIDER_GRANTED, userId, null,
                grantText(subjectName, subject, holder, level, expiresOn));
        return grantId;
    }

    // ------------------------------------------------------------------ outsider-grant rules: holders and co-holders
    // Who is holder or co-holder is recorded here (access_holder) by staff only: the staff user registering the file,
    // later only its file manager (AccessRules.holderRecordRule). A family grant is permanent exactly when its person
    // has such a record; the database refuses a holder grant without one, and the removal of a person with any grant.

    /** Whether the person is recorded as holder or co-holder of the file (so that access given to them is permanent). */
    @Transactional(readOnly = true)
    public boolean recordedHolder(long clientId, long personId) {
        return jdbc.sql("SELECT COUNT(*) FROM access_holder WHERE client_id = :c AND person_id = :p")
                .param("c", clientId).param("p", personId).query(Long.class).single() > 0;
    }

    /** The people of the file recorded as holder or co-holder. */
    @Transactional(readOnly = true)
    public Set<Long> recordedHolders(long clientId) {
        return new HashSet<>(jdbc.sql("SELECT person_id FROM access_holder WHERE client_id = :c").param("c", clientId)
                .query(Long.class).list());
    }

    /**
     * Why the actor may not record who is holder or co-holder of this file (make someone holder or co-holder, or
     * stop them being one), or empty when they may: only the file manager. 404 when they cannot see the client.
     */
    @Transactional(readOnly = true)
    public Optional<String> holderRecordRefusal(Actor actor, long clientId) {
        ClientFacts client = clientFacts(clientId).orElseThrow(() -> new NotFoundException("Client"));
        List<AccessPath> paths = paths(asSubject(actor), client);
        if (paths.stream().noneMatch(p -> p.permissions().contains(Permission.VIEW_FILE))) {
            throw new NotFoundException("Client");
        }
        return Optional.ofNullable(AccessRules.holderRecordRule(paths));
    }

    /** The first holder and co-holders of a file, recorded by the staff user registering it (right after {@link #clientRegistered}). */
    @Transactional(propagation = Propagation.MANDATORY)
    public void holdersRegistered(long clientId, List<Long> personIds, long registeredBy) {
        Subject s = subject(registeredBy).orElseThrow(() -> new NotFoundException("User"));
        if (!UserType.valueOf(s.type()).isStaff()) {
            throw new ForbiddenException("Only staff record who is holder or co-holder of a file.");
        }
        for (long personId : personIds) {
            insertHolderRecord(clientId, personId, registeredBy, s.type());
        }
    }

    /**
     * The file manager recorded the person as holder or co-holder. If they already have a grant, it becomes
     * permanent at this moment (no last day, never withdrawn or downgraded), and the change is audited.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void holderRecorded(Actor by, long clientId, long personId) {
        cache.changed(AccessCache.Scope.client(clientId));
        holderRecordRefusal(by, clientId).ifPresent(r -> {
            throw new ForbiddenException(r);
        });
        if (recordedHolder(clientId, personId)) {
            return;
        }
        insertHolderRecord(clientId, personId, by.userId(), by.type().name());
        Optional<OutsiderGrant> grant = grantRows("g.client_id = :c AND g.subject_kind = 'FAMILY' AND g.subject_id = :s",
                Map.of("c", clientId, "s", personId), true).stream().findFirst();
        if (grant.isEmpty() || grant.get().holder()) {
            return;
        }
        OutsiderGrant g = grant.get();
        jdbc.sql("""
                        UPDATE access_grant SET holder = TRUE, holder_person_id = person_id, expires_on = NULL, changed_by = :by, changed_at = :at
                        WHERE id = :g""")
                .param("by", by.userId()).param("at", now()).param("g", g.id()).update();
        jdbc.sql("INSERT INTO access_grant_irrevocable (grant_id) VALUES (:g)").param("g", g.id()).update();
        publish(practiceOfClient(clientId), clientId, by.userId(), AccessChanged.Change.OUTSIDER_GRANT_CHANGED, g.userId(),
                grantText(g.subjectName(), g.subject(), false, g.level(), g.expiresOn()),
                grantText(g.subjectName(), g.subject(), true, g.level(), null) + ", permanent: recorded as holder or co-holder");
    }

    /** The file manager records that the person is no longer holder or co-holder; refused while their grant is permanent. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void holderRecordEnded(Actor by, long clientId, long personId, String personName) {
        cache.changed(AccessCache.Scope.client(clientId));
        holderRecordRefusal(by, clientId).ifPresent(r -> {
            throw new ForbiddenException(r);
        });
        String refusal = AccessRules.holderRecordEndRule(personName, familyGrant(clientId, personId, true).orElse(null));
        if (refusal != null) {
            throw new ConflictException(refusal);
        }
        jdbc.sql("DELETE FROM access_holder WHERE client_id = :c AND person_id = :p").param("c", clientId).param("p", personId).update();
    }

    /**
     * A person is about to be removed from the family: refused, with the reason, while they have any grant (the
     * database refuses it too). Their holder record, if any, goes with them.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void familyMemberRemoving(long clientId, long personId, String personName) {
        String refusal = AccessRules.familyMemberRemovalRule(personName, familyGrant(clientId, personId, true).orElse(null));
        if (refusal != null) {
            throw new ConflictException(refusal);
        }
    }

    private Optional<OutsiderGrant> familyGrant(long clientId, long personId, boolean lock) {
        return grantRows("g.client_id = :c AND g.subject_kind = 'FAMILY' AND g.subject_id = :s", Map.of("c", clientId, "s", personId), lock)
                .stream().findFirst();
    }

    private void insertHolderRecord(long clientId, long personId, long recordedBy, String recordedByType) {
        jdbc.sql("""
                        INSERT INTO access_holder (client_id, person_id, practice_id, recorded_by, recorded_by_type, recorded_at)
                        SELECT c.client_id, :p, c.practice_id, :by, :type, :at FROM access_client c WHERE c.client_id = :c""")
                .param("c", clientId).param("p", personId).param("by", recordedBy).param("type", recordedByType).param("at", now()).update();
    }

    /** A grant's level or expiry changed (the row is locked first, so concurrent changes queue and see each other). */
    @Transactional(propagation = Propagation.MANDATORY)
    public void outsiderGrantChanged(Actor by, long clientId, long grantId, AccessLevel level, LocalDate expiresOn) {
        cache.changed(AccessCache.Scope.client(clientId));
        // access first (finding 2): a client the actor cannot see answers 404 "Client" before the grant is looked up, so
        // nobody learns which grant ids exist or which are a holder's
        require(by, Permission.VIEW_FILE, clientId);
        OutsiderGrant g = lockGrant(clientId, grantId);
        if (g.holder() && g.level() == AccessLevel.READ_WRITE && level == AccessLevel.READ_ONLY) {
            throw new ConflictException("Access of a holder or co-holder can never be downgraded.");
        }
        requireGrantRule(by, clientId, g.subject(), level, grantId, false);
        if (g.holder() && expiresOn != null) {
            throw new ConflictException("Access of a holder or co-holder can never be withdrawn, so it cannot have an expiry date.");
        }
        if (g.level() == level && Objects.equals(g.expiresOn(), expiresOn)) {
            return;
        }
        jdbc.sql("UPDATE access_grant SET access_level = :l, expires_on = :x, changed_by = :by, changed_at = :at WHERE id = :g")
                .param("l", level.name()).param("x", expiresOn).param("by", by.userId()).param("at", now()).param("g", grantId).update();
        index.rederiveClient(clientId);
        publish(practiceOfClient(clientId), clientId, by.userId(), AccessChanged.Change.OUTSIDER_GRANT_CHANGED,
                g.userId(), grantText(g.subjectName(), g.subject(), g.holder(), g.level(), g.expiresOn()),
                grantText(g.subjectName(), g.subject(), g.holder(), level, expiresOn));
    }

    /** A grant was withdrawn. Refused for holders and co-holders (the database refuses it too). */
    @Transactional(propagation = Propagation.MANDATORY)
    public void outsiderGrantRevoked(Actor by, long clientId, long grantId) {
        cache.changed(AccessCache.Scope.client(clientId));
        // access first (finding 2): a client the actor cannot see answers 404 "Client" before the grant is looked up, so
        // nobody learns which grant ids exist or which are a holder's
        require(by, Permission.VIEW_FILE, clientId);
        OutsiderGrant g = lockGrant(clientId, grantId);
        if (g.holder()) {
            throw new ConflictException("Access of a holder or co-holder can never be withdrawn.");
        }
        requireGrantRule(by, clientId, g.subject(), null, grantId, true);
        jdbc.sql("DELETE FROM access_grant WHERE id = :g").param("g", grantId).update();
        index.rederiveClient(clientId);
        publish(practiceOfClient(clientId), clientId, by.userId(), AccessChanged.Change.OUTSIDER_GRANT_REVOKED, g.userId(),
                grantText(g.subjectName(), g.subject(), g.holder(), g.level(), g.expiresOn()), null);
    }

    /** An outsider created their account: every grant made to their email in the practice now reaches them. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void outsiderAccountCreated(long practiceId, String email, long userId) {
        cache.changed(AccessCache.Scope.user(userId));
        List<OutsiderGrant> pending = grantRows("g.practice_id = :p AND g.email = :e AND g.user_id IS NULL",
                Map.of("p", practiceId, "e", email), false);
        jdbc.sql("UPDATE access_grant SET user_id = :u WHERE practice_id = :p AND email = :e AND user_id IS NULL")
                .param("u", userId).param("p", practiceId).param("e", email).update();
        index.rederiveUser(userId);
        for (OutsiderGrant g : pending) {
            publish(practiceId, g.clientId(), userId, AccessChanged.Change.OUTSIDER_ACCOUNT_LINKED, userId, null,
                    g.subjectName() + " (" + email + ") created their account");
        }
    }

    /** The actor's own grant on the client (expired ones too), for the client portal. */
    @Transactional(readOnly = true)
    public Optional<OutsiderGrant> grantOf(Actor actor, long clientId) {
        return grantRows("g.client_id = :c AND g.user_id = :u", Map.of("c", clientId, "u", actor.userId()), false).stream().findFirst();
    }

    /** Whether the practice has any grant (expired or not) to this email that is not yet linked to an account. */
    @Transactional(readOnly = true)
    public boolean hasUnlinkedGrant(long practiceId, String email) {
        return jdbc.sql("SELECT COUNT(*) FROM access_grant WHERE practice_id = :p AND email = :e AND user_id IS NULL")
                .param("p", practiceId).param("e", email).query(Long.class).single() > 0;
    }

    private static String grantText(String name, GrantSubject subject, boolean holder, AccessLevel level, LocalDate expiresOn) {
        return name + " (" + (subject == GrantSubject.ADVISER ? "external adviser" : holder ? "holder / co-holder" : "family member")
                + "): " + level.label().toLowerCase(java.util.Locale.ROOT)
                + (expiresOn == null ? "" : " until " + AccessRules.SHORT.format(expiresOn));
    }

    private OutsiderGrant lockGrant(long clientId, long grantId) {
        return grantRow(clientId, grantId, true);
    }

    private OutsiderGrant grantRow(long clientId, long grantId, boolean lock) {
        return grantRows("g.client_id = :c AND g.id = :g", Map.of("c", clientId, "g", grantId), lock).stream().findFirst()
                .orElseThrow(() -> new NotFoundException("Grant"));
    }

    private List<OutsiderGrant> grantRows(String where, Map<String, Object> params, boolean lock) {
        LocalDate today = today();
        List<OutsiderGrant> rows = jdbc.sql("""
                        SELECT g.id, g.client_id, g.subject_kind, g.subject_id, g.subject_name, g.holder, g.access_level, g.email,
                               g.mobile, g.user_id, g.expires_on, g.granted_by, g.granted_at
                        FROM access_grant g""" + " WHERE " + where + " ORDER BY g.holder DESC, g.subject_kind DESC, g.subject_name, g.id"
                        + (lock ? " FOR UPDATE" : ""))
                .params(params)
                .query((rs, i) -> {
                    long u = rs.getLong("user_id");
                    Long userId = rs.wasNull() ? null : u;
                    java.sql.Date x = rs.getDate("expires_on");
                    LocalDate expires = x == null ? null : x.toLocalDate();
                    return new OutsiderGrant(rs.getLong("id"), rs.getLong("client_id"), GrantSubject.valueOf(rs.getString("subject_kind")),
                            rs.getLong("subject_id"), rs.getString("subject_name"), rs.getBoolean("holder"),
                            AccessLevel.valueOf(rs.getString("access_level")), rs.getString("email"), rs.getString("mobile"), userId,
                            expires, rs.getLong("granted_by"), null, rs.getTimestamp("granted_at").toInstant(),
                            expires != null && expires.isBefore(today));
                })
                .list();
        if (rows.isEmpty()) {
            return rows;
        }
        Map<Long, Subject> names = subjects.findAll(rows.stream().map(OutsiderGrant::grantedBy).collect(java.util.stream.Collectors.toSet()));
        return rows.stream().map(g -> new OutsiderGrant(g.id(), g.clientId(), g.subject(), g.subjectId(), g.subjectName(), g.holder(),
                g.level(), g.email(), g.mobile(), g.userId(), g.expiresOn(), g.grantedBy(),
                Optional.ofNullable(names.get(g.grantedBy())).map(Subject::name).orElse("user #" + g.grantedBy()), g.grantedAt(),
                g.expired())).toList();
    }

    /** The user's grant on the client, if any (expired ones too: explain says they expired). */
    private Optional<GrantFacts> grantRow(long clientId, long userId) {
        return jdbc.sql("""
                        SELECT id, subject_kind, holder, access_level, expires_on, granted_by, granted_at
                        FROM access_grant WHERE client_id = :c AND user_id = :u""")
                .param("c", clientId).param("u", userId)
                .query((rs, i) -> grantFacts(rs))
                .optional();
    }

    /** Every linked grant of the client, by user id. */
    private Map<Long, GrantFacts> grantsByUser(long clientId) {
        Map<Long, GrantFacts> result = new LinkedHashMap<>();
        jdbc.sql("""
                        SELECT id, user_id, subject_kind, holder, access_level, expires_on, granted_by, granted_at
                        FROM access_grant WHERE client_id = :c AND user_id IS NOT NULL ORDER BY id""")
                .param("c", clientId)
                .query((rs, i) -> Map.entry(rs.getLong("user_id"), grantFacts(rs)))
                .list().forEach(e -> result.put(e.getKey(), e.getValue()));
        return result;
    }

    private static GrantFacts grantFacts(java.sql.ResultSet rs) throws java.sql.SQLException {
        java.sql.Date x = rs.getDate("expires_on");
        return new GrantFacts(rs.getLong("id"), GrantSubject.valueOf(rs.getString("subject_kind")), rs.getBoolean("holder"),
                AccessLevel.valueOf(rs.getString("access_level")), x == null ? null : x.toLocalDate(), rs.getLong("granted_by"),
                rs.getTimestamp("granted_at").toInstant());
    }

    // ------------------------------------------------------------------ internals

    private Optional<ClientFacts> clientFacts(long clientId) {
        return jdbc.sql("SELECT client_id, practice_id FROM access_client WHERE client_id = :c")
                .param("c", clientId)
                .query((rs, i) -> new ClientFacts(rs.getLong(1), rs.getLong(2)))
                .optional();
    }

    private Optional<TeamMembership> teamRow(long clientId, long userId) {
        return jdbc.sql("""
                        SELECT client_id, user_id, team_role, primary_marker, granted_by, granted_at
                        FROM access_team WHERE client_id = :c AND user_id = :u""")
                .param("c", clientId).param("u", userId)
                .query((rs, i) -> teamMembership(rs))
                .optional();
    }

    /** The user's place in the workgroup the client is assigned to, if any. */
    private Optional<WorkgroupFacts> workgroupRow(long clientId, long userId) {
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
    private Map<Long, WorkgroupFacts> workgroupMembersOf(long clientId) {
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

    private Optional<SecondaryFacts> secondaryRow(long clientId) {
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

    private static WorkgroupFacts workgroupFacts(java.sql.ResultSet rs) throws java.sql.SQLException {
        Timestamp at = rs.getTimestamp("joined_at");
        return new WorkgroupFacts(rs.getLong("group_id"), rs.getString("description"), rs.getLong("owner_id"),
                rs.getBoolean("is_owner"), at == null ? null : at.toInstant());
    }

    private static TeamMembership teamMembership(java.sql.ResultSet rs) throws java.sql.SQLException {
        long grantedBy = rs.getLong("granted_by");
        Long by = rs.wasNull() ? null : grantedBy;
        Timestamp at = rs.getTimestamp("granted_at");
        return new TeamMembership(rs.getLong("client_id"), rs.getLong("user_id"), TeamRole.valueOf(rs.getString("team_role")),
                rs.getBoolean("primary_marker"), by, at == null ? null : at.toInstant());
    }

    private Subject asSubject(Actor actor) {
        return new Subject(actor.userId(), actor.practiceId(), practiceNameOf(actor), actor.name(), actor.type().name(),
                actor.practiceManager(), true);
    }

    private String practiceNameOf(Actor actor) {
        if (!actor.practiceManager()) {
            return null; // only the manager path uses it
        }
        return subject(actor.userId()).map(Subject::practiceName).orElse("the practice");
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(java.time.ZoneOffset.UTC));
    }
}
