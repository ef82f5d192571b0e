package com.atrium.practice;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;

import com.atrium.shared.Actor;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** Logs a MockMvc request in as an actor (through the real security filter chain, without the password hash cost). */
public final class TestLogins {
    private TestLogins() {
    }

    public static RequestPostProcessor as(Actor actor) {
        AtriumPrincipal p = new AtriumPrincipal(actor.userId(), actor.email(), null, true, false, actor.type().name());
        return authentication(UsernamePasswordAuthenticationToken.authenticated(p, null, p.getAuthorities()));
    }

    /** An outsider who also entered the code sent to their mobile (the client portal's second factor). */
    public static RequestPostProcessor asVerifiedOutsider(Actor actor) {
        AtriumPrincipal p = new AtriumPrincipal(actor.userId(), actor.email(), null, true, false, actor.type().name());
        java.util.List<org.springframework.security.core.GrantedAuthority> authorities = new java.util.ArrayList<>(p.getAuthorities());
        authorities.add(new org.springframework.security.core.authority.SimpleGrantedAuthority(com.atrium.outsider.SecondFactor.AUTHORITY));
        return authentication(UsernamePasswordAuthenticationToken.authenticated(p, null, authorities));
    }
}
