package dev.evident.web.internal;

import dev.evident.shared.problem.ProblemException;
import dev.evident.shared.problem.ProblemType;
import dev.evident.shared.web.PageLayout;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.ObjectProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/** Errors in pages: a friendly page with the right status, never a stack trace. */
@ControllerAdvice(annotations = Controller.class)
@Order(Ordered.LOWEST_PRECEDENCE)
class UiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(UiExceptionHandler.class);

    private final ObjectProvider<PageLayout> layout;

    UiExceptionHandler(ObjectProvider<PageLayout> layout) {
        this.layout = layout;
    }

    /** Exception handlers run without the controller advice's model attributes: add the layout here. */
    private void addLayout(HttpServletRequest request, Model model) {
        PageLayout pageLayout = layout.getIfAvailable();
        if (pageLayout != null && !model.containsAttribute("layout")) {
            Object value = pageLayout.layoutFor(request);
            if (value != null) {
                model.addAttribute("layout", value);
            }
        }
    }

    @ExceptionHandler(ProblemException.class)
    String problem(ProblemException e, HttpServletRequest request, HttpServletResponse response, Model model) {
        if (e.type() == ProblemType.UNAUTHENTICATED) {
            return "redirect:/login";
        }
        if (e instanceof dev.evident.shared.security.NoOrganizationException) {
            return "redirect:/organizations/none";
        }
        response.setStatus(e.type().status().value());
        addLayout(request, model);
        model.addAttribute("status", e.type().status().value());
        model.addAttribute("heading", switch (e.type()) {
            case NOT_FOUND -> "We couldn't find that";
            case FORBIDDEN -> "You don't have access to this";
            case CONFLICT, STALE_VERSION -> "That change could not be made";
            default -> "That request didn't work";
        });
        model.addAttribute("message", e.getMessage());
        return "error";
    }

    @ExceptionHandler(NoResourceFoundException.class)
    String notFound(HttpServletRequest request, HttpServletResponse response, Model model) {
        response.setStatus(404);
        addLayout(request, model);
        model.addAttribute("status", 404);
        model.addAttribute("heading", "We couldn't find that page");
        model.addAttribute("message", "The link may be old, or the item may belong to another organization.");
        return "error";
    }

    @ExceptionHandler(Exception.class)
    String unexpected(Exception e, HttpServletResponse response, Model model) {
        log.error("Unexpected error rendering a page", e);
        response.setStatus(500);
        model.addAttribute("status", 500);
        model.addAttribute("heading", "Something went wrong on our side");
        model.addAttribute("message", "The error was logged. Try again; if it keeps happening, tell your administrator.");
        return "error";
    }
}
