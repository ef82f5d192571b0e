package com.atrium.audit;

import com.atrium.audit.ReadAudit.Read;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.function.Consumer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for the read audit (table client_read). */
@Repository
class ReadRepository {
    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    ReadRepository(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    record Row(Instant at, long clientId, long userId, String what, String channel, String ip, String userAgent) {
    }

    /** One JDBC batch (autocommit: each batch is its own transaction). */
    void insert(List<Read> batch) {
        if (batch.isEmpty()) {
            return;
        }
        template.batchUpdate("""
                        INSERT INTO client_read (practice_id, client_id, user_id, read_at, what, channel, ip, user_agent)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
                batch.stream().map(r -> new Object[] {r.practiceId(), r.clientId(), r.userId(), Timestamp.from(r.at()), r.what().name(),
                        r.channel(), clip(r.ip(), 64), clip(r.userAgent(), 300)}).toList());
    }

    List<Row> page(long practiceId, long clientId, long offset, int size) {
        return jdbc.sql("SELECT read_at, client_id, user_id, what, channel, ip, user_agent FROM client_read "
                        + "WHERE practice_id = :p AND client_id = :c ORDER BY read_at DESC, id DESC OFFSET :o ROWS FETCH FIRST :n ROWS ONLY")
                .param("p", practiceId).param("c", clientId).param("o", offset).param("n", size)
                .query((rs, i) -> row(rs)).list();
    }

    long count(long practiceId, long clientId) {
        return jdbc.sql("SELECT COUNT(*) FROM client_read WHERE practice_id = :p AND client_id = :c")
                .param("p", practiceId).param("c", clientId).query(Long.class).single();
    }

    /** Streams the practice's reads in [from, to), oldest first. */
    void each(long practiceId, OffsetDateTime from, OffsetDateTime to, Consumer<Row> consumer) {
        template.query("SELECT read_at, client_id, user_id, what, channel, ip, user_agent FROM client_read "
                        + "WHERE practice_id = ? AND read_at >= ? AND read_at < ? ORDER BY read_at, id",
                rs -> {
                    consumer.accept(row(rs));
                }, practiceId, from, to);
    }

    int deleteBefore(OffsetDateTime before) {
        return jdbc.sql("DELETE FROM client_read WHERE read_at < :b").param("b", before).update();
    }

    private static Row row(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Row(rs.getObject("read_at", OffsetDateTime.class).toInstant(), rs.getLong("client_id"), rs.getLong("user_id"),
                rs.getString("what"), rs.getString("channel"), rs.getString("ip"), rs.getString("user_agent"));
    }

    private static String clip(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
