package com.atrium.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.authentication.CredentialsExpiredException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/** Sends the login page a reason it can show: bad credentials, locked (throttled) or disabled. */
class LoginFailureHandler implements AuthenticationFailureHandler {
    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        String reason = e instanceof LockedException ? "locked" : e instanceof DisabledException ? "disabled"
                : e instanceof CredentialsExpiredException ? "expired" : "bad";
        response.sendRedirect(request.getContextPath() + "/login?error=" + reason);
    }
}
