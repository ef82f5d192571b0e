package com.atrium.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.stereotype.Component;

/** 401 and 403 for the API as RFC 9457 problem details. */
@Component
class ProblemAuthenticationHandlers implements AuthenticationEntryPoint, AccessDeniedHandler {

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e) throws IOException {
        if (BearerTokenFilter.isBearer(request)) {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"Atrium API\", error=\"invalid_token\"");
            write(response, HttpStatus.UNAUTHORIZED, "Authentication required",
                    "The API token is unknown or revoked, or its user is disabled.", request.getRequestURI());
            return;
        }
        response.setHeader("WWW-Authenticate", "Basic realm=\"Atrium API\"");
        write(response, HttpStatus.UNAUTHORIZED, "Authentication required",
                "Log in, or send an API token (Bearer) or HTTP Basic credentials of an Atrium user.", request.getRequestURI());
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e) throws IOException {
        write(response, HttpStatus.FORBIDDEN, "Forbidden",
                "The request was refused (for a browser session: the CSRF token is missing or invalid).", request.getRequestURI());
    }

    private static void write(HttpServletResponse response, HttpStatus status, String title, String detail, String instance)
            throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status.value()
                + ",\"detail\":\"" + detail + "\",\"instance\":\"" + instance.replace("\"", "") + "\"}");
    }
}
