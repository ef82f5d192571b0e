package com.atrium.partner;

import com.atrium.shared.Actor;
import com.atrium.shared.InvalidInputException;
import com.atrium.shared.NotFoundException;
import jakarta.servlet.http.HttpServletRequest;
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
 * Goal pages, the same in two places: the account's workspace ({@code /workspace/{id}/goals…}: its users, an adviser in
 * advisor mode under the purple banner) and the partner portal ({@code /partner/accounts/{id}/goals…}: staff who work on
 * the account, e.g. from risk insights). What the caller may do comes from the access module through {@link GoalService}.
 */
@Controller
class GoalController {
    private final GoalService goals;
    private final WorkspaceService workspace;

    GoalController(GoalService goals, WorkspaceService workspace) {
        this.goals = goals;
        this.workspace = workspace;
    }

    /** Where the pages live for this request (workspace or portal), with the workspace's banner and bar when inside one. */
    private String base(Actor actor, long id, HttpServletRequest request, Model model) {
        boolean inWorkspace = request.getRequestURI().substring(request.getContextPath().length()).startsWith("/workspace/");
        if (inWorkspace) {
            model.addAttribute("w", workspace.enter(actor, id));
            model.addAttribute("me", actor.name());
            model.addAttribute("base", "/workspace/" + id);
        } else {
            if (!actor.isStaff()) {
                throw new NotFoundException("Account");
            }
            model.addAttribute("base", "/partner/accounts/" + id);
        }
        return (String) model.getAttribute("base");
    }

    private static Object w(Model model) {
        return model.getAttribute("w");
    }

    @GetMapping({"/workspace/{id}/goals", "/partner/accounts/{id}/goals"})
    String list(Actor actor, @PathVariable long id, HttpServletRequest request, Model model) {
        base(actor, id, request, model);
        return listPage(actor, id, model, new GoalForm(null, null, null, "ORGANISATION", false, null, null, "100"), Map.of());
    }

    private String listPage(Actor actor, long id, Model model, GoalForm form, Map<String, String> errors) {
        model.addAttribute("goals", goals.goals(actor, id));
        model.addAttribute("people", goals.people(actor, id));
        model.addAttribute("accountId", id);
        model.addAttribute("meId", actor.userId());
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        return "partner/goals";
    }

    @PostMapping({"/workspace/{id}/goals", "/partner/accounts/{id}/goals"})
    String create(Actor actor, @PathVariable long id, GoalForm form, HttpServletRequest request, Model model, RedirectAttributes redirect) {
        String base = base(actor, id, request, model);
        try {
            GoalView g = goals.create(actor, id, form);
            redirect.addFlashAttribute("done", "Goal created.");
            return "redirect:" + base + "/goals/" + g.id();
        } catch (InvalidInputException e) {
            model.addAttribute("message", e.getMessage());
            return listPage(actor, id, model, form, e.fieldErrors());
        }
    }

    @GetMapping({"/workspace/{id}/goals/{goalId}", "/partner/accounts/{id}/goals/{goalId}"})
    String goal(Actor actor, @PathVariable long id, @PathVariable long goalId, HttpServletRequest request, Model model) {
        base(actor, id, request, model);
        return goalPage(actor, id, goals.goal(actor, id, goalId), model, Map.of());
    }

    private String goalPage(Actor actor, long id, GoalView g, Model model, Map<String, String> errors) {
        model.addAttribute("g", g);
        model.addAttribute("people", g.mayEdit() ? goals.people(actor, id) : java.util.List.of());
        model.addAttribute("errors", errors);
        return "partner/goal";
    }

    @PostMapping({"/workspace/{id}/goals/{goalId}", "/partner/accounts/{id}/goals/{goalId}"})
    String update(Actor actor, @PathVariable long id, @PathVariable long goalId, GoalForm form, HttpServletRequest request, Model model,
                  RedirectAttributes redirect) {
        String base = base(actor, id, request, model);
        try {
            goals.update(actor, id, goalId, new GoalForm(form.title(), form.description() == null ? "" : form.description(), form.ownerId(),
                    form.level(), Boolean.TRUE.equals(form.milestone()), form.dueOn() == null ? "" : form.dueOn(), form.status(), null));
        } catch (InvalidInputException e) {
            model.addAttribute("message", e.getMessage());
            model.addAttribute("typed", form);
            return goalPage(actor, id, goals.goal(actor, id, goalId), model, e.fieldErrors());
        }
        redirect.addFlashAttribute("done", "Goal saved.");
        return "redirect:" + base + "/goals/" + goalId;
    }

    @PostMapping({"/workspace/{id}/goals/{goalId}/confidence", "/partner/accounts/{id}/goals/{goalId}/confidence"})
    String confidence(Actor actor, @PathVariable long id, @PathVariable long goalId, @RequestParam(required = false) String confidence,
                      @RequestParam(required = false) String comment, @RequestParam(required = false) String back,
                      HttpServletRequest request, Model model, RedirectAttributes redirect) {
        String base = base(actor, id, request, model);
        try {
            goals.updateConfidence(actor, id, goalId, confidence, comment);
        } catch (InvalidInputException e) {
            model.addAttribute("message", e.getMessage());
            model.addAttribute("typedConfidence", confidence);
            model.addAttribute("typedComment", comment);
            return goalPage(actor, id, goals.goal(actor, id, goalId), model, e.fieldErrors());
        }
        redirect.addFlashAttribute("done", "Confidence updated.");
        return "home".equals(back) && w(model) == null ? "redirect:/partner/home" : "redirect:" + base + "/goals/" + goalId;
    }

    @PostMapping({"/workspace/{id}/goals/{goalId}/messages", "/partner/accounts/{id}/goals/{goalId}/messages"})
    String post(Actor actor, @PathVariable long id, @PathVariable long goalId, @RequestParam(required = false) String body,
                @RequestHeader(name = "HX-Request", required = false) String htmx, HttpServletRequest request, Model model,
                RedirectAttributes redirect) {
        String base = base(actor, id, request, model);
        GoalView g;
        try {
            g = goals.post(actor, id, goalId, body);
        } catch (InvalidInputException e) {
            model.addAttribute("typedBody", body);
            g = goals.goal(actor, id, goalId);
            goalPage(actor, id, g, model, e.fieldErrors());
            return htmx != null ? "partner/goal :: channel" : "partner/goal";
        }
        if (htmx != null) {
            goalPage(actor, id, g, model, Map.of());
            return "partner/goal :: channel";
        }
        return "redirect:" + base + "/goals/" + goalId + "#channel";
    }

    @PostMapping({"/workspace/{id}/goals/{goalId}/outcomes", "/partner/accounts/{id}/goals/{goalId}/outcomes"})
    String addOutcome(Actor actor, @PathVariable long id, @PathVariable long goalId, @RequestParam(required = false) String title,
                      @RequestParam(required = false) String targetValue, @RequestParam(required = false) String currentValue,
                      @RequestParam(required = false) String unit, HttpServletRequest request, Model model, RedirectAttributes redirect) {
        String base = base(actor, id, request, model);
        try {
            goals.addOutcome(actor, id, goalId, title, targetValue, currentValue, unit);
        } catch (InvalidInputException e) {
            model.addAttribute("typedOutcome", Map.of("title", String.valueOf(title == null ? "" : title),
                    "targetValue", String.valueOf(targetValue == null ? "" : targetValue),
                    "currentValue", String.valueOf(currentValue == null ? "" : currentValue), "unit", String.valueOf(unit == null ? "" : unit)));
            return goalPage(actor, id, goals.goal(actor, id, goalId), model, e.fieldErrors());
        }
        redirect.addFlashAttribute("done", "Outcome added.");
        return "redirect:" + base + "/goals/" + goalId + "#outcomes";
    }

    @PostMapping({"/workspace/{id}/goals/{goalId}/outcomes/{outcomeId}", "/partner/accounts/{id}/goals/{goalId}/outcomes/{outcomeId}"})
    String updateOutcome(Actor actor, @PathVariable long id, @PathVariable long goalId, @PathVariable long outcomeId,
                         @RequestParam(required = false) String currentValue, @RequestParam(required = false) String done,
                         HttpServletRequest request, Model model, RedirectAttributes redirect) {
        String base = base(actor, id, request, model);
        try {
            goals.updateOutcome(actor, id, goalId, outcomeId, currentValue, done != null);
        } catch (InvalidInputException e) {
            return goalPage(actor, id, goals.goal(actor, id, goalId), model, e.fieldErrors());
        }
        redirect.addFlashAttribute("done", "Outcome saved.");
        return "redirect:" + base + "/goals/" + goalId + "#outcomes";
    }

    @PostMapping({"/workspace/{id}/goals/{goalId}/delete", "/partner/accounts/{id}/goals/{goalId}/delete"})
    String delete(Actor actor, @PathVariable long id, @PathVariable long goalId, HttpServletRequest request, Model model,
                  RedirectAttributes redirect) {
        String base = base(actor, id, request, model);
        goals.delete(actor, id, goalId);
        redirect.addFlashAttribute("done", "Goal deleted.");
        return "redirect:" + base + "/goals";
    }
}
