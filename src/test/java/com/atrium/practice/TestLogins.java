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
}
