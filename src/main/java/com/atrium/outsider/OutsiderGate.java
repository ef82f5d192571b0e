package com.atrium.outsider;

import com.atrium.practice.AtriumPrincipal;
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
 * Keeps outsiders and staff apart, after Spring Security has authenticated the request (deny by default):
 * <ul>
 *   <li>an outsider who has not entered their one-time code yet reaches only the code page (pages redirect
 *       there, the API answers 401);</li>
 *   <li>a verified outsider reaches only the portal ({@code /portal/**}, {@code /api/portal/**}): every staff
 *       page and API answers 403, whatever the access module would say about a client;</li>
 *   <li>staff never use the portal (403).</li>
 * </ul>
 * The access module still decides what an outsider may see and do inside the portal.
 */
@Component
class OutsiderGate extends OncePerRequestFilter {
    /** Reachable by anyone, whatever their state. */
    private static final List<String> OPEN = List.of("/css/", "/js/", "/img/", "/webjars/", "/favicon.ico", "/error", "/logout",
            "/login", "/invitations/", "/password-reset", "/dev/mailbox", "/actuator/health", "/v3/api-docs", "/swagger-ui");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !(auth.getPrincipal() instanceof AtriumPrincipal p)) {
            chain.doFilter(request, response);
            return;
        }
        String path = path(request);
        boolean portal = path.equals("/portal") || path.startsWith("/portal/") || path.equals("/api/portal") || path.startsWith("/api/portal/");
        boolean api = path.startsWith("/api/");
        if (!p.outsider()) {
            if (portal) {
                deny(response, api, 403, "The client portal is for clients and their advisers; staff use the practice screens.");
                return;
            }
            chain.doFilter(request, response);
            return;
        }
        if (path.equals("/login/code") || path.equals("/login/code/resend") || open(path) && !path.equals("/login")) {
            chain.doFilter(request, response);
            return;
        }
        boolean verified = auth.getAuthorities().stream().anyMatch(a -> SecondFactor.AUTHORITY.equals(a.getAuthority()));
        if (!verified) {
            if (api) {
                deny(response, true, 401, "Log in on the web with your password and the code sent to your mobile first.");
            } else {
                response.sendRedirect(request.getContextPath() + "/login/code");
            }
            return;
        }
        if (path.equals("/") || path.equals("/login")) {
            response.sendRedirect(request.getContextPath() + "/portal");
            return;
        }
        if (!portal && !path.equals("/api/me/password")) {
            deny(response, api, 403, "This page is for practice staff. Your files are in the client portal: /portal");
            return;
        }
        chain.doFilter(request, response);
    }

    /**
     * The path as the application will route it: percent-decoded, path parameters ({@code ;...}) removed, repeated
     * slashes collapsed and dot segments resolved. Matching the raw URI would let {@code /%70ortal} (which Spring MVC
     * routes to {@code /portal}) past the gate.
     */
    static String path(HttpServletRequest request) {
        String raw = request.getRequestURI().substring(request.getContextPath().length());
        if (raw.startsWith("/") && raw.indexOf('%') < 0 && raw.indexOf(';') < 0 && !raw.contains("//") && !raw.contains("/.")) {
            return raw; // nothing to decode, collapse or resolve: the steps below would give it back unchanged (every request pays this)
        }
        StringBuilder decoded = new StringBuilder();
        for (String segment : raw.split("/", -1)) {
            int semicolon = segment.indexOf(';');
            String s = semicolon >= 0 ? segment.substring(0, semicolon) : segment;
            decoded.append('/').append(org.springframework.web.util.UriUtils.decode(s, java.nio.charset.StandardCharsets.UTF_8));
        }
        String collapsed = decoded.substring(1).replaceAll("/{2,}", "/");
        java.util.Deque<String> out = new java.util.ArrayDeque<>();
        for (String segment : collapsed.split("/", -1)) {
            if (segment.equals("..")) {
                out.pollLast();
            } else if (!segment.equals(".")) {
                out.addLast(segment);
            }
        }
        String normalised = String.join("/", out);
        return normalised.startsWith("/") ? normalised : "/" + normalised;
    }

    private static boolean open(String path) {
        return OPEN.stream().anyMatch(o -> o.endsWith("/") ? path.startsWith(o) : path.equals(o) || path.startsWith(o + "/"));
    }

    private static void deny(HttpServletResponse response, boolean api, int status, String detail) throws IOException {
        response.setStatus(status);
        response.setCharacterEncoding("UTF-8");
        if (api) {
            response.setContentType("application/problem+json");
            response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"" + (status == 401 ? "Unauthorized" : "Forbidden")
                    + "\",\"status\":" + status + ",\"detail\":\"" + detail.replace("\"", "'") + "\"}");
        } else {
            response.setContentType("text/html");
            response.getWriter().write("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Not allowed · Atrium</title>"
                    + "<link rel=\"stylesheet\" href=\"/css/atrium.css\"></head><body><main class=\"page narrow\"><h1>Not allowed</h1>"
                    + "<p class=\"status-code\">" + status + "</p><p>" + detail.replace("<", "&lt;") + "</p>"
                    + "<p><a href=\"/portal\">Go to my files</a></p></main></body></html>");
        }
    }
}
