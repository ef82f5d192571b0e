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

    InsightsController(GoalService goals) {
        this.goals = goals;
    }

    /** Two tabs: organisation (milestone goals) and people (any goal); the tab swap is an htmx fragment of the same page. */
    @GetMapping("/partner/risk-insights")
    String riskInsights(Actor actor, @RequestParam(required = false) String level, @RequestParam(defaultValue = "0") int page,
                        @RequestHeader(name = "HX-Request", required = false) String htmx, Model model) {
        model.addAttribute("r", goals.riskInsights(actor, level, page));
        return htmx != null ? "partner/risk-insights :: results" : "partner/risk-insights";
    }
}
