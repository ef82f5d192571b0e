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
 * {@code size} allowed ones as the page and counts all allowed ones as the total. {@link #firstPage} stops as soon
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
        return page;
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
