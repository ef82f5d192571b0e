package com.atrium.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Requests no controller took: an unknown path (404), a wrong method (405), a body type or an answer type the
 * endpoint does not speak (415, 406). Under {@code /api} they answer a problem detail like every other API error
 * (Spring's default would be its own error body); pages get the error page through {@link ErrorPages}.
 */
@ControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class UnhandledRequestErrors {

    @ExceptionHandler({NoResourceFoundException.class, HttpRequestMethodNotSupportedException.class,
            HttpMediaTypeNotSupportedException.class, HttpMediaTypeNotAcceptableException.class})
    ResponseEntity<ProblemDetail> unhandled(Exception e, HttpServletRequest request, HttpServletResponse response) throws IOException {
        ErrorResponse er = (ErrorResponse) e;
        HttpStatus status = HttpStatus.valueOf(er.getStatusCode().value());
        if (!request.getRequestURI().startsWith("/api/")) {
            er.getHeaders().forEach((name, values) -> values.forEach(v -> response.addHeader(name, v)));
            response.sendError(status.value());
            return null;
        }
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, ErrorPages.detail(status));
        p.setTitle(ErrorPages.title(status));
        p.setType(URI.create("about:blank"));
        p.setInstance(URI.create(request.getRequestURI().replaceAll("[^A-Za-z0-9/._~%-]", "")));
        return ResponseEntity.status(status).headers(er.getHeaders()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
    }
}
