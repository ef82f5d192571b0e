package com.atrium.outsider;

import com.atrium.shared.Actor;
import com.atrium.shared.ConflictException;
import com.atrium.shared.InvalidInputException;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * "My account" in the client portal: an outsider changes their own email (confirmed by a link sent to the new address)
 * and mobile (confirmed by a code sent to the new number). Wrong input shows the page again (400) with the reason next to
 * the field and what was typed.
 */
@Controller
class PortalAccountController {
    private static final String PAGE = "outsider/portal-account";
    private final ContactChanges changes;
    private final PortalService portal;

    PortalAccountController(ContactChanges changes, PortalService portal) {
        this.changes = changes;
        this.portal = portal;
    }

    @GetMapping("/portal/account")
    String page(Actor actor, Model model) {
        portal.requireOutsider(actor);
        model.addAttribute("me", actor.name());
        model.addAttribute("mine", changes.mine(actor));
        return PAGE;
    }

    @PostMapping("/portal/account/email")
    String requestEmail(Actor actor, @RequestParam(required = false) String email, Model model, HttpServletResponse response,
                        RedirectAttributes redirect) {
        portal.requireOutsider(actor);
        try {
            changes.requestEmail(actor, email);
            redirect.addFlashAttribute("message", "We sent a link to " + email.trim() + ": open it to confirm the new address. Until then"
                    + " you keep logging in with your current one.");
            return "redirect:/portal/account";
        } catch (InvalidInputException e) {
            return again(actor, model, response, "email", Map.of("email", email == null ? "" : email), e);
        }
    }

    @GetMapping("/portal/account/email/confirm")
    String confirmPage(Actor actor, @RequestParam(required = false) String token, Model model) {
        portal.requireOutsider(actor);
        model.addAttribute("me", actor.name());
        model.addAttribute("mine", changes.mine(actor));
        model.addAttribute("token", token);
        model.addAttribute("link", changes.emailLink(actor, token).orElse(null));
        model.addAttribute("confirming", true);
        return PAGE;
    }

    @PostMapping("/portal/account/email/confirm")
    String confirmEmail(Actor actor, @RequestParam(required = false) String token, Model model, HttpServletResponse response,
                        RedirectAttributes redirect) {
        portal.requireOutsider(actor);
        try {
            String email = changes.confirmEmail(actor, token);
            redirect.addFlashAttribute("message", "Your email address is now " + email + ": log in with it from now on.");
            return "redirect:/portal/account";
        } catch (ConflictException e) {
            response.setStatus(409);
            model.addAttribute("error", e.getMessage());
            return page(actor, model);
        }
    }

    @PostMapping("/portal/account/mobile")
    String requestMobile(Actor actor, @RequestParam(required = false) String mobile, Model model, HttpServletResponse response,
                         RedirectAttributes redirect) {
        portal.requireOutsider(actor);
        try {
            String e164 = changes.requestMobile(actor, mobile);
            redirect.addFlashAttribute("message", "We sent a code to " + com.atrium.shared.PhoneNumbers.display(e164)
                    + " by text message: enter it below to confirm the new number.");
            return "redirect:/portal/account";
        } catch (InvalidInputException e) {
            return again(actor, model, response, "mobile", Map.of("mobile", mobile == null ? "" : mobile), e);
        }
    }

    @PostMapping("/portal/account/mobile/confirm")
    String confirmMobile(Actor actor, @RequestParam(required = false) String code, Model model, HttpServletResponse response,
                         RedirectAttributes redirect) {
        portal.requireOutsider(actor);
        try {
            String e164 = changes.confirmMobile(actor, code);
            redirect.addFlashAttribute("message", "Your mobile is now " + com.atrium.shared.PhoneNumbers.display(e164)
                    + ": your login codes go there from now on.");
            return "redirect:/portal/account";
        } catch (InvalidInputException e) {
            return again(actor, model, response, "code", Map.of(), e);
        }
    }

    private String again(Actor actor, Model model, HttpServletResponse response, String form, Map<String, String> typed, InvalidInputException e) {
        response.setStatus(400);
        model.addAttribute("failedForm", form);
        model.addAttribute("typed", typed);
        model.addAttribute("fieldErrors", e.fieldErrors());
        return page(actor, model);
    }
}
