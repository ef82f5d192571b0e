package com.atrium.household;

import com.atrium.audit.AuditTrail;
import com.atrium.audit.ReadAudit;
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
    private final ReadAudit reads;

    ClientHistoryController(HouseholdService households, AuditTrail trail, ReadAudit reads) {
        this.households = households;
        this.trail = trail;
        this.reads = reads;
    }

    @GetMapping("/clients/{id}/history")
    String history(Actor actor, @PathVariable long id, @RequestParam(required = false) Integer page,
                   @RequestParam(required = false) Integer readsPage, Model model, HttpServletRequest request) {
        model.addAttribute("client", households.get(actor, id));
        model.addAttribute("history", trail.clientHistory(actor, id, PageRequest.of(page, 25)));
        // who opened the file: practice managers and the client's primary professional only
        if (reads.maySeeReads(actor, id)) {
            model.addAttribute("reads", reads.clientReads(actor, id, PageRequest.of(readsPage, 25)));
        }
        boolean htmx = "true".equals(request.getHeader("HX-Request")) && !"true".equals(request.getHeader("HX-Boosted"));
        return htmx ? "household/history :: entries" : "household/history";
    }
}
