package com.atrium.shared;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.support.GeneratedKeyHolder;

/**
 * JDBC batches for the bulk paths (the CRM sync's chunks): one statement sent for many rows in one round trip instead of
 * one round trip per row. Rows are positional ({@code ?}) parameter arrays, set with {@code setObject} (use {@code Timestamp},
 * {@code LocalDate}, {@code OffsetDateTime} for times; a null is sent untyped).
 */
public final class JdbcBatches {
    private JdbcBatches() {
    }

    /** Executes {@code sql} once per row, as one JDBC batch. */
    public static void update(JdbcOperations jdbc, String sql, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return;
        }
        jdbc.batchUpdate(sql, setter(rows));
    }

    /** Inserts every row as one JDBC batch and returns the generated {@code id} of each, in the order of the rows. */
    public static long[] insertReturningIds(JdbcOperations jdbc, String sql, List<Object[]> rows) {
        long[] ids = new long[rows.size()];
        if (rows.isEmpty()) {
            return ids;
        }
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.batchUpdate(con -> con.prepareStatement(sql, new String[] {"id"}), setter(rows), keys);
        List<java.util.Map<String, Object>> list = keys.getKeyList();
        if (list.size() != rows.size()) {
            throw new IllegalStateException("The database returned " + list.size() + " generated ids for " + rows.size() + " rows");
        }
        for (int i = 0; i < ids.length; i++) {
            java.util.Map<String, Object> k = list.get(i);
            Object id = k.containsKey("id") ? k.get("id") : k.containsKey("ID") ? k.get("ID") : k.values().iterator().next();
            ids[i] = ((Number) id).longValue();
        }
        return ids;
    }

    private static BatchPreparedStatementSetter setter(List<Object[]> rows) {
        return new BatchPreparedStatementSetter() {
            @Override
            public void setValues(PreparedStatement ps, int i) throws SQLException {
                Object[] row = rows.get(i);
                for (int c = 0; c < row.length; c++) {
                    ps.setObject(c + 1, row[c]);
                }
            }

            @Override
            public int getBatchSize() {
                return rows.size();
            }
        };
    }
}
