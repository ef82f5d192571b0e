package com.atrium.web;

import com.atrium.practice.ApiTokenLogin;
import com.atrium.practice.ApiTokenService;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code Authorization: Bearer atr_...} on the API chain, statelessly: the security
 * context lives for this request only (no session is created or touched). The request's actor comes
 * from the same query, so the call costs one indexed lookup. A bad, revoked or disabled user's token
 * answers 401 at once (no fall-through to other mechanisms); so does an expired token and the token of a locked user.
 */
class BearerTokenFilter extends OncePerRequestFilter {
    private final ApiTokenService tokens;
    private final ProblemAuthenticationHandlers problems;

    BearerTokenFilter(ApiTokenService tokens, ProblemAuthenticationHandlers problems) {
        this.tokens = tokens;
        this.problems = problems;
    }

    static boolean isBearer(HttpServletRequest request) {
        String h = request.getHeader("Authorization");
        return h != null && h.regionMatches(true, 0, "Bearer ", 0, 7);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!isBearer(request)) {
            chain.doFilter(request, response);
            return;
        }
        Optional<ApiTokenLogin> login = tokens.authenticate(request.getHeader("Authorization").substring(7).trim());
        if (login.isEmpty()) {
            SecurityContextHolder.clearContext();
            problems.commence(request, response, new BadCredentialsException("Unknown or revoked API token"));
            return;
        }
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        // the extra authority marks the request as token-authenticated (such a request cannot create tokens)
        List<GrantedAuthority> authorities = new ArrayList<>(login.get().principal().getAuthorities());
        authorities.add(new SimpleGrantedAuthority(ApiTokenService.TOKEN_AUTHORITY));
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(login.get().principal(), null, authorities));
        SecurityContextHolder.setContext(context);
        request.setAttribute(CurrentActorResolver.ATTRIBUTE, login.get().actor());
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
