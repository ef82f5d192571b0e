package com.atrium.compliance;

import com.atrium.practice.PracticeService;
import com.atrium.practice.StaffView;
import com.atrium.shared.Actor;
import com.atrium.shared.InvalidInputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * <em>Staff → adviser → Reassign clients</em>: choose the new primary (or one per workgroup), preview (how many
 * households, the team and workgroup changes, who gains and who loses access), confirm.
 */
@Controller
class ReassignmentController {
    private final ReassignmentService reassignments;
    private final PracticeService practice;

    ReassignmentController(ReassignmentService reassignments, PracticeService practice) {
        this.reassignments = reassignments;
        this.practice = practice;
    }

    @GetMapping("/staff/{id}/reassign")
    String page(Actor actor, @PathVariable long id, Model model) {
        model.addAttribute("values", new Values(null, Map.of(), false));
        return page(actor, id, model, null, Map.of());
    }

    @PostMapping("/staff/{id}/reassign/preview")
    String preview(Actor actor, @PathVariable long id, @RequestParam(required = false) String toUserId,
                   @RequestParam(required = false) List<String> workgroupIds, @RequestParam(required = false) List<String> workgroupTo,
                   @RequestParam(required = false) String keepFormerOnTeam, Model model) {
        Values values = values(toUserId, workgroupIds, workgroupTo, keepFormerOnTeam);
        model.addAttribute("values", values);
        try {
            Reassignment r = reassignments.reassign(actor, id, values.form(null), true);
            return page(actor, id, model, r, Map.of());
        } catch (InvalidInputException e) {
            return page(actor, id, model, null, errors(e));
        }
    }

    @PostMapping("/staff/{id}/reassign")
    String reassign(Actor actor, @PathVariable long id, @RequestParam(required = false) String toUserId,
                    @RequestParam(required = false) List<String> workgroupIds, @RequestParam(required = false) List<String> workgroupTo,
                    @RequestParam(required = false) String keepFormerOnTeam, @RequestParam(required = false) List<Long> households,
                    Model model, RedirectAttributes redirect) {
        Values values = values(toUserId, workgroupIds, workgroupTo, keepFormerOnTeam);
        model.addAttribute("values", values);
        try {
            Reassignment r = reassignments.reassign(actor, id, values.form(households == null ? List.of() : households), false);
            redirect.addFlashAttribute("notice", r.moved() == 0 ? "Nothing to reassign: every household already has its new primary."
                    : (r.moved() == 1 ? "1 household" : r.moved() + " households") + " of " + r.adviserName() + " reassigned.");
            return "redirect:/staff/" + id + "/reassign";
        } catch (ReassignmentRefused e) {
            model.addAttribute("refusals", e.reasons());
            return page(actor, id, model, null, Map.of());
        } catch (InvalidInputException e) {
            return page(actor, id, model, null, errors(e));
        }
    }

    private String page(Actor actor, long id, Model model, Reassignment result, Map<String, String> errors) {
        StaffView adviser = reassignments.adviser(actor, id);
        model.addAttribute("adviser", adviser);
        model.addAttribute("count", reassignments.householdCount(actor, id));
        model.addAttribute("workgroups", reassignments.workgroupsOf(actor, id));
        model.addAttribute("professionals", practice.professionals(actor.practiceId()).stream().filter(p -> p.id() != id)
                .filter(StaffView::active).toList());
        model.addAttribute("result", result);
        model.addAttribute("errors", errors);
        return "compliance/reassign";
    }

    private static Map<String, String> errors(InvalidInputException e) {
        Map<String, String> errors = new LinkedHashMap<>(e.fieldErrors());
        if (errors.isEmpty()) {
            errors.put("toUserId", e.getMessage());
        }
        return errors;
    }

    /** What the form sent, kept to show it again (typed values are never lost). */
    record Values(String toUserId, Map<String, String> byWorkgroup, boolean keepFormer) {
        ReassignmentForm form(List<Long> households) {
            List<ReassignmentForm.WorkgroupChoice> choices = new ArrayList<>();
            byWorkgroup.forEach((g, u) -> choices.add(new ReassignmentForm.WorkgroupChoice(parse(g), parse(u))));
            return new ReassignmentForm(parse(toUserId), choices, keepFormer, households);
        }

        public String to(Object workgroupId) {
            return byWorkgroup.getOrDefault(String.valueOf(workgroupId), "");
        }
    }

    private static Values values(String toUserId, List<String> workgroupIds, List<String> workgroupTo, String keep) {
        Map<String, String> by = new LinkedHashMap<>();
        if (workgroupIds != null && workgroupTo != null) {
            for (int i = 0; i < workgroupIds.size() && i < workgroupTo.size(); i++) {
                if (workgroupTo.get(i) != null && !workgroupTo.get(i).isBlank()) {
                    by.put(workgroupIds.get(i), workgroupTo.get(i).trim());
                }
            }
        }
        return new Values(toUserId == null ? null : toUserId.trim(), by, "true".equals(keep) || "on".equals(keep));
    }

    private static Long parse(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return -1L; // answered as "no such staff user"
        }
    }
}
