package com.atrium.partner;

import com.atrium.practice.AtriumPrincipal;
import com.atrium.practice.PracticeService;
import com.atrium.shared.Actor;
import com.atrium.shared.ForbiddenException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The quick-start gate and the advisor-mode audit, on the server for every workspace route ({@code /workspace/{id}/**}):
 * <ul>
 *   <li>while the account's first diagnostic is below 80 %, only the quick-start routes answer (quick start, taking
 *       the diagnostic, the adviser's participation management); every other workspace route redirects a page to the
 *       quick start and answers 403 otherwise — so a new workspace page (part 2) is gated the day it is added;</li>
 *   <li>every change an adviser makes in advisor mode (a POST, PUT, PATCH or DELETE that succeeded) is recorded as
 *       "&lt;adviser&gt; acting in &lt;account&gt;: &lt;what&gt;".</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
class WorkspaceGateInterceptor implements HandlerInterceptor, WebMvcConfigurer {
    private static final Pattern ROUTE = Pattern.compile("^/workspace/(\\d+)(/.*)?$");
    /** Routes that stay reachable in the quick-start area (relative to /workspace/{id}). */
    static final Set<String> QUICK_START = Set.of("", "/quick-start", "/diagnostic", "/diagnostic/participants", "/diagnostic/reminders");

    private final WorkspaceService workspace;
    private final PracticeService practice;

    WorkspaceGateInterceptor(WorkspaceService workspace, PracticeService practice) {
        this.workspace = workspace;
        this.practice = practice;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns("/workspace/**");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) throws Exception {
        Matcher m = ROUTE.matcher(path(request));
        if (!m.matches()) {
            return true;
        }
        String rest = m.group(2) == null ? "" : m.group(2);
        if (QUICK_START.contains(rest) || rest.matches("/diagnostic/participants/\\d+/remove")) {
            return true;
        }
        Actor actor = actor();
        if (actor == null) {
            return true; // Spring Security has already refused anonymous requests
        }
        long id = Long.parseLong(m.group(1));
        Workspace w = workspace.enter(actor, id); // 404 for anyone not in this workspace
        if (w.open()) {
            return true;
        }
        if ("GET".equals(request.getMethod())) {
            response.sendRedirect(request.getContextPath() + "/workspace/" + id + "/quick-start");
            return false;
        }
        throw new ForbiddenException("The full workspace opens once 80 % of the team have completed the diagnostic.");
    }

    @Override
    public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler, Exception ex) {
        if ("GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod()) || ex != null || response.getStatus() >= 400) {
            return;
        }
        Matcher m = ROUTE.matcher(path(request));
        Actor actor = actor();
        if (!m.matches() || actor == null || !actor.isStaff()) {
            return;
        }
        workspace.record(actor, Long.parseLong(m.group(1)), describe(request.getMethod(), m.group(2) == null ? "" : m.group(2)));
    }

    /** The action in words, e.g. "sent diagnostic reminders" (falls back to the method and route). */
    static String describe(String method, String rest) {
        if (rest.equals("/diagnostic/reminders")) {
            return "sent diagnostic reminders";
        }
        if (rest.equals("/diagnostic/participants")) {
            return "added a diagnostic participant";
        }
        if (rest.matches("/diagnostic/participants/\\d+/remove")) {
            return "removed diagnostic participant #" + rest.replaceAll("\\D+", "");
        }
        String n = rest.replaceAll("^/\\D*(\\d+).*$", "$1");
        if (rest.equals("/goals")) {
            return "created a goal";
        }
        if (rest.matches("/goals/\\d+/confidence")) {
            return "updated the confidence of goal #" + n;
        }
        if (rest.matches("/goals/\\d+/messages")) {
            return "posted in the channel of goal #" + n;
        }
        if (rest.matches("/goals/\\d+(/.*)?")) {
            return "changed goal #" + n;
        }
        if (rest.matches("/boards/\\d+/tasks/\\d+/move")) {
            return "moved task #" + rest.replaceAll("^.*/tasks/(\\d+)/move$", "$1");
        }
        if (rest.matches("/boards(/.*)?")) {
            return "changed boards or tasks (" + method + " " + rest + ")";
        }
        return method + " " + (rest.isEmpty() ? "/" : rest);
    }

    private static String path(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }

    private Actor actor() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !(auth.getPrincipal() instanceof AtriumPrincipal p)) {
            return null;
        }
        return practice.actor(p.userId()).orElse(null);
    }
}
