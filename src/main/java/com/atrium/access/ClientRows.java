package com.atrium.access;

import java.util.Map;

/**
 * SQL that yields one row {@code (client_id, sort_name)} per client the actor may see (and that matches the
 * search / narrowing asked for), in no particular order: the caller pages it ({@code ORDER BY sort_name,
 * client_id LIMIT ..}) and counts it in the same statement. For everyone but practice managers it reads only
 * the visibility index, so a first page is a range scan of the index. Parameter names start with {@code acc_}.
 */
public record ClientRows(String sql, Map<String, Object> params) {

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
