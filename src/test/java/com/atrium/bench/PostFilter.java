package com.atrium.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.LongPredicate;
import javax.sql.DataSource;

/**
 * How a peer without a SQL filter serves "my clients": read the practice's households in name order (the same
 * order and search as Atrium's list: {@code sort_name, id}, {@code search_text LIKE %q%}) from PostgreSQL with a
 * cursor and ask the engine about each.
 *
 * <p>{@link #list} is like-for-like with {@code GET /api/clients}: it checks every candidate, keeps the first
 * {@code size} allowed ones as the page and counts all allowed ones as the total, then reads what the API shows of the
 * page's clients ({@link #rows}: names, status, primary's name, workgroup), as Atrium's one statement does. {@link #firstPage} stops as soon
 * as the page is full (early exit): cheaper, but it never learns the total, so it cannot serve the API's response.
 */
final class PostFilter {
    private PostFilter() {
    }

    /** The page AND the total: every household of the practice (or every match of the search) is checked. */
    static Peer.Listing list(DataSource ds, long practiceId, String query, int size, LongPredicate allowed) {
        List<Long> page = new ArrayList<>(size);
        long[] total = {0};
        scan(ds, practiceId, query, () -> true, id -> {
            if (allowed.test(id)) {
                if (page.size() < size) {
                    page.add(id);
                }
                total[0]++;
            }
        });
        rows(ds, practiceId, page);
        return new Peer.Listing(page, total[0]);
    }

    /** The page only, stopping at the {@code size}th allowed household (no total). */
    static List<Long> firstPage(DataSource ds, long practiceId, String query, int size, LongPredicate allowed) {
        List<Long> page = new ArrayList<>(size);
        scan(ds, practiceId, query, () -> page.size() < size, id -> {
            if (allowed.test(id)) {
                page.add(id);
            }
        });
        rows(ds, practiceId, page);
        return page;
    }

    /**
     * What the API shows of each client of the page, read once the page is known (one statement, primary key look-ups):
     * the name, status, primary professional and their name, the workgroup and its description, with the same SQL
     * fragments as Atrium's list statement. Atrium's answer carries these columns, so a like-for-like peer reads them too.
     */
    static int rows(DataSource ds, long practiceId, List<Long> page) {
        if (page.isEmpty()) {
            return 0;
        }
        String sql = "SELECT h.id, h.display_name, h.status, h.primary_professional_id,"
                + " (SELECT pu.first_name || ' ' || pu.last_name FROM app_user pu WHERE pu.id = h.primary_professional_id"
                + " AND pu.practice_id = h.practice_id) AS primary_name,"
                + " (SELECT wc.workgroup_id FROM workgroup_client wc WHERE wc.client_id = h.id AND wc.practice_id = h.practice_id) AS wg_id,"
                + " (SELECT w.description FROM workgroup_client wc JOIN workgroup w ON w.id = wc.workgroup_id"
                + " WHERE wc.client_id = h.id AND wc.practice_id = h.practice_id) AS wg_description"
                + " FROM household h WHERE h.practice_id = ? AND h.id = ANY (?)";
        int n = 0;
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, practiceId);
            ps.setArray(2, c.createArrayOf("bigint", page.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rs.getString("display_name");
                    rs.getString("primary_name");
                    rs.getString("wg_description");
                    n++;
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        if (n != page.size()) {
            throw new IllegalStateException("The page's rows were not all found: " + n + " of " + page.size());
        }
        return n;
    }

    private static void scan(DataSource ds, long practiceId, String query, java.util.function.BooleanSupplier more,
                             java.util.function.LongConsumer each) {
        String sql = "SELECT id FROM household WHERE practice_id = ? AND status <> 'ARCHIVED'" + (query == null ? "" : " AND search_text LIKE ? ESCAPE '\\'")
                + " ORDER BY sort_name, id";
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false); // a cursor: rows arrive in batches (and the early exit stops reading when the page is full)
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setFetchSize(256);
                ps.setLong(1, practiceId);
                if (query != null) {
                    ps.setString(2, "%" + query.toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (more.getAsBoolean() && rs.next()) {
                        each.accept(rs.getLong(1));
                    }
                }
            } finally {
                c.rollback();
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
