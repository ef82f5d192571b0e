package com.atrium.compliance;

import com.atrium.access.PathKind;
import com.atrium.access.ReviewQuery;
import com.atrium.access.TeamRole;
import com.atrium.practice.PracticeService;
import com.atrium.shared.Actor;
import com.atrium.shared.InvalidInputException;
import com.atrium.shared.PageRequest;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.bind.annotation.RequestParam;

/** The practice managers' Access review page: filters, the rows with their Why?, CSV export, select and revoke. */
@Controller
class AccessReviewController {
    private final AccessReviewService review;
    private final PracticeService practice;
    private final RevocationService revocations;

    AccessReviewController(AccessReviewService review, PracticeService practice, RevocationService revocations) {
        this.review = review;
        this.practice = practice;
        this.revocations = revocations;
    }

    /** The preview of revoking the selected rows: what each loses, what is refused and why, who loses access to what. */
    @PostMapping("/access-review/revocations/preview")
    String preview(Actor actor, @RequestParam(name = "rows", required = false) List<String> rows, Model model,
                   RedirectAttributes redirect) {
        try {
            model.addAttribute("result", revocations.revoke(actor, new RevocationForm(rows), true));
        } catch (InvalidInputException e) {
            review.checkCsv(actor);
            redirect.addFlashAttribute("notice", e.getMessage());
            return "redirect:/access-review";
        }
        model.addAttribute("rows", rows);
        return "compliance/revocation";
    }

    /** Revokes the rows confirmed on the preview, in one transaction. */
    @PostMapping("/access-review/revocations")
    String revoke(Actor actor, @RequestParam(name = "rows", required = false) List<String> rows, RedirectAttributes redirect) {
        try {
            Revocations done = revocations.revoke(actor, new RevocationForm(rows), false);
            redirect.addFlashAttribute("notice", (done.revoked().size() == 1 ? "1 access revoked" : done.revoked().size() + " accesses revoked")
                    + (done.refused().isEmpty() ? "." : "; " + done.refused().size() + " refused (" + done.refused().stream()
                    .map(Revocations.Refused::reason).distinct().collect(java.util.stream.Collectors.joining(" ")) + ")"));
        } catch (InvalidInputException e) {
            review.checkCsv(actor);
            redirect.addFlashAttribute("notice", e.getMessage());
        }
        return "redirect:/access-review";
    }

    @GetMapping("/access-review")
    String page(Actor actor, @RequestParam(required = false) String person, @RequestParam(required = false) String client,
                @RequestParam(required = false) String kind, @RequestParam(required = false) String role,
                @RequestParam(required = false) String stale, @RequestParam(required = false) Integer page, Model model,
                HttpServletRequest request) {
        Map<String, String> filters = new LinkedHashMap<>();
        filters.put("person", blank(person));
        filters.put("client", blank(client));
        filters.put("kind", blank(kind));
        filters.put("role", blank(role));
        filters.put("stale", blank(stale));
        model.addAttribute("filters", filters);
        model.addAttribute("kinds", List.of(PathKind.values()));
        model.addAttribute("roles", List.of(TeamRole.values()));
        model.addAttribute("staleKinds", List.of(ReviewQuery.Stale.values()));
        model.addAttribute("people", practice.staff(actor));
        model.addAttribute("revocable", true);
        try {
            ReviewQuery query = AccessReviewService.query(person, client, kind, role, stale);
            model.addAttribute("review", review.review(actor, query, PageRequest.of(page, 50)));
            model.addAttribute("errors", Map.of());
        } catch (InvalidInputException e) {
            review.checkCsv(actor); // a non-manager gets 403, not the filter errors
            model.addAttribute("review", null);
            model.addAttribute("errors", e.fieldErrors());
        }
        boolean htmx = "true".equals(request.getHeader("HX-Request")) && !"true".equals(request.getHeader("HX-Boosted"));
        return htmx ? "compliance/review :: rows" : "compliance/review";
    }

    @GetMapping("/access-review.csv")
    void csv(Actor actor, @RequestParam(required = false) String person, @RequestParam(required = false) String client,
             @RequestParam(required = false) String kind, @RequestParam(required = false) String role,
             @RequestParam(required = false) String stale, jakarta.servlet.http.HttpServletResponse response) throws java.io.IOException {
        review.download(actor, AccessReviewService.query(person, client, kind, role, stale), response);
    }

    private static String blank(String s) {
        return s == null ? "" : s.trim();
    }
}
