package com.atrium.outsider;

import com.atrium.practice.PasswordChangeForm;
import com.atrium.practice.PasswordService;
import com.atrium.shared.Actor;
import com.atrium.shared.InvalidInputException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Outsiders change their password in the portal (the same rules as staff on their profile page). */
@Controller
class PortalPasswordController {
    private final PasswordService passwords;
    private final PortalService portal;

    PortalPasswordController(PasswordService passwords, PortalService portal) {
        this.passwords = passwords;
        this.portal = portal;
    }

    @GetMapping("/portal/password")
    String page(Actor actor, @RequestParam(name = "password", required = false) String done, Model model) {
        portal.requireOutsider(actor);
        model.addAttribute("me", actor.name());
        model.addAttribute("passwordChanged", "changed".equals(done));
        return "outsider/portal-password";
    }

    @PostMapping("/portal/password")
    String change(Actor actor, @RequestParam(required = false) String currentPassword, @RequestParam(required = false) String newPassword,
                  @RequestParam(required = false) String confirmPassword, HttpServletRequest request, HttpServletResponse response,
                  Model model) {
        portal.requireOutsider(actor);
        try {
            HttpSession session = request.getSession(false);
            passwords.change(actor, new PasswordChangeForm(currentPassword, newPassword, confirmPassword == null ? "" : confirmPassword),
                    session == null ? null : session.getId());
            return "redirect:/portal/password?password=changed";
        } catch (InvalidInputException e) {
            response.setStatus(400);
            model.addAttribute("passwordErrors", e.fieldErrors());
            return page(actor, null, model);
        }
    }
}
