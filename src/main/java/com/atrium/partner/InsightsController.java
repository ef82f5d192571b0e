package com.atrium.partner;

import com.atrium.shared.Actor;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/** The partner portal's overviews for advisers: risk insights (goals below 60 %), My Business, the adviser's home. */
@Controller
class InsightsController {
    private final GoalService goals;
    private final TaskService tasks;
    private final MyBusinessService business;

    InsightsController(GoalService goals, TaskService tasks, MyBusinessService business) {
        this.goals = goals;
        this.tasks = tasks;
        this.business = business;
    }

    /** The adviser's home: their own goals and tasks in progress across their accounts, editable in place. */
    @GetMapping("/partner/home")
    String home(Actor actor, Model model) {
        model.addAttribute("goals", goals.myGoals(actor));
        model.addAttribute("tasks", tasks.myOpenTasks(actor));
        model.addAttribute("stages", TaskStage.values());
        return "partner/adviser-home";
    }

    @GetMapping("/partner/my-business")
    String myBusiness(Actor actor, @RequestParam(required = false) Long adviser, Model model) {
        model.addAttribute("m", business.myBusiness(actor, adviser));
        return "partner/my-business";
    }

    /** Two tabs: organisation (milestone goals) and people (any goal); the tab swap is an htmx fragment of the same page. */
    @GetMapping("/partner/risk-insights")
    String riskInsights(Actor actor, @RequestParam(required = false) String level, @RequestParam(defaultValue = "0") int page,
                        @RequestHeader(name = "HX-Request", required = false) String htmx, Model model) {
        model.addAttribute("r", goals.riskInsights(actor, level, page));
        return htmx != null ? "partner/risk-insights :: results" : "partner/risk-insights";
    }
}
