package com.atrium.partner;

import com.atrium.access.Permission;
import com.atrium.partner.AccountRepository.AccountRow;
import com.atrium.partner.TaskRepository.BoardRow;
import com.atrium.partner.TaskRepository.ColumnRow;
import com.atrium.shared.Actor;
import com.atrium.shared.InvalidInputException;
import com.atrium.shared.NotFoundException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Task boards and tasks of a business account: boards with three columns (To do / In progress / Done, renameable),
 * tasks (title, assignee, due date, optional goal) moved between columns. Seen with {@code VIEW_GOALS}, changed with
 * {@code EDIT_GOALS} (the account's users; an adviser in advisor mode; staff who work on the account, from the portal).
 */
@Service
public class TaskService {
    private final TaskRepository tasks;
    private final AccountRepository accounts;
    private final AccountAccess access;
    private final Clock clock;

    TaskService(TaskRepository tasks, AccountRepository accounts, AccountAccess access, Clock clock) {
        this.tasks = tasks;
        this.accounts = accounts;
        this.access = access;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public List<BoardView.Summary> boards(Actor actor, long accountId) {
        access.requireGoals(actor, accountId);
        return tasks.boards(accountId);
    }

    @Transactional(readOnly = true)
    public BoardView board(Actor actor, long accountId, long boardId) {
        Set<Permission> p = access.requireGoals(actor, accountId);
        BoardRow b = tasks.board(accountId, boardId).orElseThrow(() -> new NotFoundException("Board"));
        return view(b, p);
    }

    /** A new board with its three columns. */
    @Transactional
    public BoardView createBoard(Actor actor, long accountId, String name) {
        Set<Permission> p = access.requireEditGoals(actor, accountId);
        AccountRow a = accounts.find(actor.practiceId(), accountId).orElseThrow(() -> new NotFoundException("Account"));
        String n = name(name, 120, "name");
        long id = tasks.insertBoard(a.id(), a.practiceId(), n, actor.userId(), OffsetDateTime.now(clock));
        return view(tasks.board(a.id(), id).orElseThrow(), p);
    }

    @Transactional
    public BoardView renameBoard(Actor actor, long accountId, long boardId, String name) {
        Set<Permission> p = access.requireEditGoals(actor, accountId);
        BoardRow b = tasks.board(accountId, boardId).orElseThrow(() -> new NotFoundException("Board"));
        tasks.renameBoard(b.id(), name(name, 120, "name"));
        return view(tasks.board(accountId, boardId).orElseThrow(), p);
    }

    /** Deletes the board with its columns and every task on it. */
    @Transactional
    public void deleteBoard(Actor actor, long accountId, long boardId) {
        access.requireEditGoals(actor, accountId);
        BoardRow b = tasks.board(accountId, boardId).orElseThrow(() -> new NotFoundException("Board"));
        tasks.lockBoard(b.id());
        tasks.deleteBoard(b.id());
    }

    @Transactional
    public BoardView renameColumn(Actor actor, long accountId, long boardId, long columnId, String name) {
        Set<Permission> p = access.requireEditGoals(actor, accountId);
        BoardRow b = tasks.board(accountId, boardId).orElseThrow(() -> new NotFoundException("Board"));
        if (tasks.renameColumn(b.id(), columnId, name(name, 60, "name")) == 0) {
            throw new NotFoundException("Column");
        }
        return view(tasks.board(accountId, boardId).orElseThrow(), p);
    }

    @Transactional(readOnly = true)
    public List<BoardView.Task> tasks(Actor actor, long accountId, Long boardId) {
        access.requireGoals(actor, accountId);
        return tasks.tasksOfAccount(accountId, boardId);
    }

    @Transactional(readOnly = true)
    public BoardView.Task task(Actor actor, long accountId, long taskId) {
        access.requireGoals(actor, accountId);
        return tasks.task(accountId, taskId).orElseThrow(() -> new NotFoundException("Task"));
    }

    /** A new task at the bottom of its column (To do unless another stage is asked). */
    @Transactional
    public BoardView.Task createTask(Actor actor, long accountId, long boardId, TaskForm form) {
        access.requireEditGoals(actor, accountId);
        BoardRow b = tasks.board(accountId, boardId).orElseThrow(() -> new NotFoundException("Board"));
        Map<String, String> errors = new LinkedHashMap<>();
        String title = GoalService.title(form.title(), errors);
        Long assignee = person(accountId, form.assigneeId(), errors);
        LocalDate due = GoalService.date(form.dueOn(), "dueOn", errors);
        Long goal = goal(accountId, form.goalId(), errors);
        TaskStage stage = GoalService.parseEnum(TaskStage.class, form.stage(), TaskStage.TODO, "stage", errors);
        if (!errors.isEmpty()) {
            throw new InvalidInputException("The task was not saved: correct the fields shown.", errors);
        }
        tasks.lockBoard(b.id());
        ColumnRow column = column(b.id(), stage);
        long id = tasks.insertTask(accountId, b.practiceId(), b.id(), column, title, assignee, due, goal, tasks.nextPosition(column.id()),
                actor.userId(), OffsetDateTime.now(clock));
        return tasks.task(accountId, id).orElseThrow();
    }

    /** Changes a task's fields (a null field stays; an empty assignee, due date or goal clears it); {@code stage} moves it. */
    @Transactional
    public BoardView.Task updateTask(Actor actor, long accountId, long taskId, TaskForm form) {
        access.requireEditGoals(actor, accountId);
        BoardView.Task t = tasks.task(accountId, taskId).orElseThrow(() -> new NotFoundException("Task"));
        Map<String, String> errors = new LinkedHashMap<>();
        String title = form.title() == null ? t.title() : GoalService.title(form.title(), errors);
        Long assignee = form.assigneeId() == null ? t.assigneeId() : person(accountId, form.assigneeId(), errors);
        LocalDate due = form.dueOn() == null ? t.dueOn() : GoalService.date(form.dueOn(), "dueOn", errors);
        Long goal = form.goalId() == null ? t.goalId() : goal(accountId, form.goalId(), errors);
        TaskStage stage = form.stage() == null ? t.stage() : GoalService.parseEnum(TaskStage.class, form.stage(), t.stage(), "stage", errors);
        if (!errors.isEmpty()) {
            throw new InvalidInputException("The task was not saved: correct the fields shown.", errors);
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        tasks.updateTask(t.id(), title, assignee, due, goal, now);
        if (stage != t.stage()) {
            move(t, stage, now);
        }
        return tasks.task(accountId, taskId).orElseThrow();
    }

    /** Moves a task to another column of its board (to its bottom); to its own column it changes nothing. */
    @Transactional
    public BoardView.Task moveTask(Actor actor, long accountId, long taskId, String stage, Long columnId) {
        access.requireEditGoals(actor, accountId);
        BoardView.Task t = tasks.task(accountId, taskId).orElseThrow(() -> new NotFoundException("Task"));
        TaskStage to;
        if (columnId != null) {
            to = tasks.columns(t.boardId()).stream().filter(c -> c.id() == columnId).map(ColumnRow::stage).findFirst()
                    .orElseThrow(() -> new InvalidInputException("columnId", "That column is not on this task's board."));
        } else {
            Map<String, String> errors = new LinkedHashMap<>();
            if (GoalService.blank(stage)) {
                throw new InvalidInputException("stage", "Say where to: stage TODO, IN_PROGRESS or DONE (or a columnId).");
            }
            to = GoalService.parseEnum(TaskStage.class, stage, t.stage(), "stage", errors);
            if (!errors.isEmpty()) {
                throw new InvalidInputException("The task was not moved.", errors);
            }
        }
        if (to != t.stage()) {
            move(t, to, OffsetDateTime.now(clock));
        }
        return tasks.task(accountId, taskId).orElseThrow();
    }

    private void move(BoardView.Task t, TaskStage to, OffsetDateTime now) {
        tasks.lockBoard(t.boardId());
        ColumnRow column = column(t.boardId(), to);
        tasks.moveTask(t.id(), column, tasks.nextPosition(column.id()), now);
    }

    @Transactional
    public void deleteTask(Actor actor, long accountId, long taskId) {
        access.requireEditGoals(actor, accountId);
        BoardView.Task t = tasks.task(accountId, taskId).orElseThrow(() -> new NotFoundException("Task"));
        tasks.deleteTask(t.id());
    }

    /** Tasks assigned to the caller that are not done, across the accounts they may see (the adviser's home). */
    @Transactional(readOnly = true)
    public List<TaskRepository.HomeTask> myOpenTasks(Actor actor) {
        return tasks.assignedOpen(access.visible(actor), actor.userId(), 50);
    }

    // ------------------------------------------------------------------ helpers

    private BoardView view(BoardRow b, Set<Permission> p) {
        List<BoardView.Task> all = tasks.tasks(b.id());
        List<BoardView.Column> columns = tasks.columns(b.id()).stream()
                .map(c -> new BoardView.Column(c.id(), c.stage(), c.name(), all.stream().filter(t -> t.columnId() == c.id()).toList()))
                .toList();
        return new BoardView(b.id(), b.accountId(), b.accountName(), b.name(), columns, p.contains(Permission.EDIT_GOALS));
    }

    private ColumnRow column(long boardId, TaskStage stage) {
        return tasks.columns(boardId).stream().filter(c -> c.stage() == stage).findFirst().orElseThrow();
    }

    private Long person(long accountId, String text, Map<String, String> errors) {
        if (GoalService.blank(text)) {
            return null;
        }
        try {
            long id = Long.parseLong(text.trim());
            if (!access.mayWorkOn(id, accountId)) {
                errors.put("assigneeId", "Choose a user of the account (or an adviser who works on it).");
                return null;
            }
            return id;
        } catch (NumberFormatException e) {
            errors.put("assigneeId", "Choose a user of the account (or an adviser who works on it).");
            return null;
        }
    }

    private Long goal(long accountId, String text, Map<String, String> errors) {
        if (GoalService.blank(text)) {
            return null;
        }
        try {
            long id = Long.parseLong(text.trim());
            if (!tasks.goalOfAccount(accountId, id)) {
                errors.put("goalId", "Choose one of this account's goals.");
                return null;
            }
            return id;
        } catch (NumberFormatException e) {
            errors.put("goalId", "Choose one of this account's goals.");
            return null;
        }
    }

    private static String name(String name, int max, String field) {
        String n = name == null ? "" : name.trim();
        if (n.isEmpty()) {
            throw new InvalidInputException(field, "A name is required.");
        }
        if (n.length() > max) {
            throw new InvalidInputException(field, "At most " + max + " characters.");
        }
        return n;
    }

    static String lower(TaskStage s) {
        return s.name().toLowerCase(Locale.ROOT);
    }
}
