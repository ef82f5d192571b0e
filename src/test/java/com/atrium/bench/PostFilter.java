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
 * cursor, and keep those the engine allows until the page is full.
 */
final class PostFilter {
    private PostFilter() {
    }

    static List<Long> firstPage(DataSource ds, long practiceId, String query, int size, LongPredicate allowed) {
        String sql = "SELECT id FROM household WHERE practice_id = ?" + (query == null ? "" : " AND search_text LIKE ? ESCAPE '\\'")
                + " ORDER BY sort_name, id";
        List<Long> page = new ArrayList<>(size);
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false); // a cursor: rows arrive in batches, and reading stops when the page is full
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setFetchSize(256);
                ps.setLong(1, practiceId);
                if (query != null) {
                    ps.setString(2, "%" + query.toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (page.size() < size && rs.next()) {
                        long id = rs.getLong(1);
                        if (allowed.test(id)) {
                            page.add(id);
                        }
                    }
                }
            } finally {
                c.rollback();
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return page;
    }
}
