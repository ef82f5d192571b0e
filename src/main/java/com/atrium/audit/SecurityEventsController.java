package com.atrium.audit;

import com.atrium.shared.Actor;
import com.atrium.shared.PageRequest;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The practice managers' Security events page: logins, codes, lockouts, staff, tokens, workgroups, passwords. */
@Controller
class SecurityEventsController {
    private final SecurityEvents events;

    SecurityEventsController(SecurityEvents events) {
        this.events = events;
    }

    @GetMapping("/security-events")
    String list(Actor actor, @RequestParam(required = false) String kind, @RequestParam(required = false) Integer page,
                Model model, HttpServletRequest request) {
        SecurityEventKind selected = SecurityEvents.kind(kind);
        model.addAttribute("events", events.list(actor, selected, PageRequest.of(page, 50)));
        model.addAttribute("kinds", List.of(SecurityEventKind.values()));
        model.addAttribute("selected", selected == null ? "" : selected.name());
        boolean htmx = "true".equals(request.getHeader("HX-Request")) && !"true".equals(request.getHeader("HX-Boosted"));
        return htmx ? "audit/security-events :: entries" : "audit/security-events";
    }
}
