package com.atrium.outsider;

import com.atrium.mail.SmsSender;
import com.atrium.practice.Account;
import com.atrium.practice.PracticeService;
import com.atrium.shared.Actor;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Second login step for outsiders: a 6-digit code, valid 10 minutes, sent to the mobile of their account
 * through the {@link SmsSender}; stored hashed in the session; 5 wrong tries end the session.
 */
@Controller
class SecondFactorController {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();
    private final PracticeService practice;
    private final SmsSender sms;
    private final Clock clock;

    private final boolean devMailbox;

    SecondFactorController(PracticeService practice, SmsSender sms, Clock clock,
                           @org.springframework.beans.factory.annotation.Value("${atrium.dev-mailbox.enabled:false}") boolean devMailbox) {
        this.practice = practice;
        this.devMailbox = devMailbox;
        this.sms = sms;
        this.clock = clock;
    }

    @GetMapping("/login/code")
    String page(Actor actor, @RequestParam(required = false) String resend, HttpServletRequest request, Model model) {
        if (!actor.isStaff()) {
            HttpSession session = request.getSession();
            Long expires = (Long) session.getAttribute(SecondFactor.CODE_EXPIRES);
            if (resend != null || expires == null || expires < clock.millis()) {
                send(actor, session);
                model.addAttribute("sent", true);
            }
        }
        model.addAttribute("mobile", mobileOf(actor).map(m -> Invitations.maskedMobile(m)).orElse(""));
        model.addAttribute("devMailbox", devMailbox);
        return "outsider/code";
    }

    @PostMapping("/login/code")
    String verify(Actor actor, @RequestParam(required = false) String code, HttpServletRequest request,
                  jakarta.servlet.http.HttpServletResponse response, Model model) {
        if (actor.isStaff()) {
            return "redirect:/";
        }
        HttpSession session = request.getSession();
        String hash = (String) session.getAttribute(SecondFactor.CODE_HASH);
        Long expires = (Long) session.getAttribute(SecondFactor.CODE_EXPIRES);
        int attempts = session.getAttribute(SecondFactor.CODE_ATTEMPTS) instanceof Integer i ? i : 0;
        String entered = code == null ? "" : code.replaceAll("\\s", "");
        if (hash != null && expires != null && expires >= clock.millis() && hash.equals(Invitations.hash(actor.userId() + ":" + entered))) {
            session.removeAttribute(SecondFactor.CODE_HASH);
            session.removeAttribute(SecondFactor.CODE_EXPIRES);
            session.removeAttribute(SecondFactor.CODE_ATTEMPTS);
            request.changeSessionId();
            // the same principal, now with the second factor: saved in the session like the login itself
            Authentication before = SecurityContextHolder.getContext().getAuthentication();
            List<GrantedAuthority> authorities = new ArrayList<>(before.getAuthorities());
            authorities.add(new SimpleGrantedAuthority(SecondFactor.AUTHORITY));
            SecurityContext context = SecurityContextHolder.createEmptyContext();
            context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(before.getPrincipal(), null, authorities));
            SecurityContextHolder.setContext(context);
            contexts.saveContext(context, request, response);
            return "redirect:/portal";
        }
        attempts++;
        if (attempts >= SecondFactor.MAX_ATTEMPTS) {
            session.invalidate();
            return "redirect:/login?error=code";
        }
        session.setAttribute(SecondFactor.CODE_ATTEMPTS, attempts);
        model.addAttribute("error", expires != null && expires < clock.millis() ? "This code has expired: we sent you a new one."
                : "That code is not right. Check the last text message from Atrium (" + (SecondFactor.MAX_ATTEMPTS - attempts) + " tries left).");
        if (expires != null && expires < clock.millis()) {
            send(actor, session);
        }
        model.addAttribute("mobile", mobileOf(actor).map(Invitations::maskedMobile).orElse(""));
        model.addAttribute("devMailbox", devMailbox);
        return "outsider/code";
    }

    private void send(Actor actor, HttpSession session) {
        String code = String.format("%06d", RANDOM.nextInt(1_000_000));
        session.setAttribute(SecondFactor.CODE_HASH, Invitations.hash(actor.userId() + ":" + code));
        session.setAttribute(SecondFactor.CODE_EXPIRES, clock.millis() + SecondFactor.VALID_MILLIS);
        session.setAttribute(SecondFactor.CODE_ATTEMPTS, 0);
        mobileOf(actor).ifPresent(m -> sms.send(actor.practiceId(), m, "Your Atrium login code: " + code + " (valid 10 minutes)."));
    }

    private java.util.Optional<String> mobileOf(Actor actor) {
        return practice.accountByEmail(actor.email()).map(Account::phone);
    }
}
