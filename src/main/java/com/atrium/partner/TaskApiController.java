package com.atrium.partner;

import com.atrium.shared.Actor;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Task boards and tasks of a business account, for advisers. */
@RestController
@RequestMapping("/api/partner/accounts/{id}")
@Tag(name = "Partner portal: tasks", description = "Task boards (To do / In progress / Done, renameable) and tasks")
class TaskApiController {
    private final TaskService tasks;

    TaskApiController(TaskService tasks) {
        this.tasks = tasks;
    }

    record BoardRequest(String name) {
    }

    record ColumnRequest(String name) {
    }

    /** A task as sent: ids may be numbers or text; on PATCH a missing field stays, an empty one clears it. */
    record TaskRequest(String title, Object assigneeId, String dueOn, Object goalId, String stage, Object boardId) {
        TaskForm form() {
            return new TaskForm(title, str(assigneeId), dueOn, str(goalId), stage);
        }
    }

    /** Where to move a task: a {@code stage} (TODO, IN_PROGRESS, DONE) or a {@code columnId} of its board. */
    record MoveRequest(String stage, Long columnId) {
    }

    @GetMapping("/boards")
    @Operation(summary = "The account's task boards, with their open and done task counts")
    List<BoardView.Summary> boards(Actor actor, @PathVariable long id) {
        return tasks.boards(actor, id);
    }

    @PostMapping("/boards")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create a board (with the columns To do, In progress, Done)")
    BoardView createBoard(Actor actor, @PathVariable long id, @RequestBody BoardRequest body) {
        return tasks.createBoard(actor, id, body.name());
    }

    @GetMapping("/boards/{boardId}")
    @Operation(summary = "One board: its columns in order, each with its tasks")
    BoardView board(Actor actor, @PathVariable long id, @PathVariable long boardId) {
        return tasks.board(actor, id, boardId);
    }

    @PatchMapping("/boards/{boardId}")
    @Operation(summary = "Rename a board")
    BoardView renameBoard(Actor actor, @PathVariable long id, @PathVariable long boardId, @RequestBody BoardRequest body) {
        return tasks.renameBoard(actor, id, boardId, body.name());
    }

    @DeleteMapping("/boards/{boardId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete a board with every task on it")
    void deleteBoard(Actor actor, @PathVariable long id, @PathVariable long boardId) {
        tasks.deleteBoard(actor, id, boardId);
    }

    @PatchMapping("/boards/{boardId}/columns/{columnId}")
    @Operation(summary = "Rename a column (its stage stays)")
    BoardView renameColumn(Actor actor, @PathVariable long id, @PathVariable long boardId, @PathVariable long columnId,
                           @RequestBody ColumnRequest body) {
        return tasks.renameColumn(actor, id, boardId, columnId, body.name());
    }

    @GetMapping("/tasks")
    @Operation(summary = "The account's tasks (optionally of one board)")
    List<BoardView.Task> list(Actor actor, @PathVariable long id, @RequestParam(required = false) Long board) {
        return tasks.tasks(actor, id, board);
    }

    @PostMapping("/tasks")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create a task on a board (boardId required): title, assigneeId, dueOn, goalId, stage (default TODO)")
    BoardView.Task create(Actor actor, @PathVariable long id, @RequestBody TaskRequest body) {
        if (body.boardId() == null) {
            throw new com.atrium.shared.InvalidInputException("boardId", "Say on which board (boardId).");
        }
        long boardId;
        try {
            boardId = Long.parseLong(String.valueOf(body.boardId()).trim());
        } catch (NumberFormatException e) {
            throw new com.atrium.shared.InvalidInputException("boardId", "boardId is a board's id.");
        }
        return tasks.createTask(actor, id, boardId, body.form());
    }

    @GetMapping("/tasks/{taskId}")
    @Operation(summary = "One task")
    BoardView.Task task(Actor actor, @PathVariable long id, @PathVariable long taskId) {
        return tasks.task(actor, id, taskId);
    }

    @PatchMapping("/tasks/{taskId}")
    @Operation(summary = "Change a task (a stage moves it to that column)")
    BoardView.Task update(Actor actor, @PathVariable long id, @PathVariable long taskId, @RequestBody TaskRequest body) {
        return tasks.updateTask(actor, id, taskId, body.form());
    }

    @PostMapping("/tasks/{taskId}/move")
    @Operation(summary = "Move a task to another column of its board: {\"stage\": \"IN_PROGRESS\"} or {\"columnId\": …}")
    BoardView.Task move(Actor actor, @PathVariable long id, @PathVariable long taskId, @RequestBody MoveRequest body) {
        return tasks.moveTask(actor, id, taskId, body.stage(), body.columnId());
    }

    @DeleteMapping("/tasks/{taskId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete a task")
    void delete(Actor actor, @PathVariable long id, @PathVariable long taskId) {
        tasks.deleteTask(actor, id, taskId);
    }

    static String str(Object o) {
        return o == null ? null : String.valueOf(o);
    }
}
