package com.atrium.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.ui.Model;

/** The shell: login page and the home redirect. */
@Controller
class ShellController {

    @GetMapping("/login")
    String login(@RequestParam(required = false) String error, @RequestParam(required = false) String logout,
                 @RequestParam(required = false) String welcome, @RequestParam(required = false) String reset,
                 @RequestParam(required = false) String expired, Model model, jakarta.servlet.http.HttpServletRequest request) {
        jakarta.servlet.http.HttpSession session = request.getSession(false);
        if (session != null && session.getAttribute(LoginFailureHandler.TYPED_EMAIL) instanceof String typed) {
            session.removeAttribute(LoginFailureHandler.TYPED_EMAIL);
            if (error != null) {
                model.addAttribute("typedEmail", typed);
            }
        }
        if (error != null) {
            model.addAttribute("error", switch (error) {
                case "disabled" -> "This account is disabled. Ask your practice manager.";
                case "expired" -> "This temporary password has expired or was already used. Ask your adviser or your"
                        + " account's administrator to send a new invitation.";
                case "code" -> "Too many wrong codes: code entry is paused for a while. Log in again later.";
                // the same words for a wrong password, an unknown email, a locked account and a throttled address
                default -> "Email or password is not right. After several failed attempts, logins are paused for a few minutes.";
            });
        }
        model.addAttribute("loggedOut", logout != null);
        model.addAttribute("welcome", welcome != null);
        model.addAttribute("expired", expired != null);
        model.addAttribute("reset", reset != null);
        return "login";
    }

    /** Browsers ask for /favicon.ico whatever the page says. */
    @GetMapping("/favicon.ico")
    String favicon() {
        return "redirect:/img/favicon.svg";
    }

    @GetMapping("/")
    String home() {
        return "redirect:/clients";
    }
}
