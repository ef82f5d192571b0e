package com.atrium.practice;

import com.atrium.shared.Actor;
import com.atrium.shared.ConflictException;
import com.atrium.shared.InvalidInputException;
import com.atrium.shared.UserType;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Practice managers edit a staff user (name, email, phone, type, manager capability), and disable or enable them.
 * Disabling first says what it will do and asks to confirm; a primary professional's disabling is refused with the
 * clients to hand over first, each linked to where it is handed over. Errors are shown on their fields, typed values kept.
 */
@Controller
class StaffEditController {
    private static final UserType[] TYPES = {UserType.PROFESSIONAL, UserType.SUPPORT, UserType.ASSISTANT};
    private final StaffAdministration staff;

    StaffEditController(StaffAdministration staff) {
        this.staff = staff;
    }

    @GetMapping("/staff/{id}")
    String form(Actor actor, @PathVariable long id, Model model) {
        StaffView user = staff.toEdit(actor, id);
        model.addAttribute("form", EditPage.of(user));
        return page(actor, user, model);
    }

    @PostMapping("/staff/{id}")
    String save(Actor actor, @PathVariable long id, EditPage form, Model model, HttpServletResponse response) {
        StaffView user = staff.toEdit(actor, id);
        try {
            StaffView saved = staff.update(actor, id, form.toPatch());
            // a manager who gave up their own capability may no longer open this page: back to the staff list
            return saved.id() == actor.userId() && !saved.practiceManager() ? "redirect:/staff" : "redirect:/staff/" + id + "?saved";
        } catch (InvalidInputException e) {
            response.setStatus(400);
            model.addAttribute("message", e.getMessage());
            model.addAttribute("errors", e.fieldErrors());
        } catch (HandOverFirstException e) {
            response.setStatus(409);
            model.addAttribute("refusal", e.getMessage());
            model.addAttribute("handOver", e.clients());
        } catch (ConflictException e) {
            response.setStatus(409);
            model.addAttribute("refusal", e.getMessage());
        }
        model.addAttribute("form", form);
        return page(actor, user, model);
    }

    /** Disable: without {@code confirmed}, a page that says what it will do (or why it cannot, with the clients to hand over). */
    @PostMapping("/staff/{id}/disable")
    String disable(Actor actor, @PathVariable long id, @RequestParam(required = false) boolean confirmed, Model model,
                   HttpServletResponse response) {
        return activate(actor, id, false, confirmed, model, response);
    }

    @PostMapping("/staff/{id}/enable")
    String enable(Actor actor, @PathVariable long id, @RequestParam(required = false) boolean confirmed, Model model,
                  HttpServletResponse response) {
        return activate(actor, id, true, confirmed, model, response);
    }

    private String activate(Actor actor, @PathVariable long id, boolean active, boolean confirmed, Model model, HttpServletResponse response) {
        StaffView user = staff.toEdit(actor, id);
        model.addAttribute("form", EditPage.of(user));
        if (!confirmed) {
            model.addAttribute("confirm", active ? "enable" : "disable");
            if (!active) {
                // say at once whether it will be refused, with the clients to hand over first
                var primaries = staff.responsibilities(actor, id).stream()
                        .filter(r -> r.kind() == StaffResponsibilities.Kind.PRIMARY).toList();
                if (!primaries.isEmpty()) {
                    model.addAttribute("confirm", null);
                    model.addAttribute("refusal", user.name() + " is the primary professional of " + (primaries.size() == 1 ? "1 client"
                            : primaries.size() + " clients") + ": hand " + (primaries.size() == 1 ? "it" : "them")
                            + " over to another Professional first.");
                    model.addAttribute("handOver", primaries);
                    response.setStatus(409);
                }
            }
            return page(actor, user, model);
        }
        try {
            staff.update(actor, id, StaffPatch.active(active));
            return "redirect:/staff/" + id + (active ? "?enabled" : "?disabled");
        } catch (HandOverFirstException e) {
            response.setStatus(409);
            model.addAttribute("refusal", e.getMessage());
            model.addAttribute("handOver", e.clients());
        } catch (InvalidInputException e) {
            response.setStatus(400);
            model.addAttribute("refusal", e.fieldErrors().isEmpty() ? e.getMessage() : String.join(" ", e.fieldErrors().values()));
        }
        return page(actor, user, model);
    }

    private String page(Actor actor, StaffView user, Model model) {
        model.addAttribute("user", user);
        model.addAttribute("self", user.id() == actor.userId());
        model.addAttribute("types", TYPES);
        model.addAttribute("responsibilities", staff.responsibilities(actor, user.id()));
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", Map.of());
        }
        return "practice/staff-edit";
    }

    /** The form as typed. */
    static class EditPage {
        private String firstName;
        private String lastName;
        private String email;
        private String phone;
        private String type;
        private boolean practiceManager;

        static EditPage of(StaffView v) {
            EditPage p = new EditPage();
            p.firstName = v.firstName();
            p.lastName = v.lastName();
            p.email = v.email();
            p.phone = v.phoneDisplay();
            p.type = v.type().name();
            p.practiceManager = v.practiceManager();
            return p;
        }

        StaffPatch toPatch() {
            return new StaffPatch(nz(firstName), nz(lastName), nz(email), nz(phone), type, practiceManager, null);
        }

        private static String nz(String s) {
            return s == null ? "" : s;
        }

        public String getFirstName() { return firstName; }
        public void setFirstName(String v) { firstName = v; }
        public String getLastName() { return lastName; }
        public void setLastName(String v) { lastName = v; }
        public String getEmail() { return email; }
        public void setEmail(String v) { email = v; }
        public String getPhone() { return phone; }
        public void setPhone(String v) { phone = v; }
        public String getType() { return type; }
        public void setType(String v) { type = v; }
        public boolean isPracticeManager() { return practiceManager; }
        public void setPracticeManager(boolean v) { practiceManager = v; }
    }
}
