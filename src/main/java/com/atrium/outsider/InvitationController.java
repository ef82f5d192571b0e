package com.atrium.outsider;

import com.atrium.shared.ConflictException;
import com.atrium.shared.InvalidInputException;
import com.atrium.shared.NotFoundException;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The invitation link (no login needed): the invited person chooses a password; their account is created for
 * the email the invitation is bound to (not editable), and the link stops working.
 */
@Controller
class InvitationController {
    private final Invitations invitations;

    InvitationController(Invitations invitations) {
        this.invitations = invitations;
    }

    @GetMapping("/invitations/{token}")
    String page(@PathVariable String token, Model model, HttpServletResponse response) {
        var invitation = invitations.find(token);
        if (invitation.isEmpty()) {
            response.setStatus(404);
            model.addAttribute("invalid", true);
        } else {
            model.addAttribute("email", invitation.get().email());
            model.addAttribute("name", invitation.get().name());
        }
        model.addAttribute("token", token);
        return "outsider/invitation";
    }

    @PostMapping("/invitations/{token}")
    String accept(@PathVariable String token, @RequestParam(required = false) String password,
                  @RequestParam(required = false) String confirm, Model model, HttpServletResponse response) {
        try {
            invitations.accept(token, password, confirm);
            return "redirect:/login?welcome";
        } catch (NotFoundException e) {
            return page(token, model, response);
        } catch (InvalidInputException | ConflictException e) {
            response.setStatus(e instanceof ConflictException ? 409 : 400);
            model.addAttribute("error", e.getMessage());
            return page(token, model, response);
        }
    }
}
