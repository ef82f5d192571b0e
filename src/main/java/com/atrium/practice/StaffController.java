package com.atrium.practice;

import com.atrium.access.AccessService;
import com.atrium.access.PracticePermission;
import com.atrium.shared.Actor;
import com.atrium.shared.ConflictException;
import com.atrium.shared.InvalidInputException;
import com.atrium.shared.UserType;
import jakarta.validation.Valid;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Staff list, new staff form (practice managers) and the profile page (with the API tokens section). */
@Controller
class StaffController {
    private final PracticeService practice;
    private final AccessService access;

    private final ApiTokenService tokens;
    private final PasswordService passwords;

    StaffController(PracticeService practice, AccessService access, ApiTokenService tokens, PasswordService passwords) {
        this.practice = practice;
        this.access = access;
        this.tokens = tokens;
        this.passwords = passwords;
    }

    @GetMapping("/staff")
    String list(Actor actor, Model model) {
        model.addAttribute("staff", practice.staff(actor));
        model.addAttribute("canManage", access.check(actor, PracticePermission.MANAGE_STAFF));
        return "practice/staff";
    }

    @GetMapping("/staff/new")
    String newForm(Actor actor, Model model) {
        access.require(actor, PracticePermission.MANAGE_STAFF);
        model.addAttribute("form", new StaffForm("", "", "", "", UserType.PROFESSIONAL, false, ""));
        model.addAttribute("types", new UserType[] {UserType.PROFESSIONAL, UserType.SUPPORT, UserType.ASSISTANT});
        return "practice/new-staff";
    }

    @PostMapping("/staff")
    String create(Actor actor, @Valid @ModelAttribute("form") StaffForm form, BindingResult binding, Model model) {
        access.require(actor, PracticePermission.MANAGE_STAFF);
        Map<String, String> errors = new LinkedHashMap<>();
        binding.getFieldErrors().forEach(f -> errors.putIfAbsent(f.getField(),
                f.isBindingFailure() ? "This value is not valid." : f.getDefaultMessage()));
        // all the reasons at once (the email taken, the phone, the password policy), not one per submit
        practice.staffFormErrors(form).forEach(errors::putIfAbsent);
        if (errors.isEmpty()) {
            try {
                StaffView created = practice.createStaff(actor, form);
                return "redirect:/staff?created=" + created.id();
            } catch (InvalidInputException e) {
                errors.putAll(e.fieldErrors());
                model.addAttribute("message", e.getMessage());
            } catch (ConflictException e) {
                errors.put("email", e.getMessage());
            }
        }
        model.addAttribute("errors", errors);
        model.addAttribute("types", new UserType[] {UserType.PROFESSIONAL, UserType.SUPPORT, UserType.ASSISTANT});
        return "practice/new-staff";
    }

    @GetMapping("/profile")
    String profile(Actor actor, @RequestParam(name = "password", required = false) String password, Model model) {
        model.addAttribute("passwordChanged", "changed".equals(password));
        model.addAttribute("me", practice.staffMember(actor, actor.userId()));
        model.addAttribute("practice", practice.practiceOf(actor));
        model.addAttribute("tokens", tokens.mine(actor));
        return "practice/profile";
    }

    /** Changes the password (current + new twice); errors are shown on their fields, the passwords are not re-filled. */
    @PostMapping("/profile/password")
    String changePassword(Actor actor, @RequestParam(required = false) String currentPassword,
                          @RequestParam(required = false) String newPassword, @RequestParam(required = false) String confirmPassword,
                          jakarta.servlet.http.HttpServletRequest request, jakarta.servlet.http.HttpServletResponse response,
                          Model model) {
        try {
            jakarta.servlet.http.HttpSession session = request.getSession(false);
            passwords.change(actor, new PasswordChangeForm(currentPassword, newPassword, confirmPassword == null ? "" : confirmPassword),
                    session == null ? null : session.getId());
            return "redirect:/profile?password=changed#password";
        } catch (InvalidInputException e) {
            response.setStatus(400);
            model.addAttribute("passwordErrors", e.fieldErrors());
            return profile(actor, null, model);
        }
    }

    @PostMapping("/profile/tokens")
    String createToken(Actor actor, @RequestParam(required = false) String name,
                       @RequestParam(required = false) String expires, Model model) {
        // rendered, not redirected: the secret must not pass through the (database-stored) session as a flash attribute
        try {
            boolean never = "never".equals(expires);
            Integer days = never || expires == null || expires.isBlank() ? null : parseDays(expires);
            model.addAttribute("newToken", tokens.create(actor, name, days, never));
        } catch (InvalidInputException e) {
            model.addAttribute("tokenError", e.getMessage());
        }
        return profile(actor, null, model);
    }

    private static Integer parseDays(String expires) {
        try {
            return Integer.valueOf(expires.trim());
        } catch (NumberFormatException e) {
            throw new InvalidInputException("expires", "Choose when the token expires.");
        }
    }

    @PostMapping("/profile/tokens/{id}/revoke")
    String revokeToken(Actor actor, @PathVariable long id) {
        tokens.revoke(actor, id);
        return "redirect:/profile#api-tokens";
    }
}
