package dev.evident.web.internal;

import dev.evident.shared.problem.ProblemType;
import dev.evident.shared.security.PublicEndpoint;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The container's error page: problem+json for API paths, a friendly page for people. No stack
 * traces, no exception messages — those go to the log.
 */
@Controller
class ErrorPages implements ErrorController {

    @RequestMapping("/error")
    @PublicEndpoint("errors must render for anyone, signed in or not")
    Object error(HttpServletRequest request, HttpServletResponse response, Model model) {
        int status = statusOf(request);
        String uri = (String) request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        if (uri != null && uri.startsWith(request.getContextPath() + "/api/")) {
            ProblemType type = typeFor(status);
            return Problems.of(type, detailFor(type), uri, List.of());
        }
        response.setStatus(status);
        model.addAttribute("status", status);
        model.addAttribute("heading", switch (status) {
            case 403 -> "You don't have access to this page";
            case 404 -> "We couldn't find that page";
            case 413 -> "That upload is too large";
            default -> status >= 500 ? "Something went wrong on our side" : "That request didn't work";
        });
        model.addAttribute("message", switch (status) {
            case 403 -> "Your role in this organization does not include this. Ask an admin if you need it.";
            case 404 -> "The link may be old, or the item may belong to another organization.";
            case 413 -> "Try a smaller file.";
            default -> status >= 500 ? "The error was logged. Try again; if it keeps happening, tell your administrator."
                    : "Go back and try again.";
        });
        return "error";
    }

    private static int statusOf(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        return code instanceof Integer i ? i : HttpStatus.INTERNAL_SERVER_ERROR.value();
    }

    private static ProblemType typeFor(int status) {
        for (ProblemType type : ProblemType.values()) {
            if (type.status().value() == status && type != ProblemType.VALIDATION_FAILED && type != ProblemType.STALE_VERSION) {
                return type;
            }
        }
        return status >= 500 ? ProblemType.INTERNAL_ERROR : ProblemType.MALFORMED_REQUEST;
    }

    private static String detailFor(ProblemType type) {
        return switch (type) {
            case NOT_FOUND -> "No such endpoint";
            case PAYLOAD_TOO_LARGE -> "The request body is too large";
            case INTERNAL_ERROR -> "Something went wrong on our side; the error was logged";
            default -> type.title();
        };
    }
}
