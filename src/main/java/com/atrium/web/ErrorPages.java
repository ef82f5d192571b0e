package com.atrium.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.Map;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.ModelAndView;

/**
 * Whatever no handler answered — an unknown path (404), a wrong method (405), a malformed request the container
 * refused (400), an error in a filter (500) — ends here, and is answered like everything else: a problem detail under
 * {@code /api} (or when the client asks for JSON), the error page otherwise. Replaces Spring Boot's default error
 * body, which has another shape and names the exception.
 */
@Controller
class ErrorPages implements ErrorController {

    @RequestMapping(value = "/error", produces = {MediaType.APPLICATION_PROBLEM_JSON_VALUE, MediaType.APPLICATION_JSON_VALUE})
    ResponseEntity<ProblemDetail> problem(HttpServletRequest request) {
        HttpStatus status = status(request);
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail(status));
        p.setTitle(title(status));
        p.setType(URI.create("about:blank"));
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        if (uri instanceof String s && !s.isEmpty()) {
            p.setInstance(URI.create(s.replaceAll("[^A-Za-z0-9/._~%-]", "")));
        }
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (status == HttpStatus.SERVICE_UNAVAILABLE) {
            answer.header("Retry-After", "5");
        }
        return answer.body(p);
    }

    @RequestMapping("/error")
    Object page(HttpServletRequest request) {
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        if (uri instanceof String s && s.startsWith("/api/")) {
            return problem(request);
        }
        HttpStatus status = status(request);
        return new ModelAndView("error", Map.of("status", status.value(), "title", title(status), "message", detail(status)), status);
    }

    private static HttpStatus status(HttpServletRequest request) {
        if (request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Throwable t && DatabaseDown.is(t)) {
            return HttpStatus.SERVICE_UNAVAILABLE;
        }
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer i ? HttpStatus.resolve(i) : null;
        return status == null || !status.isError() ? HttpStatus.INTERNAL_SERVER_ERROR : status;
    }

    static String title(HttpStatus status) {
        return switch (status) {
            case BAD_REQUEST -> "Bad request";
            case NOT_FOUND -> "Not found";
            case METHOD_NOT_ALLOWED -> "Method not allowed";
            case NOT_ACCEPTABLE -> "Not acceptable";
            case CONTENT_TOO_LARGE -> "Request too large";
            case UNSUPPORTED_MEDIA_TYPE -> "Unsupported media type";
            case UNAUTHORIZED -> "Authentication required";
            case FORBIDDEN -> "Not allowed";
            case SERVICE_UNAVAILABLE -> "Temporarily unavailable";
            default -> status.is4xxClientError() ? status.getReasonPhrase() : "Something went wrong";
        };
    }

    static String detail(HttpStatus status) {
        return switch (status) {
            case BAD_REQUEST -> "The request is not valid (check its parameters); nothing was changed.";
            case NOT_FOUND -> "This page does not exist, or you do not have access to it.";
            case METHOD_NOT_ALLOWED -> "This address does not accept that method; nothing was changed.";
            case NOT_ACCEPTABLE -> "This address cannot answer in the requested format.";
            case CONTENT_TOO_LARGE -> "The request is too large; nothing was changed.";
            case UNSUPPORTED_MEDIA_TYPE -> "This address does not accept that content type; nothing was changed.";
            case UNAUTHORIZED -> "Log in first.";
            case FORBIDDEN -> "You are not allowed to do this.";
            case SERVICE_UNAVAILABLE -> "Atrium cannot reach its database for a moment; nothing was changed. Please try again.";
            default -> "Something went wrong on our side; it has been logged.";
        };
    }
}
