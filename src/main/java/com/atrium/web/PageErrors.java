package com.atrium.web;

import com.atrium.shared.ForbiddenException;
import com.atrium.shared.InvalidInputException;
import org.springframework.beans.TypeMismatchException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import com.atrium.shared.NotFoundException;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/** Errors on screens: a friendly page with the status, the same for unknown and forbidden clients. */
@ControllerAdvice(annotations = Controller.class)
@Order(Ordered.LOWEST_PRECEDENCE)
class PageErrors {

    @ExceptionHandler(NotFoundException.class)
    String notFound(NotFoundException e, Model model, HttpServletResponse response) {
        response.setStatus(404);
        model.addAttribute("status", 404);
        model.addAttribute("title", "Not found");
        model.addAttribute("message", "This page does not exist, or you do not have access to it.");
        return "error";
    }

    /**
     * A request a page cannot serve as asked — a bad page number, a workgroup that is not an id, a parameter of the
     * wrong type or missing — is the caller's mistake: 400 with the reason, never a 500.
     */
    @ExceptionHandler({InvalidInputException.class, TypeMismatchException.class, MissingServletRequestParameterException.class,
            HandlerMethodValidationException.class, MethodArgumentNotValidException.class})
    String badRequest(Exception e, Model model, HttpServletResponse response) {
        response.setStatus(400);
        model.addAttribute("status", 400);
        model.addAttribute("title", "Bad request");
        model.addAttribute("message", e instanceof InvalidInputException i ? i.getMessage()
                : "The address has a parameter this page cannot use; nothing was changed.");
        return "error";
    }

    /** The database cannot be reached for a moment: 503 with a clean message (nothing was written), never a 500. */
    @ExceptionHandler({org.springframework.dao.DataAccessException.class, org.springframework.transaction.TransactionException.class})
    String databaseDown(RuntimeException e, Model model, HttpServletResponse response) {
        if (!DatabaseDown.is(e)) {
            throw e;
        }
        response.setStatus(503);
        response.setHeader("Retry-After", "5");
        model.addAttribute("status", 503);
        model.addAttribute("title", ErrorPages.title(org.springframework.http.HttpStatus.SERVICE_UNAVAILABLE));
        model.addAttribute("message", ErrorPages.detail(org.springframework.http.HttpStatus.SERVICE_UNAVAILABLE));
        return "error";
    }

    @ExceptionHandler(ForbiddenException.class)
    String forbidden(ForbiddenException e, Model model, HttpServletResponse response) {
        response.setStatus(403);
        model.addAttribute("status", 403);
        model.addAttribute("title", "Not allowed");
        model.addAttribute("message", e.getMessage());
        return "error";
    }
}
