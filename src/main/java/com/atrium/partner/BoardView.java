package com.atrium.partner;

import java.time.LocalDate;
import java.util.List;

/** A task board: its three columns in stage order, each with its tasks; what the caller may do. */
public record BoardView(long id, long accountId, String accountName, String name, List<Column> columns, boolean mayEdit) {

    public record Column(long id, TaskStage stage, String name, List<Task> tasks) {
    }

    public record Task(long id, long boardId, long columnId, TaskStage stage, String title, Long assigneeId, String assigneeName,
                       LocalDate dueOn, Long goalId, String goalTitle, int position) {
    }

    /** A board in a list, with how many tasks are open. */
    public record Summary(long id, String name, int open, int done) {
    }
}
