package com.atrium.outsider;

import com.atrium.mail.SmsSender;
import com.atrium.practice.Account;
import com.atrium.practice.PracticeService;
import com.atrium.shared.Actor;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
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
 * through the {@link SmsSender}; stored hashed in the session. The limits are per account, whatever the session
 * ({@link LoginCodes}): wrong codes in a row lock code entry with back-off (the session ends), and only a few
 * codes are sent per hour. Resending is a POST (it sends a text message).
 */
@Controller
class SecondFactorController {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();
    private final PracticeService practice;
    private final SmsSender sms;
    private final LoginCodes codes;
    private final Clock clock;

    private final boolean devMailbox;

    SecondFactorController(PracticeService practice, SmsSender sms, LoginCodes codes, Clock clock,
                           @org.springframework.beans.factory.annotation.Value("${atrium.dev-mailbox.enabled:false}") boolean devMailbox) {
        this.practice = practice;
        this.devMailbox = devMailbox;
        this.sms = sms;
        this.codes = codes;
        this.clock = clock;
    }

    @GetMapping("/login/code")
    String page(Actor actor, HttpServletRequest request, Model model) {
        if (!actor.isStaff()) {
            HttpSession session = request.getSession();
            Long expires = (Long) session.getAttribute(SecondFactor.CODE_EXPIRES);
            OffsetDateTime locked = codes.lockedUntil(actor.userId());
            if (locked != null) {
                model.addAttribute("error", lockedMessage(locked));
            } else if (expires == null || expires < clock.millis()) {
                send(actor, session, false, model);
            }
        }
        return page(actor, model);
    }

    @PostMapping("/login/code/resend")
    String resend(Actor actor, HttpServletRequest request, Model model) {
        if (actor.isStaff()) {
            return "redirect:/";
        }
        send(actor, request.getSession(), true, model);
        return page(actor, model);
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
        String entered = code == null ? "" : code.replaceAll("\\s", "");
        boolean expired = expires != null && expires < clock.millis();
        boolean right = hash != null && expires != null && !expired && hash.equals(Invitations.hash(actor.userId() + ":" + entered));
        LoginCodes.VerifyDecision decision = codes.afterEntry(actor, right);
        switch (decision.outcome()) {
            case ACCEPTED -> {
                session.removeAttribute(SecondFactor.CODE_HASH);
                session.removeAttribute(SecondFactor.CODE_EXPIRES);
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
            case LOCKED, LOCKED_NOW -> {
                session.invalidate();
                return "redirect:/login?error=code";
            }
            default -> {
                if (expired) {
                    model.addAttribute("error", "This code has expired.");
                    send(actor, session, false, model);
                } else {
                    model.addAttribute("error", "That code is not right. Check the last text message from Atrium ("
                            + decision.triesLeft() + (decision.triesLeft() == 1 ? " try" : " tries") + " left).");
                }
                return page(actor, model);
            }
        }
    }

    private String page(Actor actor, Model model) {
        model.addAttribute("mobile", mobileOf(actor).map(Invitations::maskedMobile).orElse(""));
        model.addAttribute("devMailbox", devMailbox);
        return "outsider/code";
    }

    private void send(Actor actor, HttpSession session, boolean resend, Model model) {
        String mobile = mobileOf(actor).orElse(null);
        LoginCodes.SendDecision decision = codes.beforeSend(actor, mobile == null ? "no mobile" : Invitations.maskedMobile(mobile), resend);
        if (decision.lockedUntil() != null) {
            model.addAttribute("error", lockedMessage(decision.lockedUntil()));
            return;
        }
        if (!decision.sent()) {
            model.addAttribute("error", "We have sent you several codes in the last hour: you can ask for a new one in "
                    + minutesUntil(decision.nextSendAt()) + ". Your last code still works until it expires.");
            return;
        }
        String code = String.format("%06d", RANDOM.nextInt(1_000_000));
        session.setAttribute(SecondFactor.CODE_HASH, Invitations.hash(actor.userId() + ":" + code));
        session.setAttribute(SecondFactor.CODE_EXPIRES, clock.millis() + SecondFactor.VALID_MILLIS);
        if (mobile != null) {
            sms.send(actor.practiceId(), mobile, "Your Atrium login code: " + code + " (valid 10 minutes).");
        }
        model.addAttribute("sent", true);
    }

    private String lockedMessage(OffsetDateTime until) {
        return "Too many wrong codes: code entry is paused. Try again in " + minutesUntil(until) + ".";
    }

    private String minutesUntil(OffsetDateTime until) {
        long minutes = Math.max(1, (Duration.between(OffsetDateTime.now(clock), until).getSeconds() + 59) / 60);
        return minutes == 1 ? "a minute" : minutes + " minutes";
    }

    private java.util.Optional<String> mobileOf(Actor actor) {
        return practice.accountByEmail(actor.email()).map(Account::phone);
    }
}
