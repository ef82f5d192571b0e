package com.atrium.audit;

import com.atrium.shared.Actor;
import com.atrium.shared.ClientFileRead;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.util.Map;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Records a read after every successful request to a handler marked {@link ClientFileRead}: only when it completed
 * without an exception and answered 2xx or 3xx, so nothing is recorded for a 404 (unknown client, another practice's,
 * one the caller may not see) or any other refusal. Costs one queue offer on the request thread.
 */
@Configuration(proxyBeanMethods = false)
class ReadAuditInterceptor implements HandlerInterceptor, WebMvcConfigurer {
    private final ReadAudit reads;
    private final Clock clock;
    private final boolean enabled;

    /** {@code atrium.read-audit.enabled=false} turns the read audit off (only to measure its cost: the benchmark's "off"). */
    ReadAuditInterceptor(ReadAudit reads, Clock clock,
                         @org.springframework.beans.factory.annotation.Value("${atrium.read-audit.enabled:true}") boolean enabled) {
        this.reads = reads;
        this.clock = clock;
        this.enabled = enabled;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        if (enabled) {
            registry.addInterceptor(this);
        }
    }

    @Override
    public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler, Exception ex) {
        if (ex != null || response.getStatus() >= 400 || !(handler instanceof HandlerMethod method)) {
            return;
        }
        ClientFileRead mark = method.getMethodAnnotation(ClientFileRead.class);
        if (mark == null || !(request.getAttribute(Actor.REQUEST_ATTRIBUTE) instanceof Actor actor)) {
            return;
        }
        Object variables = request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        if (!(variables instanceof Map<?, ?> vars) || !(vars.get(mark.idVariable()) instanceof String id)) {
            return;
        }
        long clientId;
        try {
            clientId = Long.parseLong(id);
        } catch (NumberFormatException e) {
            return;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        reads.record(new ReadAudit.Read(actor.practiceId(), clientId, actor.userId(), clock.instant(), mark.value(),
                path.startsWith("/api/") ? "API" : "PAGE", request.getRemoteAddr(), request.getHeader("User-Agent")));
    }
}
