package com.atrium.partner;

import com.atrium.practice.AtriumPrincipal;
import com.atrium.practice.PracticeService;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Keeps business users (partner portal clients) inside their account's workspace, after Spring Security has
 * authenticated the request (deny by default):
 * <ul>
 *   <li>a business user with a temporary password reaches only the page where they choose their own (pages redirect
 *       there, the API answers 403);</li>
 *   <li>afterwards they reach only {@code /workspace/**}: every staff page and API answers 403, whatever the access
 *       module would say;</li>
 *   <li>which account and which workspace pages they reach is decided by {@link WorkspaceService} (their own account;
 *       the quick-start gate).</li>
 * </ul>
 */
@Component
class PartnerGate extends OncePerRequestFilter {
    static final String PASSWORD_PAGE = "/workspace/password";
    private static final List<String> OPEN = List.of("/css/", "/js/", "/img/", "/webjars/", "/favicon.ico", "/error", "/logout",
            "/dev/mailbox", "/actuator/health", "/v3/api-docs", "/swagger-ui");

    private final PracticeService practice;

    PartnerGate(PracticeService practice) {
        this.practice = practice;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !(auth.getPrincipal() instanceof AtriumPrincipal p) || !p.business()) {
            chain.doFilter(request, response);
            return;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        boolean api = path.startsWith("/api/");
        if (open(path)) {
            chain.doFilter(request, response);
            return;
        }
        if (practice.mustChangePassword(p.userId())) {
            if (path.equals(PASSWORD_PAGE)) {
                chain.doFilter(request, response);
            } else if (api) {
                deny(response, true, "Choose your own password first: log in on the web.");
            } else {
                response.sendRedirect(request.getContextPath() + PASSWORD_PAGE);
            }
            return;
        }
        if (path.equals("/") || path.equals("/login")) {
            response.sendRedirect(request.getContextPath() + "/workspace");
            return;
        }
        if (path.equals("/workspace") || path.startsWith("/workspace/")) {
            chain.doFilter(request, response);
            return;
        }
        deny(response, api, "This page is for practice staff. Your account's workspace is at /workspace");
    }

    private static boolean open(String path) {
        return OPEN.stream().anyMatch(o -> o.endsWith("/") ? path.startsWith(o) : path.equals(o) || path.startsWith(o + "/"));
    }

    private static void deny(HttpServletResponse response, boolean api, String detail) throws IOException {
        response.setStatus(403);
        response.setCharacterEncoding("UTF-8");
        if (api) {
            response.setContentType("application/problem+json");
            response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"Forbidden\",\"status\":403,\"detail\":\""
                    + detail.replace("\"", "'") + "\"}");
        } else {
            response.setContentType("text/html");
            response.getWriter().write("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Not allowed · Atrium</title>"
                    + "<link rel=\"stylesheet\" href=\"/css/atrium.css\"></head><body><main class=\"page narrow\"><h1>Not allowed</h1>"
                    + "<p class=\"status-code\">403</p><p>" + detail.replace("<", "&lt;") + "</p>"
                    + "<p><a href=\"/workspace\">Go to my workspace</a></p></main></body></html>");
        }
    }
}
