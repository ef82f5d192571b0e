package com.atrium.access;

import com.atrium.access.AccessRules.ClientFacts;
import com.atrium.access.AccessRules.GrantFacts;
import com.atrium.access.AccessSubjects.Subject;
import com.atrium.access.FactReads.PairFacts;
import com.atrium.access.ReviewQuery.Stale;
import com.atrium.shared.Actor;
import com.atrium.shared.PageRequest;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.springframework.beans.factory.ObjectProvider;

/**
 * The access review (issue 17): every person x client access of a practice, as a query over the same facts that
 * {@code check} reads, each row explained by the same rules and words ({@link Decisions#explanation}). The rows come
 * from the visibility index ({@code access_visible}, one row per (user, client) reached through a per-user path, kept
 * exact with the facts), walked in client-name order by {@code ix_access_visible_practice}, so the first page is a
 * range scan whatever the practice's size; the page's facts are then read in one statement (the columns of
 * {@link FactReads#relation}) and turned into paths by {@link AccessRules}. Practice managers reach every client and
 * are listed once each. Disabled accounts (no access, so not in the index) come from the fact tables for the
 * {@code DISABLED} filter, invitations not accepted yet from the grants for {@code NEVER_LOGGED_IN}.
 * Part of the access module behind {@link AccessService}; wired by it.
 */
final class Review {
    private final AccessContext ctx;
    private ObjectProvider<AccessActivity> activity;

    Review(AccessContext ctx) {
        this.ctx = ctx;
    }

    void activity(ObjectProvider<AccessActivity> activity) {
        this.activity = activity;
    }

    AccessReview review(Actor actor, ReviewQuery query, PageRequest page) {
        ctx.decisions.require(actor, PracticePermission.REVIEW_ACCESS);
        AccessActivity a = activity();
        Sql source = source(actor.practiceId(), query, a);
        long total;
        List<ReviewRow> items;
        if (source == null) {
            total = 0;
            items = List.of();
        } else {
            total = countOf(source);
            items = total == 0 || page.offset() >= total ? List.of() : rows(actor, source, page.size(), page.offset(), a);
        }
        List<ReviewRow> managers = page.page() == 0 ? practiceWide(actor, query) : List.of();
        return new AccessReview(managers, items, page.page(), page.size(), total);
    }

    /** Every row of the review (the practice managers first), in pages of 500, for the CSV export. */
    void each(Actor actor, ReviewQuery query, Consumer<ReviewRow> sink) {
        ctx.decisions.require(actor, PracticePermission.REVIEW_ACCESS);
        AccessActivity a = activity();
        practiceWide(actor, query).forEach(sink);
        Sql source = source(actor.practiceId(), query, a);
        if (source == null) {
            return;
        }
        int size = 500;
        for (long offset = 0; ; offset += size) {
            List<ReviewRow> chunk = rows(actor, source, size, offset, a);
            chunk.forEach(sink);
            if (chunk.size() < size) {
                return;
            }
        }
    }

    /** One (user, client) row as the review shows it, or empty when the user has nothing recorded on the client. */
    Optional<ReviewRow> row(Actor actor, long userId, long clientId) {
        ReviewQuery q = new ReviewQuery(userId, clientId, null, null, null);
        AccessActivity a = activity();
        Sql source = source(actor.practiceId(), q, a);
        List<ReviewRow> found = rows(actor, source, 1, 0, a);
        if (found.isEmpty()) {
            found = rows(actor, source(actor.practiceId(), new ReviewQuery(userId, clientId, null, null, Stale.DISABLED), a), 1, 0, a);
        }
        return found.stream().findFirst();
    }

    /** A grant's row (an invitation not accepted yet has no user to find it by). */
    Optional<ReviewRow> pendingGrantRow(Actor actor, long grantId) {
        AccessActivity a = activity();
        Sql source = new Sql("""
                SELECT CAST(NULL AS bigint) AS user_id, g.client_id, COALESCE(c.sort_name, '') AS sort_name, g.id AS pending_grant
                FROM access_grant g JOIN access_client c ON c.client_id = g.client_id
                WHERE g.practice_id = :p AND g.user_id IS NULL AND g.id = :pending""", true);
        source.params.put("p", actor.practiceId());
        source.params.put("pending", grantId);
        return rows(actor, source, 1, 0, a).stream().findFirst();
    }

    // ------------------------------------------------------------------ the source of rows

    /** SQL producing (user_id, client_id, sort_name, pending_grant) for the query, or null when it can have no rows. */
    private Sql source(long practiceId, ReviewQuery q, AccessActivity a) {
        if (q.kind() == PathKind.PRACTICE_MANAGER) {
            return null; // listed once each, practice-wide
        }
        if (q.kind() == PathKind.ACCOUNT_ADMIN || q.kind() == PathKind.ACCOUNT_MEMBER || q.kind() == PathKind.IN_ADVISOR_MODE) {
            return null; // business-account workspace membership is not in the visibility index (see docs/compliance.md)
        }
        LocalDate today = ctx.reads.today();
        Map<String, Object> params = new HashMap<>();
        params.put("p", practiceId);
        params.put("today", today);
        StringBuilder sql = new StringBuilder();
        boolean union = false;
        if (q.stale() == Stale.DISABLED) {
            sql.append("""
                    SELECT d.user_id, d.client_id, COALESCE(c.sort_name, '') AS sort_name, CAST(NULL AS bigint) AS pending_grant
                    FROM (SELECT t.user_id, t.client_id FROM access_team t
                          UNION SELECT s.secondary_user_id, s.client_id FROM access_client s WHERE s.secondary_user_id IS NOT NULL
                          UNION SELECT m.user_id, w.client_id FROM access_workgroup_member m
                                JOIN access_client w ON w.workgroup_id = m.group_id) d
                    JOIN access_client c ON c.client_id = d.client_id
                    JOIN app_user u ON u.id = d.user_id
                    WHERE c.practice_id = :p AND u.practice_id = :p AND u.active = FALSE""");
            narrow(sql, params, q, "d.user_id", "d.client_id", a);
        } else {
            sql.append("""
                    SELECT v.user_id, v.client_id, v.sort_name, CAST(NULL AS bigint) AS pending_grant
                    FROM access_visible v
                    WHERE v.practice_id = :p AND (v.paths <> 8 OR v.grant_until IS NULL OR v.grant_until >= :today)""");
            narrow(sql, params, q, "v.user_id", "v.client_id", a);
            if (q.stale() == Stale.NEVER_LOGGED_IN && q.person() == null && q.role() == null
                    && (q.kind() == null || q.kind().outsider())) {
                union = true;
                sql.append("""

                        UNION ALL
                        SELECT CAST(NULL AS bigint), g.client_id, COALESCE(c.sort_name, ''), g.id
                        FROM access_grant g JOIN access_client c ON c.client_id = g.client_id
                        WHERE g.practice_id = :p AND g.user_id IS NULL AND (g.expires_on IS NULL OR g.expires_on >= :today)""");
                if (q.client() != null) {
                    sql.append(" AND g.client_id = :client");
                }
                if (q.kind() != null) {
                    sql.append(" AND ").append(grantKind("g", q.kind(), params));
                }
            }
        }
        Sql s = new Sql(sql.toString(), union || q.stale() == Stale.DISABLED);
        s.params.putAll(params);
        return s;
    }

    /** The filters, as conditions on the row's user and client columns. */
    private void narrow(StringBuilder sql, Map<String, Object> params, ReviewQuery q, String user, String client, AccessActivity a) {
        if (q.person() != null) {
            sql.append(" AND ").append(user).append(" = :person");
            params.put("person", q.person());
        }
        if (q.client() != null) {
            sql.append(" AND ").append(client).append(" = :client");
            params.put("client", q.client());
        }
        String team = "SELECT 1 FROM access_team t WHERE t.client_id = " + client + " AND t.user_id = " + user;
        if (q.kind() != null) {
            sql.append(" AND ").append(switch (q.kind()) {
                case PRIMARY -> "EXISTS (" + team + " AND t.primary_marker = TRUE)";
                case TEAM -> "EXISTS (" + team + " AND t.primary_marker IS NULL)";
                case SECONDARY_ADVISER -> "EXISTS (SELECT 1 FROM access_client s WHERE s.client_id = " + client
                        + " AND s.secondary_user_id = " + user + ")";
                case WORKGROUP_MEMBER -> "EXISTS (SELECT 1 FROM access_client w JOIN access_workgroup_member m ON m.group_id = "
                        + "w.workgroup_id WHERE w.client_id = " + client + " AND m.user_id = " + user + ")";
                default -> "EXISTS (SELECT 1 FROM access_grant g WHERE g.client_id = " + client + " AND g.user_id = " + user
                        + " AND (g.expires_on IS NULL OR g.expires_on >= :today) AND " + grantKind("g", q.kind(), params) + ")";
            });
        }
        if (q.role() != null) {
            sql.append(" AND EXISTS (").append(team).append(" AND t.primary_marker IS NULL AND t.team_role = :role)");
            params.put("role", q.role().name());
        }
        if (q.stale() == Stale.NOT_OPENED) {
            params.put("since", OffsetDateTime.now(ctx.clock).minusDays(ReviewQuery.NOT_OPENED_DAYS));
            sql.append(" AND EXISTS (").append(team).append(" AND t.granted_at < :since)")
                    .append(" AND NOT (").append(a.openedSinceSql(user, client, "since")).append(")");
        } else if (q.stale() == Stale.EXPIRING) {
            params.put("soon", ctx.reads.today().plusDays(ReviewQuery.EXPIRING_DAYS));
            sql.append(" AND EXISTS (SELECT 1 FROM access_grant g WHERE g.client_id = ").append(client).append(" AND g.user_id = ")
                    .append(user).append(" AND g.expires_on >= :today AND g.expires_on <= :soon)");
        } else if (q.stale() == Stale.NEVER_LOGGED_IN) {
            sql.append(" AND EXISTS (SELECT 1 FROM access_grant g WHERE g.client_id = ").append(client).append(" AND g.user_id = ")
                    .append(user).append(" AND (g.expires_on IS NULL OR g.expires_on >= :today))")
                    .append(" AND NOT (").append(a.loggedInSql(user)).append(")");
        }
    }

    private static String grantKind(String g, PathKind kind, Map<String, Object> params) {
        boolean adviser = kind == PathKind.ADVISER_READ_ONLY || kind == PathKind.ADVISER_READ_WRITE;
        boolean holder = kind == PathKind.HOLDER_READ_ONLY || kind == PathKind.HOLDER_READ_WRITE;
        boolean rw = kind == PathKind.ADVISER_READ_WRITE || kind == PathKind.HOLDER_READ_WRITE || kind == PathKind.FAMILY_READ_WRITE;
        params.put("grantSubject", adviser ? "ADVISER" : "FAMILY");
        params.put("grantHolder", holder);
        params.put("grantLevel", rw ? "READ_WRITE" : "READ_ONLY");
        return g + ".subject_kind = :grantSubject AND " + g + ".holder = :grantHolder AND " + g + ".access_level = :grantLevel";
    }

    private long countOf(Sql source) {
        return ctx.jdbc.sql("SELECT COUNT(*) FROM (" + source.sql + ") s").params(source.params).query(Long.class).single();
    }

    // ------------------------------------------------------------------ the page's facts, explained

    private List<ReviewRow> rows(Actor actor, Sql source, int limit, long offset, AccessActivity a) {
        String inner = source.wrapped
                ? "SELECT * FROM (" + source.sql + ") u ORDER BY sort_name, client_id, user_id"
                : source.sql + " ORDER BY v.sort_name, v.client_id, v.user_id";
        String sql = """
                SELECT s.user_id AS row_user, s.client_id AS row_client, s.sort_name AS row_sort, s.pending_grant,
                       c.practice_id, c.client_kind, t.team_role, t.primary_marker, t.granted_by, t.granted_at,
                       c.secondary_user_id, c.secondary_by, c.secondary_since,
                       w.group_id, w.description, w.owner_id, m.is_owner, m.joined_at,
                       g.id AS grant_id, g.subject_kind, g.holder, g.access_level, g.expires_on,
                       g.granted_by AS grant_by, g.granted_at AS grant_at, g.subject_name AS grant_name, g.email AS grant_email,
                       am.member_role, am.granted_by AS member_by, am.granted_at AS member_at,
                       %s AS last_opened, %s AS last_login
                FROM (%s LIMIT :limit OFFSET :offset) s
                JOIN access_client c ON c.client_id = s.client_id
                LEFT JOIN access_team t ON t.client_id = s.client_id AND t.user_id = s.user_id
                LEFT JOIN access_workgroup_member m ON m.group_id = c.workgroup_id AND m.user_id = s.user_id
                LEFT JOIN access_workgroup w ON w.group_id = m.group_id
                LEFT JOIN access_grant g ON g.client_id = s.client_id AND (g.user_id = s.user_id OR g.id = s.pending_grant)
                LEFT JOIN access_account_member am ON am.client_id = s.client_id AND am.user_id = s.user_id
                ORDER BY s.sort_name, s.client_id, s.user_id""".formatted(a.lastOpenedSql("s.user_id", "s.client_id"),
                a.lastLoginSql("s.user_id"), inner);
        List<Fetched> fetched = ctx.jdbc.sql(sql).params(source.params).param("limit", limit).param("offset", offset)
                .query((rs, i) -> {
                    long u = rs.getLong("row_user");
                    Long userId = rs.wasNull() ? null : u;
                    long clientId = rs.getLong("row_client");
                    Timestamp opened = rs.getTimestamp("last_opened");
                    Timestamp login = rs.getTimestamp("last_login");
                    return new Fetched(userId, clientId, rs.getString("row_sort"), FactReads.pairFacts(rs, userId == null ? -1 : userId, clientId),
                            rs.getString("grant_name"), rs.getString("grant_email"),
                            opened == null ? null : opened.toInstant(), login == null ? null : login.toInstant());
                })
                .list();
        Set<Long> ids = new HashSet<>();
        for (Fetched f : fetched) {
            if (f.userId != null) {
                ids.add(f.userId);
            }
            f.facts.team().map(TeamMembership::grantedBy).ifPresent(ids::add);
            f.facts.workgroup().ifPresent(w -> ids.add(w.ownerId()));
            f.facts.secondary().map(AccessRules.SecondaryFacts::appointedBy).ifPresent(ids::add);
            f.facts.grant().map(GrantFacts::grantedBy).ifPresent(ids::add);
            f.facts.member().map(AccessRules.MemberFacts::grantedBy).ifPresent(ids::add);
        }
        ids.remove(null);
        Map<Long, Subject> people = ids.isEmpty() ? Map.of() : ctx.subjects.findAll(ids);
        LocalDate today = ctx.reads.today();
        Instant since = ctx.clock.instant().minus(java.time.Duration.ofDays(ReviewQuery.NOT_OPENED_DAYS));
        List<ReviewRow> result = new ArrayList<>();
        for (Fetched f : fetched) {
            ReviewRow row = explain(actor, f, people, today, since);
            if (row != null) {
                result.add(row);
            }
        }
        return result;
    }

    private ReviewRow explain(Actor actor, Fetched f, Map<Long, Subject> people, LocalDate today, Instant since) {
        PairFacts r = f.facts;
        ClientFacts client = r.client();
        Optional<GrantFacts> grant = r.grant();
        EnumSet<Stale> stale = EnumSet.noneOf(Stale.class);
        grant.filter(g -> g.expiresOn() != null && !g.expiresOn().isBefore(today) && !g.expiresOn().isAfter(today.plusDays(ReviewQuery.EXPIRING_DAYS)))
                .ifPresent(g -> stale.add(Stale.EXPIRING));
        if (f.userId == null) {
            GrantFacts g = grant.orElse(null);
            if (g == null) {
                return null;
            }
            // an invitation not accepted yet: the grant's words, no access until the account exists
            Subject invited = new Subject(-1, client.practiceId(), null, f.grantName, "OUTSIDER", false, true);
            List<AccessPath> paths = ctx.decisions.explanation(invited, client, Optional.empty(), Optional.empty(), Optional.empty(),
                    grant, Optional.empty(), people).paths();
            stale.add(Stale.NEVER_LOGGED_IN);
            String words = paths.isEmpty() ? "" : " When they create it: " + lowerFirst(paths.get(0).description()) + ".";
            return new ReviewRow(null, f.grantName, "OUTSIDER", f.grantEmail, f.clientId, f.sortName, true, paths, Set.of(),
                    f.grantName + " has no access yet: invited at " + f.grantEmail + ", no account created." + words,
                    g.grantId(), g.expiresOn(), null, null, stale);
        }
        Subject subject = people.get(f.userId);
        if (subject == null || subject.practiceId() != actor.practiceId()) {
            return null;
        }
        Explanation e = ctx.decisions.explanation(subject, client, r.team(), r.workgroup(), r.secondary(), grant, r.member(), people);
        List<AccessPath> paths = e.paths();
        String summary = e.summary();
        if (!subject.active()) {
            stale.add(Stale.DISABLED);
            Subject asIfActive = new Subject(subject.userId(), subject.practiceId(), subject.practiceName(), subject.name(),
                    subject.type(), subject.practiceManager(), true);
            paths = ctx.decisions.explanation(asIfActive, client, r.team(), r.workgroup(), r.secondary(), grant, r.member(), people).paths()
                    .stream().filter(p -> p.kind() != PathKind.PRACTICE_MANAGER).toList();
            summary = summary + (paths.isEmpty() ? "" : " Still recorded: " + String.join("; ",
                    paths.stream().map(p -> lowerFirst(p.description())).toList()) + ".");
        } else {
            if (r.team().map(t -> t.grantedAt() != null && t.grantedAt().isBefore(since)).orElse(false)
                    && (f.lastOpened == null || f.lastOpened.isBefore(since))) {
                stale.add(Stale.NOT_OPENED);
            }
            if (grant.filter(g -> !g.expiredOn(today)).isPresent() && f.lastLogin == null) {
                stale.add(Stale.NEVER_LOGGED_IN);
            }
        }
        return new ReviewRow(f.userId, subject.name(), subject.type(), null, f.clientId, f.sortName, subject.active(), paths,
                e.permissions(), summary, grant.map(GrantFacts::grantId).orElse(null), grant.map(GrantFacts::expiresOn).orElse(null),
                f.lastOpened, f.lastLogin, stale);
    }

    /** The practice managers: every client of the practice, one row each (the same words as Why?). */
    private List<ReviewRow> practiceWide(Actor actor, ReviewQuery q) {
        if ((q.kind() != null && q.kind() != PathKind.PRACTICE_MANAGER) || q.role() != null || q.stale() != null) {
            return List.of();
        }
        List<ReviewRow> rows = new ArrayList<>();
        for (Subject m : ctx.subjects.practiceManagers(actor.practiceId())) {
            if (q.person() != null && q.person() != m.userId()) {
                continue;
            }
            AccessRules.practiceManager(m).ifPresent(p -> rows.add(new ReviewRow(m.userId(), m.name(), m.type(), null, q.client(),
                    "Every client of the practice", true, List.of(p), p.permissions(),
                    AccessRules.summary(m.name(), List.of(p), null), null, null, null, null, Set.of())));
        }
        return rows;
    }

    private AccessActivity activity() {
        AccessActivity a = activity == null ? null : activity.getIfAvailable();
        return a != null ? a : NO_ACTIVITY;
    }

    private static String lowerFirst(String s) {
        return s == null || s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }

    /** Without a module recording activity (unit tests), nobody ever opened or logged in. */
    static final AccessActivity NO_ACTIVITY = new AccessActivity() {
        @Override
        public String lastOpenedSql(String userIdColumn, String clientIdColumn) {
            return "CAST(NULL AS timestamp with time zone)";
        }

        @Override
        public String lastLoginSql(String userIdColumn) {
            return "CAST(NULL AS timestamp with time zone)";
        }

        @Override
        public String openedSinceSql(String userIdColumn, String clientIdColumn, String sinceParameter) {
            return "1 = 0";
        }

        @Override
        public String loggedInSql(String userIdColumn) {
            return "1 = 0";
        }
    };

    private record Fetched(Long userId, long clientId, String sortName, PairFacts facts, String grantName, String grantEmail,
                           Instant lastOpened, Instant lastLogin) {
    }

    private static final class Sql {
        final String sql;
        final boolean wrapped;
        final Map<String, Object> params = new HashMap<>();

        Sql(String sql, boolean wrapped) {
            this.sql = sql;
            this.wrapped = wrapped;
        }
    }
}
