package com.atrium.access;

import com.atrium.shared.Actor;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Visibility: the SQL that keeps only the clients an actor may see (a predicate, or rows to page), read from the
 * visibility index ({@link VisibilityIndex}) for everyone but practice managers.
 * Part of the access module behind {@link AccessService}; wired by it.
 */
final class Visibility {
    private final Clock clock;
    private final VisibilityIndex index;
    private final AccessContext ctx;

    Visibility(AccessContext ctx) {
        this.ctx = ctx;
        this.clock = ctx.clock;
        this.index = ctx.index;
    }

    /**
     * The predicate that keeps only clients the actor may see. The caller names its client id and
     * practice id columns; the result is one indexed join, whatever paths exist.
     */
    ClientFilter visibleClients(Actor actor, String clientIdColumn, String practiceIdColumn) {
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
     * @param kind      only clients of this kind, or null for all; on the managers' path the caller's table holds
     *                  exactly the clients of this kind (every one of them), so their number is read from the tally
     * @param archived  only archived clients (TRUE), only those not archived (FALSE), or both (null)
     */
    ClientRows visibleRows(Actor actor, ClientRows.Table table, String search, Long workgroup, AccessFacts.ClientKind kind,
                           Boolean archived) {
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
            if (archived != null) {
                // the caller's own column when it has one (no join on the practice index path), else the index's flag
                sql.append(table.archived() != null ? " AND (" + table.archived() + ") = :acc_archived"
                        : " AND " + table.id() + " IN (SELECT acc_a.client_id FROM access_client acc_a WHERE acc_a.archived = :acc_archived)");
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
            if (archived != null) {
                sql.append(" AND acc_v.archived = :acc_archived");
            }
        }
        if (archived != null) {
            params.put("acc_archived", archived);
        }
        String totalSql = null;
        if (actor.practiceManager() && actor.isStaff() && search == null && workgroup == null && kind != null
                && index.maintainedByDatabase()) {
            // every client of the practice: the maintained tally (db/vendor/postgresql/V190) instead of counting them
            totalSql = "SELECT COALESCE(SUM(acc_n.delta), 0) AS total FROM access_client_tally acc_n"
                    + " WHERE acc_n.practice_id = :acc_practice AND acc_n.client_kind = :acc_kind"
                    + (archived != null ? " AND acc_n.archived = :acc_archived" : "");
            params.put("acc_kind", kind.name());
        }
        if (search != null) {
            String escaped = search.toLowerCase(java.util.Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
            params.put("acc_q", "%" + escaped + "%");
        }
        if (workgroup != null) {
            params.put("acc_wg", workgroup);
        }
        // a search finds few rows at a cost (the trigram index, or a filter over the user's index rows): find them once
        return new ClientRows(sql.toString(), params, totalSql, search != null && index.maintainedByDatabase());
    }

    /**
     * Narrows a client query to the clients assigned to one workgroup (AND it with {@link #visibleClients};
     * it grants nothing by itself). The workgroup module checks the actor may see the group.
     */
    ClientFilter clientsInWorkgroup(long groupId, String clientIdColumn) {
        return new ClientFilter(clientIdColumn + " IN (SELECT acc_w.client_id FROM access_client acc_w WHERE acc_w.workgroup_id = :acc_wg)",
                Map.of("acc_wg", groupId));
    }

    // ---- from the other parts

    private LocalDate today() {
        return ctx.reads.today();
    }
}
