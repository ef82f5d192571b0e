package com.atrium.web;

import com.atrium.practice.AtriumPrincipal;
import com.atrium.practice.PracticeService;
import com.atrium.shared.Actor;
import java.util.List;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Lets controllers take an {@link Actor} parameter. The actor is read fresh from the database on each
 * request, so a disabled account or a removed manager capability takes effect at once.
 */
@Configuration(proxyBeanMethods = false)
class CurrentActorResolver implements HandlerMethodArgumentResolver, WebMvcConfigurer {
    static final String ATTRIBUTE = Actor.REQUEST_ATTRIBUTE;
    private final PracticeService practice;

    CurrentActorResolver(PracticeService practice) {
        this.practice = practice;
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(this);
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == Actor.class;
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mav, NativeWebRequest request,
                                  WebDataBinderFactory binders) {
        Object cached = request.getAttribute(ATTRIBUTE, NativeWebRequest.SCOPE_REQUEST);
        if (cached instanceof Actor a) {
            return a;
        }
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !(auth.getPrincipal() instanceof AtriumPrincipal p)) {
            throw new InsufficientAuthenticationException("Not logged in");
        }
        Actor actor = practice.actor(p.userId()).orElseThrow(() -> new InsufficientAuthenticationException("Account disabled"));
        request.setAttribute(ATTRIBUTE, actor, NativeWebRequest.SCOPE_REQUEST);
        return actor;
    }
}
