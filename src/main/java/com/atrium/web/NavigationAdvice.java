package com.atrium.web;

import com.atrium.access.AccessService;
import com.atrium.access.PracticePermission;
import com.atrium.practice.AtriumPrincipal;
import com.atrium.practice.PracticeService;
import com.atrium.shared.Actor;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Puts the navigation's facts (who is logged in, which practice, which menu items) on every page model. */
@ControllerAdvice(annotations = Controller.class)
class NavigationAdvice {
    private final PracticeService practice;
    private final AccessService access;

    NavigationAdvice(PracticeService practice, AccessService access) {
        this.practice = practice;
        this.access = access;
    }

    @ModelAttribute("nav")
    Navigation nav(HttpServletRequest request) {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !(auth.getPrincipal() instanceof AtriumPrincipal p)) {
            return null;
        }
        Object cached = request.getAttribute(CurrentActorResolver.ATTRIBUTE);
        Actor actor = cached instanceof Actor a ? a : practice.actor(p.userId()).orElse(null);
        if (actor == null) {
            return null;
        }
        request.setAttribute(CurrentActorResolver.ATTRIBUTE, actor);
        return new Navigation(actor.name(), actor.email(), actor.type().label() + (actor.practiceManager() ? " · Practice manager" : ""),
                practice.practiceOf(actor).name(), access.check(actor, PracticePermission.VIEW_STAFF),
                access.check(actor, PracticePermission.VIEW_AUDIT_TRAIL), request.getRequestURI(),
                access.check(actor, PracticePermission.MANAGE_INTEGRATIONS), access.check(actor, PracticePermission.MANAGE_PRACTICE_SETTINGS));
    }

    /**
     * How the logged-in person's practice writes amounts (its currency and locale): templates format every amount with
     * {@code ${money.format(x)}}, so amounts look the same on every screen and in the portal.
     */
    @ModelAttribute("money")
    com.atrium.shared.Money money(HttpServletRequest request) {
        Object cached = request.getAttribute(CurrentActorResolver.ATTRIBUTE);
        Actor actor = cached instanceof Actor a ? a : null;
        if (actor == null) {
            Authentication auth = SecurityContextHolder.getContext().getAuthentication();
            if (auth != null && auth.getPrincipal() instanceof AtriumPrincipal p) {
                actor = practice.actor(p.userId()).orElse(null);
            }
        }
        return actor == null ? com.atrium.practice.Practice.DEFAULTS.money() : practice.practiceOf(actor).money();
    }

    /** What the navigation bar shows. */
    record Navigation(String name, String email, String role, String practiceName, boolean showStaff, boolean showSecurity,
                      String path, boolean showIntegrations, boolean showSettings) {
        public boolean at(String prefix) {
            return path != null && path.startsWith(prefix);
        }
    }
}
