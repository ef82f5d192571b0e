package com.atrium.practice;

import com.atrium.practice.PasswordService.ResetRequestAnswer;
import com.atrium.shared.InvalidInputException;
import com.atrium.shared.NotFoundException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * "Forgot password" (no login needed, for staff and outsiders): ask for a link by email, then choose a new password on
 * the page the link opens. The first answer is the same for every address.
 */
@Controller
class PasswordResetController {
    static final String VIEW = "practice/password-reset";
    private final PasswordService passwords;

    PasswordResetController(PasswordService passwords) {
        this.passwords = passwords;
    }

    @GetMapping("/password-reset")
    String requestForm(@RequestParam(required = false) String sent, Model model) {
        model.addAttribute("step", sent != null ? "sent" : "request");
        return VIEW;
    }

    @PostMapping("/password-reset")
    String request(@RequestParam(required = false) String email, HttpServletRequest request, HttpServletResponse response,
                   Model model) {
        PasswordService.ResetRequestReceipt receipt;
        try {
            receipt = passwords.requestReset(email, request.getRemoteAddr());
            if (receipt.answer() == ResetRequestAnswer.TOO_MANY_FROM_CLIENT) {
                response.setStatus(429);
                model.addAttribute("step", "request");
                model.addAttribute("email", email);
                model.addAttribute("error", "Too many reset requests from your network in the last hour. Try again later.");
                return VIEW;
            }
        } catch (InvalidInputException e) {
            response.setStatus(400);
            model.addAttribute("step", "request");
            model.addAttribute("email", email);
            model.addAttribute("errors", e.fieldErrors());
            return VIEW;
        }
        passwords.processSoon(receipt.requestId());
        return "redirect:/password-reset?sent";
    }

    @GetMapping("/password-reset/{token}")
    String newPasswordForm(@PathVariable String token, Model model, HttpServletResponse response) {
        if (!passwords.resetLinkWorks(token)) {
            response.setStatus(404);
            model.addAttribute("step", "invalid");
            return VIEW;
        }
        model.addAttribute("step", "choose");
        model.addAttribute("token", token);
        return VIEW;
    }

    @PostMapping("/password-reset/{token}")
    String choose(@PathVariable String token, @RequestParam(required = false) String newPassword,
                  @RequestParam(required = false) String confirmPassword, HttpServletRequest request,
                  HttpServletResponse response, Model model) {
        try {
            passwords.completeReset(token, newPassword, confirmPassword, request.getRemoteAddr());
            return "redirect:/login?reset";
        } catch (NotFoundException e) {
            response.setStatus(404);
            model.addAttribute("step", "invalid");
            return VIEW;
        } catch (InvalidInputException e) {
            response.setStatus(400);
            model.addAttribute("step", "choose");
            model.addAttribute("token", token);
            model.addAttribute("errors", e.fieldErrors());
            return VIEW;
        }
    }
}
