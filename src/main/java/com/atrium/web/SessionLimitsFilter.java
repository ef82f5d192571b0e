package com.atrium.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The absolute session limit: a logged-in session ends {@code atrium.security.session-absolute-hours} (12) after the
 * login, however active it is (the idle limit, 30 minutes, is {@code spring.session.timeout}). The login time is
 * stamped in the session on the first authenticated request; past the limit the session is invalidated and the
 * request answered like any unauthenticated one (pages: the login page; the API: 401). Token and HTTP Basic calls have
 * no session and are not concerned.
 */
@Component
class SessionLimitsFilter extends OncePerRequestFilter {
    static final String STARTED = "atrium.session.authenticated-at";
    private final Clock clock;
    private final Duration absolute;

    SessionLimitsFilter(Clock clock, @Value("${atrium.security.session-absolute-hours:12}") int hours) {
        this.clock = clock;
        this.absolute = Duration.ofHours(hours);
    }

    /** A Bearer token call has no session (its chain is stateless): not even looked up here. */
    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return BearerTokenFilter.isBearer(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        HttpSession session = request.getSession(false);
        if (session == null || auth == null || !auth.isAuthenticated() || auth instanceof AnonymousAuthenticationToken) {
            chain.doFilter(request, response);
            return;
        }
        long now = clock.millis();
        Object started = session.getAttribute(STARTED);
        if (!(started instanceof Long at)) {
            session.setAttribute(STARTED, now);
        } else if (now - at >= absolute.toMillis()) {
            session.invalidate();
            SecurityContextHolder.clearContext();
            String path = request.getRequestURI().substring(request.getContextPath().length());
            if (path.startsWith("/api/")) {
                response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
                response.setContentType("application/problem+json");
                response.setCharacterEncoding("UTF-8");
                response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"Authentication required\",\"status\":401,"
                        + "\"detail\":\"Your session has ended (sessions last at most " + absolute.toHours() + " hours): log in again.\"}");
            } else {
                response.sendRedirect(request.getContextPath() + "/login?expired");
            }
            return;
        }
        chain.doFilter(request, response);
    }
}
