package com.atrium.partner;

import com.atrium.shared.Actor;
import com.atrium.shared.InvalidInputException;
import com.atrium.shared.NotFoundException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Task board pages, in the workspace ({@code /workspace/{id}/boards…}) and the portal ({@code /partner/accounts/{id}/boards…}).
 * A move (drag and drop, or the card's "Move to" control) is an htmx request answered with the board fragment, so the
 * page never reloads; without JavaScript the same forms post and redirect.
 */
@Controller
class TaskController {
    private final TaskService tasks;
    private final GoalService goals;
    private final WorkspaceService workspace;

    TaskController(TaskService tasks, GoalService goals, WorkspaceService workspace) {
        this.tasks = tasks;
        this.goals = goals;
        this.workspace = workspace;
    }

    private String base(Actor actor, long id, HttpServletRequest request, Model model) {
        if (request.getRequestURI().substring(request.getContextPath().length()).startsWith("/workspace/")) {
            model.addAttribute("w", workspace.enter(actor, id));
            model.addAttribute("me", actor.name());
            model.addAttribute("base", "/workspace/" + id);
        } else {
            if (!actor.isStaff()) {
                throw new NotFoundException("Account");
            }
            model.addAttribute("base", "/partner/accounts/" + id);
        }
        model.addAttribute("accountId", id);
        return (String) model.getAttribute("base");
    }

    @GetMapping({"/workspace/{id}/boards", "/partner/accounts/{id}/boards"})
    String boards(Actor actor, @PathVariable long id, HttpServletRequest request, Model model) {
        base(actor, id, request, model);
        model.addAttribute("boards", tasks.boards(actor, id));
        model.addAttribute("errors", Map.of());
        return "partner/boards";
    }

    @PostMapping({"/workspace/{id}/boards", "/partner/accounts/{id}/boards"})
    String createBoard(Actor actor, @PathVariable long id, @RequestParam(required = false) String name, HttpServletRequest request,
                       Model model) {
        String base = base(actor, id, request, model);
        try {
            return "redirect:" + base + "/boards/" + tasks.createBoard(actor, id, name).id();
        } catch (InvalidInputException e) {
            model.addAttribute("boards", tasks.boards(actor, id));
            model.addAttribute("errors", e.fieldErrors());
            model.addAttribute("typedName", name);
            return "partner/boards";
        }
    }

    @GetMapping({"/workspace/{id}/boards/{boardId}", "/partner/accounts/{id}/boards/{boardId}"})
    String board(Actor actor, @PathVariable long id, @PathVariable long boardId,
                 @RequestHeader(name = "HX-Request", required = false) String htmx, HttpServletRequest request, Model model) {
        base(actor, id, request, model);
        return boardPage(actor, id, boardId, htmx, model, Map.of(), null);
    }

    private String boardPage(Actor actor, long id, long boardId, String htmx, Model model, Map<String, String> errors, TaskForm typed) {
        BoardView b = tasks.board(actor, id, boardId);
        model.addAttribute("b", b);
        model.addAttribute("people", b.mayEdit() ? goals.people(actor, id) : List.of());
        model.addAttribute("goals", b.mayEdit() ? goals.goals(actor, id) : List.of());
        model.addAttribute("stages", TaskStage.values());
        model.addAttribute("errors", errors);
        model.addAttribute("typed", typed);
        return htmx != null ? "partner/board :: board" : "partner/board";
    }

    @PostMapping({"/workspace/{id}/boards/{boardId}/tasks", "/partner/accounts/{id}/boards/{boardId}/tasks"})
    String createTask(Actor actor, @PathVariable long id, @PathVariable long boardId, TaskForm form,
                      @RequestHeader(name = "HX-Request", required = false) String htmx, HttpServletRequest request, Model model) {
        String base = base(actor, id, request, model);
        try {
            tasks.createTask(actor, id, boardId, form);
        } catch (InvalidInputException e) {
            model.addAttribute("message", e.getMessage());
            return boardPage(actor, id, boardId, htmx, model, e.fieldErrors(), form);
        }
        return htmx != null ? boardPage(actor, id, boardId, htmx, model, Map.of(), null) : "redirect:" + base + "/boards/" + boardId;
    }

    /** Moves a task (drag and drop sends the target column; the card's control a stage); answers the board fragment to htmx. */
    @PostMapping({"/workspace/{id}/boards/{boardId}/tasks/{taskId}/move", "/partner/accounts/{id}/boards/{boardId}/tasks/{taskId}/move"})
    String move(Actor actor, @PathVariable long id, @PathVariable long boardId, @PathVariable long taskId,
                @RequestParam(required = false) String stage, @RequestParam(required = false) Long columnId,
                @RequestParam(required = false) String back,
                @RequestHeader(name = "HX-Request", required = false) String htmx, HttpServletRequest request, Model model) {
        String base = base(actor, id, request, model);
        BoardView.Task t = tasks.task(actor, id, taskId);
        if (t.boardId() != boardId) {
            throw new NotFoundException("Task");
        }
        tasks.moveTask(actor, id, taskId, stage, columnId);
        if ("home".equals(back) && model.getAttribute("w") == null) {
            return "redirect:/partner/home";
        }
        return htmx != null ? boardPage(actor, id, boardId, htmx, model, Map.of(), null) : "redirect:" + base + "/boards/" + boardId;
    }

    @PostMapping({"/workspace/{id}/boards/{boardId}/tasks/{taskId}", "/partner/accounts/{id}/boards/{boardId}/tasks/{taskId}"})
    String updateTask(Actor actor, @PathVariable long id, @PathVariable long boardId, @PathVariable long taskId, TaskForm form,
                      HttpServletRequest request, Model model) {
        String base = base(actor, id, request, model);
        if (tasks.task(actor, id, taskId).boardId() != boardId) {
            throw new NotFoundException("Task");
        }
        try {
            tasks.updateTask(actor, id, taskId, form);
        } catch (InvalidInputException e) {
            model.addAttribute("message", e.getMessage());
            return boardPage(actor, id, boardId, null, model, e.fieldErrors(), null);
        }
        return "redirect:" + base + "/boards/" + boardId;
    }

    @PostMapping({"/workspace/{id}/boards/{boardId}/tasks/{taskId}/delete", "/partner/accounts/{id}/boards/{boardId}/tasks/{taskId}/delete"})
    String deleteTask(Actor actor, @PathVariable long id, @PathVariable long boardId, @PathVariable long taskId,
                      HttpServletRequest request, Model model, RedirectAttributes redirect) {
        String base = base(actor, id, request, model);
        if (tasks.task(actor, id, taskId).boardId() != boardId) {
            throw new NotFoundException("Task");
        }
        tasks.deleteTask(actor, id, taskId);
        redirect.addFlashAttribute("done", "Task deleted.");
        return "redirect:" + base + "/boards/" + boardId;
    }

    @PostMapping({"/workspace/{id}/boards/{boardId}/columns/{columnId}", "/partner/accounts/{id}/boards/{boardId}/columns/{columnId}"})
    String renameColumn(Actor actor, @PathVariable long id, @PathVariable long boardId, @PathVariable long columnId,
                        @RequestParam(required = false) String name, HttpServletRequest request, Model model) {
        String base = base(actor, id, request, model);
        try {
            tasks.renameColumn(actor, id, boardId, columnId, name);
        } catch (InvalidInputException e) {
            model.addAttribute("message", "The column was not renamed: " + e.getMessage());
            return boardPage(actor, id, boardId, null, model, Map.of("column" + columnId, e.getMessage()), null);
        }
        return "redirect:" + base + "/boards/" + boardId;
    }

    @PostMapping({"/workspace/{id}/boards/{boardId}/delete", "/partner/accounts/{id}/boards/{boardId}/delete"})
    String deleteBoard(Actor actor, @PathVariable long id, @PathVariable long boardId, HttpServletRequest request, Model model,
                       RedirectAttributes redirect) {
        String base = base(actor, id, request, model);
        tasks.deleteBoard(actor, id, boardId);
        redirect.addFlashAttribute("done", "Board deleted.");
        return "redirect:" + base + "/boards";
    }
}
