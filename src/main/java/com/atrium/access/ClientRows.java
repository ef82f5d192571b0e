package com.atrium.access;

import java.util.Map;

/**
 * SQL that yields one row {@code (client_id, sort_name)} per client the actor may see (and that matches the
 * search / narrowing asked for), in no particular order, and how to page and count it in one statement
 * ({@link #pageSql}). For everyone but practice managers it reads only the visibility index, so a first page is a
 * range scan of the index. Parameter names start with {@code acc_}.
 *
 * @param sql      the visible (matching) clients, one row each
 * @param params   its parameters
 * @param totalSql SQL yielding one row with one column {@code total} equal to the number of rows of {@code sql},
 *                 read from a maintained count (a practice manager's unsearched list), or null to count the rows
 * @param once     true when the rows are few and costly to find (a search): they are then found once and both
 *                 counted and paged from that one result, instead of being found twice
 */
public record ClientRows(String sql, Map<String, Object> params, String totalSql, boolean once) {

    public ClientRows(String sql, Map<String, Object> params) {
        this(sql, params, null, false);
    }

    /**
     * One statement for a page and the total: rows {@code (total, client_id, sort_name, <columns>)} in list order
     * ({@code sort_name, client_id}), at most {@code :acc_limit} of them from {@code :acc_offset}; when the page is
     * empty, one row whose {@code client_id} is null carries the total.
     *
     * @param columns the caller's columns, each preceded by a comma (e.g. {@code ", h.display_name"}), or ""
     * @param joins   the caller's joins to its own tables on {@code pg.client_id} (e.g.
     *                {@code "LEFT JOIN household h ON h.id = pg.client_id"}), or ""
     */
    public String pageSql(String columns, String joins) {
        String with = "";
        String total;
        String rows;
        if (totalSql != null) { // a maintained count: the rows are read for the page only
            total = "(" + totalSql + ")";
            rows = "(" + sql + ")";
        } else if (once) { // a CTE referenced twice is computed once by PostgreSQL (Visibility sets `once` there only)
            with = "WITH acc_m AS (" + sql + ") ";
            total = "(SELECT COUNT(*) AS total FROM acc_m)";
            rows = "acc_m";
        } else { // an index-only count and a range scan of at most a page: two cheap reads of the same rows
            total = "(SELECT COUNT(*) AS total FROM (" + sql + ") acc_all)";
            rows = "(" + sql + ")";
        }
        return with + "SELECT acc_t.total, pg.client_id, pg.sort_name" + columns + " FROM " + total + " acc_t"
                + " LEFT JOIN (SELECT acc_r.client_id, acc_r.sort_name FROM " + rows + " acc_r"
                + " ORDER BY acc_r.sort_name, acc_r.client_id LIMIT :acc_limit OFFSET :acc_offset) pg ON TRUE "
                + joins + " ORDER BY pg.sort_name, pg.client_id";
    }

    /**
     * The caller's client table, for the practice managers' path (every client of the practice, on the
     * caller's own {@code (practice_id, sort_name, id)} index).
     *
     * @param from       e.g. {@code household h}
     * @param id         e.g. {@code h.id}
     * @param practiceId e.g. {@code h.practice_id}
     * @param sortName   e.g. {@code h.sort_name}
     * @param searchText e.g. {@code h.search_text} (lower case)
     * @param archived   a boolean SQL expression saying the row is archived, e.g. {@code h.status = 'ARCHIVED'}, or null
     *                   (the archived narrowing then reads the access module's own flag)
     */
    public record Table(String from, String id, String practiceId, String sortName, String searchText, String archived) {

        public Table(String from, String id, String practiceId, String sortName, String searchText) {
            this(from, id, practiceId, sortName, searchText, null);
        }
    }
}
