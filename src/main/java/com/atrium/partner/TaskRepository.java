package com.atrium.partner;

import com.atrium.access.ClientFilter;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Task boards, their columns and tasks (the partner module's tables). */
@Repository
class TaskRepository {
    private final JdbcClient jdbc;

    TaskRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record BoardRow(long id, long accountId, long practiceId, String accountName, String name) {
    }

    long insertBoard(long accountId, long practiceId, String name, long by, OffsetDateTime now) {
        long id = GoalRepository.insertId(jdbc.sql("""
                        INSERT INTO partner_board (account_id, practice_id, name, created_by, created_at) VALUES (:a, :p, :n, :by, :at)""")
                .param("a", accountId).param("p", practiceId).param("n", name).param("by", by).param("at", now));
        for (TaskStage s : TaskStage.values()) {
            jdbc.sql("INSERT INTO partner_board_column (board_id, account_id, stage, name) VALUES (:b, :a, :s, :n)")
                    .param("b", id).param("a", accountId).param("s", s.name()).param("n", s.defaultName()).update();
        }
        return id;
    }

    List<BoardView.Summary> boards(long accountId) {
        return jdbc.sql("""
                        SELECT b.id, b.name,
                               (SELECT COUNT(*) FROM partner_task t WHERE t.board_id = b.id AND t.stage <> 'DONE') AS open_tasks,
                               (SELECT COUNT(*) FROM partner_task t WHERE t.board_id = b.id AND t.stage = 'DONE') AS done_tasks
                        FROM partner_board b WHERE b.account_id = :a ORDER BY b.name, b.id""")
                .param("a", accountId)
                .query((rs, i) -> new BoardView.Summary(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getInt(4))).list();
    }

    Optional<BoardRow> board(long accountId, long boardId) {
        return jdbc.sql("""
                        SELECT b.id, b.account_id, b.practice_id, a.name AS account_name, b.name FROM partner_board b
                        JOIN partner_account a ON a.id = b.account_id WHERE b.account_id = :a AND b.id = :b""")
                .param("a", accountId).param("b", boardId)
                .query((rs, i) -> new BoardRow(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getString(5))).optional();
    }

    /** The board row locked until the transaction ends: moves on one board queue, so positions never collide. */
    void lockBoard(long boardId) {
        jdbc.sql("SELECT id FROM partner_board WHERE id = :b FOR UPDATE").param("b", boardId).query(Long.class).list();
    }

    void renameBoard(long boardId, String name) {
        jdbc.sql("UPDATE partner_board SET name = :n WHERE id = :b").param("n", name).param("b", boardId).update();
    }

    void deleteBoard(long boardId) {
        jdbc.sql("DELETE FROM partner_task WHERE board_id = :b").param("b", boardId).update();
        jdbc.sql("DELETE FROM partner_board_column WHERE board_id = :b").param("b", boardId).update();
        jdbc.sql("DELETE FROM partner_board WHERE id = :b").param("b", boardId).update();
    }

    record ColumnRow(long id, TaskStage stage, String name) {
    }

    List<ColumnRow> columns(long boardId) {
        return jdbc.sql("SELECT id, stage, name FROM partner_board_column WHERE board_id = :b")
                .param("b", boardId).query((rs, i) -> new ColumnRow(rs.getLong(1), TaskStage.valueOf(rs.getString(2)), rs.getString(3)))
                .list().stream().sorted(java.util.Comparator.comparing(ColumnRow::stage)).toList();
    }

    int renameColumn(long boardId, long columnId, String name) {
        return jdbc.sql("UPDATE partner_board_column SET name = :n WHERE board_id = :b AND id = :c")
                .param("n", name).param("b", boardId).param("c", columnId).update();
    }

    private static final String TASK = """
            t.id, t.board_id, t.column_id, t.stage, t.title, t.assignee_id,
            (SELECT u.first_name || ' ' || u.last_name FROM app_user u WHERE u.id = t.assignee_id) AS assignee_name,
            t.due_on, t.goal_id, (SELECT g.title FROM partner_goal g WHERE g.id = t.goal_id) AS goal_title, t.position""";

    List<BoardView.Task> tasks(long boardId) {
        return jdbc.sql("SELECT " + TASK + " FROM partner_task t WHERE t.board_id = :b ORDER BY t.position, t.id")
                .param("b", boardId).query(TaskRepository::task).list();
    }

    Optional<BoardView.Task> task(long accountId, long taskId) {
        return jdbc.sql("SELECT " + TASK + " FROM partner_task t WHERE t.account_id = :a AND t.id = :t")
                .param("a", accountId).param("t", taskId).query(TaskRepository::task).optional();
    }

    List<BoardView.Task> tasksOfAccount(long accountId, Long boardId) {
        return jdbc.sql("SELECT " + TASK + " FROM partner_task t WHERE t.account_id = :a" + (boardId == null ? "" : " AND t.board_id = :b")
                        + " ORDER BY t.board_id, t.position, t.id")
                .param("a", accountId).param("b", boardId == null ? 0L : boardId).query(TaskRepository::task).list();
    }

    int nextPosition(long columnId) {
        return jdbc.sql("SELECT COALESCE(MAX(position), 0) + 1 FROM partner_task WHERE column_id = :c")
                .param("c", columnId).query(Integer.class).single();
    }

    long insertTask(long accountId, long practiceId, long boardId, ColumnRow column, String title, Long assignee, LocalDate due, Long goal,
                    int position, long by, OffsetDateTime now) {
        return GoalRepository.insertId(jdbc.sql("""
                        INSERT INTO partner_task (account_id, practice_id, board_id, column_id, stage, title, assignee_id, due_on, goal_id,
                                                  position, created_by, created_at, updated_at)
                        VALUES (:a, :p, :b, :c, :s, :t, :u, :due, :g, :pos, :by, :at, :at)""")
                .param("a", accountId).param("p", practiceId).param("b", boardId).param("c", column.id()).param("s", column.stage().name())
                .param("t", title).param("u", assignee).param("due", due).param("g", goal).param("pos", position).param("by", by)
                .param("at", now));
    }

    void updateTask(long taskId, String title, Long assignee, LocalDate due, Long goal, OffsetDateTime now) {
        jdbc.sql("UPDATE partner_task SET title = :t, assignee_id = :u, due_on = :due, goal_id = :g, updated_at = :at WHERE id = :id")
                .param("t", title).param("u", assignee).param("due", due).param("g", goal).param("at", now).param("id", taskId).update();
    }

    void moveTask(long taskId, ColumnRow column, int position, OffsetDateTime now) {
        jdbc.sql("UPDATE partner_task SET column_id = :c, stage = :s, position = :pos, updated_at = :at WHERE id = :id")
                .param("c", column.id()).param("s", column.stage().name()).param("pos", position).param("at", now).param("id", taskId).update();
    }

    void deleteTask(long taskId) {
        jdbc.sql("DELETE FROM partner_task WHERE id = :id").param("id", taskId).update();
    }

    boolean goalOfAccount(long accountId, long goalId) {
        return jdbc.sql("SELECT COUNT(*) FROM partner_goal WHERE account_id = :a AND id = :g").param("a", accountId).param("g", goalId)
                .query(Long.class).single() > 0;
    }

    /** Tasks assigned to the user that are not done, across the accounts the filter lets through (the adviser's home). */
    List<HomeTask> assignedOpen(ClientFilter visible, long userId, int limit) {
        return jdbc.sql("SELECT " + TASK + ", a.id AS account_id, a.name AS account_name"
                        + " FROM partner_task t JOIN partner_account a ON a.id = t.account_id AND a.practice_id = t.practice_id"
                        + " WHERE t.assignee_id = :me AND t.stage <> 'DONE' AND (" + visible.predicate() + ")"
                        + " ORDER BY CASE WHEN t.stage = 'IN_PROGRESS' THEN 0 ELSE 1 END, t.due_on NULLS LAST, t.id LIMIT " + limit)
                .param("me", userId).params(visible.params())
                .query((rs, i) -> new HomeTask(rs.getLong("account_id"), rs.getString("account_name"), task(rs, i))).list();
    }

    /** A task on the adviser's home, with its account. */
    public record HomeTask(long accountId, String accountName, BoardView.Task task) {
    }

    static BoardView.Task task(ResultSet rs, int i) throws SQLException {
        java.sql.Date due = rs.getDate("due_on");
        long assignee = rs.getLong("assignee_id");
        Long assigneeId = rs.wasNull() ? null : assignee;
        long goal = rs.getLong("goal_id");
        Long goalId = rs.wasNull() ? null : goal;
        return new BoardView.Task(rs.getLong("id"), rs.getLong("board_id"), rs.getLong("column_id"), TaskStage.valueOf(rs.getString("stage")),
                rs.getString("title"), assigneeId, rs.getString("assignee_name"), due == null ? null : due.toLocalDate(), goalId,
                rs.getString("goal_title"), rs.getInt("position"));
    }
}
