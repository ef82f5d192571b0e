package com.atrium.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.authentication.CredentialsExpiredException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/**
 * Sends the login page a reason it can show. Everything that is not "right password, disabled account" is
 * {@code bad}: a wrong password, an unknown email, a locked account and a throttled address all look the same, so the
 * answer never tells which emails have accounts or whether a guess was right.
 */
class LoginFailureHandler implements AuthenticationFailureHandler {
    /** Session attribute: the email of the last refused login, shown again (once) in the login form. */
    static final String TYPED_EMAIL = "atrium.login.typed-email";

    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        // "expired": a business user's temporary password that expired or was used once (said only after the right password)
        String reason = e instanceof DisabledException ? "disabled" : e instanceof CredentialsExpiredException ? "expired" : "bad";
        // the login page keeps the email typed (in the session, not in the address bar or the logs)
        String email = request.getParameter("username");
        if (email != null && !email.isBlank() && email.length() <= 254) {
            request.getSession().setAttribute(TYPED_EMAIL, email.trim());
        }
        response.sendRedirect(request.getContextPath() + "/login?error=" + reason);
    }
}
