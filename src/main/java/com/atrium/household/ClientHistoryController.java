package com.atrium.household;

import com.atrium.audit.AuditTrail;
import com.atrium.shared.Actor;
import com.atrium.shared.PageRequest;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/** The client file's History tab: the audit entries about this client, newest first (htmx swaps the entries when paging). */
@Controller
class ClientHistoryController {
    private final HouseholdService households;
    private final AuditTrail trail;

    ClientHistoryController(HouseholdService households, AuditTrail trail) {
        this.households = households;
        this.trail = trail;
    }

    @GetMapping("/clients/{id}/history")
    String history(Actor actor, @PathVariable long id, @RequestParam(required = false) Integer page, Model model,
                   HttpServletRequest request) {
        model.addAttribute("client", households.get(actor, id));
        model.addAttribute("history", trail.clientHistory(actor, id, PageRequest.of(page, 25)));
        boolean htmx = "true".equals(request.getHeader("HX-Request")) && !"true".equals(request.getHeader("HX-Boosted"));
        return htmx ? "household/history :: entries" : "household/history";
    }
}
