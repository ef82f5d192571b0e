package com.atrium.web;

import com.atrium.access.AccessService;
import com.atrium.access.PracticePermission;
import com.atrium.practice.AtriumPrincipal;
import com.atrium.practice.PracticeService;
import com.atrium.shared.Actor;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * Puts the navigation's facts (who is logged in, which practice, which menu items) on every page model. Not for the JSON
 * API (a {@code @RestController} is a {@code @Controller} too, so this advice is invoked for it): there it returns at
 * once, so an API call pays no practice lookup for a model nobody renders. The practice is read once per page.
 */
@ControllerAdvice // every controller (annotations = Controller.class matched every @RestController too, at the cost of an
// annotation lookup per request): the methods below return at once for the JSON API
class NavigationAdvice {
    private final PracticeService practice;
    private final AccessService access;

    NavigationAdvice(PracticeService practice, AccessService access) {
        this.practice = practice;
        this.access = access;
    }

    private static final String PRACTICE = NavigationAdvice.class.getName() + ".practice";

    /** A JSON API call (no page model is rendered). */
    static boolean api(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String context = request.getContextPath();
        return uri.startsWith("/api/", context.length()) && uri.startsWith(context);
    }

    /** The actor's practice, read once per request (the navigation and the money format both need it). */
    private com.atrium.practice.Practice practiceOf(HttpServletRequest request, Actor actor) {
        Object cached = request.getAttribute(PRACTICE);
        if (cached instanceof com.atrium.practice.Practice p && p.id() == actor.practiceId()) {
            return p;
        }
        com.atrium.practice.Practice p = practice.practiceOf(actor);
        request.setAttribute(PRACTICE, p);
        return p;
    }

    @ModelAttribute("nav")
    Navigation nav(HttpServletRequest request) {
        if (api(request)) {
            return null;
        }
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
                practiceOf(request, actor).name(), access.check(actor, PracticePermission.VIEW_STAFF),
                access.check(actor, PracticePermission.VIEW_AUDIT_TRAIL), request.getRequestURI(),
                access.check(actor, PracticePermission.MANAGE_INTEGRATIONS), access.check(actor, PracticePermission.MANAGE_PRACTICE_SETTINGS));
    }

    /**
     * How the logged-in person's practice writes amounts (its currency and locale): templates format every amount with
     * {@code ${money.format(x)}}, so amounts look the same on every screen and in the portal.
     */
    @ModelAttribute("money")
    com.atrium.shared.Money money(HttpServletRequest request) {
        if (api(request)) {
            return com.atrium.practice.Practice.DEFAULTS.money();
        }
        Object cached = request.getAttribute(CurrentActorResolver.ATTRIBUTE);
        Actor actor = cached instanceof Actor a ? a : null;
        if (actor == null) {
            Authentication auth = SecurityContextHolder.getContext().getAuthentication();
            if (auth != null && auth.getPrincipal() instanceof AtriumPrincipal p) {
                actor = practice.actor(p.userId()).orElse(null);
            }
        }
        return actor == null ? com.atrium.practice.Practice.DEFAULTS.money() : practiceOf(request, actor).money();
    }

    /** What the navigation bar shows. */
    record Navigation(String name, String email, String role, String practiceName, boolean showStaff, boolean showSecurity,
                      String path, boolean showIntegrations, boolean showSettings) {
        public boolean at(String prefix) {
            return path != null && path.startsWith(prefix);
        }
    }
}
